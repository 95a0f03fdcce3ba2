// Rows printed without their labels: a PDF turned into markdown prints some label cells on loose
// lines above or below value-only rows ("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |"), where their position says
// nothing. Such rows are placed by the template's order between the rows whose labels were read,
// when that is unambiguous: as many value rows as unfilled template rows between the same two
// labelled rows, each with one value per column and passing the row's own sum rule.
import type { TableId } from "../types.ts";
import type { ColumnDef } from "../templates/schema.ts";
import type { Entry, RowSpec, RowValidator } from "./align.ts";
import { fitValues } from "./align.ts";
import { parseValue } from "./values.ts";
import type { Token } from "./tokens.ts";

export function fillSlots(
  table: TableId, entries: Entry[], specs: RowSpec[],
  validators: ((columns: ColumnDef[]) => RowValidator | undefined) | undefined, warnings: string[],
): void {
  const boundary = (e: Entry) => e.kind === "failed" || (e.kind === "row" && e.values !== undefined);
  const taken = new Set(entries.filter(boundary).map((e) => e.index!));
  let start = 0;
  for (let i = 0; i <= entries.length; i++) {
    if (i < entries.length && !boundary(entries[i])) continue;
    const before = start > 0 ? entries[start - 1] : undefined;
    const after = entries[i];
    fillSegment(table, entries.slice(start, i), before?.index ?? -1, after?.index ?? specs.length, specs, taken, validators, warnings);
    start = i + 1;
  }
}

function fillSegment(
  table: TableId, segment: Entry[], lo: number, hi: number, specs: RowSpec[], taken: Set<number>,
  validators: ((columns: ColumnDef[]) => RowValidator | undefined) | undefined, warnings: string[],
): void {
  let orphans = segment.filter((e) => e.kind === "orphan");
  if (orphans.length === 0) return;
  const slots: number[] = [];
  for (let k = lo + 1; k < hi; k++) if (!specs[k].row.heading && !taken.has(k)) slots.push(k);
  // A lone number between rows that need several (a page number) is no row.
  const strays = orphans.filter((o) => o.group.values.filter(filled).length === 1 && slots.every((k) => specs[k].columns.length > 1));
  if (strays.length) {
    warnings.push(`${table}：表中孤立的数字“${strays.map((o) => o.group.values.find(filled)!.text).join("、")}”不属于任何行（可能是页码），已忽略`);
    orphans = orphans.filter((o) => !strays.includes(o));
  }
  if (orphans.length === 0) return;
  const placed = orphans.length === slots.length && lo < hi
    ? orphans.map((o, k) => rowValues(o.group.values, specs[slots[k]], validators))
    : [];
  if (placed.length === 0 || placed.some((v) => v === null)) {
    const where = lo >= 0 && lo < specs.length ? `“${specs[lo].row.label}”之后` : "表中";
    warnings.push(`${table}：${where}有 ${orphans.length} 行数值没有行标签，与模板中未读到的 ${slots.length} 行无法唯一对应，未采用`);
    return;
  }
  orphans.forEach((o, k) => Object.assign(o, { kind: "row", index: slots[k], values: placed[k]! }));
  warnings.push(`${table}：${orphans.length} 行数值与其行标签分开印出，已按模板顺序对应到“${slots.map((k) => specs[k].row.label).join("”“")}”`);
}

/** The values of a row without its label, one per column, confirmed by the row's sum rule where it has one. */
function rowValues(values: Token[], spec: RowSpec, validators: ((columns: ColumnDef[]) => RowValidator | undefined) | undefined): Token[] | null {
  const n = spec.columns.length;
  const v = [...values];
  while (v.length > n && !filled(v[0])) v.shift(); // the blank label cell
  const validate = validators?.(spec.columns);
  const fitted = fitValues(v, n, undefined, validate);
  if (!fitted) return null;
  if (validate && !validate(fitted.map((t) => parseValue(t.text).value))) return null;
  return fitted;
}

function filled(t: Token): boolean {
  return t.text.trim() !== "";
}
