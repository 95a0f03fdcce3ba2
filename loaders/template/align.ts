// Token stream → table cells, aligned by row labels (in template order) and by the known
// columns of each row. A row whose values cannot be aligned with confidence gets empty cells and
// a warning: values are never shifted into neighbouring cells.
import type { Cell, TableId } from "../types.ts";
import type { ColumnDef, RowDef } from "../templates/schema.ts";
import { hasOrdinal, keyLabels, labelKey, matchLabel } from "./labels.ts";
import { parseValue } from "./values.ts";
import type { Token } from "./tokens.ts";
import { anchorsFromCompleteRows, anchorsFromHeader, fitByPosition } from "./position-fit.ts";

export interface RowSpec {
  row: RowDef;
  columns: ColumnDef[];
}

export interface RowGroup {
  label: Token[];
  values: Token[];
  /** Label text that wraps onto lines after the values (PDF cells are centred vertically). */
  tail: Token[];
}

export interface AlignResult {
  cells: Cell[];
  warnings: string[];
  /** Row ids that received values. */
  rows: Set<string>;
  /** Printed labels with values that match no row of the template (extra rows). */
  extraRows: string[];
}

/** Horizontal distance within which two label fragments stand in the same column. */
const SAME_COLUMN_X = 2;

/**
 * Splits the stream into groups of label text followed by values. A fragment that starts with an
 * ordinal or matches a row starts a new label; other fragments continue a label — in text with
 * positions, the label standing in the same column (so a wrapped cell is rejoined even when its
 * lines straddle the values or sit beside an outer heading).
 */
export function groupRows(tokens: Token[], specs: RowSpec[]): RowGroup[] {
  const match = rowMatcher(specs.map((s) => s.row));
  const groups: RowGroup[] = [];
  const valuesAfter = rowHasValuesAfter(tokens);
  let current: RowGroup | null = null;
  tokens.forEach((token, i) => {
    if (token.kind === "value") {
      current?.values.push(token);
      return;
    }
    const startsRow = hasOrdinal(token.text) || match(token.text).length > 0;
    const positioned = token.x !== undefined || token.col !== undefined;
    const column = !startsRow && positioned ? sameColumnGroup(groups, token) : null;
    if (current && !startsRow && column && column.values.length === 0) {
      column.label.push(token); // wrapped label, values still to come on this or a later line
      // The values on this line (if any) are the continued label's; a wrapped fragment alone on
      // its line (…办理 / 结果) must not capture what follows.
      if (column === groups.at(-1) || valuesAfter[i]) current = column;
    } else if (current && !startsRow && column && !valuesAfter[i]) {
      column.tail.push(token); // wrapped label continuing below its values
    } else if (current && !startsRow && current.values.length === 0) {
      current.label.push(token); // a label split over lines or cells
    } else {
      current = { label: [token], values: [], tail: [] };
      groups.push(current);
    }
  });
  return groups;
}

/** The most recent of the last few groups whose label starts in the token's column. */
function sameColumnGroup(groups: RowGroup[], token: Token): RowGroup | null {
  for (let g = groups.length - 1; g >= Math.max(0, groups.length - 3); g--) {
    const first = groups[g].label[0];
    const same = token.x !== undefined && first.x !== undefined
      ? Math.abs(first.x - token.x) <= SAME_COLUMN_X
      : token.col !== undefined && first.col === token.col;
    if (same) return groups[g];
  }
  return null;
}

/** For each token: does a non-empty value follow it in the same physical row? */
function rowHasValuesAfter(tokens: Token[]): boolean[] {
  const out = new Array<boolean>(tokens.length).fill(false);
  let seen = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (i < tokens.length - 1 && tokens[i + 1].row !== tokens[i].row) seen = false;
    out[i] = seen;
    if (tokens[i].kind === "value" && tokens[i].text.trim() !== "") seen = true;
  }
  return out;
}

/** The printed label of a group: the longest run of its fragments (label, then the wrapped tail)
 * that still matches a row; fragments after it may be unrelated text (a block heading, a header). */
function printedLabel<T extends RowDef>(group: RowGroup, match: Matcher<T>): { text: string; rows: T[] } {
  let text = "";
  let best = { text: group.label.map((t) => t.text).join(""), rows: [] as T[] };
  for (const t of [...group.label, ...group.tail]) {
    text += t.text;
    const rows = match(text);
    if (rows.length) best = { text, rows };
  }
  return best;
}

type Matcher<T extends RowDef> = (printed: string) => T[];
const matchers = new Map<string, Matcher<RowDef>>();

/** A memoised matchRow over a set of rows: the same labels recur in every report. */
function rowMatcher<T extends RowDef>(rows: T[]): Matcher<T> {
  const signature = rows.map((r) => r.id).join(",") + "|" + rows.map((r) => r.label.length).join(",");
  let m = matchers.get(signature) as Matcher<T> | undefined;
  if (!m) {
    const keyed = keyLabels(rows);
    const memo = new Map<string, T[]>();
    m = (printed) => {
      let hit = memo.get(printed);
      if (!hit) {
        hit = matchRow(printed, keyed);
        if (memo.size < 20000) memo.set(printed, hit);
      }
      return hit;
    };
    matchers.set(signature, m as Matcher<RowDef>);
  }
  return m;
}

/** Matches a printed label; "（三）不予公开1.属于国家秘密" in one cell is tried by its last part. */
function matchRow<T extends RowDef>(printed: string, keyed: ReturnType<typeof keyLabels<T>>): T[] {
  const direct = matchLabel(printed, keyed);
  if (direct.length) return direct;
  const parts = printed.replace(/\s+/g, "").split(/(?=[（(][一二三四五六七八九十]+[)）]|\d+[.．、](?!\d))/).filter(Boolean);
  if (parts.length > 1) return matchLabel(parts.at(-1)!, keyed);
  // Two label cells read as one with a space between them ("本年度办理 予以公开"), ordinals lost.
  const words = printed.trim().split(/\s+/);
  if (words.length > 1) return matchLabel(words.at(-1)!, keyed);
  return matchUnderHeadings(printed, keyed);
}

/** Heading labels glued before a row label with no ordinal or space ("本年度办理结果予以公开",
 * "不予公开属于国家秘密"): the row whose key ends the text, when what precedes it is headings only. */
function matchUnderHeadings<T extends RowDef>(printed: string, keyed: ReturnType<typeof keyLabels<T>>): T[] {
  const key = labelKey(printed);
  const headings = keyed.filter((k) => k.item.heading).flatMap((k) => k.keys).sort((a, b) => b.length - a.length);
  let best: { item: T; length: number } | null = null;
  for (const k of keyed) {
    if (k.item.heading) continue;
    for (const rowKey of k.keys) {
      if (rowKey.length < 2 || rowKey.length >= key.length || !key.endsWith(rowKey)) continue;
      if (!onlyHeadings(key.slice(0, key.length - rowKey.length), headings)) continue;
      if (!best || rowKey.length > best.length) best = { item: k.item, length: rowKey.length };
    }
  }
  return best ? [best.item] : [];
}

function onlyHeadings(rest: string, headings: string[]): boolean {
  while (rest !== "") {
    const h = headings.find((k) => rest.startsWith(k));
    if (!h) return false;
    rest = rest.slice(h.length);
  }
  return true;
}

export function alignRows(
  table: TableId, tokens: Token[], specs: RowSpec[],
  validators?: (columns: ColumnDef[]) => RowValidator | undefined,
  groups: RowGroup[] = groupRows(tokens, specs),
): AlignResult {
  const match = rowMatcher(specs.map((s) => s.row));
  const result: AlignResult = { cells: [], warnings: [], rows: new Set(), extraRows: [] };
  let pointer = 0;
  const assigned: { spec: RowSpec; group: RowGroup }[] = [];
  for (const group of groups) {
    const { text: printed, rows: candidates } = printedLabel(group, match);
    const hasValues = group.values.some((v) => v.text.trim() !== "");
    const index = candidates.map((row) => specs.findIndex((s) => s.row === row)).filter((i) => i >= pointer).sort((a, b) => a - b)[0];
    if (index === undefined) {
      if (hasValues && candidates.length === 0) result.extraRows.push(printed);
      else if (hasValues) result.warnings.push(`${table}：行“${printed}”重复或顺序异常，已忽略`);
      continue;
    }
    pointer = index + 1;
    assigned.push({ spec: specs[index], group });
  }
  for (const { spec, group } of assigned) {
    const hasValues = group.values.some((v) => v.text.trim() !== "");
    if (spec.row.heading) {
      // A heading with values is a merged row (e.g. one （六）其他处理 row in a 2021 report) when
      // none of its sub-rows was printed; otherwise its values are not the template's.
      const childPrinted = assigned.some((a) => a.spec.row.parent === spec.row.id);
      // (a merged row printed with every cell blank still has its cells, all empty)
      if (!hasValues && (childPrinted || group.values.length !== spec.columns.length)) continue;
      if (childPrinted) {
        result.warnings.push(`${table}：标题行“${spec.row.label}”带有数值且其下还有分项，数值未采用`);
        continue;
      }
    }
    const n = spec.columns.length;
    const values = fitValues(group.values, n, group.label.at(-1)!.row, validators?.(spec.columns))
      ?? placeByPosition(group, n, tokens, assigned.filter((a) => a.spec.columns === spec.columns).map((a) => a.group.values));
    if (!values) {
      const filled = group.values.filter((v) => v.text.trim() !== "").length;
      const cells = group.values.length === filled ? `${filled} 个数值` : `${group.values.length} 个单元格（${filled} 个非空）`;
      result.warnings.push(`${table}：行“${spec.row.label}”读到 ${cells}，应为 ${spec.columns.length} 个，无法可靠对齐，该行留空`);
      for (const col of spec.columns) result.cells.push(emptyCell(table, spec, col, group.label[0].source));
      continue;
    }
    result.rows.add(spec.row.id);
    spec.columns.forEach((col, i) => result.cells.push(makeCell(table, spec.row, col, values[i])));
  }
  return result;
}

/** Fewer values than columns in space-aligned text: place them by position (blank cells were
 * dropped by the extraction), using complete rows of the same block, else the header above. */
function placeByPosition(group: RowGroup, n: number, tokens: Token[], sameBlock: Token[][]): Token[] | null {
  const values = group.values.filter((v) => v.text.trim() !== "");
  // Glued digits have no position of their own: they are split by count (fitValues) or not at all.
  if (values.length > n || values.some((v) => v.x === undefined || v.glued)) return null;
  const anchors = anchorsFromCompleteRows(sameBlock, n) ?? anchorsFromHeader(tokens, group.label[0].row, n);
  if (!anchors) return null;
  const at = group.label.at(-1)!;
  return fitByPosition(values, anchors, (c) => ({ kind: "value", text: "", source: `text:L${at.row}:x${anchors[c]}:blank`, row: at.row }));
}

/** Accepts a candidate row of numbers when the table's own rules for a row hold on it. */
export type RowValidator = (values: (number | null)[]) => boolean;

/**
 * The row's values, exactly one per column, or null when they cannot be aligned with confidence.
 * `labelRow` is the physical row of the label; `validate` checks a split of glued digits.
 */
export function fitValues(values: Token[], n: number, labelRow?: number, validate?: RowValidator): Token[] | null {
  let v = [...values];
  // A row whose values stand on its label's own line ("行政许可17") does not own the blank lines
  // after it; blank lines are empty cells only where each cell has a line of its own.
  if (labelRow !== undefined && v.some((t) => t.row === labelRow && t.text.trim() !== "")) {
    v = v.filter((t) => t.row === labelRow || t.text.trim() !== "");
  }
  while (v.length > n && v.at(-1)!.text.trim() === "") v.pop(); // blank lines after a row
  // Empty cells of the label columns ("| 一、本年新收… |  |  | 2 | …"): in sources with real cells,
  // leading blanks beyond the column count are padding, not values.
  while (v.length > n && v[0].col !== undefined && v[0].text.trim() === "") v.shift();
  if (v.length === n) return v;
  if (v.length < n) return splitGluedRun(v, n, validate);
  return null;
}

/**
 * Digits glued together ("规章000"): one run of exactly as many digits as missing cells + 1. Blank
 * cells leave no trace in a glued run ("114" may be 11, blank, 4), so the one-digit-per-cell split
 * is taken only when no other reading exists (a run like "000"), or when the table's row rule
 * (总计 = the applicant columns; 总计 = the four outcomes) holds on it. A free-standing "100"
 * stays one number; a run standing alone for a whole row of 5+ cells ("000000100100000" for
 * table 四) counts as glued: no township cell holds a five-digit count.
 */
function splitGluedRun(v: Token[], n: number, validate?: RowValidator): Token[] | null {
  const runs = v.filter((t) => (t.glued || (v.length === 1 && t.text.length === n && n >= 5)) && /^\d{2,}$/.test(t.text));
  if (runs.length !== 1 || runs[0].text.length !== n - v.length + 1) return null;
  const run = runs[0];
  const digits = [...run.text].map((d, i) => ({ ...run, text: d, source: `${run.source}:digit${i + 1}`, glued: true }));
  const split = v.flatMap((t) => (t === run ? digits : [t]));
  if (onlyReading(run.text)) return split;
  if (validate && validate(split.map((t) => parseValue(t.text).value))) return split;
  return null;
}

/** True when a digit run has one reading however many cells it spans: every digit but the last
 * is 0 (a number never starts with 0, so "0003" can only be 0, 0, 0, 3). */
function onlyReading(run: string): boolean {
  return /^0*\d$/.test(run);
}

function makeCell(table: TableId, row: RowDef, col: ColumnDef, token: Token): Cell {
  const { value, raw, unit } = parseValue(token.text);
  return {
    table, row: row.id, col: col.id, row_label: row.label, col_label: col.label, value, raw,
    unit: unit ?? col.unit ?? null, source: token.source,
  };
}

function emptyCell(table: TableId, spec: RowSpec, col: ColumnDef, source: string): Cell {
  return {
    table, row: spec.row.id, col: col.id, row_label: spec.row.label, col_label: col.label, value: null, raw: "",
    unit: col.unit ?? null, source: `${source}:unaligned`,
  };
}

