// The output tables as Parquet (ZSTD), written by DuckDB (@duckdb/node-api: the engine the site
// runs in the browser, so a file it writes is one the site and every Parquet reader can scan).
// Each table is read from its CSV (the one --out writes, or one written here the same way), with
// the apostrophe that guards Excel taken off again in SQL (formula.ts: Parquet is never opened as a
// spreadsheet, and its text must be the report's), by DuckDB with the column types the pages use (src/components/reports-schema.js) and writes it sorted by place
// and year (province, county, township, year, via the report's row in reports), so a query for
// one province or county touches few row groups. With `partitionBy: "province"` each table is a
// folder of files, one per province (Hive style: cells/province=岚江省/data_0.parquet), which
// DuckDB, Spark or Polars scan in parallel.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { writeCsvFile } from "./csv.ts";
import { PLAIN_NUMBER, TRIGGER } from "./formula.ts";
// @ts-expect-error a plain JS module of the site (the one schema of the tables), without types
import { TABLE_COLUMN_TYPES as PAGE_TYPES } from "../../src/components/reports-schema.js";

const TABLE_COLUMN_TYPES = PAGE_TYPES as Record<string, Record<string, string> | undefined>;

export interface ParquetTableInput {
  /** The table's name without extension: reports, cells, … */
  name: string;
  columns: readonly string[];
  rows: () => Iterable<object>;
  /** The table already written as CSV (csv.ts, formula-safe): read from there, not made again. */
  csv?: string;
  /** As in csv.ts writeCsvFile: a file with the header and the first rows, before `rows`. */
  head?: string;
}

export interface ParquetOptions {
  /** One file per province (Hive-partitioned folders) instead of one file per table. */
  partitionBy?: "province" | null;
  /** DuckDB's memory limit while sorting; past it DuckDB spills to a folder beside the output. */
  memoryLimit?: string;
}

/** Rows per row group: DuckDB's default; small enough that a county's rows sit in one or two. */
const ROW_GROUP_SIZE = 122_880;
const PLACE_ORDER = ["province", "county", "township", "year"] as const;

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** formula.ts unprefixFormula in SQL, for a text column (only values that start with an apostrophe pay for the patterns). */
function unprefixed(column: string): string {
  const c = ident(column);
  const core = `ltrim(substr(${c}, 2), '''')`;
  return `CASE WHEN starts_with(${c}, '''') AND regexp_matches(${core}, ${sqlString(TRIGGER.source)}) AND NOT regexp_matches(${core}, ${sqlString(PLAIN_NUMBER.source)})`
    + ` THEN substr(${c}, 2) ELSE ${c} END AS ${c}`;
}

/** Writes every table into `dir` (made if missing); returns the names written (files or folders). */
export async function writeParquetTables(dir: string, tables: ParquetTableInput[], options: ParquetOptions = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const work = join(dir, ".parquet-work");
  mkdirSync(work, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: options.memoryLimit ?? "1GB",
    temp_directory: join(work, "spill"),
    threads: "2",
  });
  const con = await instance.connect();
  const written: string[] = [];
  try {
    // each table's CSV written once when --out did not (reports is read twice: as a table and for places)
    const csvOf = new Map<string, string>();
    const source = (t: ParquetTableInput) => {
      let csv = t.csv ?? csvOf.get(t.name);
      if (!csv) {
        csv = join(work, `${t.name}.csv`);
        writeCsvFile(csv, t.columns, t.rows(), { head: t.head });
        csvOf.set(t.name, csv);
      }
      const types = TABLE_COLUMN_TYPES[t.name] ?? {};
      const type = (c: string) => types[c] ?? "VARCHAR";
      const columns = t.columns.map((c) => `${sqlString(c)}: ${sqlString(type(c))}`).join(", ");
      const read = `read_csv(${sqlString(csv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
      const select = t.columns.map((c) => (type(c) === "VARCHAR" ? unprefixed(c) : ident(c))).join(", ");
      return `(SELECT ${select} FROM ${read})`;
    };
    const reports = tables.find((t) => t.name === "reports");
    if (reports) await con.run(`CREATE TABLE place AS SELECT report_id, province, county, township, year FROM ${source(reports)}`);
    for (const t of tables) {
      const own = PLACE_ORDER.filter((c) => t.columns.includes(c));
      const viaReport = reports && t.name !== "reports" && t.columns.includes("report_id") && own.length < PLACE_ORDER.length;
      const order = viaReport
        ? [...PLACE_ORDER.map((c) => `p.${c}`), "t.report_id"]
        : own.length ? [...own.map((c) => `t.${c}`), ...(t.columns.includes("report_id") ? ["t.report_id"] : [])] : [];
      const partition = options.partitionBy === "province" && (t.columns.includes("province") || viaReport);
      const select = [
        "t.*",
        ...(partition && !t.columns.includes("province") ? ["p.province AS province"] : []),
      ].join(", ");
      const query = `SELECT ${select} FROM ${source(t)} t`
        + (viaReport ? " LEFT JOIN place p ON t.report_id = p.report_id" : "")
        + (order.length ? ` ORDER BY ${order.map((o) => `${o} NULLS LAST`).join(", ")}` : "");
      const target = join(dir, partition ? t.name : `${t.name}.parquet`);
      rmSync(target, { recursive: true, force: true });
      const format = `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}`;
      await con.run(`COPY (${query}) TO ${sqlString(target)} (${format}${partition ? `, PARTITION_BY (${ident("province")})` : ""})`);
      rmSync(join(work, `${t.name}.csv`), { force: true });
      written.push(partition ? t.name : `${t.name}.parquet`);
    }
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
  return written;
}
