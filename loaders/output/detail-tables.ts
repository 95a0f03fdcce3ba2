// The long tables: one row per table cell (cells.csv) and per check (checks.csv).
import type { ReportRecord } from "../types.ts";
import { reportId } from "./report-id.ts";

export const CELLS_COLUMNS = ["report_id", "table", "row", "col", "row_label", "col_label", "value", "raw", "unit", "source"] as const;
export const CHECKS_COLUMNS = ["report_id", "rule", "status", "expected", "actual", "cells", "message"] as const;

export function cellsRows(r: ReportRecord) {
  const id = reportId(r.file);
  return r.cells.map((c) => ({ report_id: id, ...c }));
}

export function checksRows(r: ReportRecord) {
  const id = reportId(r.file);
  return r.checks.map((c) => ({
    report_id: id, rule: c.rule, status: c.status, expected: c.expected ?? null, actual: c.actual ?? null,
    cells: c.cells?.join(" ") ?? null, message: c.message,
  }));
}
