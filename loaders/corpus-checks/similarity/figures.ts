// Figures carried over: whether two reports with the same wording also print the same numbers.
//
// Stock wording is shared legitimately (a county's model text, the phrases every township uses),
// but a report that reports its own year and township has its own figures. A copy keeps the
// other report's figures: "公开信息101条" in both, the same non-zero table cells. So a pair with
// near-identical wording is a copy only when, among the figures both print in the same place,
// at least FIGURES_SAME_MIN are identical — or when there are fewer than MIN_FIGURES such figures
// to compare (then the wording alone decides). Places both print 0 are not counted (0 is what most
// townships print in most places, so it says nothing about copying).
//
// A figure's place is, in prose, the 4 Chinese characters before it and the one after it on the
// same line ("公开信息" · 101 · "条"); in tables, its cell (t3.new.total). Years, dates (numbers
// followed by 年/月/日), ordinals (第5), page numbers and numbers with no Chinese on either side
// are not figures.
import type { Cell } from "../../types.ts";

export const MIN_FIGURES = 3;
export const FIGURES_SAME_MIN = 0.5;

const CJK = /[\u3400-\u9fff]/;

export type Figures = Map<string, string[]>;

export function figures(text: string, cells: Cell[]): Figures {
  const out: Figures = new Map();
  const add = (key: string, v: string) => (out.get(key) ?? out.set(key, []).get(key)!).push(v);
  for (const line of text.split("\n")) {
    if (!/\d/.test(line)) continue;
    for (const m of line.matchAll(/\d+(?:\.\d+)?/g)) {
      const s = m.index!;
      const e = s + m[0].length;
      let after = "";
      for (let i = e; i < line.length && after === ""; i++) if (!/\s/.test(line[i])) after = line[i];
      if (!CJK.test(after) || after === "年" || after === "月" || after === "日" || after === "页") continue;
      if (line[s - 1] === "第") continue; // an ordinal
      if (/^(19|20)\d\d$/.test(m[0])) continue;
      let before = "";
      for (let i = s - 1; i >= 0 && before.length < 4; i--) if (CJK.test(line[i])) before = line[i] + before;
      if (before.length < 2) continue;
      add(`${before}·${after}`, String(Number(m[0])));
    }
  }
  for (const c of cells) if (c.value !== null) add(`${c.table}.${c.row}.${c.col}`, String(c.value));
  return out;
}

/** Figures printed in the same place by both reports (both-zero places left out), and how many are identical. */
export function compareFigures(a: Figures, b: Figures): { compared: number; same: number } {
  let compared = 0;
  let same = 0;
  for (const [key, va] of a) {
    const vb = b.get(key);
    if (!vb) continue;
    for (let i = 0; i < Math.min(va.length, vb.length); i++) {
      if (va[i] === "0" && vb[i] === "0") continue;
      compared++;
      if (va[i] === vb[i]) same++;
    }
  }
  return { compared, same };
}

/** True when the figures do not contradict a copy (see the header). */
export function figuresCarriedOver(f: { compared: number; same: number }): boolean {
  return f.compared < MIN_FIGURES || f.same / f.compared >= FIGURES_SAME_MIN;
}
