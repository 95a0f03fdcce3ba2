// Text normalisation applied before any matching: one form for digits, spaces and line breaks,
// and the noise of mirror copies removed.
// Chinese punctuation (（）、：；) is kept as is: the official labels are written with it.
//
// Mirror noise (report-formats.md §6):
// - Traditional characters with Taiwan terms (規範性檔案, 入口網站): converted to Simplified with
//   OpenCC's Taiwan phrase tables, but only when the text is Traditional. Converting Simplified
//   text again would damage it (於潜镇 → 于潜镇, 乾安县 → 干安县, 文件 → 文档).
// - pinyin inserted after characters ("號(hào)"): removed.
// - full-width digits and letters, zero-width characters, Kangxi radicals and CJK compatibility
//   ideographs (which PDF text layers often carry: ⼀ for 一): mapped to their plain forms.
import { Converter } from "opencc-js";
import type { Grid } from "./read/grid.ts";

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;
/** Kangxi radicals, CJK radicals supplement and compatibility ideographs: NFKC gives the plain character. */
const COMPAT_HAN = /[\u2e80-\u2fdf\uf900-\ufaff]/g;

export function normaliseText(text: string): string {
  return normaliseForms(normaliseMirror(text));
}

/**
 * normaliseText for a PDF's text with its page offsets (ReadText.pageStarts): each page is
 * normalised on its own (Traditional or not is decided once, for the whole text), so the offsets
 * still point at the start of each page afterwards.
 */
export function normaliseWithPages(text: string, pageStarts: number[]): { text: string; pageStarts: number[] } {
  const traditional = isTraditional(stripPinyin(text));
  const starts = pageStarts.map((o) => Math.max(0, Math.min(o, text.length)));
  const bounds = [0, ...starts, text.length];
  let out = "";
  const mapped: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (i > 0) mapped.push(out.length);
    out += normaliseForms(normaliseMirror(text.slice(bounds[i], Math.max(bounds[i], bounds[i + 1])), traditional));
  }
  return { text: out, pageStarts: mapped };
}

/**
 * The cells of a table normalised like the text. Whether the document is Traditional is decided on
 * its whole text (`isTraditional(read.text)`): a cell alone is too short to tell.
 */
export function normaliseGrid(grid: Grid, traditional: boolean): Grid {
  return {
    source: grid.source,
    rows: grid.rows.map((row) => row.map((c) => ({ ...c, text: normaliseForms(normaliseMirror(c.text, traditional)).trim() }))),
  };
}

function normaliseForms(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(ZERO_WIDTH, "")
    .replace(COMPAT_HAN, (c) => c.normalize("NFKC"))
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)．(?=\d)/g, ".")
    .replace(/(?<=\d)％/g, "%")
    .replace(/[\u00a0\u3000\u2002\u2003\u2009\u202f\u205f]/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    // Markdown heading marks (a converter's or OCR tool's copy): the heading's words are the report's.
    .replace(/^#{1,6}[ \t]+/gm, "");
}

/** A label for comparison: no white space at all (labels are often split or padded). */
export function compactLabel(s: string): string {
  return s.replace(/\s+/g, "");
}

// ---------------------------------------------------------------------------------------------
// Traditional → Simplified

let twToCn: ((s: string) => string) | null = null;
let tToCn: ((s: string) => string) | null = null;

/** Characters written only in Traditional, frequent in reports: a cheap first look. */
const TRADITIONAL_HINT = /[這個們為國會時來說對發關開與學過無經還問應點種實現動產業據務資並將從區縣鄉鎮請處報條總計數處結轉規範檔網項辦議訴訟複維糾審結權證]/g;

/** True when the text is written in Traditional characters (a mirror copy or a Taiwan/HK page). */
export function isTraditional(text: string): boolean {
  const hints = text.match(TRADITIONAL_HINT)?.length ?? 0;
  if (hints < 3) return false;
  const convert = (tToCn ??= Converter({ from: "t", to: "cn" }));
  const han = [...text.matchAll(/\p{Script=Han}/gu)].length;
  if (han === 0) return false;
  const converted = convert(text);
  let changed = 0;
  const a = [...text];
  const b = [...converted];
  if (a.length !== b.length) return hints / han > 0.02;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed >= 3 && changed / han > 0.02;
}

/** Traditional → Simplified (with Taiwan phrases) when the text is Traditional; pinyin removed. */
export function normaliseMirror(text: string, traditional?: boolean): string {
  let out = stripPinyin(text);
  if (traditional ?? isTraditional(out)) {
    const convert = (twToCn ??= Converter({ from: "twp", to: "cn" }));
    // Taiwan phrases turn 檔案 into 文件, but also a mainland page's own 文件 into 文档 (and 資料 into
    // 数据): those words are held out of the conversion.
    const held: string[] = [];
    const masked = out.replace(KEEP_AS_MAINLAND, (w) => `\ue000${held.push(w) - 1}\ue001`);
    out = convert(masked).replace(/\ue000(\d+)\ue001/g, (_: string, i: string) => KEEP_AS_MAINLAND_CN[held[Number(i)]]);
  }
  return out;
}

/** Words a mainland page writes in Traditional characters that the Taiwan phrase table would change. */
const KEEP_AS_MAINLAND_CN: Record<string, string> = { 文件: "文件", 資料: "资料", 资料: "资料" };
const KEEP_AS_MAINLAND = new RegExp(Object.keys(KEEP_AS_MAINLAND_CN).join("|"), "g");

// ---------------------------------------------------------------------------------------------
// Inserted pinyin: 號(hào), 号（hao4）

const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
const PINYIN_SYLLABLE = new RegExp(
  `^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouüv${TONED}]{1,3}(?:ng|n|r)?[1-5]?$`,
  "i",
);
const TONE_MARKS = "\\u00e0-\\u00fc\\u0101-\\u01dc\\u0144\\u0148\\u01f9\\u1e3f";
const AFTER_HAN = new RegExp(`(\\p{Script=Han})\\s?[(（]\\s?([a-zA-Z${TONE_MARKS}]{1,7}[1-5]?)\\s?[)）]`, "gu");
const TONED_SYLLABLE = new RegExp(`[${TONE_MARKS}]|\\d$`);

export function stripPinyin(text: string): string {
  if (!/[(（]/.test(text)) return text;
  const hits = [...text.matchAll(AFTER_HAN)].filter((m) => isPinyin(m[2]));
  if (hits.length === 0) return text;
  const toned = hits.filter((m) => TONED_SYLLABLE.test(m[2])).length;
  // Toneless syllables in brackets could be real text ("(a)"): removed only in a text that
  // clearly carries inserted pinyin.
  const all = toned >= 2 || (toned >= 1 && hits.length >= 3);
  return text.replace(AFTER_HAN, (whole, han: string, syl: string) => {
    if (!isPinyin(syl)) return whole;
    const isToned = TONED_SYLLABLE.test(syl);
    return isToned || all ? han : whole;
  });
}

function isPinyin(s: string): boolean {
  return PINYIN_SYLLABLE.test(s.toLowerCase());
}
