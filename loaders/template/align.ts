// Token stream → table cells, aligned by row labels (in template order) and by the known
// columns of each row. A row whose values cannot be aligned with confidence gets empty cells and
// a warning: values are never shifted into neighbouring cells.
import type { Cell, TableId } from "../types.ts";
import type { ColumnDef, RowDef } from "../templates/schema.ts";
import { keyLabels, labelKey, matchLabel } from "./labels.ts";
import { parseValue } from "./values.ts";
import type { Token } from "./tokens.ts";

export interface RowSpec {
  row: RowDef;
  columns: ColumnDef[];
}

export interface RowGroup {
  label: Token[];
  values: Token[];
}

export interface AlignResult {
  cells: Cell[];
  warnings: string[];
  /** Row ids that received values. */
  rows: Set<string>;
  /** Printed labels with values that match no row of the template (extra rows). */
  extraRows: string[];
}

/** Splits the stream into groups of label text followed by values. */
export function groupRows(tokens: Token[], specs: RowSpec[]): RowGroup[] {
  const keyed = keyLabels(specs.map((s) => s.row));
  const groups: RowGroup[] = [];
  let current: RowGroup | null = null;
  for (const token of tokens) {
    if (token.kind === "value") {
      if (current) current.values.push(token);
      continue;
    }
    const startsRow = matchRow(token.text, keyed).length > 0;
    if (!current || current.values.length > 0 || startsRow) {
      current = { label: [token], values: [] };
      groups.push(current);
    } else {
      current.label.push(token); // a label split over lines or cells
    }
  }
  return groups;
}

/** Matches a printed label; "（三）不予公开1.属于国家秘密" in one cell is tried by its last part. */
function matchRow<T extends RowDef>(printed: string, keyed: ReturnType<typeof keyLabels<T>>): T[] {
  const direct = matchLabel(printed, keyed);
  if (direct.length) return direct;
  const parts = printed.replace(/\s+/g, "").split(/(?=[（(][一二三四五六七八九十]+[)）]|\d+[.．、](?!\d))/).filter(Boolean);
  return parts.length > 1 ? matchLabel(parts.at(-1)!, keyed) : [];
}

export function alignRows(table: TableId, tokens: Token[], specs: RowSpec[]): AlignResult {
  const keyed = keyLabels(specs.map((s) => s.row));
  const result: AlignResult = { cells: [], warnings: [], rows: new Set(), extraRows: [] };
  let pointer = 0;
  const assigned: { spec: RowSpec; group: RowGroup }[] = [];
  for (const group of groupRows(tokens, specs)) {
    const printed = group.label.map((t) => t.text).join("");
    const hasValues = group.values.some((v) => v.text.trim() !== "");
    const candidates = matchRow(printed, keyed);
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
      if (!hasValues) continue;
      if (childPrinted) {
        result.warnings.push(`${table}：标题行“${spec.row.label}”带有数值且其下还有分项，数值未采用`);
        continue;
      }
    }
    const values = fitValues(group.values, spec.columns.length);
    if (!values) {
      const n = group.values.filter((v) => v.text.trim() !== "").length;
      result.warnings.push(`${table}：行“${spec.row.label}”读到 ${n} 个数值，应为 ${spec.columns.length} 个，无法可靠对齐，该行留空`);
      for (const col of spec.columns) result.cells.push(emptyCell(table, spec, col, group.label[0].source));
      continue;
    }
    result.rows.add(spec.row.id);
    spec.columns.forEach((col, i) => result.cells.push(makeCell(table, spec.row, col, values[i])));
  }
  return result;
}

/** The row's values, exactly one per column, or null when they cannot be aligned with confidence. */
export function fitValues(values: Token[], n: number): Token[] | null {
  let v = [...values];
  while (v.length > n && v.at(-1)!.text.trim() === "") v.pop(); // blank lines after a row
  if (v.length === n) return v;
  // Digits glued together ("规章000"): one run that makes up the missing cells, one digit each.
  // Only a run glued in the source text is split; a free-standing "100" stays one number.
  if (v.length < n) {
    const runs = v.filter((t) => t.glued && /^\d{2,}$/.test(t.text));
    if (runs.length === 1 && runs[0].text.length === n - v.length + 1) {
      const run = runs[0];
      const digits = [...run.text].map((d, i) => ({ ...run, text: d, source: `${run.source}:digit${i + 1}`, glued: true }));
      v = v.flatMap((t) => (t === run ? digits : [t]));
      if (v.length === n) return v;
    }
  }
  return null;
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

export { labelKey };
