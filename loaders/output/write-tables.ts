// Records → the CSV tables, by file name. The CLI's --out streams them to a folder; the Framework
// loader takes them as strings for its zip. Both come from the one list of tables below.
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { ReportRecord } from "../types.ts";
import { csvChunks, toCsv } from "./csv.ts";
import { REPORTS_COLUMNS, reportsRow } from "./reports-table.ts";
import { reportId } from "./report-id.ts";
import { CELLS_COLUMNS, CHECKS_COLUMNS, cellsRows, checksRows } from "./detail-tables.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "./evidence-table.ts";
import { CATEGORY_COLUMNS, categoryRows } from "./categories-table.ts";
import type { CorpusAnalysis } from "../corpus-checks/index.ts";
import { COVERAGE_COLUMNS, QUALITY_COLUMNS, SIMILAR_COLUMNS, coverageRows, qualityRows, similarRows } from "./corpus-tables.ts";

interface Table {
  name: string;
  columns: readonly string[];
  rows: () => Iterable<object>;
}

/** Rows of every record, one record at a time (no flattened array of all of them). */
function* each<T>(records: ReportRecord[], rowsOf: (r: ReportRecord) => T[]): Generator<T> {
  for (const r of records) yield* rowsOf(r);
}

/** With `analysis` (analyseCorpus), checks.csv also holds the rules across reports and three tables are added. */
function tables(records: ReportRecord[], analysis?: CorpusAnalysis): Table[] {
  const corpusFails = new Map<string, number>();
  for (const c of analysis?.checks ?? []) if (c.status === "fail") corpusFails.set(c.report_id, (corpusFails.get(c.report_id) ?? 0) + 1);
  const list: Table[] = [
    { name: "reports.csv", columns: REPORTS_COLUMNS, rows: () => each(records, (r) => [reportsRow(r, corpusFails.get(reportId(r.file)))]) },
    { name: "cells.csv", columns: CELLS_COLUMNS, rows: () => each(records, cellsRows) },
    {
      name: "checks.csv", columns: CHECKS_COLUMNS,
      rows: function* () {
        yield* each(records, checksRows);
        yield* analysis?.checks ?? [];
      },
    },
    { name: "evidence.csv", columns: EVIDENCE_COLUMNS, rows: () => each(records, evidenceRows) },
    { name: "categories.csv", columns: CATEGORY_COLUMNS, rows: () => each(records, categoryRows) },
  ];
  if (analysis) {
    list.push(
      { name: "similar_reports.csv", columns: SIMILAR_COLUMNS, rows: () => similarRows(analysis) },
      { name: "coverage.csv", columns: COVERAGE_COLUMNS, rows: () => coverageRows(analysis) },
      { name: "quality.csv", columns: QUALITY_COLUMNS, rows: () => qualityRows(analysis) },
    );
  }
  return list;
}

/** Every table as one CSV string (the site's zip holds them in memory anyway). */
export function writeTables(records: ReportRecord[], analysis?: CorpusAnalysis): Record<string, string> {
  return Object.fromEntries(tables(records, analysis).map((t) => [t.name, toCsv(t.columns, t.rows())]));
}

/** Every table written to `dir`, a chunk of rows at a time; returns the file names. */
export function writeTablesToDir(dir: string, records: ReportRecord[], analysis?: CorpusAnalysis): string[] {
  return tables(records, analysis).map((t) => {
    const fd = openSync(join(dir, t.name), "w");
    try {
      for (const chunk of csvChunks(t.columns, t.rows())) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    return t.name;
  });
}
