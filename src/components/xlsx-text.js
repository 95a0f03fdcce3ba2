// Text rules of an XLSX cell and sheet, shared by every workbook the pages write (export.js,
// notice.js): what XML cannot hold, Excel's limits, how wide text shows.

/** Characters XML 1.0 cannot hold (a report's stray control codes). */
export const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Excel's limit per cell. */
export const MAX_CELL_CHARS = 32767;

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook (`used`, lower-cased). */
export function sheetName(name, used, replacement = " ") {
  const base = String(name ?? "").replace(/[[\]:*?/\\]/g, replacement).replace(/^'+|'+$/g, "").trim().slice(0, 31) || "数据";
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Display width of text in Excel's character units (CJK characters are about two; a date 11). */
export function textWidth(value) {
  if (value instanceof Date) return 11;
  let w = 0;
  for (const ch of String(value ?? "")) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
