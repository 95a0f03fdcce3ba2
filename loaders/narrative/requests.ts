// Applications (依申请公开): received, carried over from last year, answered (办结/答复), carried
// forward, and the outcomes where stated (予以公开, 部分公开, 不予公开 …). Zero stated in words
// (没有接到…申请, 未收到…申请, 依申请办理事项为零, 零申请, 0件次) is 0, keeping the text as evidence.
// report-formats.md §2. A number is taken only where the words say which of these it is.
import type { TokenCache } from "./context.ts";
import { spanOf, type Sentence, type TextIndex, type Topic } from "./text.ts";
import { resolve, type Found } from "./resolve.ts";

export type RequestField = "requests_new_total" | "requests_carried_total" | "requests_handled_total" | "requests_forward_total";
export type RequestOutcome = "granted" | "partial" | "refused" | "not_ours" | "not_exist" | "other";

export type { Found };

export interface RequestsResult {
  values: Partial<Record<RequestField, Found>>;
  outcomes: Partial<Record<RequestOutcome, Found>>;
  warnings: string[];
}

const TOPICS: ReadonlySet<Topic> = new Set(["requests", "overview", "general", "active", "management", "other"]);
const NOT_REQUESTS = /复议|诉讼|咨询|投诉|举报|信访|来电|来访|留言|建议|提案|收费|费用|主动公开/;
/** Applicants and channels: a split of the applications, never their total. */
const SPLIT = /当面|网络|网上|在线|信函|邮寄|传真|电子邮件|电邮|电话|现场|书面|口头|自然人|公民|法人|企业|组织|个人/;

const COUNT_ONLY = /^(?:全年|本年度?|今年)?(?:共|共计|合计|总计|累计)?(?:计|为|有|达)?$/;
const RECEIVED = /收到|接到|受理|接收|新收|提出|办理/;
const CHANNELS = /当面|网络|网上|在线|信函|邮寄|传真|电子邮件|电邮|电话|现场|书面|口头/;
const CARRIED = /(?:上年|上一年|上年度|去年|往年|以前年度)[^，。；,;]{0,10}(?:结转|转结|遗留|未办结|结余)|结转自上年|上年结转/;
const FORWARD = /(?:结转|转入|转至|转到|留待|顺延)[^，。；,;]{0,8}(?:下年|下一年|明年|次年|下一年度|\d{4}年)|尚在办理|正在办理|仍在办理|尚未办结|未办结|办理中/;
const HANDLED = /办结|答复|办理完毕|处理完毕|已办理|已处理|作出(?:了)?(?:书面)?答复|予以答复|回复/;
const NEW = /收到|接到|受理|接收|新收|提出|共有|申请(?:的)?(?:数量?|总数|总量|共计|合计|共|为|有)|依申请公开(?:政府)?信息|依申请公开(?:的)?(?:事项|件|申请)|依申请(?:办理)?(?:事项|件)|办理(?:了)?(?:政府信息公开|依申请)|依申请(?:公开)?(?:政府)?(?:信息)?(?:事项|件|申请)?(?:共|共计|合计|数量?为?|为)?$/;
const OUTCOMES: [RequestOutcome, RegExp][] = [
  ["partial", /部分公开/],
  ["refused", /不予公开|不同意公开|不公开/],
  ["granted", /予以公开|同意公开|全部公开|已公开|公开答复/],
  ["not_ours", /不属于|非本(?:行政)?机关/],
  ["not_exist", /不存在|不掌握|无法提供/],
  ["other", /其他途径|告知|不予处理|重复申请|其他处理/],
];

/** Zero in words. The middle must not turn it into something else (未按时答复的申请 is not "no application"). */
const ZERO = [
  /(?:没有|未|无|尚无|暂无|并无|均未)(?:收到|接到|受理|接收|发生|出现|人提出|人|有)?(?:任何|过)?[^，。；,;！]{0,20}?申请/g,
  /依申请(?:公开)?[^，。；,;]{0,14}(?:为零|为0|为“零”|是零|均为零|数为零|为“0”)/g,
  /零申请|申请(?:数量?|件数)?(?:均)?为零|零报告/g,
  /申请[^，。；,;]{0,12}[：:]\s*(?:无|没有|零)(?=[。；;]|$)/g,
  // "未收到居民要求公开政府信息的请求" (read only where applications are the topic, or named).
  /(?:没有|未|尚无|暂无|并无)(?:收到|接到|受理)(?:任何|过)?[^，。；,;！]{0,12}?要求公开/g,
];
const ZERO_SPOILERS = /答复|办结|超期|逾期|延期|不予|拒绝|按时|范围|驳回|无法|正当理由|复议|诉讼|告知/;

export function extractRequests(index: TextIndex, sentences: Sentence[], cache: TokenCache, noneSections: { start: number; end: number }[]): RequestsResult {
  const res: RequestsResult = { values: {}, outcomes: {}, warnings: [] };
  const found: Partial<Record<RequestField, Found[]>> = {};
  const add = (field: RequestField, value: number, start: number, end: number, words = false, s?: Sentence) => {
    (found[field] ??= []).push({ value, evidence: index.evidence(field, value, start, end, s), words });
  };
  for (const s of sentences) {
    if (!TOPICS.has(s.topic) && s.topic !== "requests") continue;
    const mentions = /申请/.test(s.text);
    if (!mentions && s.topic !== "requests") continue;
    // Numbers
    const toks = cache.of(s);
    let sawNew = false;
    for (const t of toks) {
      if (t.kind !== "count" || t.unit === "个") continue;
      const wide = t.wide;
      const clause = t.lead;
      if (NOT_REQUESTS.test(clause) || (NOT_REQUESTS.test(wide) && !/申请/.test(clause))) continue;
      if (!/申请/.test(wide) && !(s.topic === "requests" || /申请/.test(s.text.slice(0, t.start)))) continue;
      // The number's own words first: "（含上年度结转申请34件，另有103件顺延到下年度答复）" — 103 goes forward,
      // though the words since the previous number outside the brackets name last year's.
      const forward = FORWARD.test(clause) || FORWARD.test(t.trail);
      if (CARRIED.test(wide) && !forward) {
        add("requests_carried_total", t.value, t.gStart, t.gEnd, false, s);
        continue;
      }
      if (forward || FORWARD.test(wide)) {
        add("requests_forward_total", t.value, t.gStart, t.gEnd, false, s);
        continue;
      }
      const outcome = OUTCOMES.find(([, re]) => re.test(clause) || (/^(?:其中|包括|有|，|\s)*$/.test(clause) && re.test(t.trail)));
      if (outcome && (sawNew || !NEW.test(clause))) {
        res.outcomes[outcome[0]] ??= { value: t.value, evidence: index.evidence(`request_outcomes.${outcome[0]}`, t.value, t.gStart, t.gEnd, s) };
        continue;
      }
      if (sawNew && SPLIT.test(clause)) continue; // 其中当面申请3件
      const handled = HANDLED.test(clause);
      // The clause says "received", or only how many of what the clause before named ("…申请，共计3件").
      let isNew = NEW.test(t.clause) || (!handled && NEW.test(wide) && COUNT_ONLY.test(t.clause.trim()));
      // "依申请公开4条" counts items disclosed, not applications: a bare 依申请 with 条 needs a verb of receiving.
      if (isNew && t.unit === "条" && !RECEIVED.test(wide)) isNew = false;
      if (handled) add("requests_handled_total", t.value, t.gStart, t.gEnd, false, s);
      if (isNew && !sawNew) {
        if (CHANNELS.test(clause) && !/共|总|全年|本年|合计/.test(wide)) continue;
        add("requests_new_total", t.value, t.gStart, t.gEnd, false, s);
        sawNew = true;
      }
    }
    // Zero in words
    for (const re of ZERO) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        if (ZERO_SPOILERS.test(m[0])) continue;
        if (/零报告/.test(m[0]) && !mentions && s.topic !== "requests") continue;
        const clauseEnd = s.text.slice(m.index).search(/[，。；,;]/);
        const clause = s.text.slice(m.index, clauseEnd < 0 ? undefined : m.index + clauseEnd);
        if (/复议|诉讼/.test(clause)) continue;
        add("requests_new_total", 0, ...spanOf(s, m.index, m.index + m[0].length), true, s);
      }
    }
  }
  for (const sec of noneSections) add("requests_new_total", 0, sec.start, sec.end, true);
  for (const [field, list] of Object.entries(found) as [RequestField, Found[]][]) {
    const r = resolve(list, FIELD_NAMES[field], res.warnings);
    if (r) res.values[field] = r;
  }
  return res;
}

const FIELD_NAMES: Record<RequestField, string> = {
  requests_new_total: "本年收到的申请数",
  requests_carried_total: "上年结转的申请数",
  requests_handled_total: "办结（答复）的申请数",
  requests_forward_total: "结转下年度的申请数",
};
