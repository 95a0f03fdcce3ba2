// Cells glued together with no separator: "规章000" in a flattened table, a run-on page's
// "一、本年新收…230 000023" (a space where a &nbsp; stood is a cell boundary, the rest is not marked).
// Blank cells leave no trace in a glued run ("114" may be 11, blank, 4), so a split is taken only
// when the digits allow one reading (every digit but the last 0), or when the table's own
// arithmetic leaves exactly one.
import type { Token } from "./tokens.ts";
import { parseValue } from "./values.ts";

/** Accepts a candidate row of numbers when the table's own rules for a row hold on it. */
export type RowValidator = (values: (number | null)[]) => boolean;

/** Candidate splits of one row beyond this many are not enumerated: the row stays empty. */
const MAX_SPLITS = 20000;

/**
 * One digit per cell, when that makes exactly n cells: taken when each run has only that reading
 * ("000", "0003"), or when the row rule holds on it. A free-standing "100" stays one number; a run
 * standing alone for a whole row of 5+ cells ("000000100100000" for table 四) counts as glued: no
 * township cell holds a five-digit count.
 */
export function digitPerCell(v: Token[], n: number, validate?: RowValidator): Token[] | null {
  const runs = v.filter((t) => isRun(t, v, n));
  const digits = runs.reduce((k, t) => k + t.text.length, 0);
  if (runs.length === 0 || digits - runs.length !== n - v.length) return null;
  const split = v.flatMap((t) => (runs.includes(t)
    ? [...t.text].map((d, i) => ({ ...t, text: d, source: `${t.source}:digit${i + 1}`, glued: true }))
    : [t]));
  if (runs.every((t) => onlyReading(t.text))) return split;
  if (validate && validate(numbers(split))) return split;
  return null;
}

/**
 * Every way to cut the row's glued digit runs into n cells (numbers never start with 0) that the row
 * rule accepts; null when the row has no glued run or too many readings to list.
 */
export function gluedSplits(v: Token[], n: number, validate?: RowValidator): Token[][] | null {
  const runs = v.filter((t) => isRun(t, v, n) || (t.glued && /^\d$/.test(t.text)));
  if (runs.length === 0 || v.length >= n) return null;
  const out: Token[][] = [];
  let listed = 0;
  const walk = (i: number, row: Token[]): boolean => {
    if (i === v.length) {
      if (row.length !== n) return true;
      if (++listed > MAX_SPLITS) return false;
      if (!validate || validate(numbers(row))) out.push(row);
      return true;
    }
    const t = v[i];
    const rest = v.length - i - 1;
    if (!runs.includes(t)) return walk(i + 1, [...row, t]);
    for (let k = 1; k <= t.text.length && row.length + k + rest <= n; k++) {
      for (const parts of cuts(t.text, k)) {
        const cells = parts.map((p, j) => ({ ...t, text: p, source: `${t.source}:split${j + 1}`, glued: true }));
        if (!walk(i + 1, [...row, ...cells])) return false;
      }
    }
    return true;
  };
  return walk(0, []) ? out : null;
}

/** True when a digit run has one reading however many cells it spans: every digit but the last
 * is 0 (a number never starts with 0, so "0003" can only be 0, 0, 0, 3). */
export function onlyReading(run: string): boolean {
  return /^0*\d$/.test(run);
}

export function numbers(row: Token[]): (number | null)[] {
  return row.map((t) => parseValue(t.text).value);
}

function isRun(t: Token, v: Token[], n: number): boolean {
  return (t.glued === true || (v.length === 1 && t.text.length === n && n >= 5)) && /^\d{2,}$/.test(t.text);
}

/** The ways to cut a digit string into k numbers, none with a leading 0. */
function cuts(s: string, k: number): string[][] {
  if (k === 1) return s.length === 1 || s[0] !== "0" ? [[s]] : [];
  const out: string[][] = [];
  const maxFirst = s[0] === "0" ? 1 : s.length - k + 1;
  for (let len = 1; len <= maxFirst; len++) {
    for (const rest of cuts(s.slice(len), k - 1)) out.push([s.slice(0, len), ...rest]);
  }
  return out;
}
