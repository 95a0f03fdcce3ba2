// The township a report is about: from its title lines, else the signature at the end
// ("XX镇人民政府" above the date), else the opening sentence ("现公布XX镇人民政府2018年度…"),
// else a listed name written without its ending in the title ("张家坡2018年…"), else a listed
// township named by the file or its folder.
// The body says 我镇 and names other places, so only those three spots are read.
//
// A name is the stem plus its ending (镇, 乡, 街道, 苏木; 民族乡 such as XX满族乡 end in 乡);
// XX街道办事处 and XX街办 are written XX街道. Villages (村) and counties never qualify: a county
// name has none of these endings, and XX县乡镇 is a plural, not a place.
import { canonicalTownship } from "./places.ts";

export type IsKnown = (name: string) => boolean;

export interface TownshipOptions {
  /** Listed township names (user places and gazetteer, variants included). */
  known?: IsKnown;
  /** Listed province, city and county names: a county's short name is not a township stem. */
  isAdmin?: IsKnown;
  /** The file's path: its file and folder names are the last fallback. */
  path?: string;
  /** Listed names without a township ending (a places file's 岚东经济开发区). */
  extra?: readonly string[];
}

export interface TownshipFinding {
  name: string | null;
  source: "title" | "signature" | "opening" | "path" | null;
  warnings: string[];
}

const SUFFIX = /街道办事处|街道|街办|苏木|镇|乡/g;
/** What may follow a township name in a title or signature. */
const AFTER = /^(?:$|人民政府|政府|办事处|党委|党政|委员会|关于|政务|信息|工作|年度|年报|(?:19|20)\d{2}|二[〇○零0O]|[\s_|｜\-—–·,，。、：:（()）《》>＞”"])/;
/**
 * Where a prefix may end for the name to start after it: an administrative level, a year, or a
 * lead-in word (关于, 现公布, 中共). Not any character: 东城关镇 must not yield 城关镇.
 */
const BOUNDARY = /(?:[省市县区旗州盟年度]|关于|印发|公布|发布|现将|中共|编制|根据|了|政府|办事处)$/;
/** Words that are not a township (全镇, 我乡, 各街道). */
const GENERIC = /^(?:[全我本该各每此某乡镇城村][镇乡]|[全我本该各每此某]街道)$/;
/** Endings of words that only look like a township (推进乡镇, 统筹城乡): not checked for listed names. */
const PLURAL = /(?:乡镇|城乡)$/;
const HAN_RUN = /[\u4e00-\u9fff]+$/;
/** Longest stem considered (喇叭沟门满族乡, 大堡子彝族苗族乡 and a county before them). */
const MAX_RUN = 24;
/** Longest stem of a name found in no list (listed names may be longer, with their county). */
const MAX_UNLISTED_STEM = 10;

/**
 * Township names in one line, in order of appearance. `extra`: listed names without a township
 * ending (a places file's 岚东经济开发区), found as written.
 */
export function townshipsInLine(line: string, known?: IsKnown, extra: readonly string[] = []): { name: string; end: number }[] {
  const s = line.replace(/\s+/g, "");
  const found: { name: string; end: number }[] = [];
  for (const name of extra) {
    const i = s.indexOf(name);
    if (i !== -1) found.push({ name, end: i + name.length });
  }
  for (const m of s.matchAll(SUFFIX)) {
    const end = m.index! + m[0].length;
    if (!AFTER.test(s.slice(end, end + 6))) continue;
    const run = (HAN_RUN.exec(s.slice(Math.max(0, m.index! - MAX_RUN), m.index!))?.[0] ?? "") + m[0];
    const name = pickName(run, m[0], known);
    if (name) found.push({ name, end });
  }
  return found.sort((a, b) => a.end - a.name.length - (b.end - b.name.length));
}

/**
 * The name inside a run of characters ending with a township suffix: the longest known name
 * starting at a boundary; else (not in any list) the shortest one with a stem of two characters.
 */
function pickName(run: string, suffix: string, known?: IsKnown): string | null {
  const stemEnd = run.length - suffix.length;
  const ending = suffix === "街道办事处" || suffix === "街办" ? "街道" : suffix;
  const at = (start: number) => canonicalTownship(run.slice(start, stemEnd) + ending);
  const startsOk = (start: number) => start === 0 || BOUNDARY.test(run.slice(0, start));
  if (known) {
    for (let start = 0; start < stemEnd; start++) {
      if (!startsOk(start)) continue;
      const name = at(start);
      if (known(name) && !GENERIC.test(name)) return name;
    }
  }
  for (let start = stemEnd - 2; start >= 0; start--) {
    if (!startsOk(start)) continue;
    // Not in any list: a run cut at MAX_RUN is prose, not a name, and neither is "…汇报我镇".
    if (start === 0 && stemEnd >= MAX_RUN) return null;
    const name = at(start);
    if (stemEnd - start > MAX_UNLISTED_STEM || /[我本该此每各]$/.test(run.slice(0, stemEnd))) return null;
    return GENERIC.test(name) || PLURAL.test(name) || /^关于/.test(name) ? null : name;
  }
  return null;
}

/** The first township named in the title lines (a title split over two lines is joined). */
export function townshipFromTitle(titleLines: string[], known?: IsKnown, extra: readonly string[] = []): string | null {
  const lines = titleLines.map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "");
  for (const line of lines) {
    // A sentence among the first lines ("本报告…汇报我镇2023年…") is prose, not a title.
    if (/[，,。；;]/.test(line) && line.length > 40) continue;
    const own = townshipsInLine(line, known, extra);
    if (own.length) return own[0].name;
  }
  // "沂源县张家" + "坡镇2018年…": a title broken inside the name. Only listed names, since a
  // guessed one would run into the line before ("…人民政府" + "上坪乡…").
  if (!known) return null;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].length > 40) continue;
    const spanning = townshipsInLine(lines[i] + lines[i + 1], known)
      .find((f) => f.end > lines[i].length && f.end - f.name.length < lines[i].length && known(f.name));
    if (spanning) return spanning.name;
  }
  return null;
}

/** Lines at the end searched for the signature. */
const SIGNATURE_LINES = 12;
const ORG = /(?:人民政府|政府|办事处)$/;

/** "张家坡镇人民政府" on its own line near the end (a date may follow on the same line). */
export function townshipFromSignature(text: string, known?: IsKnown, extra: readonly string[] = []): string | null {
  const lines = text.split("\n").map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "").slice(-SIGNATURE_LINES);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(/(?:\d{4}|[〇○零0O一二三四五六七八九]{4})年.{1,8}日$/, "").replace(/[（(]?(?:盖章|公章)[)）]?$/, "");
    if (line.length > 30 || !ORG.test(line) && !/(?:镇|乡|街道|苏木)$/.test(line)) continue;
    const found = townshipsInLine(line, known, extra).at(-1);
    if (found && found.end >= line.replace(ORG, "").length) return found.name;
  }
  return null;
}

/** The opening lines: "现公布张家坡镇人民政府2018年度…" — only a name followed by 人民政府/政府/办事处. */
export function townshipFromOpening(text: string, known?: IsKnown, extra: readonly string[] = []): string | null {
  const head = text.slice(0, 600);
  for (const line of head.split("\n")) {
    const s = line.replace(/\s+/g, "");
    for (const f of townshipsInLine(s, known, extra)) {
      if (/^(?:人民政府|政府|办事处)/.test(s.slice(f.end)) || s.slice(f.end - 5, f.end) === "街道办事处") return f.name;
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
export function townshipFromPath(path: string, known?: IsKnown, extra: readonly string[] = []): string | null {
  if (!known) return null;
  const segments = path.split(/[\\/]/).map((s) => s.replace(/\.[A-Za-z0-9]{1,5}$/, "")).reverse();
  for (const seg of segments) {
    const found = townshipsInLine(seg, known, extra).find((f) => known(f.name));
    if (found) return found.name;
  }
  return null;
}

export function findTownship(titleLines: string[], text: string, options: TownshipOptions = {}): TownshipFinding {
  const { known, isAdmin, path, extra = [] } = options;
  const warnings: string[] = [];
  const title = townshipFromTitle(titleLines, known, extra);
  const signature = townshipFromSignature(text, known, extra);
  if (title && signature && !title.includes(signature) && !signature.includes(title)) {
    warnings.push(`落款“${signature}”与标题中的“${title}”不一致（可能套用了其他乡镇的报告），按标题取“${title}”`);
  }
  if (title) return { name: title, source: "title", warnings };
  if (signature) return { name: signature, source: "signature", warnings };
  const opening = townshipFromOpening(text, known, extra);
  if (opening) return { name: opening, source: "opening", warnings };
  const bare = townshipFromBareTitle(titleLines, known, isAdmin);
  if (bare) return { name: bare, source: "title", warnings: [...warnings, `标题中的乡镇名称没有写“镇/乡/街道”，按地名表取“${bare}”`] };
  const fromPath = path ? townshipFromPath(path, known, extra) : null;
  if (fromPath) return { name: fromPath, source: "path", warnings: [...warnings, `标题、落款和开头都没有乡镇名称，按文件路径取“${fromPath}”`] };
  return { name: null, source: null, warnings: ["标题、落款、开头和文件路径中都没有找到乡镇名称"] };
}
