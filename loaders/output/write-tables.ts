// Records → the CSV tables, by file name (the CLI's --out and the Framework loaders share this).
import type { ReportRecord } from "../types.ts";
import { toCsv } from "./csv.ts";
import { REPORTS_COLUMNS, reportsRow } from "./reports-table.ts";
import { CELLS_COLUMNS, CHECKS_COLUMNS, cellsRows, checksRows } from "./detail-tables.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "./evidence-table.ts";

export function writeTables(records: ReportRecord[]): Record<string, string> {
  return {
    "reports.csv": toCsv(REPORTS_COLUMNS, records.map(reportsRow)),
    "cells.csv": toCsv(CELLS_COLUMNS, records.flatMap(cellsRows)),
    "checks.csv": toCsv(CHECKS_COLUMNS, records.flatMap(checksRows)),
    "evidence.csv": toCsv(EVIDENCE_COLUMNS, records.flatMap(evidenceRows)),
  };
}
