// Positioned text and ruling lines of PDF pages → lines of text and table grids. Pure geometry,
// no pdfjs here (pdf.ts extracts the runs and rules), so it is tested on hand-made pages too.
//
// Coordinates are the page's viewport: points, origin top-left, y downwards.
//
// - Lines: runs whose vertical extents overlap form a line, ordered by x; a gap wider than
//   TAB_GAP_EM font sizes becomes a tab, a smaller visible gap a space.
// - Ruled tables (the usual case: Word/WPS exports draw every cell border): horizontal and vertical
//   rules that touch form a table; the distinct rule positions give a fine grid; a missing border
//   between two fine cells merges them (a row or column span); each text run goes to the cell under
//   its centre (a run straddling a border is split by character).
// - Unruled tables: three or more consecutive lines with tab gaps and at least three cells; the
//   columns are the x-ranges of the cells of the fullest lines.
// - A table that ends a page and one that starts the next with the same outer edges are one table
//   (a Grid with rows from both pages; each cell keeps its own page in `source`).
// - Wrapped body lines are joined back into paragraphs (a full-width line followed by an
//   unindented one), also across a page break; page numbers are dropped.
import { gridLines, placedGrid, type Grid, type PlacedCell } from "./grid.ts";

export interface TextRun {
  str: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Font size (the em), in points. */
  size: number;
}

/** An axis-aligned ruling line (a stroked segment or a thin filled rectangle). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageInput {
  page: number; // 1-based
  width: number;
  height: number;
  runs: TextRun[];
  rules: Rule[];
  /** Where the positions came from, the head of each cell's provenance: a text layer (default) or OCR of the page image. */
  origin?: "pdf" | "ocr";
}

export interface PdfLayout {
  text: string;
  /** Offset in `text` where each page begins (index 0 = page 1). */
  pageStarts: number[];
  tables: Grid[];
}

const TAB_GAP_EM = 1.5;
/** Chinese characters and full-width punctuation: no spaces between them in running text. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’—…]/u;
const CJK_PUNCT = /[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…]/;
const CJK_SPACE = /(?<=[\p{Script=Han}\u3001-\u303f\uff01-\uff5e“”‘’—…]) (?=[\p{Script=Han}\u3001-\u303f\uff01-\uff5e“”‘’—…])/gu;
const SPACE_GAP_EM = 0.2;
const SNAP = 2; // points: rules closer than this are the same line

interface Line {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  tabs: boolean;
  segments: { x0: number; x1: number; text: string }[];
}

interface Region {
  r0: number;
  r1: number; // exclusive
  c0: number;
  c1: number; // exclusive
  x0: number;
  x1: number;
  text: string;
  source: string;
}

interface PdfTable {
  page: number;
  index: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xs: number[];
  rowCount: number;
  regions: Region[];
  ruled: boolean;
}

type Block = { kind: "line"; line: Line; y0: number } | { kind: "table"; table: PdfTable; y0: number };

interface PageBlocks {
  page: number;
  blocks: Block[];
  tables: PdfTable[];
}

export function layoutPages(pages: PageInput[]): PdfLayout {
  return assemble(pages.map(layoutPage));
}

// ---------------------------------------------------------------------------------------------
// One page

function layoutPage(input: PageInput): PageBlocks {
  const runs = dedupe(input.runs.filter((r) => r.str.trim() !== "" && Number.isFinite(r.x0 + r.x1 + r.y0 + r.y1) && r.x1 >= r.x0 && r.y1 >= r.y0));
  const frames = ruledTables(input.rules);
  const tableRuns: TextRun[][] = frames.map(() => []);
  const free: TextRun[] = [];
  for (const run of runs) {
    const cx = (run.x0 + run.x1) / 2;
    const cy = (run.y0 + run.y1) / 2;
    const t = frames.findIndex((f) => cx >= f.x0 - 1 && cx <= f.x1 + 1 && cy >= f.y0 - 1 && cy <= f.y1 + 1);
    if (t >= 0) tableRuns[t].push(run);
    else free.push(run);
  }
  const tables: PdfTable[] = [];
  frames.forEach((f, i) => {
    const table = fillFrame(f, tableRuns[i], input.page);
    if (table) tables.push(table);
    else for (const run of tableRuns[i]) free.push(run); // not a table after all: its text is ordinary text
  });

  const lines = groupLines(free).filter((l) => !isPageNumber(l, input.height));
  for (const t of unruledTables(lines, input.page)) tables.push(t);
  tables.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  tables.forEach((t, i) => {
    t.index = i + 1;
    for (const r of t.regions) r.source = `${input.origin ?? "pdf"}:p${t.page}:t${t.index}:r${r.r0 + 1}:c${r.c0 + 1}`;
  });

  // Unruled tables stay in the text as their tab-separated lines; only ruled ones replace their text.
  const blocks: Block[] = [
    ...lines.map((line) => ({ kind: "line" as const, line, y0: line.y0 })),
    ...tables.filter((t) => t.ruled).map((table) => ({ kind: "table" as const, table, y0: table.y0 })),
  ].sort((a, b) => a.y0 - b.y0);
  return { page: input.page, blocks, tables };
}

/** Overprinted runs (fake bold: the same text drawn twice, slightly offset) count once. Runs are
 * hashed by text and a coarse position cell, and only the neighbouring cells are compared, so a
 * page of 250,000 identical runs takes linear time (an all-pairs comparison took minutes). */
function dedupe(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  const CELL = 4; // points: within a few cells of any tolerance used below
  const seen = new Map<string, TextRun[]>();
  const key = (str: string, cx: number, cy: number) => `${cx},${cy},${str}`;
  for (const r of runs) {
    const tol = Math.max(1.5, r.size * 0.2);
    const reach = Math.ceil(tol / CELL);
    const cx = Math.floor(r.x0 / CELL);
    const cy = Math.floor(r.y0 / CELL);
    let dup = false;
    // a huge font's tolerance spans many cells: then every run of that text is looked at once
    // through a text-only bucket instead
    if (reach > 8) {
      const same = seen.get(`*${r.str}`) ?? [];
      dup = same.some((s) => Math.abs(s.x0 - r.x0) < tol && Math.abs(s.y0 - r.y0) < tol);
    } else {
      for (let dx = -reach; dx <= reach && !dup; dx++) {
        for (let dy = -reach; dy <= reach && !dup; dy++) {
          const bucket = seen.get(key(r.str, cx + dx, cy + dy));
          if (bucket) dup = bucket.some((s) => Math.abs(s.x0 - r.x0) < tol && Math.abs(s.y0 - r.y0) < tol);
        }
      }
    }
    if (dup) continue;
    const k = key(r.str, cx, cy);
    const bucket = seen.get(k);
    if (bucket) bucket.push(r);
    else seen.set(k, [r]);
    const all = seen.get(`*${r.str}`);
    if (all) all.push(r);
    else seen.set(`*${r.str}`, [r]);
    out.push(r);
  }
  return out;
}

/** True when some lines of these runs have wide gaps (table rows): worth looking for ruling lines. */
export function looksTabular(runs: TextRun[]): boolean {
  const usable = runs.filter((r) => r.str.trim() !== "");
  return groupLines(usable).filter((l) => l.tabs).length >= 2;
}

// ---------------------------------------------------------------------------------------------
// Lines

function groupLines(runs: TextRun[], tabs = true): Line[] {
  const sorted = [...runs].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  const groups: { y0: number; y1: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const h = run.y1 - run.y0;
    let target: (typeof groups)[number] | undefined;
    for (let i = groups.length - 1; i >= Math.max(0, groups.length - 4); i--) {
      const g = groups[i];
      const overlap = Math.min(g.y1, run.y1) - Math.max(g.y0, run.y0);
      if (overlap >= 0.5 * Math.min(h, g.y1 - g.y0)) {
        target = g;
        break;
      }
    }
    if (target) {
      target.runs.push(run);
      target.y0 = Math.min(target.y0, run.y0);
      target.y1 = Math.max(target.y1, run.y1);
    } else groups.push({ y0: run.y0, y1: run.y1, runs: [run] });
  }
  return groups.map((g) => makeLine(g.runs, tabs)).sort((a, b) => a.y0 - b.y0);
}

function makeLine(runs: TextRun[], tabs: boolean): Line {
  const sorted = [...runs].sort((a, b) => a.x0 - b.x0);
  const segments: Line["segments"] = [];
  let text = "";
  let seg = { x0: sorted[0].x0, x1: sorted[0].x1, text: "" };
  sorted.forEach((run, i) => {
    const str = run.str.replace(/\s+/g, " ").replace(CJK_SPACE, "");
    if (i > 0) {
      const prev = sorted[i - 1];
      const em = Math.max(prev.size, run.size, 1);
      const gap = run.x0 - prev.x1;
      // Justified Chinese lines spread the characters: a gap between two CJK characters is a space
      // only when it is as wide as a character.
      const [a, b] = [text.slice(-1), str.slice(0, 1)];
      const cjk = (CJK.test(a) && CJK.test(b)) || CJK_PUNCT.test(a) || CJK_PUNCT.test(b);
      if (gap > TAB_GAP_EM * em) {
        segments.push(seg);
        seg = { x0: run.x0, x1: run.x1, text: "" };
        text += tabs ? "\t" : " ";
      } else if (gap > (cjk ? 1 : SPACE_GAP_EM) * em && !text.endsWith(" ") && !str.startsWith(" ")) {
        text += " ";
        seg.text += " ";
      }
    }
    text += str;
    seg.text += str;
    seg.x1 = Math.max(seg.x1, run.x1);
  });
  segments.push(seg);
  const sizes = sorted.map((r) => r.size).sort((a, b) => a - b);
  return {
    text: text.trim(),
    x0: sorted[0].x0,
    x1: maxOf(sorted.map((r) => r.x1)),
    y0: minOf(sorted.map((r) => r.y0)),
    y1: maxOf(sorted.map((r) => r.y1)),
    size: sizes[Math.floor(sizes.length / 2)],
    tabs: segments.length > 1,
    segments: segments.map((s) => ({ ...s, text: s.text.trim() })),
  };
}

// Loops, not Math.min(...spread): a spread of 100,000+ values (a hostile page) overflows the stack.
function minOf(values: number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}

function maxOf(values: number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

function isPageNumber(line: Line, height: number): boolean {
  const edge = line.y0 > height * 0.85 || line.y1 < height * 0.12;
  return edge && /^(?:[-—–－~\s]*\d{1,4}[-—–－~\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/.test(line.text);
}

// ---------------------------------------------------------------------------------------------
// Ruled tables

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xs: number[];
  ys: number[];
  hs: Rule[];
  vs: Rule[];
}

function ruledTables(rules: Rule[]): Frame[] {
  const hs = mergeRules(rules.filter((r) => r.y1 - r.y0 <= 3 && r.x1 - r.x0 >= 4).map((r) => ({ x0: r.x0, x1: r.x1, y0: (r.y0 + r.y1) / 2, y1: (r.y0 + r.y1) / 2 })), "h");
  const vs = mergeRules(rules.filter((r) => r.x1 - r.x0 <= 3 && r.y1 - r.y0 >= 4).map((r) => ({ x0: (r.x0 + r.x1) / 2, x1: (r.x0 + r.x1) / 2, y0: r.y0, y1: r.y1 })), "v");
  if (hs.length < 2 || vs.length < 2 || hs.length * vs.length > 400_000) return [];
  // Connected components of touching rules.
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      if (v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP) parent[root(i)] = root(hs.length + j);
    });
  });
  const groups = new Map<number, { hs: Rule[]; vs: Rule[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(root(i)) ?? { hs: [], vs: [] };
    g.hs.push(h);
    groups.set(root(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(root(hs.length + j)) ?? { hs: [], vs: [] };
    g.vs.push(v);
    groups.set(root(hs.length + j), g);
  });
  const frames: Frame[] = [];
  for (const g of groups.values()) {
    if (g.hs.length < 2 || g.vs.length < 2) continue;
    const x0 = Math.min(...g.hs.map((h) => h.x0), ...g.vs.map((v) => v.x0));
    const x1 = Math.max(...g.hs.map((h) => h.x1), ...g.vs.map((v) => v.x0));
    const y0 = Math.min(...g.vs.map((v) => v.y0), ...g.hs.map((h) => h.y0));
    const y1 = Math.max(...g.vs.map((v) => v.y1), ...g.hs.map((h) => h.y0));
    if (x1 - x0 < 20 || y1 - y0 < 8) continue;
    const xs = cluster([x0, x1, ...g.vs.map((v) => v.x0)], SNAP);
    const ys = cluster([y0, y1, ...g.hs.map((h) => h.y0)], SNAP);
    if (xs.length < 3 && ys.length < 3) continue; // a single box (a frame around text), not a table
    frames.push({ x0, x1, y0, y1, xs, ys, hs: g.hs, vs: g.vs });
  }
  return frames;
}

function mergeRules(rules: Rule[], dir: "h" | "v"): Rule[] {
  const key = (r: Rule) => (dir === "h" ? r.y0 : r.x0);
  const lo = (r: Rule) => (dir === "h" ? r.x0 : r.y0);
  const hi = (r: Rule) => (dir === "h" ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => key(a) - key(b) || lo(a) - lo(b));
  const out: Rule[] = [];
  // Bucket by position, then merge overlapping or touching spans within each bucket.
  let bucket: Rule[] = [];
  const flush = () => {
    bucket.sort((a, b) => lo(a) - lo(b));
    const pos = bucket.reduce((s, r) => s + key(r), 0) / bucket.length;
    let cur: { lo: number; hi: number } | null = null;
    for (const r of bucket) {
      if (cur && lo(r) <= cur.hi + SNAP) cur.hi = Math.max(cur.hi, hi(r));
      else {
        if (cur) out.push(make(pos, cur));
        cur = { lo: lo(r), hi: hi(r) };
      }
    }
    if (cur) out.push(make(pos, cur));
    bucket = [];
  };
  const make = (pos: number, s: { lo: number; hi: number }): Rule => (dir === "h" ? { x0: s.lo, x1: s.hi, y0: pos, y1: pos } : { x0: pos, x1: pos, y0: s.lo, y1: s.hi });
  for (const r of sorted) {
    if (bucket.length && key(r) - key(bucket[bucket.length - 1]) > 1) flush();
    bucket.push(r);
  }
  if (bucket.length) flush();
  return out;
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

function fillFrame(f: Frame, runs: TextRun[], page: number): PdfTable | null {
  const nr = f.ys.length - 1;
  const nc = f.xs.length - 1;
  if (nr < 1 || nc < 1 || nr * nc > 20_000) return null;
  const covers = (lo: number, hi: number, a: number, b: number) => {
    const q = (b - a) * 0.25;
    return lo <= a + q + 0.5 && hi >= b - q - 0.5;
  };
  const vAt = (c: number, r: number) => f.vs.some((v) => Math.abs(v.x0 - f.xs[c]) <= SNAP && covers(v.y0, v.y1, f.ys[r], f.ys[r + 1]));
  const hAt = (r: number, c: number) => f.hs.some((h) => Math.abs(h.y0 - f.ys[r]) <= SNAP && covers(h.x0, h.x1, f.xs[c], f.xs[c + 1]));
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const union = (a: number, b: number) => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < nr; r++) for (let c = 1; c < nc; c++) if (!vAt(c, r)) union(r * nc + c - 1, r * nc + c);
  for (let r = 1; r < nr; r++) for (let c = 0; c < nc; c++) if (!hAt(r, c)) union((r - 1) * nc + c, r * nc + c);

  const regions = new Map<number, Region & { runs: TextRun[] }>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const k = root(r * nc + c);
      const reg = regions.get(k);
      if (!reg) regions.set(k, { r0: r, r1: r + 1, c0: c, c1: c + 1, x0: f.xs[c], x1: f.xs[c + 1], text: "", source: "", runs: [] });
      else {
        reg.r1 = Math.max(reg.r1, r + 1);
        reg.c1 = Math.max(reg.c1, c + 1);
        reg.c0 = Math.min(reg.c0, c);
        reg.x0 = f.xs[reg.c0];
        reg.x1 = f.xs[reg.c1];
      }
    }
  }
  if (regions.size < 2) return null;

  const cellOf = (x: number, y: number) => {
    const c = Math.min(nc - 1, Math.max(0, upperIndex(f.xs, x)));
    const r = Math.min(nr - 1, Math.max(0, upperIndex(f.ys, y)));
    return regions.get(root(r * nc + c))!;
  };
  for (const run of runs) {
    for (const part of splitAtBorders(run, f, vAt)) cellOf((part.x0 + part.x1) / 2, (part.y0 + part.y1) / 2).runs.push(part);
  }
  const list = [...regions.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  for (const reg of list) reg.text = cellText(reg.runs);
  return {
    page, index: 0, x0: f.x0, x1: f.x1, y0: f.y0, y1: f.y1, xs: f.xs, rowCount: nr, ruled: true,
    regions: list.map(({ runs: _runs, ...rest }) => rest),
  };
}

/** Index i such that xs[i] <= v < xs[i+1]. */
function upperIndex(xs: number[], v: number): number {
  let i = 0;
  while (i + 1 < xs.length && xs[i + 1] <= v) i++;
  return i;
}

/** A run that crosses a cell border is split there, by character (widths taken as equal). */
function splitAtBorders(run: TextRun, f: Frame, vAt: (c: number, r: number) => boolean): TextRun[] {
  const chars = [...run.str];
  const r = Math.min(f.ys.length - 2, Math.max(0, upperIndex(f.ys, (run.y0 + run.y1) / 2)));
  const cuts = f.xs.map((x, c) => ({ x, c })).filter(({ x, c }) => c > 0 && c < f.xs.length - 1 && x > run.x0 + 1 && x < run.x1 - 1 && vAt(c, r));
  if (cuts.length === 0 || chars.length < 2) return [run];
  const w = (run.x1 - run.x0) / chars.length;
  const parts: TextRun[] = [];
  let start = 0;
  for (const { x } of [...cuts, { x: Infinity }]) {
    const end = x === Infinity ? chars.length : Math.max(start, Math.min(chars.length, Math.round((x - run.x0) / w)));
    if (end > start) parts.push({ ...run, str: chars.slice(start, end).join(""), x0: run.x0 + start * w, x1: run.x0 + end * w });
    start = end;
  }
  return parts;
}

/** The text of one cell: its lines joined (no separator between CJK characters). */
function cellText(runs: TextRun[]): string {
  if (runs.length === 0) return "";
  const lines = groupLines(runs, false).map((l) => l.text).filter((t) => t !== "");
  return lines.reduce((acc, line) => (acc === "" ? line : acc + joiner(acc, line) + line), "").replace(/\s+/g, " ").trim();
}

/** What goes between two pieces of one wrapped text: nothing next to CJK, a space between Latin words. */
function joiner(before: string, after: string): string {
  const a = before.slice(-1);
  const b = after.slice(0, 1);
  return /[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b) ? " " : "";
}

// ---------------------------------------------------------------------------------------------
// Unruled tables

function unruledTables(lines: Line[], page: number): PdfTable[] {
  const out: PdfTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].tabs) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && lines[j + 1].tabs && lines[j + 1].y0 - lines[j].y1 < 3 * lines[j].size) j++;
    const block = lines.slice(i, j + 1);
    i = j + 1;
    const maxCells = maxOf(block.map((l) => l.segments.length));
    if (block.length < 3 || maxCells < 3) continue;
    // Columns: the cells of the fullest lines, merged across those lines.
    const full = block.filter((l) => l.segments.length === maxCells);
    const cols = Array.from({ length: maxCells }, (_, k) => ({ x0: minOf(full.map((l) => l.segments[k].x0)), x1: maxOf(full.map((l) => l.segments[k].x1)) }));
    if (cols.some((c, k) => k > 0 && c.x0 <= cols[k - 1].x1)) continue; // columns overlap: not a table
    const xs = [cols[0].x0, ...cols.slice(1).map((c, k) => (cols[k].x1 + c.x0) / 2), cols[maxCells - 1].x1];
    const regions: Region[] = [];
    block.forEach((line, r) => {
      const byCol = new Map<number, { c0: number; c1: number; text: string }>();
      for (const s of line.segments) {
        let c0 = cols.findIndex((c) => s.x1 > c.x0 - 1 && s.x0 < c.x1 + 1);
        if (c0 < 0) c0 = nearestCol(cols, (s.x0 + s.x1) / 2);
        let c1 = c0 + 1;
        while (c1 < cols.length && s.x1 > cols[c1].x0 + 1) c1++;
        const prev = byCol.get(c0);
        if (prev) prev.text += " " + s.text;
        else byCol.set(c0, { c0, c1, text: s.text });
      }
      for (const cell of byCol.values()) {
        if ([...byCol.values()].some((o) => o !== cell && o.c0 < cell.c1 && o.c0 > cell.c0)) cell.c1 = Math.min(...[...byCol.values()].filter((o) => o.c0 > cell.c0).map((o) => o.c0));
        regions.push({ r0: r, r1: r + 1, c0: cell.c0, c1: cell.c1, x0: xs[cell.c0], x1: xs[cell.c1], text: cell.text, source: "" });
      }
    });
    out.push({
      page, index: 0, x0: xs[0], x1: xs[xs.length - 1], y0: block[0].y0, y1: block[block.length - 1].y1, xs,
      rowCount: block.length, regions, ruled: false,
    });
  }
  return out;
}

function nearestCol(cols: { x0: number; x1: number }[], x: number): number {
  let best = 0;
  cols.forEach((c, k) => {
    if (Math.abs((c.x0 + c.x1) / 2 - x) < Math.abs((cols[best].x0 + cols[best].x1) / 2 - x)) best = k;
  });
  return best;
}

// ---------------------------------------------------------------------------------------------
// The document

function assemble(pages: PageBlocks[]): PdfLayout {
  // Body margins, for re-joining wrapped lines: the usual left edge and the right edge of full lines.
  const bodyLines = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "line" && !b.line.tabs ? [b.line] : [])));
  const left = leftMargin(bodyLines.map((l) => Math.round(l.x0)));
  const rights = bodyLines.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)] : 0;
  const continues = (prev: Line, next: Line, samePage: boolean) =>
    !prev.tabs && !next.tabs && bodyLines.length >= 5 &&
    prev.x1 >= right - 1.5 * prev.size && Math.abs(prev.x0 - left) <= 3 * prev.size &&
    Math.abs(next.x0 - left) <= 0.6 * next.size &&
    Math.abs(prev.size - next.size) <= 0.2 * prev.size &&
    (!samePage || (next.y0 - prev.y1 >= -0.5 && next.y0 - prev.y1 <= 1.5 * prev.size));

  let text = "";
  /** Ends the text with exactly `n` line breaks (none at the very start). */
  const breakLines = (n: number) => {
    if (text === "") return;
    const have = text.length - text.replace(/\n+$/, "").length;
    if (have < n) text += "\n".repeat(n - have);
  };
  const pageStarts: number[] = [];
  let last: { line: Line; page: number } | null = null;
  for (const p of pages) {
    pageStarts.push(text.length);
    p.blocks.forEach((b, bi) => {
      if (b.kind === "line") {
        const lineText = b.line.text;
        if (lineText === "") return;
        if (last && continues(last.line, b.line, last.page === p.page) && (last.page === p.page || bi === 0)) {
          text += joiner(text, lineText) + lineText;
        } else {
          breakLines(1);
          text += lineText;
        }
        last = { line: b.line, page: p.page };
      } else {
        breakLines(2);
        text += gridLines(toGrid(b.table)).join("\n") + "\n";
        last = null;
      }
    });
    if (p.blocks.length === 0) last = null;
  }
  text = text.trimEnd();
  return { text, pageStarts: pageStarts.map((o) => Math.min(o, text.length)), tables: mergeAcrossPages(pages) };
}

/** The body's left edge: the leftmost x where lines often start (continuation lines of paragraphs). */
function leftMargin(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const enough = Math.max(2, values.length * 0.1);
  const frequent = [...counts].filter(([, n]) => n >= enough).map(([v]) => v);
  return frequent.length ? minOf(frequent) : Math.min(minOf(values), 0);
}

function toGrid(t: PdfTable): Grid {
  return placedGrid(`pdf:p${t.page}:t${t.index}`, t.regions.map((r) => placed(r, r.r0, r.c0, r.r1 - r.r0, r.c1 - r.c0)));
}

function placed(r: Region, row: number, col: number, rowspan: number, colspan: number): PlacedCell {
  return { text: r.text, source: r.source, row, col, rowspan, colspan };
}

/** Ruled tables continued on the next page become one Grid. */
function mergeAcrossPages(pages: PageBlocks[]): Grid[] {
  const grids: Grid[] = [];
  let open: { parts: PdfTable[] } | null = null;
  const flush = () => {
    if (open) grids.push(open.parts.length === 1 ? toGrid(open.parts[0]) : mergedGrid(open.parts));
    open = null;
  };
  pages.forEach((p, pi) => {
    for (const t of p.tables) {
      const first = p.blocks[0]?.kind === "table" && p.blocks[0].table === t;
      const prev = open?.parts[open.parts.length - 1];
      const prevPage = pi > 0 ? pages[pi - 1] : null;
      const prevWasLast = prev && prevPage && prev.page === prevPage.page && prevPage.blocks[prevPage.blocks.length - 1]?.kind === "table" &&
        (prevPage.blocks[prevPage.blocks.length - 1] as { table: PdfTable }).table === prev;
      if (open && prev && first && prevWasLast && t.ruled && prev.ruled && Math.abs(prev.x0 - t.x0) <= 4 && Math.abs(prev.x1 - t.x1) <= 4) {
        open.parts.push(t);
        continue;
      }
      flush();
      open = { parts: [t] };
    }
  });
  flush();
  return grids;
}

function mergedGrid(parts: PdfTable[]): Grid {
  const xs = cluster(parts.flatMap((t) => t.xs), SNAP);
  const col = (x: number) => {
    let best = 0;
    xs.forEach((v, i) => {
      if (Math.abs(v - x) < Math.abs(xs[best] - x)) best = i;
    });
    return best;
  };
  const cells: PlacedCell[] = [];
  let offset = 0;
  let bottom: { cell: PlacedCell; region: Region }[] = []; // cells touching the previous part's last row
  for (const t of parts) {
    const next: typeof bottom = [];
    for (const r of t.regions) {
      const c0 = col(r.x0);
      const c1 = Math.max(c0 + 1, col(r.x1));
      // An empty cell at the top of a continuation, under a cell that ran to the foot of the
      // previous page with the same edges, is that cell continued (a row label spanning the break).
      const above = r.r0 === 0 && r.text === "" ? bottom.find((b) => b.region.text !== "" && Math.abs(b.region.x0 - r.x0) <= SNAP && Math.abs(b.region.x1 - r.x1) <= SNAP) : undefined;
      let cell: PlacedCell;
      if (above) {
        above.cell.rowspan += r.r1 - r.r0;
        cell = above.cell;
      } else {
        cell = placed(r, offset + r.r0, c0, r.r1 - r.r0, c1 - c0);
        cells.push(cell);
      }
      if (r.r1 === t.rowCount) next.push({ cell, region: above ? above.region : r });
    }
    bottom = next;
    offset += t.rowCount;
  }
  return placedGrid(parts.map((t, i) => (i === 0 ? `pdf:p${t.page}:t${t.index}` : `p${t.page}:t${t.index}`)).join("+"), cells);
}
