// Records → the CSV tables, by file name (the CLI's --out and the Framework loaders share this).
import type { ReportRecord } from "../types.ts";
import { toCsv } from "./csv.ts";
import { REPORTS_COLUMNS, reportsRow } from "./reports-table.ts";
import { CELLS_COLUMNS, CHECKS_COLUMNS, cellsRows, checksRows } from "./detail-tables.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "./evidence-table.ts";
import { CATEGORY_COLUMNS, categoryRows } from "./categories-table.ts";
import type { CorpusAnalysis } from "../corpus-checks/index.ts";
import { COVERAGE_COLUMNS, QUALITY_COLUMNS, SIMILAR_COLUMNS, coverageRows, qualityRows, similarRows } from "./corpus-tables.ts";

/** With `analysis` (analyseCorpus), checks.csv also holds the rules across reports and three tables are added. */
export function writeTables(records: ReportRecord[], analysis?: CorpusAnalysis): Record<string, string> {
  return {
    "reports.csv": toCsv(REPORTS_COLUMNS, records.map(reportsRow)),
    "cells.csv": toCsv(CELLS_COLUMNS, records.flatMap(cellsRows)),
    "checks.csv": toCsv(CHECKS_COLUMNS, [...records.flatMap(checksRows), ...(analysis?.checks ?? [])]),
    "evidence.csv": toCsv(EVIDENCE_COLUMNS, records.flatMap(evidenceRows)),
    "categories.csv": toCsv(CATEGORY_COLUMNS, records.flatMap(categoryRows)),
    ...(analysis ? {
      "similar_reports.csv": toCsv(SIMILAR_COLUMNS, similarRows(analysis)),
      "coverage.csv": toCsv(COVERAGE_COLUMNS, coverageRows(analysis)),
      "quality.csv": toCsv(QUALITY_COLUMNS, qualityRows(analysis)),
    } : {}),
  };
}
