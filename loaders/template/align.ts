// Token stream → table cells, aligned by row labels (in template order) and by the known
// columns of each row. A row whose values cannot be aligned with confidence gets empty cells and
// a warning: values are never shifted into neighbouring cells.
//
// The pipeline of one table: group the tokens into label + values (groupRows), classify each group in
// reading order (sequence), fit each row's values (fitEntry), place rows printed without their labels
// by the template's order (slots.ts), let the column rules choose between readings of glued digits
// (glued-solve.ts), and emit the cells.
import type { Cell, TableId } from "../types.ts";
import type { ColumnDef, RowDef } from "../templates/schema.ts";
import type { SumRule } from "../checks/sum-rules.ts";
import { hasOrdinal, isHeaderText, keyLabels, labelKey, matchLabel } from "./labels.ts";
import { parseValue } from "./values.ts";
import type { Token } from "./tokens.ts";
import { anchorsFromCompleteRows, anchorsFromHeader, fitByPosition } from "./position-fit.ts";
import { digitPerCell, gluedSplits, numbers, type RowValidator } from "./glued.ts";
import { fillSlots } from "./slots.ts";
import { solveGlued } from "./glued-solve.ts";

export type { RowValidator } from "./glued.ts";

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
  /** Row ids whose glued digits were split by the table's arithmetic (one reading satisfied it). */
  split: string[];
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
  const textRows = new Set(tokens.filter((t) => t.kind === "text").map((t) => t.row));
  const filledPerRow = new Map<number, number>();
  for (const t of tokens) if (t.kind === "value" && t.text.trim() !== "") filledPerRow.set(t.row, (filledPerRow.get(t.row) ?? 0) + 1);
  let current: RowGroup | null = null;
  tokens.forEach((token, i) => {
    if (token.kind === "value") {
      // In sources with real cells, a row of several values and no text is a row whose label was printed
      // apart from it (on loose lines before or after it, in no reliable place) or lost: a group of its
      // own, without a label, placed later by the template's order (slots.ts). (A line holding one cell
      // is not a row: some copies put every cell on a line of its own.)
      const valueRow = token.col !== undefined && !textRows.has(token.row) && (filledPerRow.get(token.row) ?? 0) >= 2;
      if (valueRow && (!current || current.values.at(-1)?.row !== token.row)) {
        current = { label: [], values: [], tail: [] };
        groups.push(current);
      }
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
    if (!first) continue;
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

/** One group of the table in reading order, once classified. */
export interface Entry {
  /** row: a matched label with cells after it; label: a label with none (printed apart from its values,
   * or a header cell); orphan: values whose label was lost; failed: a row whose values do not fit. */
  kind: "row" | "label" | "orphan" | "failed";
  /** The template row (index into the specs). */
  index?: number;
  group: RowGroup;
  /** The row's values, one per column, once aligned. */
  values?: Token[];
  /** Glued digits with several readings that the row's own rule allows (the column rules decide). */
  candidates?: Token[][];
  /** Glued digits of which no split satisfies the row's own rule. */
  noReading?: boolean;
}

export interface AlignOptions {
  validators?: (columns: ColumnDef[]) => RowValidator | undefined;
  groups?: RowGroup[];
  /** Rows may stand in any order: every row label of the table is unique (table 二, whose blocks
   * some publishers print out of order). Otherwise rows follow the template's order. */
  unordered?: boolean;
  /** The table's header words (block and column labels): a group labelled only with them holds the
   * values of a row whose own label was lost (a blank label cell under the header). */
  headerWords?: string[];
  /** The table's column rules (checks/sum-rules.ts): they choose between readings of glued digits. */
  columnRules?: SumRule[];
}

export function alignRows(table: TableId, tokens: Token[], specs: RowSpec[], options: AlignOptions = {}): AlignResult {
  const groups = options.groups ?? groupRows(tokens, specs);
  const match = rowMatcher(specs.map((s) => s.row));
  const result: AlignResult = { cells: [], warnings: [], rows: new Set(), extraRows: [], split: [] };
  const entries = sequence(table, groups, specs, match, options, result);
  for (const entry of entries) if (entry.kind === "row") fitEntry(table, entry, entries, specs, tokens, options, result);
  if (entries.some((e) => e.kind === "orphan")) fillSlots(table, entries, specs, options.validators, result.warnings);
  if (entries.some((e) => e.candidates)) solveGlued(table, entries, specs, options.columnRules ?? [], result);
  emit(table, entries, specs, result);
  return result;
}

/** Every group in reading order, classified: a row with values (its label matched), a label printed
 * apart from its values, or values whose label was lost (an orphan). */
function sequence(
  table: TableId, groups: RowGroup[], specs: RowSpec[], match: Matcher<RowDef>, options: AlignOptions, result: AlignResult,
): Entry[] {
  const entries: Entry[] = [];
  const taken = new Set<number>();
  let pointer = 0;
  for (const group of groups) {
    const { text: printed, rows: candidates } = printedLabel(group, match);
    const hasValues = group.values.some((v) => v.text.trim() !== "");
    if (candidates.length === 0) {
      if (hasValues && (group.label.length === 0 || isHeaderText(printed, options.headerWords ?? []))) entries.push({ kind: "orphan", group });
      else if (hasValues) result.extraRows.push(printed);
      continue;
    }
    const indexes = candidates.map((row) => specs.findIndex((s) => s.row === row)).filter((i) => i >= 0).sort((a, b) => a - b);
    const index = options.unordered ? indexes.find((i) => !taken.has(i)) : indexes.find((i) => i >= pointer);
    if (index === undefined) {
      if (hasValues) result.warnings.push(`${table}：行“${printed}”重复或顺序异常，已忽略`);
      continue;
    }
    // A label with no cells after it (a heading, a header cell, a label printed apart from its values)
    // does not fix the order: the rows with values do.
    if (group.values.length === 0 && group.label[0].x === undefined) {
      entries.push({ kind: "label", index, group });
      continue;
    }
    pointer = index + 1;
    taken.add(index);
    entries.push({ kind: "row", index, group });
  }
  return entries;
}

function fitEntry(
  table: TableId, entry: Entry, entries: Entry[], specs: RowSpec[], tokens: Token[], options: AlignOptions, result: AlignResult,
): void {
  const spec = specs[entry.index!];
  const group = entry.group;
  const hasValues = group.values.some((v) => v.text.trim() !== "");
  if (spec.row.heading) {
    // A heading with values is a merged row (e.g. one （六）其他处理 row in a 2021 report) when
    // none of its sub-rows was printed; otherwise its values are not the template's.
    const childPrinted = entries.some((e) => e.index !== undefined && specs[e.index].row.parent === spec.row.id);
    // (a merged row printed with every cell blank still has its cells, all empty)
    if (!hasValues && (childPrinted || group.values.length !== spec.columns.length)) {
      entry.kind = "label";
      return;
    }
    if (childPrinted) {
      result.warnings.push(`${table}：标题行“${spec.row.label}”带有数值且其下还有分项，数值未采用`);
      entry.kind = "label";
      return;
    }
  }
  const n = spec.columns.length;
  const validate = options.validators?.(spec.columns);
  const sameBlock = entries.filter((e) => e.values && specs[e.index!].columns === spec.columns).map((e) => e.values!);
  const values = fitValues(group.values, n, group.label.at(-1)?.row, validate) ?? placeByPosition(group, n, tokens, sameBlock);
  if (values) {
    entry.values = values;
    return;
  }
  const continued = continuedOnNextRow(entry, entries, n, validate);
  if (continued) {
    entry.values = continued;
    return;
  }
  // Digits glued with no separator: the readings the row's own rule allows; one is taken, several
  // are left to the table's column rules (solveGlued). A row without a rule of its own has no
  // evidence for any reading (blank cells leave no trace).
  const splits = validate ? gluedSplits(trimValues(group.values, n, group.label.at(-1)?.row), n, validate) : null;
  if (splits && splits.length === 1) {
    entry.values = splits[0];
    result.split.push(spec.row.id);
    return;
  }
  if (splits && splits.length > 1) {
    entry.kind = "failed";
    entry.candidates = splits;
    return;
  }
  entry.noReading = splits !== null && splits.length === 0;
  const filled = group.values.filter((v) => v.text.trim() !== "");
  if (n > 1 && filled.length === 1 && group.values.length === 1 && !filled[0].glued) {
    // One number after a label that needs several (a page number between a label and its row): the
    // label stands apart from its values, the number belongs to no cell.
    result.warnings.push(`${table}：行“${spec.row.label}”后的孤立数字“${filled[0].text}”不是该行的数值，已忽略`);
    entry.kind = "label";
    return;
  }
  entry.kind = "failed";
}

/** A row broken over two printed rows (a page break inside it): its label's row has too few values,
 * the row of values right after it the rest, and together they satisfy the row's sum. */
function continuedOnNextRow(entry: Entry, entries: Entry[], n: number, validate?: RowValidator): Token[] | null {
  const next = entries[entries.indexOf(entry) + 1];
  if (next?.kind !== "orphan") return null;
  const own = trimValues(entry.group.values, n).filter((v) => v.text.trim() !== "" || v.col !== undefined);
  const rest = trimValues(next.group.values, n);
  if (own.length === 0 || own.length + rest.length !== n) return null;
  const values = [...own, ...rest];
  if (validate && !validate(numbers(values))) return null;
  next.kind = "label"; // consumed: its values are this row's
  next.index = entry.index;
  return values;
}

function emit(table: TableId, entries: Entry[], specs: RowSpec[], result: AlignResult): void {
  const filledRows = new Set(entries.filter((e) => e.values).map((e) => e.index!));
  const reported = new Set<number>();
  for (const entry of entries) {
    if (entry.index === undefined) continue;
    const spec = specs[entry.index];
    if (entry.values) {
      result.rows.add(spec.row.id);
      spec.columns.forEach((col, i) => result.cells.push(makeCell(table, spec.row, col, entry.values![i])));
      continue;
    }
    if (entry.kind === "label" && (spec.row.heading || filledRows.has(entry.index))) continue;
    if (filledRows.has(entry.index) || reported.has(entry.index)) continue;
    reported.add(entry.index);
    const group = entry.group;
    if (entry.candidates) {
      // (solveGlued said why)
      for (const col of spec.columns) result.cells.push(emptyCell(table, spec, col, (group.label[0] ?? group.values[0]).source));
      continue;
    }
    const filled = group.values.filter((v) => v.text.trim() !== "");
    const glued = filled.filter((v) => v.glued);
    const cells = group.values.length === filled.length ? `${filled.length} 个数值` : `${group.values.length} 个单元格（${filled.length} 个非空）`;
    result.warnings.push(glued.length
      ? `${table}：行“${spec.row.label}”的数字粘连在一起（${filled.map((v) => v.text).join(" ")}），拆成 ${spec.columns.length} 个单元格${entry.noReading ? "没有一种读法满足该行的加总" : "有多种读法"}，无法可靠对齐，该行留空`
      : `${table}：行“${spec.row.label}”读到 ${cells}，应为 ${spec.columns.length} 个，无法可靠对齐，该行留空`);
    for (const col of spec.columns) result.cells.push(emptyCell(table, spec, col, (group.label[0] ?? group.values[0]).source));
  }
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

/**
 * The row's values, exactly one per column, or null when they cannot be aligned with confidence.
 * `labelRow` is the physical row of the label; `validate` checks a split of glued digits.
 */
export function fitValues(values: Token[], n: number, labelRow?: number, validate?: RowValidator): Token[] | null {
  const v = trimValues(values, n, labelRow);
  if (v.length === n) return v;
  if (v.length < n) return digitPerCell(v, n, validate);
  return null;
}

/** The row's own value tokens: blank lines and padding cells that belong to no column dropped. */
export function trimValues(values: Token[], n: number, labelRow?: number): Token[] {
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
  return v;
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

