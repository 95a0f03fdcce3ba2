// Proactive disclosure (主动公开): the year's total and its breakdown into categories as written.
// report-formats.md §2: total + breakdown (其中 / 包括 / 从内容分类看 / （…） / numbered lists),
// category before or after the count, approximate values, units; cumulative figures, channel
// splits, changes and percentages are never the year's total nor a topic category. A channel split
// that adds up exactly to the stated total is its breakdown (category 发布渠道, loaders/categories.ts).
import type { ActiveCategory } from "../types.ts";
import { CHANNEL_CATEGORY, categoryOf } from "../categories.ts";
import { TokenCache, type Tok } from "./context.ts";
import { ALL_CHANNELS, ANNUAL, ANNUAL_ITEM, CHANGE_BEFORE, CHANNEL, CUMULATIVE, GENERIC_LABEL, GENERIC_OBJECT, PREVIOUS_YEAR, SINCE, cleanLabel, labelEndingInVerb, SHOULD_DISCLOSE } from "./labels.ts";
import type { Evidence, Sentence, TextIndex, Topic } from "./text.ts";

export interface Channel {
  label: string;
  count: number;
  approx: boolean;
}

export interface ActiveResult {
  total: number | null;
  approx: boolean | null;
  categories: ActiveCategory[];
  channels: Channel[];
  evidence: Evidence[];
  warnings: string[];
}

const TOPICS: ReadonlySet<Topic> = new Set(["active", "overview", "general"]);
const TOPIC_RANK: Partial<Record<Topic, number>> = { active: 0, overview: 1, general: 2 };
const VERB = /主动公开|(?<!财务|政务|党务|村务|校务|厂务)公开|发布|公布|推送|更新|上传|报送|编发|刊发|挂网|刊登|公示|新增/g;
const HAS_VERB = /主动公开|公开|发布|公布|推送|更新|上传|报送|编发|刊发|挂网|刊登|公示|新增/;
/** Numbers in these clauses belong to other topics (applications, fees, consultations, meetings …). */
const OTHER_MATTER = /发布会|访谈|申请|复议|诉讼|咨询|收费|费用|投诉|举报|培训|会议|访问|点击|浏览|留言|建议|提案|信访|来电|接待|回复|答复|不予公开|泄密|失密|审查|检查|督查|考核|查阅|阅读|下载|粉丝|关注/;
const ITEM_UNITS = new Set([null, "条", "件", "项", "个", "份", "篇", "则", "条次", "件次", "宗", "次", "起", "例"]);
/** What introduces a breakdown. */
const MARKER = /其中[，,：:]?|在(?:主动)?公开的(?:政府)?信息中[，,：:]?|包括[：:]?|包含[：:]?|分别(?:为|是)[：:]?|具体(?:情况)?(?:如下|为|是|包括)[：:]?|从(?:信息)?内容(?:分类)?(?:上)?(?:来)?看[，,：:]?|按(?:信息)?(?:内容|类别|类型)(?:分类)?(?:划分|分|统计)?[，,：:]?|分类(?:情况)?(?:如下|为)[：:]?/;
const STARTS_MARKER = new RegExp(`^(?:${MARKER.source})`);
/** Words no category label contains: the text around the number is a description, not a label. */
const LABEL_NOISE = /等|制作|开展|通过|形式|方式|渠道|进行|召开|及时|全年|本年/;
const STARTS_ITEM = /^\s*(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|[（(][一二三四五六七八九十][)）])/;

type Kind = "total" | "channel" | "item" | "cumulative" | "none";

/** 主动公开, also "主动向社会公开", "主动在政务公开网上公开". */
const ZHUDONG = /主动[^，。；,;：:]{0,12}?公开/;

interface Classified {
  kind: Kind;
  strength: number;
}

function lastVerbEnd(s: string): number {
  VERB.lastIndex = 0;
  let end = -1;
  for (let m = VERB.exec(s); m; m = VERB.exec(s)) end = m.index + m[0].length;
  return end;
}

/** The last year named in a text ("2017年公开…"), or null. */
function yearIn(s: string): number | null {
  let y: number | null = null;
  for (const m of s.matchAll(/((?:19|20)\d{2})\s*年/g)) y = Number(m[1]);
  return y;
}

/**
 * Whether words that look cumulative (累计, 截至, 至今) are limited to the report's year, which they name:
 * "2023年累计发布信息120条" in the 2023 report; "2022年，数据截至12月31日" (a cut-off date, no 累计);
 * "2015年1月至今" (since the year began); "累计主动公开2009年度政府信息28条" (the object names the year).
 * Not "自2008年以来累计", not "到2015年底累计".
 */
function scopedToYear(wide: string, year: number | null): boolean {
  if (year === null) return false;
  if (!SINCE.test(wide)) return true;
  if (cutOffAtYearEnd(wide, year)) return true;
  // "截至2009年底，累计主动公开2009年度政府信息28条": the object itself names the year.
  if (new RegExp(`(?:累计|截至|截止)[^，。；,;]*?公开[^，。；,;]*${year}年度?[^，。；,;]*$`).test(wide)) return true;
  if (new RegExp(`${year}年(?:1|一)月(?:1日|一日)?(?:至今|以来|起)`).test(wide)) return true;
  return /截至|截止/.test(wide) && !/累计|历年|以来|至今|迄今|目前/.test(wide);
}

/**
 * "截至2023年12月31日，累计主动公开政府信息共186条" in the 2023 report: since the 2019 条例 a report
 * counts the calendar year (统计期限 1月1日–12月31日), and a 累计 cut off at the end of that year is
 * the year's sum. Not before 2019, when reports often gave running totals since the 条例 took effect,
 * and never with words reaching further back (历年, 以来, 至今, 目前 …).
 */
function cutOffAtYearEnd(wide: string, year: number): boolean {
  if (year < 2019) return false;
  if (!new RegExp(`(?:截至|截止|截止到|截至到)\\s*${year}\\s*年\\s*(?:12\\s*月\\s*31\\s*日|年?底|年?末)`).test(wide)) return false;
  return !/历年|以来|至今|迄今|目前|开通|运行|上线|建立|成立/.test(wide);
}

/** A text without what stands in brackets ("共主动公开政府信息（经公文平台发文）" → "共主动公开政府信息"). */
function outsideBrackets(s: string): string {
  let out = "";
  let depth = 0;
  for (const c of s) {
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function classify(t: Tok, year: number | null = null): Classified {
  const wide = t.wide;
  if (t.kind !== "count" || !ITEM_UNITS.has(t.unit)) return { kind: "none", strength: 0 };
  if (OTHER_MATTER.test(wide) || OTHER_MATTER.test(t.trail)) return { kind: "none", strength: 0 };
  const verbEnd = lastVerbEnd(wide);
  if (verbEnd < 0 && !/信息(?:总?数量?|总量)/.test(wide)) return { kind: "none", strength: 0 };
  if (CHANGE_BEFORE.test(wide)) return { kind: "none", strength: 0 };
  if (PREVIOUS_YEAR.test(wide) && !/[比较]/.test(wide)) return { kind: "none", strength: 0 };
  const named = year === null ? null : yearIn(wide);
  if (named !== null && named !== year && !/[比较]/.test(wide)) return { kind: "none", strength: 0 }; // another year's figure
  if (CUMULATIVE.test(wide) && !ANNUAL.test(wide) && !(named === year && scopedToYear(wide, year))) return { kind: "cumulative", strength: 0 };
  // "其他应主动公开政府信息856条": a category named in the 条例's words, not the act of disclosing.
  const shouldLabel = SHOULD_DISCLOSE.exec(outsideBrackets(t.lead).replace(/[“”"《》]/g, "").trim());
  if (shouldLabel) return categoryOf(shouldLabel[0]) ? { kind: "item", strength: 1 } : { kind: "none", strength: 0 };
  const strength = ZHUDONG.test(wide) ? 2 : 1;
  // The number's own clause decides ("…等平台发布信息，其中，通过公开专栏发布信息359条": a channel);
  // the words since the previous number only when the clause names no channel ("公众号（1个）发布信息88条").
  // A channel named only in brackets qualifies the object ("共主动公开政府信息（经公文平台发文）96条"): not a channel figure.
  const clause = outsideBrackets(t.clause);
  const scope = CHANNEL.test(clause) ? clause : outsideBrackets(wide);
  // "通过政府网、微信公众号共发布各类信息294条": one figure for several channels together is their total.
  const together = channelNames(scope).length >= 2 && /共|合计|总计/.test(t.clause);
  if (CHANNEL.test(scope) && !ALL_CHANNELS.test(scope) && !together) return { kind: "channel", strength };
  const object = outsideBrackets(verbEnd >= 0 ? wide.slice(verbEnd) : wide);
  if (GENERIC_OBJECT.test(object.replace(/[、，,；;：:\s]/g, ""))) {
    const after = cleanLabel(t.trail);
    if (after && !GENERIC_LABEL.test(after) && categoryOf(after)) return { kind: "item", strength };
    return { kind: "total", strength };
  }
  const label = cleanLabel(object);
  // "主动公开政府工作信息、动态755多条": several kinds named together describe the whole, not one category.
  const described = strength === 2 && /、/.test(label);
  if (label && categoryOf(label) && label.length <= 16 && !described) return { kind: "item", strength };
  if (described) return { kind: "total", strength };
  // Another object: a total only when it is information, in the verb's own clause
  // ("主动公开涉及群众切身利益的信息182条"), not "主动公开政府信息，全年共编印宣传册500份".
  // Only with 主动公开: "推动村（居）委会公开属于自治范围内的事项93项" is someone else's disclosure.
  if (strength === 2 && !/[，,；;。]/.test(object) && /(?:信息|文件|事项|内容)(?:数量?|共计?|合计|总数|为|达)*$/.test(object)) return { kind: "total", strength };
  return { kind: "none", strength: 0 };
}

/** The channel words of a clause, as written ("门户网站", "政务微信"). */
function channelLabel(s: string): string {
  return channelNames(s).join("、");
}

/** The channels a channel figure is for: those in its own clause ("门户网站和政务微信各发布96条"), or,
 * when the clause names none ("公众号（1个）发布信息88条"), those since the previous number. */
function channelsOf(t: Tok): string[] {
  const own = channelNames(t.clause);
  return own.length ? own : channelNames(t.wide);
}

const CHANNEL_G = new RegExp(CHANNEL.source, "g");
/** The channels named in a clause, in order; "政务微信公众号" is one channel (adjacent names merge). */
function channelNames(s: string): string[] {
  const out: string[] = [];
  let lastEnd = -1;
  CHANNEL_G.lastIndex = 0;
  for (let m = CHANNEL_G.exec(s); m; m = CHANNEL_G.exec(s)) {
    if (m.index !== lastEnd && !out.includes(m[0])) out.push(m[0]);
    lastEnd = m.index + m[0].length;
  }
  return out;
}

interface Candidate {
  tok: Tok;
  strength: number;
  rank: number;
  sentenceIndex: number;
  /** Says it is the year's (全年, 共, 总 …) or 主动公开, not just "公开信息N条". */
  qualified: boolean;
}

export function extractActive(index: TextIndex, sentences: Sentence[], cache: TokenCache, year: number | null = null): ActiveResult {
  const res: ActiveResult = { total: null, approx: null, categories: [], channels: [], evidence: [], warnings: [] };
  const totals: Candidate[] = [];
  const channelToks: Tok[] = [];
  let cumulative: Tok | null = null;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    if (!TOPICS.has(s.topic) || !HAS_VERB.test(s.text)) continue;
    const toks = cache.of(s);
    let sawTotal = 0; // strength of the total already found in this sentence
    let sawMarker = false;
    for (const t of toks) {
      if (!sawMarker && MARKER.test(t.wide)) sawMarker = true;
      const c = classify(t, year);
      if (c.kind === "cumulative") cumulative ??= t;
      else if (c.kind === "channel" && !sawTotal) channelToks.push(t);
      else if (c.kind === "total") {
        // After a total, or after 其中, a number is part of a breakdown unless it says it is the year's,
        // or it is the 主动公开 part of a wider total ("发布各类信息300条，其中主动公开政府信息182条").
        const stronger = c.strength > sawTotal && sawTotal > 0;
        if ((sawTotal || sawMarker) && !ANNUAL_ITEM.test(t.wide) && !stronger) continue;
        const qualified = c.strength === 2 || ANNUAL_ITEM.test(t.wide) || /共|总|合计/.test(t.wide);
        totals.push({ tok: t, strength: c.strength, rank: TOPIC_RANK[s.topic] ?? 3, sentenceIndex: si, qualified });
        sawTotal = Math.max(sawTotal, c.strength);
      }
    }
  }
  // Where the report counts by channel, a bare "公开信息115条" may be one more channel whose name we
  // do not know ("在办公平台公开信息115条"): only a figure that says it is the year's, or 主动公开, is a total.
  const eligible = channelToks.length ? totals.filter((c) => c.qualified) : totals;
  const best = pickTotal(eligible, res.warnings, (c) => corroborated(c, sentences, cache));
  if (best) takeTotal(index, res, best, sentences, cache, true, eligible);
  else {
    // A list of categories without a stated total.
    for (let si = 0; si < sentences.length && res.categories.length === 0; si++) {
      const s = sentences[si];
      if (s.topic !== "active" || OTHER_MATTER.test(s.text)) continue;
      // Without a total to anchor it, a list counts only when every label names a category.
      const toks = cache.of(s);
      const items = listItems(nested(s.text, 0, toks)).filter((i) => !i.weak);
      const cats = items.filter(isItem);
      // … and the labels are short names of at least two different categories (not highlights such
      // as "新增公开规章1件、规范性文件11件").
      const distinct = new Set(cats.map((i) => categoryOf(i.label)));
      if (cats.length >= 2 && distinct.size >= 2 && !distinct.has(null) && cats.every((i) => i.label.length <= 8)) {
        for (const it of items) addItem(index, res, it);
        // "工作动态36条、计划总结7条、其他3条，共计46条": the total after its list.
        const last = cats[cats.length - 1].tok.index;
        const sum = toks.find((t) => t.index > last && /^(?:以上)?(?:共计|合计|总计|共)$/.test(t.lead.trim()) && ITEM_UNITS.has(t.unit));
        if (sum) {
          res.total = sum.value;
          res.approx = sum.approx;
          res.evidence.push(index.evidence("active_total", sum.value, sum.gStart, sum.gEnd, s));
        }
      }
    }
  }
  if (res.total === null && totals.length === 0) totalFromChannel(index, res, channelToks, sentences, cache);
  if (res.total === null && cumulative) res.warnings.push(`只找到累计数（“${cumulative.sentence.text.slice(0, 40)}”），不作为本年主动公开数`);
  // Channels outside the breakdown (a split by channel instead of a total).
  const chosenChannels = new Set(res.channels.map((c) => c.label));
  for (const t of channelToks) {
    // "门户网站、政务微信同步公开73条": the same items on each channel, one entry per channel.
    for (const label of channelsOf(t)) {
      if (chosenChannels.has(label)) continue;
      chosenChannels.add(label);
      res.channels.push({ label, count: t.value, approx: t.approx });
      res.evidence.push(index.evidence(`active_channels.${label}`, t.value, t.gStart, t.gEnd, t.sentence));
    }
  }
  if (res.total === null && channelToks.length > 1) {
    res.warnings.push(`主动公开数只按发布渠道分列（${channelToks.map((t) => `${channelsOf(t).join("、")}${t.raw}`).join("、")}），渠道之间可能重复，不合计为总数`);
  } else if (res.total === null && channelToks.length === 1) {
    const t = channelToks[0];
    res.warnings.push(`只写了一个发布渠道的数（${channelsOf(t).join("、")}${t.raw}），不作为本年主动公开总数`);
  }
  if (res.total === null && res.categories.length === 0 && channelToks.length === 0 && !cumulative) {
    res.warnings.push("没有找到本年主动公开政府信息的总数");
  }
  return res;
}

/**
 * No total but channel figures. "通过门户网站公开各类信息46条": a figure for the one channel the report
 * counts is its total (also when it states that figure twice); with several channels, so is the only one
 * that says 主动公开 ("通过网站主动公开…81条"; the others stay channels). Several channels without that
 * ("门户网站60条，政务微信39条") stay a split: no total.
 */
function totalFromChannel(index: TextIndex, res: ActiveResult, channelToks: Tok[], sentences: Sentence[], cache: TokenCache): void {
  const first = channelToks[0];
  const oneChannel = channelToks.length > 0 && channelsOf(first).length === 1
    && channelToks.every((t) => t.value === first.value && channelsOf(t).length === 1 && channelsOf(t)[0] === channelsOf(first)[0]);
  const active = channelToks.filter((t) => ZHUDONG.test(t.clause));
  const tok = oneChannel ? first : new Set(active.map((t) => t.value)).size === 1 ? active[0] : null;
  if (!tok) return;
  // …of information ("公开栏公开各类惠农财政补贴5次" counts something else); "网站公开了3条信息": the noun after the count.
  const object = tok.clause.slice(Math.max(0, lastVerbEnd(tok.clause)));
  if (!/信息|文件|政务|内容/.test(object) && !/^(?:政府|政务)?信息/.test(tok.trail)) return;
  // "通过区政府门户网站发布工作动态信息140条": one kind on one channel, not everything published.
  const kind = cleanLabel(object);
  if (kind && !GENERIC_LABEL.test(kind) && categoryOf(kind) && !/[、等]/.test(kind)) return;
  // "同时，镇里的微信公众号也…推送信息230条": a channel counted in addition to the others is not the total.
  if (ADDITIVE.test(tok.sentence.text.slice(0, tok.start))) return;
  // A figure that does not say 主动公开, where the report counts on other channels too
  // ("经门户网站、政务新媒体等渠道发布信息数量210，由公众号推送信息96条"): one channel's share, not the total.
  if (!ZHUDONG.test(tok.clause) && otherChannelsCounted(tok, sentences, cache)) return;
  res.warnings.push(`主动公开总数取自${oneChannel ? "报告唯一的渠道数" : "报告唯一写明“主动公开”的渠道数"}（${channelsOf(tok).join("、")}${tok.raw}）`);
  const candidate = { tok, strength: 2, rank: 0, sentenceIndex: sentences.indexOf(tok.sentence), qualified: true };
  takeTotal(index, res, candidate, sentences, cache, res.categories.length === 0);
}

/** Words that add a channel to others already named ("同时", "另外", "还通过", "公众号也…"). */
const ADDITIVE = /^(?:同时|另外|此外|与此同时|另)|(?:还|也)(?:通过|在|利用|依托|充分|积极|同步)/;

/** Whether another figure on publishing is given for a kind of channel other than the figure's own
 * ("经门户网站、政务新媒体等渠道发布信息数量210"): the report counts on several channels. */
function otherChannelsCounted(tok: Tok, sentences: Sentence[], cache: TokenCache): boolean {
  const own = new Set(channelsOf(tok).map(channelFamily));
  return sentences.some((s) => TOPICS.has(s.topic) && HAS_VERB.test(s.text) && cache.of(s).some((t) => t !== tok && t.kind === "count" && ITEM_UNITS.has(t.unit)
    && channelNames(outsideBrackets(t.clause)).some((n) => channelFamily(n) !== null && !own.has(channelFamily(n)))));
}

/** Channel names of one kind (门户网站, 政府网, 网页 are the website), or null for a name that may be any (平台). */
function channelFamily(name: string): string | null {
  for (const [family, re] of CHANNEL_FAMILIES) if (re.test(name)) return family;
  return null;
}

const CHANNEL_FAMILIES: [string, RegExp][] = [
  ["web", /网站|门户网|政府网|网页|政务服务网|公开专栏/],
  ["wechat", /微信|公众号|公众账号|小程序|视频号/],
  ["weibo", /微博/],
  ["board", /公开栏|公示栏|宣传栏|公告栏|展板|显示屏|电子屏|公开专区/],
  ["media", /报刊|报纸|广播|电视|融媒体|新媒体|客户端|[Aa][Pp][Pp]|抖音|快手|短视频|头条|账号/],
  ["other", /短信|发布会|公报/],
];

/** The chosen total and, unless categories were already read, its breakdown (or that of a restatement of the same figure). */
function takeTotal(index: TextIndex, res: ActiveResult, best: Candidate, sentences: Sentence[], cache: TokenCache, withBreakdown = true, others: Candidate[] = []): void {
  res.total = best.tok.value;
  res.approx = best.tok.approx;
  res.evidence.push(index.evidence("active_total", best.tok.value, best.tok.gStart, best.tok.gEnd, best.tok.sentence));
  if (/累计/.test(best.tok.wide) && /截至|截止/.test(best.tok.wide) && !ANNUAL.test(best.tok.wide)) {
    res.warnings.push(`主动公开总数写作截至本年末的累计数（${best.tok.raw}），按本年数读取`);
  }
  if (!withBreakdown) return;
  let items = breakdown(best, sentences, cache);
  // "主动公开信息数40条。按类别统计：主动公开信息数 40条；其中…": the breakdown follows the figure's restatement.
  for (const o of others) {
    if (items.length) break;
    if (o !== best && o.tok.value === best.tok.value && o.tok.approx === best.tok.approx) items = breakdown(o, sentences, cache);
  }
  for (const it of settle(items, best.tok)) addItem(index, res, it);
}

/** A total whose breakdown adds up to it exactly (two parts at least). */
function corroborated(c: Candidate, sentences: Sentence[], cache: TokenCache): boolean {
  const parts = settle(breakdown(c, sentences, cache), c.tok).filter((i) => i.kind === "item" || i.asCategory);
  return !c.tok.approx && parts.length >= 2 && parts.every((i) => !i.tok.approx) && sumOf(parts) === c.tok.value;
}

function pickTotal(cands: Candidate[], warnings: string[], confirmed: (c: Candidate) => boolean): Candidate | null {
  if (cands.length === 0) return null;
  const better = (a: Candidate, b: Candidate) => a.rank - b.rank || b.strength - a.strength || a.sentenceIndex - b.sentenceIndex;
  const sorted = [...cands].sort(better);
  const top = sorted[0];
  const rivals = sorted.filter((c) => c.rank === top.rank && c.strength === top.strength && c.tok.value !== top.tok.value);
  if (rivals.length) {
    const said = [top, ...rivals].map((c) => c.tok.raw).join("、");
    // "发布各类信息96条，其中…（各项之和96）… 网站、微信、微博合计发布1210条，其中…（之和1535）": the
    // one figure its own breakdown adds up to is the total.
    const sure = [top, ...rivals].filter(confirmed);
    if (sure.length === 1) {
      warnings.push(`主动公开总数有多个不同的说法（${said}），取各分类之和与之相符的${sure[0].tok.raw}`);
      return sure[0];
    }
    warnings.push(`主动公开总数有多个不同的说法（${said}），无法确定，留空`);
    return null;
  }
  return top;
}

interface Item {
  kind: "item" | "channel";
  label: string;
  tok: Tok;
  /** A label read loosely (long, "…等领域信息", a verb in it, "累计"): kept only when the breakdown adds up to the total. */
  weak?: boolean;
  /** A channel part, as written ("通过门户网站公开"), recorded as a category when the parts add up to the total. */
  written?: string;
  asCategory?: boolean;
}

const isItem = (i: Item) => i.kind === "item" && !i.weak;
const sumOf = (l: Item[]) => l.reduce((s, i) => s + i.tok.value, 0);

/** What starts a new statement inside a breakdown's sentence ("…发布通知公告30条，在政务公开目录系统发布…"). */
const NEW_STATEMENT = /^(?:另外|另|此外|同时|在|并在|还在)/;

/**
 * Which parts of a breakdown are recorded. Labels read loosely, and channel parts, count only when
 * they make the parts add up to the stated total exactly (the sum is the proof that they are its
 * parts); otherwise the breakdown is the well-labelled categories alone, as written, and the channel
 * figures stay channels. A run of parts that adds up, followed by a new statement ("在…系统发布"),
 * ends the breakdown there.
 */
function settle(items: Item[], total: Tok): Item[] {
  const exact = !total.approx && items.every((i) => !i.tok.approx);
  if (!exact) return items.filter((i) => !i.weak);
  const pick = (list: Item[]): Item[] | null => {
    const strict = list.filter(isItem);
    const weak = list.filter((i) => i.kind === "item" && i.weak);
    const channels = list.filter((i) => i.kind === "channel");
    if (strict.length && sumOf(strict) === total.value) return [...strict, ...channels];
    for (const extra of [weak, channels, [...weak, ...channels]]) {
      const parts = [...strict, ...extra];
      if (extra.length && parts.length >= 2 && sumOf(parts) === total.value) {
        const chosen = new Set(parts);
        return list.filter((i) => chosen.has(i) || i.kind === "channel").map((i) => (i.kind === "channel" && chosen.has(i) ? { ...i, asCategory: true } : i));
      }
    }
    return null;
  };
  const whole = pick(items);
  if (whole) return whole;
  for (let k = 2; k < items.length; k++) {
    const starts = (i: Item) => NEW_STATEMENT.exec(i.tok.clause.trim())?.[0];
    const word = starts(items[k]);
    if (!word || items.slice(0, k).some((i) => starts(i) === word)) continue;
    const head = pick(items.slice(0, k));
    if (head) return head;
  }
  return items.filter((i) => !i.weak);
}

/** The breakdown of the chosen total: in its parentheses, after a marker, or in the sentences that follow. */
function breakdown(best: Candidate, sentences: Sentence[], cache: TokenCache): Item[] {
  const s = best.tok.sentence;
  const toks = cache.of(s);
  const after = toks.slice(best.tok.index + 1);
  let items: Item[] = [];
  const rest = s.text.slice(best.tok.end);
  if (/^\s*[（(]/.test(rest)) {
    const open = best.tok.end + rest.search(/[（(]/) + 1;
    const close = matchingParen(rest);
    const limit = s.text.length - rest.length + (close < 0 ? rest.length : close);
    items = listItems(nested(s.text, open, after.filter((t) => t.end <= limit)));
  }
  if (items.length === 0 && after.length) {
    const fromMarker = MARKER.test(rest);
    const listed = listItems(nested(s.text, best.tok.end, after));
    // Without a marker, the numbers after a total are a breakdown only when they read as one, and
    // not when a verb starts a new statement first ("…5500余条，全年新增公开规章1件、文件11件").
    const between = listed.length ? s.text.slice(best.tok.end, listed[0].tok.start) : "";
    // A part larger than the total is not one of its parts ("对外公示2022年度政务88条，此外办理行政许可决定1200个").
    const parts = listed.filter(isItem);
    const fits = best.tok.approx || parts.every((i) => i.tok.value <= best.tok.value);
    if (fromMarker || (parts.length >= 2 && fits && !HAS_VERB.test(between))) items = listed;
  }
  if (!items.some(isItem)) {
    const endsWithColon = /[：:]\s*$|如下\s*[：:]?\s*$/.test(s.text);
    for (let k = best.sentenceIndex + 1; k < sentences.length; k++) {
      const next = sentences[k];
      const text = next.text.trim();
      const marker = STARTS_MARKER.test(text);
      const listLine = STARTS_ITEM.test(text);
      const nt = cache.of(next);
      const listed = listItems(nested(next.text, 0, nt));
      const asList = listed.filter(isItem).length >= 2 && nt.every((t) => !totalLike(t));
      if (marker || listLine || (k === best.sentenceIndex + 1 && (endsWithColon || asList))) {
        if (marker && nt.length === 0 && /[：:]\s*$/.test(text)) continue; // "其中：" on its own line
        if (listed.length === 0 && !marker) break;
        items.push(...listed);
        if (!listLine && !marker && !asList) break;
        continue;
      }
      break;
    }
  }
  return items;
}

/** Tokens not inside a bracket opened after `from` ("工作动态80条（含图片新闻20条）": 20 is not an item). */
function nested(text: string, from: number, toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  let i = from;
  for (const t of toks) {
    for (; i < t.start; i++) {
      const c = text[i];
      if (c === "（" || c === "(") depth++;
      else if ((c === "）" || c === ")") && depth > 0) depth--;
    }
    if (depth === 0) out.push(t);
  }
  return out;
}

/** Index of the bracket closing the one that opens `s` (nested （3） inside allowed), or -1. */
function matchingParen(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "（" || c === "(") depth++;
    else if (c === "）" || c === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function totalLike(t: Tok): boolean {
  return classify(t).kind === "total" && /主动公开|共|总/.test(t.wide);
}

/** A channel part as written, without the words that introduce it ("其中，通过门户网站公开" → "通过门户网站公开"). */
function writtenChannel(lead: string): string {
  return lead.replace(/^(?:其中|包括|分别为|分别是|[，,：:、；;\s])+/, "").replace(/(?:共计|共|计|合计|为)\s*$/, "").trim();
}

/** Category and channel items of a run of tokens (label before or after the count). */
function listItems(toks: Tok[]): Item[] {
  const out: Item[] = [];
  for (const t of toks) {
    if (t.kind !== "count" || !ITEM_UNITS.has(t.unit)) continue;
    if (CHANGE_BEFORE.test(t.wide)) continue;
    // "业务公开累计80条": 累计 ending a label sums that kind (read loosely); over more than the year, no item.
    const summed = CUMULATIVE.test(t.lead);
    if (summed && (SINCE.test(t.lead) || !/累计\s*$/.test(t.lead))) continue;
    const lead = summed ? t.lead.replace(/累计\s*$/, "") : t.lead;
    // "社保、救济类信息10条": one label joined by 、 (no number between its parts).
    const source = /\p{Script=Han}、\p{Script=Han}/u.test(t.clause) && !/\d/.test(t.clause) ? t.clause : lead;
    const plain = cleanLabel(source);
    const after = plain ? "" : cleanLabel(t.trail);
    // "预决算公开10条", "政策解读发布10条": a label that ends in its verb (read loosely: "提案办理结果公开3条"
    // after a total may be one more highlight, not a part). Not "共公开54条工作动态": the label follows.
    const verbLabel = plain || after ? "" : labelEndingInVerb(source);
    const leadLabel = plain || verbLabel;
    // 建议提案 is a category; 申请, 咨询 … are other matters (unless the label names a category).
    if (OTHER_MATTER.test(t.lead) && !(leadLabel && categoryOf(leadLabel))) continue;
    const channel = CHANNEL.test(t.lead) || (!leadLabel && CHANNEL.test(t.trail));
    if (channel) {
      out.push({ kind: "channel", label: channelLabel(CHANNEL.test(t.lead) ? t.lead : t.trail), tok: t, written: writtenChannel(CHANNEL.test(t.lead) ? t.lead : `${t.raw}${t.trail}`) });
      continue;
    }
    // "“延安日报”发布动态19条": an account or outlet named in quotes is where, not what.
    const outlet = /[“"「]([^”"」]{1,16})[”"」]\s*(?:发布|推送|刊发|刊登|转载|转发)/.exec(t.lead);
    if (outlet) {
      out.push({ kind: "channel", label: outlet[1], tok: t, written: writtenChannel(t.lead) });
      continue;
    }
    const label = plain || after || verbLabel;
    if (!label || label.length > 60 || ANNUAL.test(label) || GENERIC_LABEL.test(label)) continue;
    // "上年度的信息公开年度报告1条" is a kind published this year; "上年150条" is last year's figure.
    if (PREVIOUS_YEAR.test(label) && !categoryOf(label)) continue;
    // "行政执法检查等具体行政行为类信息11条": a label written as "…类信息" is a category even with 等 in it.
    const typed = /类(?:的)?信息\s*$|类\s*$/.test(t.lead);
    const weak = summed || verbLabel !== "" || label.length > 16 || (HAS_VERB.test(label) && !categoryOf(label)) || (LABEL_NOISE.test(label) && !typed);
    out.push({ kind: "item", label, tok: t, weak });
  }
  return out;
}

function addItem(index: TextIndex, res: ActiveResult, it: Item): void {
  const t = it.tok;
  if (it.kind === "channel" && it.asCategory) {
    const label = it.written || it.label;
    res.categories.push({ label, category: CHANNEL_CATEGORY, count: t.value, approx: t.approx });
    res.evidence.push(index.evidence(`active_categories.${label}`, t.value, t.gStart, t.gEnd, t.sentence));
    return;
  }
  if (it.kind === "channel") {
    for (const label of it.label.split("、")) {
      res.channels.push({ label, count: t.value, approx: t.approx });
      res.evidence.push(index.evidence(`active_channels.${label}`, t.value, t.gStart, t.gEnd, t.sentence));
    }
    return;
  }
  let category = categoryOf(it.label);
  if (!category) {
    category = "其他";
    res.warnings.push(`主动公开分类“${it.label}”无法归入分类体系，暂记为“其他”`);
  }
  res.categories.push({ label: it.label, category, count: t.value, approx: t.approx });
  res.evidence.push(index.evidence(`active_categories.${it.label}`, t.value, t.gStart, t.gEnd, t.sentence));
}
