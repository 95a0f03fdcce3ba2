// Administrative review (行政复议) and litigation (行政诉讼) arising from disclosure applications:
// totals and, where given, outcomes ("行政复议5件（4件结果维持，1件结果纠正）"). Zero in words
// (无行政复议、行政诉讼情况; 未发生…行政复议、行政诉讼; 均为零) is 0 for each one named.
import type { TokenCache } from "./context.ts";
import { resolve, type Found } from "./resolve.ts";
import { spanOf, type Sentence, type TextIndex, type Topic } from "./text.ts";

export type Outcome = "upheld" | "corrected" | "other" | "pending";
export type ReviewField = "review_total" | "litigation_total";

export interface ReviewsResult {
  values: Partial<Record<ReviewField, Found>>;
  outcomes: { review: Partial<Record<Outcome, Found>>; litigation: Partial<Record<Outcome, Found>> };
  warnings: string[];
}

const SKIP_TOPICS: ReadonlySet<Topic> = new Set(["table", "appendix", "problems"]);
const REVIEW = /复议/;
const LITIGATION = /诉讼|起诉/;
const OTHER_NOUNS = /举报|投诉|申诉|信访|咨询|申请(?!行政复议|复议)|留言|建议|提案/;
/** Words between 复议/诉讼 and a number in the next clause that keep the number about it. */
const COUNTS_WHAT_WAS_NAMED = /^(?:案件|情况|方面|工作)?(?:数量?)?[，,：:]\s*(?:全年|本年度?|今年)?(?:共|共计|合计)?(?:发生|收到|受理|被申请|被提起|提起|有)?(?:了)?(?:案件|情况)?(?:数量?)?(?:为|是)?$/;
const BOTH = /(?:各|均|都|分别|皆)(?:为|是|有)?$/;
/** What a review or a court does to the decision: a negation of it says the outcome, not the count. */
const OUTCOME_VERB = /纠错|纠正|撤销|确认违法|变更|改变|驳回|败诉|胜诉/;
/** The count stands before the case noun: "有1件涉及政府信息公开工作的行政复议". */
const COUNT_BEFORE_NOUN = /^[^，,；;。\d]{0,24}的(行政复议|行政诉讼)(?:案件)?$/;
const OUTCOMES: [Outcome, RegExp][] = [
  ["pending", /尚未审结|未审结|审理中|正在审理|尚在审理|未结案|尚未结案|在审/],
  ["upheld", /维持|驳回/],
  ["corrected", /纠正|纠错|撤销|确认违法|责令|变更/],
  ["other", /其他|其它|终止|撤回/],
];
/** A negation that says "none" of what follows (not 尚未审结, 未经复议, 无法, 无正当理由). */
const NONE = /(?:没有|并无|均无|尚无|暂无|未(?:发生|出现|收到|接到|有|曾|被)|无(?!法|正当|一例外)|零)(?!审结|结案|经)/g;

export function extractReviews(index: TextIndex, sentences: Sentence[], cache: TokenCache, noneSections: { start: number; end: number; title: string }[]): ReviewsResult {
  const res: ReviewsResult = { values: {}, outcomes: { review: {}, litigation: {} }, warnings: [] };
  const found: Record<ReviewField, Found[]> = { review_total: [], litigation_total: [] };
  const add = (field: ReviewField, value: number, start: number, end: number, words = false, s?: Sentence) => {
    found[field].push({ value, evidence: index.evidence(field, value, start, end, s), words });
  };
  for (const s of sentences) {
    if (SKIP_TOPICS.has(s.topic) || !/复议|诉讼/.test(s.text)) continue;
    let last: ReviewField | null = null;
    for (const t of cache.of(s)) {
      if (t.kind !== "count" || t.unit === "人次") continue;
      const clause = t.lead;
      const outcome = OUTCOMES.find(([, re]) => re.test(clause) || re.test(t.trail));
      const r = REVIEW.test(clause);
      const l = LITIGATION.test(clause);
      if (outcome && last && !(r && !/结果|其中/.test(clause) && !outcome[1].test(t.trail))) {
        const group = last === "review_total" ? res.outcomes.review : res.outcomes.litigation;
        group[outcome[0]] ??= { value: t.value, evidence: index.evidence(`${last === "review_total" ? "review" : "litigation"}_outcomes.${outcome[0]}`, t.value, t.gStart, t.gEnd, s) };
        continue;
      }
      // "行政复议和行政诉讼均为0件"; "被申请复议、被提起诉讼的案件共0件": no case of either (a joint
      // count other than zero cannot be split).
      const joint = REVIEW.test(t.clause) && LITIGATION.test(t.clause) && (BOTH.test(t.clause.trim()) || (t.value === 0 && !OTHER_NOUNS.test(t.clause)));
      if (joint) {
        add("review_total", t.value, t.gStart, t.gEnd, false, s);
        add("litigation_total", t.value, t.gStart, t.gEnd, false, s);
        last = null;
        continue;
      }
      let target: ReviewField | null = null;
      const before = COUNT_BEFORE_NOUN.exec(t.trail.trim());
      if (!r && !l && before && ["件", "起", "宗", "例"].includes(t.unit ?? "")) target = before[1] === "行政复议" ? "review_total" : "litigation_total";
      else if (r || l) target = lastMention(clause);
      else if (!/[（(]/.test(s.text.slice(Math.max(0, t.start - 1), t.start))) {
        // "行政复议方面，共发生1件": the number's clause only says how many of what was named just before.
        target = lastMention(t.wide);
        const tail = target ? t.wide.slice(t.wide.lastIndexOf(target === "review_total" ? "复议" : "诉讼") + 2) : "";
        if (target && !COUNTS_WHAT_WAS_NAMED.test(tail)) target = null;
      }
      if (!target) continue;
      if (OTHER_NOUNS.test(clause.slice(clause.lastIndexOf(target === "review_total" ? "复议" : "诉讼")))) continue;
      add(target, t.value, t.gStart, t.gEnd, false, s);
      last = target;
    }
    zeroInWords(s, add);
  }
  for (const sec of noneSections) {
    const mentionsR = REVIEW.test(sec.title);
    const mentionsL = LITIGATION.test(sec.title);
    if (mentionsR || !mentionsL) add("review_total", 0, sec.start, sec.end, true);
    if (mentionsL || !mentionsR) add("litigation_total", 0, sec.start, sec.end, true);
  }
  const r = resolve(found.review_total, "行政复议数", res.warnings);
  if (r) res.values.review_total = r;
  const l = resolve(found.litigation_total, "行政诉讼数", res.warnings);
  if (l) res.values.litigation_total = l;
  return res;
}

/** Which of 复议/诉讼 is named last in a text (the one a number right after it counts). */
function lastMention(s: string): ReviewField | null {
  const r = s.lastIndexOf("复议");
  const l = Math.max(s.lastIndexOf("诉讼"), s.lastIndexOf("起诉"));
  if (r < 0 && l < 0) return null;
  return r > l ? "review_total" : "litigation_total";
}

/** "无行政复议、行政诉讼情况", "未发生…行政复议，也没有提起行政诉讼", "行政复议和行政诉讼均为零". */
function zeroInWords(s: Sentence, add: (f: ReviewField, v: number, a: number, b: number, words: boolean, s: Sentence) => void): void {
  const text = s.text;
  // Clauses: a negation covers what follows it up to the next ，；。 (、 and 和 join what it covers).
  const clauses = text.split(/(?<=[，,；;。])/);
  let at = 0;
  for (const clause of clauses) {
    const start = at;
    at += clause.length;
    if (!/复议|诉讼/.test(clause) || /\d/.test(clause.replace(/\d{4}年/g, ""))) continue;
    NONE.lastIndex = 0;
    let hit: { from: number; scope: string } | null = null;
    for (let m = NONE.exec(clause); m; m = NONE.exec(clause)) {
      const scope = clause.slice(m.index);
      if (/复议|诉讼/.test(scope.slice(0, 40))) {
        hit = { from: m.index, scope };
        break;
      }
    }
    if (!hit) {
      // "行政复议、行政诉讼均为零", "行政复议情况：无"
      const body = clause.replace(/[，,；;。]$/, "");
      if (/(?:复议|诉讼)[^。]*?(?:[：:]\s*(?:无|没有|零)|(?:均|都|各)(?:为|是)?(?:零|无)|(?:为|是)零|(?:均|都|皆)?(?:未|没有)(?:发生|出现)过?)$/.test(body)) {
        hit = { from: 0, scope: body };
      }
    }
    if (!hit) continue;
    const scope = hit.scope;
    // "该行政复议件未被复议审查机关纠错": the negation is the case's outcome (upheld), not "no case".
    if (OUTCOME_VERB.test(scope)) continue;
    const [a, b] = spanOf(s, start + hit.from, start + clause.replace(/[，,；;。]$/, "").length);
    if (REVIEW.test(scope)) add("review_total", 0, a, b, true, s);
    if (LITIGATION.test(scope)) add("litigation_total", 0, a, b, true, s);
  }
}
