// Records → the CSV tables, by file name. The CLI's --out streams them to a folder; the Framework
// loader takes them as strings for its zip. Both come from the one list of tables below.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ReportRecord } from "../types.ts";
import { toCsv, writeCsvFile } from "./csv.ts";
import { SPILL_PREFIX, spillPid } from "./detail-spill.ts";
import type { DetailTable } from "./detail-rows.ts";
import { REPORTS_COLUMNS, reportsRow } from "./reports-table.ts";
import { reportId } from "./report-id.ts";
import { CELLS_COLUMNS, CHECKS_COLUMNS, cellsRows, checksRows } from "./detail-tables.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "./evidence-table.ts";
import { CATEGORY_COLUMNS, categoryRows } from "./categories-table.ts";
import type { CorpusAnalysis } from "../corpus-checks/index.ts";
import { COVERAGE_COLUMNS, QUALITY_COLUMNS, SIMILAR_COLUMNS, coverageRows, qualityRows, similarRows } from "./corpus-tables.ts";
import type { ReviewTables } from "../review/index.ts";
import { DECISION_RESULT_COLUMNS, FINDINGS_COLUMNS } from "../review/decisions.ts";
import { CORRECTION_RESULT_COLUMNS } from "../review/corrections.ts";

interface Table {
  name: string;
  columns: readonly string[];
  rows: () => Iterable<object>;
  /** A file that holds the header and the first rows (a DetailSpill's); `rows` follow it. */
  head?: string;
}

/** Rows of every record, one record at a time (no flattened array of all of them). */
function* each<T>(records: Iterable<ReportRecord>, rowsOf: (r: ReportRecord) => T[]): Generator<T> {
  for (const r of records) yield* rowsOf(r);
}

/** With `analysis` (analyseCorpus), checks.csv also holds the rules across reports and three tables are
 * added; with `review` (loaders/review), the findings with their decisions and the corrections.
 * `spilled`: when `records` are compact ones (compact-record.ts), the files holding the reports' rows
 * of cells.csv, evidence.csv and checks.csv (detail-spill.ts), in the order of `records`. */
function tables(records: ReportRecord[], analysis?: CorpusAnalysis, review?: ReviewTables, spilled?: Record<DetailTable, string>): Table[] {
  const own = <T>(name: DetailTable, rowsOf: (r: ReportRecord) => T[]) => () => (spilled ? [] : each(records, rowsOf));
  const corpusFails = new Map<string, number>();
  for (const c of analysis?.checks ?? []) if (c.status === "fail") corpusFails.set(c.report_id, (corpusFails.get(c.report_id) ?? 0) + 1);
  for (const [id, n] of review?.dismissedFails ?? []) corpusFails.set(id, (corpusFails.get(id) ?? 0) - n);
  const list: Table[] = [
    { name: "reports.csv", columns: REPORTS_COLUMNS, rows: () => each(records, (r) => [reportsRow(r, corpusFails.get(reportId(r.file)))]) },
    { name: "cells.csv", columns: CELLS_COLUMNS, rows: own("cells.csv", cellsRows), head: spilled?.["cells.csv"] },
    {
      name: "checks.csv", columns: CHECKS_COLUMNS, head: spilled?.["checks.csv"],
      rows: function* () {
        yield* own("checks.csv", checksRows)();
        yield* analysis?.checks ?? [];
      },
    },
    { name: "evidence.csv", columns: EVIDENCE_COLUMNS, rows: own("evidence.csv", evidenceRows), head: spilled?.["evidence.csv"] },
    { name: "categories.csv", columns: CATEGORY_COLUMNS, rows: () => each(records, categoryRows) },
  ];
  if (analysis) {
    list.push(
      { name: "similar_reports.csv", columns: SIMILAR_COLUMNS, rows: () => similarRows(analysis) },
      { name: "coverage.csv", columns: COVERAGE_COLUMNS, rows: () => coverageRows(analysis) },
      { name: "quality.csv", columns: QUALITY_COLUMNS, rows: () => qualityRows(analysis) },
    );
  }
  if (review) {
    list.push(
      { name: "findings.csv", columns: FINDINGS_COLUMNS, rows: () => review.findings },
      { name: "decisions.csv", columns: DECISION_RESULT_COLUMNS, rows: () => review.decisions },
      { name: "corrections.csv", columns: CORRECTION_RESULT_COLUMNS, rows: () => review.corrections },
    );
  }
  return list;
}

/** Every table as one CSV string (the site's zip holds them in memory anyway). */
export function writeTables(records: ReportRecord[], analysis?: CorpusAnalysis, review?: ReviewTables): Record<string, string> {
  return Object.fromEntries(tables(records, analysis, review).map((t) => [t.name, toCsv(t.columns, t.rows())]));
}

/** Temporary folders of writeTablesToDir inside the output folder: `.nianbao-tmp-<pid>`. */
export const TEMP_PREFIX = ".nianbao-tmp-";

/** Marks a temporary folder whose tables are all written: from then on the set only moves into place. */
const COMPLETE_MARK = ".complete";

/** Clears the temporary folders and record spills a killed run left in `dir` (those of processes still running are kept:
 * another run may be writing). A folder whose set was complete was killed while moving its tables
 * into place: the move is finished (rolled forward), so `dir` again holds one whole set. */
export function removeStaleTempDirs(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(SPILL_PREFIX)) {
      const pid = spillPid(name);
      if (pid === null || (pid !== process.pid && !isRunning(pid))) rmSync(join(dir, name), { force: true });
      continue;
    }
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length));
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    const temp = join(dir, name);
    if (existsSync(join(temp, COMPLETE_MARK))) moveIntoPlace(temp, dir);
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Renames every table of a complete temporary folder into `dir` (a partitioned table's folder
 * replaces the old folder: rename cannot overwrite a folder that has files). */
function moveIntoPlace(temp: string, dir: string): void {
  for (const name of readdirSync(temp)) {
    if (name === COMPLETE_MARK) continue;
    if (statSync(join(temp, name)).isDirectory()) rmSync(join(dir, name), { recursive: true, force: true });
    renameSync(join(temp, name), join(dir, name));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What --out writes: CSV (for people and Excel), Parquet (for engines), or both. */
export type TableFormat = "csv" | "parquet";

export interface WriteOptions {
  /** Default ["csv"]. */
  formats?: TableFormat[];
  /** Parquet only: one file per province (Hive-partitioned folders, loaders/output/parquet.ts). */
  partitionBy?: "province" | null;
  /** The reports' rows of the long tables, in the order of `records`, when those are compact (see
   * tables()): the files are moved into the output, so they are used once. */
  spilled?: Record<DetailTable, string>;
}

/**
 * Every table written to `dir` in each of `formats`, a chunk of rows at a time; returns the names
 * written (files, or folders of a partitioned Parquet table).
 * The tables are first written in full to a temporary folder inside `dir` (same filesystem), and only
 * then renamed into place one by one, so that a run killed or failing while writing (full disk, a
 * table that cannot be made) leaves the previous complete set untouched and no table cut mid-row.
 * A run killed during the renames (milliseconds) leaves a mark; the next run finishes the move first.
 * Tables of a format not written this time are removed, so the folder never mixes two runs.
 * On failure the temporary folder is removed and the error is thrown again.
 */
export async function writeTablesToDir(
  dir: string, records: ReportRecord[], analysis?: CorpusAnalysis, review?: ReviewTables, options: WriteOptions = {},
): Promise<string[]> {
  const formats = options.formats ?? ["csv"];
  mkdirSync(dir, { recursive: true });
  removeStaleTempDirs(dir);
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    const list = tables(records, analysis, review, options.spilled);
    const names: string[] = [];
    if (formats.includes("csv")) {
      for (const t of list) {
        writeCsvFile(join(temp, t.name), t.columns, t.rows(), { head: t.head });
        names.push(t.name);
      }
    }
    if (formats.includes("parquet")) {
      // from the CSV tables just written, when there are: each table's rows are made once
      const parquet = list.map((t) => ({ ...t, name: t.name.replace(/\.csv$/, ""), csv: names.includes(t.name) ? join(temp, t.name) : undefined }));
      // loaded only when asked for: DuckDB's native module costs a CSV-only run nothing
      const { writeParquetTables } = await import("./parquet.ts");
      names.push(...(await writeParquetTables(temp, parquet, { partitionBy: options.partitionBy ?? null })));
    }
    // Past this mark a run killed mid-move is completed by the next (removeStaleTempDirs).
    closeSync(openSync(join(temp, COMPLETE_MARK), "w"));
    for (const t of list) {
      const stem = t.name.replace(/\.csv$/, "");
      for (const old of [t.name, `${stem}.parquet`, stem]) if (!names.includes(old)) rmSync(join(dir, old), { recursive: true, force: true });
    }
    moveIntoPlace(temp, dir);
    return names;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
