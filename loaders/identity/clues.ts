// Clues to which of several same-named townships a report is about: the names of provinces,
// cities and counties found in the file's path, the page's <title>, the page URL and the text.
//
// Two strengths:
// - strong: a folder or file name that is (or contains) a place name; the publisher named in the
//   page title ("…_沂源县人民政府"); a place name written directly before the township's own name
//   ("淄博市沂源县张家坡镇"). A strong clue that fits none of the candidates rules them all out.
// - ordinary: a full place name anywhere in the text, URL or title ("《山东省政府信息公开办法》").
// A county-shaped folder or publisher that no list knows ("雁川县") is a strong clue too: it rules
// out the listed units, except a county renamed since (某某县 → 某某区).
// A bare level word (县, 市, 省: "市、县政务公开工作要求") is never a clue. Two-character county
// names (和县, 单县, 城区, 郊区) are ordinary words too often ("市和县政府"), so they count only in a
// strong position or right after their city's name.

export interface ClueSources {
  /** The file's path as given: folders and file name. */
  path?: string | null;
  /** The saved page's address; only its Chinese parts (percent-decoded) are read, never pinyin. */
  url?: string | null;
  /** The page's <title>. */
  pageTitle?: string | null;
  /** The report's text. */
  text?: string | null;
}

export interface Mention {
  name: string;
  where: "路径" | "网页标题" | "正文";
  /**
   * False for a county-shaped name that no list knows (a folder "雁川县", a publisher
   * "_雁川县人民政府"): it matches no listed unit except one whose county differs only in its
   * ending (a renamed county: 某某县 → 某某区), so a unique name elsewhere is not taken.
   */
  known: boolean;
}

export type IsAdminName = (name: string) => boolean;

/** Longest place name we look for (新疆维吾尔自治区 is 8; long county names like 积石山保安族东乡族撒拉族自治县 are 15). */
const MAX_NAME = 16;
const HAN = /[\u4e00-\u9fff]/;
const PUBLISHER_SUFFIX = /(人民政府|政府)(门户网站|网站|网|办公室)?$|(门户网站|政府网)$/;
/** A county-level name by its shape: two or more characters and a county-level ending. */
const COUNTY_SHAPE = /^[\u4e00-\u9fff]{2,12}(?:自治县|自治旗|林区|特区|县|区|市|旗)$/;
/** Folder names that are ordinary words, even where a county bears the name (城区, 郊区, 矿区). */
const GENERIC_FOLDER = /^(?:城区|郊区|矿区|市区|县区|县市|新区|园区|景区|社区|辖区|市辖区|主城区|开发区|高新区|各县|各区|全县|全区|全市|本市|地区|城市|都市|超市)$|(?:工作|数据|下载|共享|存储|缓存|备份|临时|资料|文件)区$/;
/** Only the file's own folders (reports/某县/某镇/file) are read for unknown county-shaped names. */
const SHAPE_DEPTH = 3;

/** 某某县 → 某某, 某某自治县 → 某某: a county's name without its level, to spot renamed counties. */
export function countyStem(name: string): string {
  return name.replace(/(?:自治县|自治旗|林区|特区|县|区|市|旗)$/, "");
}

/** Place names written directly before position `end` of `s` ("山东省淄博市沂源县|张家坡镇"). */
export function adminChainBefore(s: string, end: number, isAdmin: IsAdminName): { names: string[]; start: number } {
  const names: string[] = [];
  let j = end;
  for (;;) {
    let hit: string | null = null;
    for (let len = Math.min(MAX_NAME, j); len >= 2; len--) {
      const w = s.slice(j - len, j);
      if (isAdmin(w)) {
        hit = w;
        break;
      }
    }
    if (!hit) break;
    names.push(hit);
    j -= hit.length;
  }
  return { names, start: j };
}

/** Strong clues for `township` (see the header). */
export function strongMentions(township: string, clues: ClueSources, isAdmin: IsAdminName): Mention[] {
  const out: Mention[] = [];
  const add = (name: string, where: Mention["where"], known = true) => {
    if (!out.some((m) => m.name === name && m.where === where)) out.push({ name, where, known });
  };

  const segments = (clues.path ?? "").split(/[\\/]/);
  segments.forEach((segment, k) => {
    const seg = segment.replace(/\.[A-Za-z0-9]{1,5}$/, "").replace(/\s+/g, "");
    if (!HAN.test(seg) || GENERIC_FOLDER.test(seg)) return;
    if (isAdmin(seg)) {
      add(seg, "路径");
      return;
    }
    if (COUNTY_SHAPE.test(seg) && k >= segments.length - SHAPE_DEPTH) {
      add(seg, "路径", false);
      return;
    }
    for (const name of namesBeforeTownship(seg, township, isAdmin)) add(name, "路径");
    for (const name of namesInside(seg.split(township).join("|"), isAdmin)) add(name, "路径");
  });

  if (clues.pageTitle) {
    const title = clues.pageTitle.replace(/\s+/g, " ").trim();
    for (const part of title.split(/\s*[_|｜\-—–·]+\s*|\s{2,}/)) {
      const compact = part.replace(/\s+/g, "");
      if (compact.includes(township)) {
        for (const name of namesBeforeTownship(compact, township, isAdmin)) add(name, "网页标题");
        continue;
      }
      const publisher = compact.replace(PUBLISHER_SUFFIX, "");
      if (publisher === compact || publisher === "") continue;
      const chain = adminChainBefore(publisher, publisher.length, isAdmin);
      if (chain.start === 0) for (const name of chain.names) add(name, "网页标题");
      else if (chain.names.length === 0 && COUNTY_SHAPE.test(publisher)) add(publisher, "网页标题", false);
    }
  }

  if (clues.text) for (const name of namesBeforeTownship(clues.text, township, isAdmin)) add(name, "正文");
  return out;
}

/** Place names written directly before any occurrence of `township` in `s`. */
function namesBeforeTownship(s: string, township: string, isAdmin: IsAdminName): string[] {
  const names: string[] = [];
  for (let i = s.indexOf(township); i !== -1; i = s.indexOf(township, i + township.length)) {
    names.push(...adminChainBefore(s, i, isAdmin).names);
  }
  return names;
}

/** Place names of three characters or more inside a folder or file name ("沂源县年报" → 沂源县). */
function namesInside(seg: string, isAdmin: IsAdminName): string[] {
  const names: string[] = [];
  for (let i = 0; i < seg.length; i++) {
    for (let len = Math.min(MAX_NAME, seg.length - i); len >= 3; len--) {
      const w = seg.slice(i, i + len);
      if (isAdmin(w)) {
        names.push(w);
        i += len - 1;
        break;
      }
    }
  }
  return names;
}

/** The text searched for ordinary clues: the report, the page title and the URL's Chinese parts. */
export function ordinaryHaystack(clues: ClueSources): string {
  return [clues.text ?? "", clues.pageTitle ?? "", decodedUrl(clues.url)].join("\n");
}

function decodedUrl(url: string | null | undefined): string {
  if (!url) return "";
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * True when `name` is written in `hay` as a place name: full name, and not the start of a longer
 * word (淄博市场 is a market). Two-character county names need their city right before them.
 */
export function mentions(hay: string, name: string, cityBefore: string | null = null): boolean {
  if (name.length < 2) return false;
  if (name.length === 2) return cityBefore ? mentions(hay, cityBefore + name) : false;
  for (let i = hay.indexOf(name); i !== -1; i = hay.indexOf(name, i + 1)) {
    const next = hay[i + name.length];
    if (name.endsWith("市") && next === "场") continue;
    return true;
  }
  return false;
}
