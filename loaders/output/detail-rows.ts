// The rows a report gives the long tables (cells.csv, evidence.csv and its own checks in checks.csv),
// as CSV text made where the record is whole: in a parse worker, beside the parse, so the main
// thread of a long run only appends text to a spill (detail-spill.ts) and keeps a compact record.
import type { ReportRecord } from "../types.ts";
import { csvRows } from "./csv.ts";
import { CELLS_COLUMNS, CHECKS_COLUMNS, cellsRows, checksRows } from "./detail-tables.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "./evidence-table.ts";

export const DETAIL_TABLES = {
  "cells.csv": { columns: CELLS_COLUMNS, rows: cellsRows },
  "evidence.csv": { columns: EVIDENCE_COLUMNS, rows: evidenceRows },
  "checks.csv": { columns: CHECKS_COLUMNS, rows: checksRows },
} as const;

export type DetailTable = keyof typeof DETAIL_TABLES;
export const DETAIL_TABLE_NAMES = Object.keys(DETAIL_TABLES) as DetailTable[];

/** A report's rows of each long table, formula-safe CSV without header (csv.ts csvRows). */
export type DetailRows = Record<DetailTable, string>;

export function detailRows(r: ReportRecord): DetailRows {
  const out = {} as DetailRows;
  for (const name of DETAIL_TABLE_NAMES) {
    const t = DETAIL_TABLES[name];
    out[name] = csvRows(t.columns, (t.rows as (r: ReportRecord) => object[])(r));
  }
  return out;
}
