// The unit a report is about when it is no township's: the government of a county, city or
// province ("淮安市洪泽区人民政府2024年…报告"), a zone's management committee, or a department
// ("2024年上海市科委政府信息公开工作年度报告", "沭阳县教育局…"). Read from the title lines (a
// title naming the unit before or after the year, or the unit alone on the line above the title),
// else the signature, else the opening sentence ("本报告由淮安市洪泽区人民政府办公室…编制",
// "现将沭阳县人民政府2025年…", "市科委编制了…报告"). Only the name is read here; unit-place.ts
// resolves it against the gazetteer and the places files.
//
// A name is split into the place names written at its start (淮安市|洪泽区, 上海市) and the rest:
// nothing or a government's word (人民政府, 政府, 管委会) makes it that place's government; a
// department's ending (局, 委, 委员会, 办公室, 中心…) makes it a department of that place. A name
// that no list knows is taken only when its shape is a place's (沐阳县, 平潭综合实验区) or a
// department's, and never when it reads like prose.
import { isSentence, PROSE_CHARS, PROSE_WORDS } from "./township.ts";

export type IsAdmin = (name: string) => boolean;

export interface UnitFinding {
  /** The unit as written, without the government's word: 淮安市洪泽区, 上海市科委, 平潭综合实验区. */
  written: string;
  /** Listed place names written at the start, outermost first: ["淮安市", "洪泽区"]. */
  chain: string[];
  kind: "government" | "department";
  /**
   * A government's own place (the last name of the chain, or an unlisted name shaped like a place:
   * 沐阳县); a department's place (the last name of the chain), null when it names none (市科委).
   */
  place: string | null;
  /** True when `place` is not in the chain (no list knows it). */
  unlisted: boolean;
  source: "title" | "signature" | "opening";
}

/** Longest place name looked for at one position (积石山保安族东乡族撒拉族自治县 is 15). */
const MAX_NAME = 16;
/** What a government is called after its place's name. */
const GOVERNMENT = /(?:人民政府|政府|党工委管委会|管委会|管理委员会|行政公署|行署)$/;
/** How a department's name ends. */
const DEPARTMENT = /(?:局|厅|委员会|委|办公室|办公厅|办|中心|院|署|所|站|队|馆|处|部|社|会)$/;
/** An office that compiles or signs its government's report ("由XX区人民政府办公室编制"): the government is meant. */
const GOVERNMENT_OFFICE = /(人民政府|政府|管委会|管理委员会)(?:办公室|办公厅|办)$/;
/** Words of a sentence, never of a department's name. */
const DEPARTMENT_PROSE = /[的了由请在是为据编按推括页我本该各全]|公开|公布|报告|根据|按照|依据|通过|开展|推进|落实|加强|工作/;
/** Shapes of place names no list knows, by level. */
const PROVINCE_SHAPE = /^[\u4e00-\u9fff]{2,8}(?:省|自治区)$/;
const CITY_SHAPE = /^[\u4e00-\u9fff]{2,12}(?:自治州|州|盟|地区)$/;
const COUNTY_SHAPE = /^[\u4e00-\u9fff]{2,12}(?:自治县|自治旗|县|旗|林区|特区)$|^[\u4e00-\u9fff]{2,6}区$/;
/** Zones: a county-level or a city-level unit, which no shape tells apart. */
const ZONE_SHAPE = /^[\u4e00-\u9fff]{2,12}(?:经济技术开发区|高新技术产业开发区|开发区|新区|综合实验区|实验区|试验区|示范区|合作区|保税区|管理区|高新区|工业园区|园区)$/;
/** Words ending in 区 that are no county: a neighbourhood, a campus, a scenic area… */
const NOT_A_COUNTY = /(?:社区|小区|景区|街区|校区|厂区|营区|片区|辖区|库区|市区|城区|郊区|矿区|园区|农区|牧区|林区|山区|灾区|老区|湖区|省区|县区|各区|全区|本区|我区|该区|分区)$/;
/** A 市 no list knows: a prefecture-level city or a county-level one, which the name does not tell. */
const SHI_SHAPE = /^[\u4e00-\u9fff]{2,8}市$/;

export type UnlistedShape = "province" | "city" | "county" | "zone" | "city-or-county";

/** The level an unlisted place name's ending gives, or null when it is no place's name. */
export function unlistedShape(name: string): UnlistedShape | null {
  if (ZONE_SHAPE.test(name)) return "zone";
  if (PROVINCE_SHAPE.test(name)) return "province";
  if (CITY_SHAPE.test(name)) return "city";
  if (COUNTY_SHAPE.test(name) && !NOT_A_COUNTY.test(name)) return "county";
  if (SHI_SHAPE.test(name)) return "city-or-county";
  return null;
}

/** Listed place names written from the start of `s`, outermost first, and where they end. */
export function placeChain(s: string, isAdmin: IsAdmin): { chain: string[]; end: number } {
  const chain: string[] = [];
  let i = 0;
  for (;;) {
    let hit: string | null = null;
    for (let len = Math.min(MAX_NAME, s.length - i); len >= 2; len--) {
      const w = s.slice(i, i + len);
      if (isAdmin(w)) {
        hit = w;
        break;
      }
    }
    if (!hit) break;
    chain.push(hit);
    i += hit.length;
  }
  return { chain, end: i };
}

/**
 * A unit's name (as a title, signature or opening writes it) split into its places and its kind;
 * null when it is neither a government nor a department, or reads like prose.
 */
export function parseUnitName(raw: string, isAdmin: IsAdmin, source: UnitFinding["source"]): UnitFinding | null {
  const s = raw.replace(/\s+/g, "").replace(/^关于/, "").replace(/关于$/, "").replace(/^[“"《（(]+|[”"》）)]+$/g, "");
  if (s.length < 2 || s.length > 40 || /\d|[A-Za-z]/.test(s) || /报告|年报|信息公开|政务公开/.test(s)) return null;
  const { chain, end } = placeChain(s, isAdmin);
  const rest = s.slice(end);
  const own = rest.replace(GOVERNMENT, "").replace(/人民$/, "");
  if (own === "" && chain.length) {
    return { written: s.replace(GOVERNMENT, "").replace(/人民$/, ""), chain, kind: "government", place: chain.at(-1)!, unlisted: false, source };
  }
  // An unlisted place: shaped like one, with no word of a sentence in it ("公布某县" is no name).
  if (own !== "" && unlistedShape(own) && !PROSE_CHARS.test(own) && !PROSE_WORDS.test(own)) {
    return { written: s.slice(0, end) + own, chain, kind: "government", place: own, unlisted: true, source };
  }
  // A department: its own name after its place (教育局, 科委, 人民政府办公室), two characters or more;
  // department names hold 与, 及 and 信息 (自然资源与规划局, 工业和信息化局), never a sentence's words.
  if (rest.length >= 2 && DEPARTMENT.test(rest) && !/^(?:[省市县区旗州盟乡镇]|街道)?(?:人民政府|政府|党工委管委会|管委会|管理委员会|行政公署|行署)$/.test(rest) && !DEPARTMENT_PROSE.test(rest)) {
    if (chain.length === 0 && !/^[省市县区旗州盟]/.test(rest) && rest.length < 4) return null;
    return { written: s, chain, kind: "department", place: chain.at(-1) ?? null, unlisted: false, source };
  }
  return null;
}

const YEAR = /(?:19|20)\d{2}|二[〇○零0O][一二三四五六七八九〇○零0O十]{2}/;
const YEAR_AT_START = new RegExp(`^(?:${YEAR.source})年`);
/** "淮安市洪泽区人民政府2024年…": the unit before the year. */
const BEFORE_YEAR = new RegExp(`^(?:关于)?(.{2,40}?)(?:${YEAR.source})年`);
/** "2024年上海市科委政府信息公开工作年度报告": the unit between the year and the report's words. */
const AFTER_YEAR = new RegExp(`^(?:关于)?(?:${YEAR.source})年度?(.{2,30}?)(?:政府信息公开|政务公开|信息公开)`);
/** A line that names the report. */
const REPORT = /报告|年报/;

/** The unit a title names: the first title line (lines naming the report first) that yields one. */
export function unitFromTitle(titleLines: string[], isAdmin: IsAdmin): UnitFinding | null {
  const lines = titleLines.map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "");
  const order = [...lines.keys()].sort((a, b) => Number(REPORT.test(lines[b])) - Number(REPORT.test(lines[a])) || a - b);
  for (const i of order) {
    const line = lines[i];
    if (isSentence(line)) continue;
    const next = lines[i + 1] ?? "";
    // A title broken over two lines ("2024年上海市科委政府信息公开工作" + "年度报告").
    const joined = !REPORT.test(line) && next.length <= 20 && !isSentence(next) ? line + next : line;
    if (REPORT.test(joined)) {
      for (const re of [BEFORE_YEAR, AFTER_YEAR]) {
        const m = re.exec(joined);
        const found = m ? parseUnitName(m[1], isAdmin, "title") : null;
        if (found) return found;
      }
    }
    // The unit alone on the line above the title ("淮安市洪泽区人民政府" / "2024年政府信息公开工作年度报告").
    if (!REPORT.test(line) && line.length <= 30 && YEAR_AT_START.test(next) && REPORT.test(next + (lines[i + 2] ?? ""))) {
      const found = parseUnitName(line, isAdmin, "title");
      if (found) return found;
    }
  }
  return null;
}

/** Lines at the end searched for the signature. */
const SIGNATURE_LINES = 12;

/** The unit signing the report: a short line near the end naming a government or a department. */
export function unitFromSignature(text: string, isAdmin: IsAdmin): UnitFinding | null {
  const lines = text.split("\n").map((l) => l.replace(/\s+/g, "")).filter((l) => l !== "").slice(-SIGNATURE_LINES);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(new RegExp(`(?:${YEAR.source})年.{1,8}日$`), "").replace(/[（(]?(?:盖章|公章)[)）]?$/, "");
    if (line.length > 30 || isSentence(line) || !(GOVERNMENT.test(line) || DEPARTMENT.test(line))) continue;
    const found = parseUnitName(line.replace(GOVERNMENT_OFFICE, "$1"), isAdmin, "signature");
    if (found) return found;
  }
  return null;
}

/** Characters of the text searched for the opening sentence. */
const OPENING_CHARS = 800;
const CLAUSE = "[^，。；,;：:、（()）《》“”\"]";
const OPENINGS = [
  // 本报告由XX区人民政府办公室根据…编制
  new RegExp(`本(?:年度)?报告(?:是)?由(${CLAUSE}{2,40}?)(?:根据|依据|依照|按照|结合|负责|编制|汇总|制作|编写)`),
  // 现将XX县人民政府2025年政府信息公开工作年度报告向社会公布
  new RegExp(`(?:现将|现予公布|现公布|特发布|现向社会公布)(${CLAUSE}{2,40}?)(?:${YEAR.source})年`),
  // 市科委编制了2024年度政务公开工作报告
  new RegExp(`(${CLAUSE}{2,30}?)(?:编制|编写|制作)(?:了|完成了|完成)?(?:本|此|该)?(?:(?:${YEAR.source})年度?)?(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?报告`),
];

/** The unit the opening says compiled or publishes the report; a government's office stands for the government. */
export function unitFromOpening(text: string, isAdmin: IsAdmin): UnitFinding | null {
  const head = text.slice(0, OPENING_CHARS).replace(/[ \t\u3000]+/g, "");
  for (const re of OPENINGS) {
    const m = re.exec(head);
    if (!m) continue;
    const name = m[1].replace(/^(?:由|是)/, "").replace(GOVERNMENT_OFFICE, "$1");
    const found = parseUnitName(name, isAdmin, "opening");
    if (found) return found;
  }
  return null;
}

/** The report's unit from its title, else its signature, else its opening. */
export function findUnit(titleLines: string[], text: string, isAdmin: IsAdmin): UnitFinding | null {
  return unitFromTitle(titleLines, isAdmin) ?? unitFromSignature(text, isAdmin) ?? unitFromOpening(text, isAdmin);
}
