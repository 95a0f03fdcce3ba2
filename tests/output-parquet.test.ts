// --out … --format parquet: the same rows as the CSV tables, with the pages' column types, sorted
// by place and year, optionally one file per province; read back with DuckDB's Node API.
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Papa from "papaparse";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { listInputFiles, loadPlaces, parseFiles } from "../loaders/corpus.ts";
import { analyseCorpus, type CorpusAnalysis } from "../loaders/corpus-checks/index.ts";
import { writeTablesToDir, type TableFormat } from "../loaders/output/write-tables.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { generateCorpus, PLACES_FILE, REPORTS_DIR } from "../tools/demo/generate.ts";
import { scaleWorld } from "../tools/demo/scale-world.ts";
// @ts-expect-error plain JS module of the site
import { TABLE_COLUMN_TYPES } from "../src/components/reports-schema.js";

const ROOT = join(import.meta.dirname, "..");
let records: ReportRecord[];
let analysis: CorpusAnalysis;
let con: DuckDBConnection;

beforeAll(async () => {
  const files = listInputFiles([join(ROOT, "data/reports")]).files.filter((_, i) => i % 5 === 0);
  const places = loadPlaces([join(ROOT, "data/places")]);
  const texts = new Map<string, string>();
  records = await parseFiles(files, { places, onText: (f, t) => texts.set(f, t) });
  analysis = analyseCorpus(records, records.map((r) => texts.get(r.file) ?? null), { places });
  con = await (await DuckDBInstance.create(":memory:")).connect();
}, 120_000);

const rowsOf = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
const csvRows = (dir: string, name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(dir, name), "utf8"), { header: true, skipEmptyLines: true }).data;
/** A CSV cell as the value DuckDB gives back in JSON form; the apostrophe that guards Excel removed. */
const plain = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

describe("Parquet tables", () => {
  it("hold every row and value of the CSV tables, typed as the pages type them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
    const written = await writeTablesToDir(dir, records, analysis, undefined, { formats: ["csv", "parquet"] });
    const csvNames = written.filter((n) => n.endsWith(".csv"));
    expect(written.filter((n) => n.endsWith(".parquet")).sort()).toEqual(csvNames.map((n) => n.replace(/\.csv$/, ".parquet")).sort());
    for (const name of csvNames) {
      const stem = name.replace(/\.csv$/, "");
      const file = join(dir, `${stem}.parquet`);
      const csv = csvRows(dir, name);
      const [{ n }] = await rowsOf(`SELECT count(*)::INTEGER AS n FROM '${file}'`);
      expect(n, stem).toBe(csv.length);
      const types = TABLE_COLUMN_TYPES[stem] as Record<string, string>;
      const described = await rowsOf(`DESCRIBE SELECT * FROM '${file}'`);
      for (const d of described) {
        expect(d.column_type, `${stem}.${d.column_name}`).toBe(types?.[d.column_name as string] ?? "VARCHAR");
      }
      // value by value: every CSV cell equals the Parquet cell (as text), matched by the row's key
      if (stem === "reports" || stem === "cells") {
        const key = stem === "reports" ? ["report_id"] : ["report_id", "table", "row", "col"];
        const parquet = await rowsOf(`SELECT * FROM '${file}'`);
        const keyOf = (r: Record<string, unknown>) => key.map((k) => String(r[k])).join("|");
        const byKey = new Map(parquet.map((r) => [keyOf(r), r]));
        expect(byKey.size, `${stem}: keys unique`).toBe(parquet.length);
        for (const row of csv) {
          const p = byKey.get(keyOf(row));
          expect(p, keyOf(row)).toBeDefined();
          for (const [col, value] of Object.entries(row)) {
            const got = p![col] === null ? "" : String(p![col]);
            const want = plain(value);
            if (types?.[col] === "DOUBLE" && want !== "") expect(Number(got), `${stem}.${col}`).toBe(Number(want));
            else if (types?.[col] === "BOOLEAN" && want !== "") expect(got, `${stem}.${col}`).toBe(String(want === "true"));
            else expect(got, `${stem}.${col} of ${keyOf(row)}`).toBe(want);
          }
        }
      }
    }
  }, 120_000);

  it("keep the report's text exactly where the CSV guards it against Excel formulas (read from the CSV, apostrophe taken off in SQL)", async () => {
    // texts Excel would run, texts that only look like it, and texts that already start with apostrophes
    const tricky = ["=1+1", "+86 0571", "-3", "-3 件", "@SUM(A1)", "'=x", "''+y", "'-3", "'plain", "\t=z", "-.5e3", "--"];
    const base = records.find((r) => r.cells.length >= tricky.length)!;
    const record: ReportRecord = {
      ...base, file: `${base.file}.formula`,
      cells: base.cells.map((c, i) => (i < tricky.length ? { ...c, raw: tricky[i], row_label: tricky[tricky.length - 1 - i] } : c)),
    };
    const variants: TableFormat[][] = [["parquet"], ["csv", "parquet"]];
    for (const formats of variants) {
      const dir = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
      await writeTablesToDir(dir, [record], undefined, undefined, { formats });
      const got = await rowsOf(`SELECT "row", col, "table", raw, row_label FROM '${join(dir, "cells.parquet")}'`);
      const byCell = new Map(got.map((r) => [`${r.table}|${r.row}|${r.col}`, r]));
      for (const c of record.cells) {
        const p = byCell.get(`${c.table}|${c.row}|${c.col}`);
        expect(p?.raw ?? null, `${formats}: raw ${JSON.stringify(c.raw)}`).toBe(c.raw === "" ? null : c.raw);
        expect(p?.row_label ?? null, `${formats}: label ${JSON.stringify(c.row_label)}`).toBe(c.row_label === "" ? null : c.row_label);
      }
      if (formats.includes("csv")) expect(readFileSync(join(dir, "cells.csv"), "utf8")).toContain(",'=1+1,");
    }
  }, 60_000);

  it("are sorted by province, county, township and year (cells through their report)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
    await writeTablesToDir(dir, records, analysis, undefined, { formats: ["parquet"] });
    expect(readdirSync(dir).filter((n) => n.endsWith(".csv"))).toEqual([]);
    const order = "province, county, township, year";
    const reports = await rowsOf(`SELECT report_id, ${order} FROM '${join(dir, "reports.parquet")}'`);
    const compare = (x: unknown, y: unknown) =>
      x === y ? 0 : x === null ? 1 : y === null ? -1 : (x as string | number) < (y as string | number) ? -1 : 1;
    const sorted = [...reports].sort((a, b) =>
      compare(a.province, b.province) || compare(a.county, b.county) || compare(a.township, b.township)
      || compare(a.year, b.year) || compare(a.report_id, b.report_id));
    // DuckDB's collation is byte order for VARCHAR, as JS's < on strings of these characters
    expect(reports.map((r) => r.report_id)).toEqual(sorted.map((r) => r.report_id));
    const cellOrder = await rowsOf(`SELECT c.report_id, r.province, r.county, r.township, r.year FROM '${join(dir, "cells.parquet")}' c
      JOIN '${join(dir, "reports.parquet")}' r USING (report_id)`);
    const rank = new Map(reports.map((r, i) => [r.report_id, i]));
    const ranks = cellOrder.map((c) => rank.get(c.report_id)!);
    expect(ranks.every((r, i) => i === 0 || r >= ranks[i - 1])).toBe(true);
  }, 120_000);

  it("partitioned by province: one folder per table, one file per province, the same rows", async () => {
    // a small scale corpus of several (fictitious) provinces, parsed like any folder
    const corpusDir = mkdtempSync(join(tmpdir(), "nianbao-provinces-"));
    for (const [rel, buf] of generateCorpus(scaleWorld(400, 8)).files) {
      mkdirSync(dirname(join(corpusDir, rel)), { recursive: true });
      writeFileSync(join(corpusDir, rel), buf);
    }
    const places = loadPlaces([join(corpusDir, PLACES_FILE)]);
    const texts = new Map<string, string>();
    const parsed = await parseFiles(listInputFiles([join(corpusDir, REPORTS_DIR)]).files, { places, onText: (f, t) => texts.set(f, t) });
    const provinceAnalysis = analyseCorpus(parsed, parsed.map((r) => texts.get(r.file) ?? null), { places });
    const provinces = new Set(parsed.map((r) => r.province ?? "__HIVE_DEFAULT_PARTITION__"));
    expect(provinces.size).toBeGreaterThan(2);

    const dir = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
    await writeTablesToDir(dir, parsed, provinceAnalysis, undefined, { formats: ["parquet"], partitionBy: "province" });
    const folders = readdirSync(join(dir, "reports"));
    expect(new Set(folders.map((f) => decodeURIComponent(f.replace(/^province=/, ""))))).toEqual(provinces);
    const whole = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
    await writeTablesToDir(whole, parsed, provinceAnalysis, undefined, { formats: ["parquet"] });
    for (const table of ["reports", "cells", "checks"]) {
      const [{ n }] = await rowsOf(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(dir, table)}/*/*.parquet', hive_partitioning = true)`);
      const [{ m }] = await rowsOf(`SELECT count(*)::INTEGER AS m FROM '${join(whole, `${table}.parquet`)}'`);
      expect(n, table).toBe(m);
      expect(n, table).toBeGreaterThan(0);
    }
    // a province's file holds only that province's cells (cells have no province column: via their report)
    const [{ bad }] = await rowsOf(`SELECT count(*)::INTEGER AS bad
      FROM read_parquet('${join(dir, "cells")}/*/*.parquet', hive_partitioning = true, filename = true) c
      JOIN '${join(whole, "reports.parquet")}' r USING (report_id)
      WHERE c.province IS DISTINCT FROM r.province`);
    expect(bad).toBe(0);
  }, 180_000);

  it("a later run in another format replaces the tables: the folder never mixes two runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-parquet-"));
    await writeTablesToDir(dir, records, analysis, undefined, { formats: ["parquet"], partitionBy: "province" });
    expect(existsSync(join(dir, "cells"))).toBe(true);
    await writeTablesToDir(dir, records, analysis, undefined, { formats: ["parquet"] });
    expect(existsSync(join(dir, "cells"))).toBe(false);
    expect(existsSync(join(dir, "cells.parquet"))).toBe(true);
    await writeTablesToDir(dir, records, analysis);
    expect(existsSync(join(dir, "cells.parquet"))).toBe(false);
    expect(existsSync(join(dir, "cells.csv"))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith("."))).toEqual([]);
  }, 120_000);
});
