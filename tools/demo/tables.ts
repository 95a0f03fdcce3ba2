// The template-table model: turns table values into printed grids (the layout of the official
// templates, with their rowspans and colspans) and the truth cells, reading every row, column and
// label from the shared schemas in loaders/templates. Publisher variants (merged （六） row, an 8th
// 小计 column, an extra row, bracketed explanations, alias spellings, tokens for zero) are options.
import type { ColumnDef, RowDef, TemplateDef } from "../../loaders/templates/schema.ts";
import { table3Columns, table3OrgColumns, table3OtherSingle } from "../../loaders/templates/table3.ts";
import { decimal } from "./format.ts";
import type { GridCell, TableModel, TruthCell } from "./doc.ts";
import type { TableValues } from "./model.ts";

export interface TableOptions {
  /** 2021 copies that print one merged （六）其他处理 row. */
  mergedOther: boolean;
  /** The 8th 小计 column of table 三. */
  subtotalColumn: boolean;
  /** An extra row in table 二's first block (e.g. 其他主动公开文件). */
  extraRow: { label: string; values: number[] } | null;
  /** Label overrides keyed "t3:row:carried", "t2:col:delta" …: alias spellings and bracketed notes. */
  labels: Record<string, string>;
  /** Drop ordinals (（一）, 1., 一、) and the （x）项 of block labels. */
  lostOrdinals: boolean;
  /** How a zero is written in table 二 ("0", "/", "—", "无", ""). */
  t2Zero: string;
  /** How a zero is written in table 三 ("0", "", "-"). */
  t3Zero: string;
  /** 2019 采购总金额 written with 元 attached. */
  amountWithYuan: boolean;
  /** 2021 fee written as 0.00 rather than 0. */
  feeTwoDecimals: boolean;
}

export const PLAIN_OPTIONS: TableOptions = {
  mergedOther: false, subtotalColumn: false, extraRow: null, labels: {}, lostOrdinals: false,
  t2Zero: "0", t3Zero: "0", amountWithYuan: false, feeTwoDecimals: false,
};

export interface LabelVariant {
  table: string;
  kind: "row" | "col";
  id: string;
  official: string;
  written: string;
}

function cell(text: string, role: GridCell["role"], colspan = 1, rowspan = 1): GridCell {
  return { text, role, colspan, rowspan };
}

function rowLabel(tid: string, r: RowDef, o: TableOptions, used: LabelVariant[]): string {
  const key = `${tid}:row:${r.id}`;
  const label = o.labels[key] ?? r.label;
  if (o.labels[key]) used.push({ table: tid, kind: "row", id: r.id, official: r.label, written: label });
  return (o.lostOrdinals || !r.ordinal ? "" : r.ordinal) + label;
}

function colLabel(tid: string, c: ColumnDef, o: TableOptions, used: LabelVariant[]): string {
  const key = `${tid}:col:${c.id}`;
  const label = o.labels[key] ?? c.label;
  if (o.labels[key]) used.push({ table: tid, kind: "col", id: c.id, official: c.label, written: label });
  return label;
}

function blockLabel(label: string, o: TableOptions): string {
  return o.lostOrdinals ? label.replace(/（[一二三四五六七八九十]+）项$/, "") : label;
}

function countRaw(n: number, zero: string): { value: number | null; raw: string } {
  if (n === 0 && zero !== "0") return { value: null, raw: zero };
  return { value: n, raw: String(n) };
}

/** Spread `n` value columns over the three value columns of table 二 (3 → 1,1,1; 2 → 1,2; 1 → 3). */
function spans(n: number): number[] {
  return n === 3 ? [1, 1, 1] : n === 2 ? [1, 2] : [3];
}

export function buildTable2(tpl: TemplateDef, values: TableValues, o: TableOptions, used: LabelVariant[]): TableModel {
  const def = tpl.tables.find((t) => t.id === "t2")!;
  const rows: GridCell[][] = [];
  const cells: TruthCell[] = [];
  def.blocks.forEach((block, bi) => {
    rows.push([cell(blockLabel(block.label, o), "head", 4)]);
    const sp = spans(block.columns.length);
    const colLabels = block.columns.map((c) => colLabel("t2", c, o, used));
    rows.push([cell("信息内容", "head"), ...colLabels.map((l, i) => cell(l, "head", sp[i]))]);
    const printed: { id: string; label: string; vals: (number | undefined)[] }[] = block.rows.map((r) => ({
      id: r.id, label: rowLabel("t2", r, o, used), vals: block.columns.map((c) => values[r.id]?.[c.id]),
    }));
    if (bi === 0 && o.extraRow) printed.push({ id: "extra", label: o.extraRow.label, vals: o.extraRow.values });
    for (const pr of printed) {
      const line: GridCell[] = [cell(pr.label, "label")];
      block.columns.forEach((c, i) => {
        const v = pr.vals[i] ?? 0;
        let written: { value: number | null; raw: string };
        if (c.id === "proc_amount") {
          written = v === 0 ? countRaw(0, o.t2Zero) : { value: v, raw: o.amountWithYuan ? `${v}元` : String(v) };
        } else if (c.id === "fee_amount") {
          written = v === 0 && o.t2Zero !== "0" ? countRaw(0, o.t2Zero)
            : { value: v, raw: o.feeTwoDecimals ? v.toFixed(2) : decimal(v) };
        } else {
          written = countRaw(v, o.t2Zero);
        }
        line.push(cell(written.raw, "value", sp[i]));
        cells.push({ table: "t2", row: pr.id, col: c.id, ...written });
      });
      rows.push(line);
    }
  });
  return { table: "t2", width: 4, rows, cells };
}

export function buildTable3(tpl: TemplateDef, values: TableValues, o: TableOptions, used: LabelVariant[]): TableModel {
  const block = tpl.tables.find((t) => t.id === "t3")!.blocks[0];
  const cols = table3Columns.filter((c) => !c.optional || o.subtotalColumn);
  const org = cols.filter((c) => table3OrgColumns.includes(c.id) || c.id === "org_subtotal");
  const labelOf = (id: string) => colLabel("t3", cols.find((c) => c.id === id)!, o, used);
  const width = 3 + cols.length;
  const rows: GridCell[][] = [
    [cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "head", 3, 3), cell("申请人情况", "head", cols.length)],
    [cell(labelOf("natural"), "head", 1, 2), cell("法人或其他组织", "head", org.length), cell(labelOf("total"), "head", 1, 2)],
    org.map((c) => cell(labelOf(c.id), "head")),
  ];
  // Schema rows, with the 2021 （六） group folded into one row when the publisher merges it.
  let schemaRows = block.rows;
  if (o.mergedOther) {
    const start = schemaRows.findIndex((r) => r.id === "other");
    const end = schemaRows.findIndex((r) => r.id === "total");
    schemaRows = [...schemaRows.slice(0, start), table3OtherSingle, ...schemaRows.slice(end)];
  }
  const leafValue = (id: string, col: string): number => {
    if (col === "total") return ["natural", ...table3OrgColumns].reduce((s, c) => s + leafValue(id, c), 0);
    if (col === "org_subtotal") return table3OrgColumns.reduce((s, c) => s + leafValue(id, c), 0);
    if (id === "other" && values.other === undefined) {
      return ["other_no_correction", "other_no_fee", "other_other"].reduce((s, r) => s + (values[r]?.[col] ?? 0), 0);
    }
    return values[id]?.[col] ?? 0;
  };
  const cells: TruthCell[] = [];
  const colLabels = cols.map((c) => labelOf(c.id));
  const resultsCount = schemaRows.filter((r) => r.parent && !r.heading).length;
  const leafUnder = (pid: string) => schemaRows.filter((r) => r.parent === pid && !r.heading).length;
  const byId = new Map(schemaRows.map((r) => [r.id, r]));
  let firstResult = true;
  const pendingHeading = new Map<string, boolean>();
  for (const r of schemaRows) {
    if (r.heading) {
      pendingHeading.set(r.id, true);
      continue;
    }
    const line: GridCell[] = [];
    const parent = r.parent ? byId.get(r.parent) : undefined;
    if (!parent) {
      line.push(cell(rowLabel("t3", r, o, used), "label", 3));
    } else {
      if (firstResult) {
        const results = byId.get("results")!;
        line.push(cell(rowLabel("t3", results, o, used), "label", 1, resultsCount));
        firstResult = false;
      }
      if (parent.id === "results") {
        line.push(cell(rowLabel("t3", r, o, used), "label", 2));
      } else {
        if (pendingHeading.get(parent.id)) {
          line.push(cell(rowLabel("t3", parent, o, used), "label", 1, leafUnder(parent.id)));
          pendingHeading.set(parent.id, false);
        }
        line.push(cell(rowLabel("t3", r, o, used), "label"));
      }
    }
    const printedLabel = line[line.length - 1].text;
    cols.forEach((c, i) => {
      const written = countRaw(leafValue(r.id, c.id), o.t3Zero);
      line.push(cell(written.raw, "value"));
      cells.push({ table: "t3", row: r.id, col: c.id, ...written });
    });
    rows.push(line);
  }
  return { table: "t3", width, rows, cells };
}

export function buildTable4(tpl: TemplateDef, values: TableValues, o: TableOptions, used: LabelVariant[]): TableModel {
  const block = tpl.tables.find((t) => t.id === "t4")!.blocks[0];
  const [review, direct, after] = block.rows.map((r) => ({ r, label: rowLabel("t4", r, o, used) }));
  const outcomeLabels = block.columns.map((c) => colLabel("t4", c, o, used));
  const rows: GridCell[][] = [
    [cell(review.label, "head", 5, 2), cell("行政诉讼", "head", 10)],
    [cell(direct.label, "head", 5), cell(after.label, "head", 5)],
    [...outcomeLabels, ...outcomeLabels, ...outcomeLabels].map((l) => cell(l, "head")),
  ];
  const cells: TruthCell[] = [];
  const line: GridCell[] = [];
  for (const { r, label } of [review, direct, after]) {
    block.columns.forEach((c, i) => {
      const v = values[r.id]?.[c.id] ?? 0;
      line.push(cell(String(v), "value"));
      cells.push({ table: "t4", row: r.id, col: c.id, value: v, raw: String(v) });
    });
  }
  rows.push(line);
  return { table: "t4", width: 15, rows, cells };
}
