// The township a report is about: from its title lines, else the signature at the end
// ("XX镇人民政府" above the date), else the opening sentence ("现公布XX镇人民政府2018年度…"),
// else a listed name written without its ending in the title ("张家坡2018年…"), else a listed
// township named by the file or its folder, else the one listed township the text keeps naming
// (and calling itself 我镇/我乡…) when nothing else names it.
//
// A name is the stem plus its ending (镇, 乡, 街道, 苏木; 民族乡 such as XX满族乡 end in 乡);
// XX街道办事处 and XX街办 are written XX街道, and XX街 stands for a listed XX街道. Villages (村) and
// counties never qualify: a county name has none of these endings, and XX县乡镇 is a plural, not a place.
//
// A name is a place name, never a piece of a sentence ("请与XX镇", "由XX镇", "现公开XX街道"): a
// listed name wins when it starts at a boundary or after a pair of characters that no place name
// has; a name found in no list is kept only when nothing in it looks like prose.
import { canonicalTownship } from "./places.ts";

export type IsKnown = (name: string) => boolean;

/** What the name lists know, for telling a name from the words around it. */
export interface Lexicon {
  /** Listed township names (user places and gazetteer, variants included). */
  known?: IsKnown;
  /** Names that differ from a listed one only in their ending (南薰乡 for a listed 南薰镇): renamed units. */
  knownStem?: IsKnown;
  /** True when the two characters stand side by side in some listed place name. */
  pair?: IsKnown;
  /** Listed names without a township ending (a places file's 岚东经济开发区). */
  extra?: readonly string[];
  /** Receives the candidates turned down as prose (for the warning when nothing else names the township). */
  rejected?: string[];
}

export interface TownshipOptions extends Lexicon {
  /** Listed province, city and county names: a county's short name is not a township stem. */
  isAdmin?: IsKnown;
  /** The file's path: its file and folder names are a late fallback. */
  path?: string;
}

export interface TownshipFinding {
  name: string | null;
  source: "title" | "signature" | "opening" | "path" | "mentions" | null;
  warnings: string[];
}

const SUFFIX = /街道办事处|街道|街办事处|街办|苏木|镇|乡|街/g;
/** What may follow a township name in a title or signature. */
const AFTER = /^(?:$|人民政府|政府|办事处|党委|党政|委员会|关于|政务|信息|工作|年度|年报|(?:19|20)\d{2}|二[〇○零0O]|[\s_|｜\-—–·,，。、：:（()）《》>＞”"])/;
/**
 * Where a prefix may end for the name to start after it: an administrative level, a year, or a
 * lead-in word (关于, 现公布, 中共, 由, 请与). Not any character: 东城关镇 must not yield 城关镇.
 */
const BOUNDARY = /(?:[省市县区旗州盟年度]|关于|印发|公布|发布|现将|中共|编制|根据|了|政府|办事处|由|请与|包括|汇总|主页|首页)$/;
/** Words that are not a township (全镇, 我乡, 各街道). */
const GENERIC = /^(?:[全我本该各每此某乡镇城村][镇乡]|[全我本该各每此某](?:街道|苏木))$/;
/** Endings of words that only look like a township (推进乡镇, 统筹城乡): not checked for listed names. */
const PLURAL = /(?:乡镇|城乡)$/;
/** A stem that itself ends like a township: a list of levels (乡镇街道, 苏木镇, 苏木乡镇), not a name. */
const STACKED = /(?:乡|镇|苏木|街道)$/;
/**
 * Prose inside an unlisted candidate: characters that (almost) no township name has (由 and 与 are
 * in fewer than ten of 41,352 listed names, 请 and 了 in none) and words of the report's sentences.
 */
export const PROSE_CHARS = /[的了与由请在是及为据编系按推括页]/;
/** Words of the reports' sentences that no listed place name contains (tested against the gazetteer). */
export const PROSE_WORDS = /公开|公布|报告|信息|工作|政府|政务|包括|推动|推进|积极|联系|根据|主页|首页|网站|年度|本年|全年|今年|以来|街道|办事处|通过|经过|利用|组织|召开|协助|配合|结合|围绕|落实|加强|做好|开展|建立|完善|健全|设立|成立|及时|全面|认真/;
const looksLikeProse = (s: string) => PROSE_CHARS.test(s) || PROSE_WORDS.test(s);
/** Traditional endings a mirror may keep when the page as a whole was not converted. */
const TRADITIONAL_ENDINGS: Record<string, string> = { 鎮: "镇", 鄉: "乡", 辦: "办", 處: "处", 縣: "县", 區: "区" };
const HAN_RUN = /[\u4e00-\u9fff]+$/;
/** Longest stem considered (喇叭沟门满族乡, 大堡子彝族苗族乡 and a county before them). */
const MAX_RUN = 24;
/** Longest stem of a name found in no list (listed names may be longer, with their county). */
const MAX_UNLISTED_STEM = 10;

export interface Found {
  name: string;
  end: number;
  /** In a list (or a renamed listed unit), not only shaped like a name. */
  listed: boolean;
}

/**
 * Township names in one line, in order of appearance. `anyAfter`: also names followed by running
 * text (the body), not only by what may follow a name in a title.
 */
export function townshipsInLine(line: string, lex: Lexicon = {}, anyAfter = false): Found[] {
  const s = line.replace(/\s+/g, "").replace(/[鎮鄉辦處縣區]/g, (c) => TRADITIONAL_ENDINGS[c]);
  const found: Found[] = [];
  for (const name of lex.extra ?? []) {
    const i = s.indexOf(name);
    if (i !== -1) found.push({ name, end: i + name.length, listed: true });
  }
  for (const m of s.matchAll(SUFFIX)) {
    const end = m.index! + m[0].length;
    // 乡镇, 镇街, 苏木镇, 苏木乡镇: levels listed together, the first of them no ending.
    if (/^(?:乡镇|镇街|苏木[镇乡])/.test(s.slice(m.index!, m.index! + 3))) continue;
    if (!anyAfter && !AFTER.test(s.slice(end, end + 6))) continue;
    let run = (HAN_RUN.exec(s.slice(Math.max(0, m.index! - MAX_RUN), m.index!))?.[0] ?? "");
    // "2016年度镇政府…": the 年度 belongs to the year before it, not to a name.
    if (/\d$/.test(s.slice(0, m.index! - run.length))) run = run.replace(/^(?:年度|年|月|日)/, "");
    const picked = pickName(run + m[0], m[0], lex);
    if (picked) found.push({ ...picked, end });
  }
  return found.sort((a, b) => a.end - a.name.length - (b.end - b.name.length));
}

/** The ending a suffix stands for: 街道 (also 街道办事处, 街办), 街 (a listed XX街道 written XX街), 镇, 乡, 苏木. */
function endingOf(suffix: string): string {
  if (suffix === "街道办事处" || suffix === "街办") return "街道";
  if (suffix === "街办事处") return "街";
  return suffix;
}

/**
 * The name inside a run of characters ending with a township suffix: the longest listed name
 * starting at a boundary, else the longest listed name after prose and a pair of characters no
 * place name has ("请与|大峃镇"); else (not in any list) the shortest one with a stem of two
 * characters, unless it looks like prose (then `lex.rejected` gets the run).
 */
function pickName(run: string, suffix: string, lex: Lexicon): { name: string; listed: boolean } | null {
  const { known, knownStem, pair } = lex;
  const stemEnd = run.length - suffix.length;
  const ending = endingOf(suffix);
  const startsOk = (start: number) => start === 0 || BOUNDARY.test(run.slice(0, start));
  const listedAt = (start: number): string | null => {
    const stem = run.slice(start, stemEnd);
    // XX街 is XX街道 or XX街街道 (前进街街道): taken only when exactly one of them is listed.
    const forms = ending === "街" ? [stem + "街道", stem + "街街道"] : [canonicalTownship(stem + ending)];
    const listed = forms.filter((n) => !GENERIC.test(n) && (known?.(n) || (!STACKED.test(stem) && stem.length >= 2 && knownStem?.(n))));
    return listed.length === 1 ? listed[0] : null;
  };
  if (known || knownStem) {
    for (let start = 0; start < stemEnd; start++) {
      if (!startsOk(start)) continue;
      const name = listedAt(start);
      if (name) return { name, listed: true };
    }
  }
  // "请与|大峃镇", "现公开|钢花村街道": a listed name after a pair of characters that no place
  // name has, with prose before it. Without prose ("雾|柳坪镇") the whole may be an unlisted
  // name: kept below when one character precedes, else ("皇冠体育|北城街道") not decided.
  const after = pair && (known || knownStem) ? listedAfterJunction(run, stemEnd, pair, listedAt) : null;
  if (after && looksLikeProse(run.slice(0, after.start))) return { name: after.name, listed: true };
  if (after && after.start > 1) {
    lex.rejected?.push(run);
    return null;
  }
  if (ending === "街" || stemEnd < 1) return null;
  // "保证了全乡", "汇报我镇": the run ends with a word for the township in general.
  if (GENERIC.test(run.slice(stemEnd - 1, stemEnd) + ending)) return null;
  for (let start = stemEnd - 2; start >= 0; start--) {
    if (!startsOk(start)) continue;
    // Not in any list: a run cut at MAX_RUN is prose, not a name, and neither is "…汇报我镇".
    if (start === 0 && stemEnd >= MAX_RUN) return null;
    const stem = run.slice(start, stemEnd);
    const name = canonicalTownship(stem + ending);
    if (stem.length > MAX_UNLISTED_STEM || /[我本该此每各]$/.test(run.slice(0, stemEnd))) return null;
    if (GENERIC.test(name) || PLURAL.test(name) || STACKED.test(stem) || /^关于/.test(name)) return null;
    if (looksLikeProse(stem)) {
      lex.rejected?.push(run);
      return null;
    }
    return { name, listed: false };
  }
  return null;
}

/** The longest listed name in `run` that starts right after a pair of characters no place name has. */
function listedAfterJunction(run: string, stemEnd: number, pair: IsKnown, listedAt: (start: number) => string | null): { name: string; start: number } | null {
  for (let start = 1; start < stemEnd; start++) {
    if (pair(run[start - 1] + run[start])) continue;
    const name = listedAt(start);
    if (name) return { name, start };
  }
  return null;
}

/** A line of running text, not a title: it ends a sentence, or has a comma and some length. */
export function isSentence(line: string): boolean {
  return /[。；;]/.test(line) || (/[，,]/.test(line) && line.length > 20);
}

/** The first township named in the title lines (a title split over two lines is joined). */
export function townshipFromTitle(titleLines: string[], lex: Lexicon = {}): string | null {
  const lines = titleLines.map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "");
  // The line that names the report first (a breadcrumb or a menu may name another unit), then the rest.
  const naming = lines.filter((l) => /报告|年报/.test(l));
  for (const line of [...naming, ...lines]) {
    // A sentence among the first lines ("本报告…汇报我镇2023年…") is prose, not a title.
    if (isSentence(line)) continue;
    const own = townshipsInLine(line, lex);
    if (own.length) return own[0].name;
  }
  // "沂源县张家" + "坡镇2018年…": a title broken inside the name. Only listed names, since a
  // guessed one would run into the line before ("…人民政府" + "上坪乡…").
  const { known } = lex;
  if (!known) return null;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].length > 40) continue;
    const spanning = townshipsInLine(lines[i] + lines[i + 1], { ...lex, rejected: undefined })
      .find((f) => f.end > lines[i].length && f.end - f.name.length < lines[i].length && known(f.name));
    if (spanning) return spanning.name;
  }
  return null;
}

/** Lines at the end searched for the signature. */
const SIGNATURE_LINES = 12;
const ORG = /(?:人民政府|政府|办事处)$/;

/** "张家坡镇人民政府" on its own line near the end (a date may follow on the same line). */
export function townshipFromSignature(text: string, lex: Lexicon = {}): string | null {
  const lines = text.split("\n").map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "").slice(-SIGNATURE_LINES);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(/(?:\d{4}|[〇○零0O一二三四五六七八九]{4})年.{1,8}日$/, "").replace(/[（(]?(?:盖章|公章)[)）]?$/, "");
    if (line.length > 30 || !ORG.test(line) && !/(?:镇|乡|街道|苏木)$/.test(line)) continue;
    const found = townshipsInLine(line, lex).at(-1);
    if (found && found.end >= line.replace(ORG, "").length) return found.name;
  }
  return null;
}

/** After a name in the opening, what makes it the report's own: its government, or the report's year and title. */
const OWN_AFTER = /^(?:人民政府|政府|办事处|(?:19|20)\d{2}年度?[^。；;]{0,24}?(?:年度报告|年报|工作报告))/;

/** The opening lines: "现公布张家坡镇人民政府2018年度…", "现公布张家坡镇2018年政府信息公开工作年度报告". */
export function townshipFromOpening(text: string, lex: Lexicon = {}): string | null {
  const head = text.slice(0, 600);
  for (const line of head.split("\n")) {
    const s = line.replace(/\s+/g, "");
    for (const f of townshipsInLine(s, lex)) {
      if (OWN_AFTER.test(s.slice(f.end)) || s.slice(f.end - 5, f.end) === "街道办事处") return f.name;
    }
  }
  return null;
}

/**
 * A title that drops the ending ("张家坡2018年政府信息公开年报", "张家坡人民政府2018年…"): the
 * name is taken only when exactly one ending makes it a listed name.
 */
export function townshipFromBareTitle(titleLines: string[], known?: IsKnown, isAdmin?: IsKnown): string | null {
  if (!known) return null;
  for (const raw of titleLines) {
    const line = raw.replace(/\s+/g, "").replace(/^关于/, "");
    const m = /^([\u4e00-\u9fff]{2,16}?)(?:人民政府|政府)?(?=(?:19|20)\d{2}|二[〇○零0O])/.exec(line);
    if (!m) continue;
    const names = new Set<string>();
    for (let start = 0; start <= m[1].length - 2; start++) {
      if (start > 0 && !BOUNDARY.test(m[1].slice(0, start))) continue;
      const stem = m[1].slice(start);
      // 桓台2018年…: a county's short name, not a township's.
      if (isAdmin && ["县", "区", "市", "旗"].some((level) => isAdmin(stem + level))) continue;
      for (const ending of ["镇", "乡", "街道", "苏木"]) {
        const name = stem + ending;
        if (known(name)) names.add(name);
      }
      if (names.size) break;
    }
    if (names.size === 1) return [...names][0];
  }
  return null;
}

/**
 * A listed township named by the file's own name or a folder ("reports/桐川县/峡口乡/…"), the
 * deepest first. Only names in the places lists count: a folder name is not checked otherwise.
 */
export function townshipFromPath(path: string, lex: Lexicon = {}): string | null {
  const { known } = lex;
  if (!known) return null;
  const segments = path.split(/[\\/]/).map((s) => s.replace(/\.[A-Za-z0-9]{1,5}$/, "")).reverse();
  for (const seg of segments) {
    const found = townshipsInLine(seg, { ...lex, rejected: undefined }).find((f) => known(f.name));
    if (found) return found.name;
  }
  return null;
}

/** How a report refers to itself, by the ending of its unit: 我镇, 本乡, 全街道, 我苏木. */
const SELF: Record<string, RegExp> = {
  镇: /[我本全该]镇/g, 乡: /[我本全该]乡(?!镇)/g, 街道: /[我本全该]街道/g, 苏木: /[我本全该]苏木/g,
};
/** A county, city or department speaking of itself: its report is not a township's. */
const HIGHER_SELF = /我(?:县|区|市|旗|委|局|厅)|本(?:县|区|旗|委|局|厅)/;

/**
 * A title naming a unit that is no township ("沭阳县人民政府2025年…", "某县农业农村局2020年…"):
 * its report names townships in passing, none of them its own.
 */
export function namesOtherUnit(line: string): boolean {
  const s = line.replace(/\s+/g, "");
  if (isSentence(s)) return false;
  return /报告|年报/.test(s) && /(?:[县区市旗州盟局委厅]|(?<!镇|乡|街道|苏木|街|办事处)(?:人民政府|政府)|委员会|办公室|中心)(?:(?:19|20)\d{2}|二[〇○零0O])/.test(s);
}

/**
 * How a report without any name speaks of itself: as a township (我镇, 本乡, 全街道…), never as a
 * county, city, province or department (我县, 我市, 我省, 我局), the word it uses most; else null.
 */
export function townshipSelfWord(text: string): string | null {
  if (HIGHER_SELF.test(text) || /[我本]省/.test(text)) return null;
  const counts = Object.values(SELF).flatMap((re) => text.match(re) ?? []);
  if (counts.length === 0) return null;
  const byWord = new Map<string, number>();
  for (const w of counts) byWord.set(w, (byWord.get(w) ?? 0) + 1);
  return [...byWord].sort((a, b) => b[1] - a[1])[0][0];
}

function endingFamily(name: string): string {
  return /街道$/.test(name) ? "街道" : /苏木$/.test(name) ? "苏木" : /镇$/.test(name) ? "镇" : "乡";
}

/**
 * The township a report without title, signature or opening keeps naming: listed names (or renamed
 * listed units) found anywhere in the text, such as "请与XX镇党政办联系" or "2025年XX街道…". Taken
 * only when the report calls itself by the same ending (我镇 for a 镇; a 街道 report speaks of
 * 街道, so only the absence of 我镇/我乡 is asked), never speaks as a county or department (我县,
 * 我局), and one name clearly dominates.
 */
export function townshipFromMentions(text: string, lex: Lexicon = {}): string | null {
  if (HIGHER_SELF.test(text)) return null;
  const self = Object.fromEntries(Object.entries(SELF).map(([k, re]) => [k, text.match(re)?.length ?? 0]));
  const counts = new Map<string, { n: number; own: boolean }>();
  for (const line of text.split("\n")) {
    const s = line.replace(/\s+/g, "");
    for (const f of townshipsInLine(s, { ...lex, rejected: undefined }, true)) {
      if (!f.listed) continue;
      const c = counts.get(f.name) ?? { n: 0, own: false };
      counts.set(f.name, { n: c.n + 1, own: c.own || OWN_NEXT.test(s.slice(f.end)) });
    }
  }
  const fits = (name: string) => {
    const family = endingFamily(name);
    const others = Object.entries(self).filter(([k]) => k !== family && k !== "街道").reduce((n, [, v]) => n + v, 0);
    return family === "街道" ? others === 0 && counts.size === 1 : self[family] > 0 && others < self[family];
  };
  // Named once, the name must be the sentence's subject or its government ("XX乡未收取…",
  // "XX镇党政办"), not a place the report went to ("在XX镇召开…").
  const ranked = [...counts].filter(([name, c]) => fits(name) && (c.n >= 2 || c.own)).sort((a, b) => b[1].n - a[1].n);
  if (ranked.length === 0) return null;
  if (ranked.length > 1 && ranked[0][1].n < 3 * ranked[1][1].n) return null;
  return ranked[0][0];
}

/** What follows a township acting as the report's own unit: its organs, or a report of its own conduct. */
const OWN_NEXT = /^(?:人民政府|政府|党委|党政|办事处|党工委|机关|未|没有|无|认真|严格|高度|积极|主动|全年|共|坚持|按照|根据|依托|通过|进一步|深入|扎实|全面|持续|始终)/;

export function findTownship(titleLines: string[], text: string, options: TownshipOptions = {}): TownshipFinding {
  const { isAdmin, path, ...given } = options;
  const rejected: string[] = [];
  const lex: Lexicon = { ...given, rejected };
  const warnings: string[] = [];
  const title = townshipFromTitle(titleLines, lex);
  const signature = townshipFromSignature(text, lex);
  if (title && signature && !title.includes(signature) && !signature.includes(title)) {
    warnings.push(`落款“${signature}”与标题中的“${title}”不一致（可能套用了其他乡镇的报告），按标题取“${title}”`);
  }
  if (title) return { name: title, source: "title", warnings };
  if (signature) return { name: signature, source: "signature", warnings };
  // A county's or a department's report names townships in its opening, none of them its own.
  const otherUnit = titleLines.some(namesOtherUnit);
  const opening = otherUnit ? null : townshipFromOpening(text, lex);
  if (opening) return { name: opening, source: "opening", warnings };
  const bare = townshipFromBareTitle(titleLines, given.known, isAdmin);
  if (bare) return { name: bare, source: "title", warnings: [...warnings, `标题中的乡镇名称没有写“镇/乡/街道”，按地名表取“${bare}”`] };
  const fromPath = path ? townshipFromPath(path, lex) : null;
  if (fromPath) return { name: fromPath, source: "path", warnings: [...warnings, `标题、落款和开头都没有乡镇名称，按文件路径取“${fromPath}”`] };
  const mentioned = otherUnit ? null : townshipFromMentions(text, lex);
  if (mentioned) {
    return { name: mentioned, source: "mentions", warnings: [...warnings, `标题、落款和开头都没有乡镇名称，按正文提到的本单位名称“${mentioned}”取值`] };
  }
  if (rejected.length) {
    const quoted = [...new Set(rejected)].slice(0, 3).map((r) => `“${r}”`).join("");
    return { name: null, source: null, warnings: [...warnings, `${quoted}像是句子的一部分而不是地名，乡镇名称留空`] };
  }
  return { name: null, source: null, warnings: ["标题、落款、开头和文件路径中都没有找到乡镇名称"] };
}
