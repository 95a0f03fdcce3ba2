// The CSV tables: written to a folder a chunk of rows at a time (the CLI's --out), or as strings
// (the site's zip) — the same bytes either way, from the same list of tables.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { listInputFiles, loadPlaces, parseFiles } from "../loaders/corpus.ts";
import { analyseCorpus } from "../loaders/corpus-checks/index.ts";
import { TEMP_PREFIX, removeStaleTempDirs, writeTables, writeTablesToDir } from "../loaders/output/write-tables.ts";
import { parseReport } from "../loaders/parse-report.ts";
import type { ReviewTables } from "../loaders/review/index.ts";
import { csvChunks, toCsv } from "../loaders/output/csv.ts";

const ROOT = join(import.meta.dirname, "..");

describe("CSV in chunks", () => {
  it("joins to the same text as Papa's own unparse, quoting included, across chunk borders", () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => ({ a: i, b: i % 7 === 0 ? `带,逗号"引号"\n换行${i}` : `x${i}`, c: i % 3 ? null : { k: i } }));
    const chunks = [...csvChunks(["a", "b", "c"], rows)];
    expect(chunks.length).toBe(3);
    const expected = Papa.unparse({ fields: ["a", "b", "c"], data: rows.map((r) => [String(r.a), r.b, r.c === null ? "" : JSON.stringify(r.c)]) }, { newline: "\n" }) + "\n";
    expect(chunks.join("")).toBe(expected);
    expect(Papa.parse(chunks.join(""), { header: true, skipEmptyLines: true }).data).toHaveLength(12_345);
  });
  it("an empty table is its header line", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\n");
  });
});

describe("writeTablesToDir", () => {
  it("writes the same bytes as writeTables, for every table, on a quarter of the demo corpus", async () => {
    const files = listInputFiles([join(ROOT, "data/reports")]).files.filter((_, i) => i % 4 === 0);
    const places = loadPlaces([join(ROOT, "data/places")]);
    const texts = new Map<string, string>();
    const records = await parseFiles(files, { places, onText: (f, t) => texts.set(f, t) });
    const analysis = analyseCorpus(records, records.map((r) => texts.get(r.file) ?? null), { places });
    const strings = writeTables(records, analysis);
    const dir = mkdtempSync(join(tmpdir(), "nianbao-tables-"));
    const written = await writeTablesToDir(dir, records, analysis);
    expect(written.sort()).toEqual(Object.keys(strings).sort());
    expect(readdirSync(dir).sort()).toEqual(Object.keys(strings).sort());
    for (const [name, csv] of Object.entries(strings)) expect(readFileSync(join(dir, name), "utf8"), name).toBe(csv);
    // cells.csv spans several chunks here
    expect(strings["cells.csv"].split("\n").length).toBeGreaterThan(10_000);
  });
});

describe("reports.csv n_checks_failed", () => {
  it("counts every failed check of the report in checks.csv, the rules across reports included", async () => {
    const files = listInputFiles([join(ROOT, "data/reports")]).files.filter((_, i) => i % 4 === 0);
    const places = loadPlaces([join(ROOT, "data/places")]);
    const texts = new Map<string, string>();
    const records = await parseFiles(files, { places, onText: (f, t) => texts.set(f, t) });
    const tables = writeTables(records, analyseCorpus(records, records.map((r) => texts.get(r.file) ?? null), { places }));
    const parse = (name: string) => Papa.parse<Record<string, string>>(tables[name], { header: true, skipEmptyLines: true }).data;
    const fails = new Map<string, number>();
    for (const c of parse("checks.csv")) if (c.status === "fail") fails.set(c.report_id, (fails.get(c.report_id) ?? 0) + 1);
    const reports = parse("reports.csv");
    for (const r of reports) expect(Number(r.n_checks_failed), r.report_id).toBe(fails.get(r.report_id) ?? 0);
    // and the corpus has reports whose only failures are across reports (late, copied …)
    const late = new Set(parse("checks.csv").filter((c) => c.status === "fail" && c.rule === "published_by_mar31").map((c) => c.report_id));
    expect(late.size).toBeGreaterThan(0);
  });
});

describe("writeTablesToDir replaces the tables only as a complete set (issue 15 item 4)", () => {
  const report = "石桥镇2016年政府信息公开工作年度报告\n\n2016年，我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n";
  const records = () => [parseReport("a.txt", new TextEncoder().encode(report))];
  const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  /** A review whose findings table fails after its first row: a run that breaks in the middle of writing. */
  const breaking = (): ReviewTables => ({
    findings: (function* () {
      yield { finding_id: "x" };
      throw new Error("simulated failure while writing findings.csv");
    })() as unknown as ReviewTables["findings"],
    decisions: [], corrections: [], dismissedFails: new Map(), problems: [],
  });
  const emptyReview = (): ReviewTables => ({ findings: [], decisions: [], corrections: [], dismissedFails: new Map(), problems: [] });

  it("a failure mid-write leaves the previous complete set untouched and no temporary folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-atomic-"));
    await writeTablesToDir(dir, records(), undefined, emptyReview());
    const before = snapshot(dir);
    const other = [parseReport("b.txt", new TextEncoder().encode(report.replace("120", "130")))];
    await expect(writeTablesToDir(dir, other, undefined, breaking())).rejects.toThrow(/simulated failure/);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(dir).some((f) => f.startsWith(TEMP_PREFIX))).toBe(false);
  });

  it("a successful run replaces every table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-atomic-"));
    await writeTablesToDir(dir, records(), undefined, emptyReview());
    const other = [parseReport("b.txt", new TextEncoder().encode(report.replace("120", "130")))];
    await writeTablesToDir(dir, other, undefined, emptyReview());
    expect(snapshot(dir)).toEqual(writeTables(other, undefined, emptyReview()));
  });

  it("a run killed while moving its complete set into place is finished by the next, not left mixed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-atomic-"));
    await writeTablesToDir(dir, records(), undefined, emptyReview());
    const other = [parseReport("b.txt", new TextEncoder().encode(report.replace("120", "130")))];
    const next = writeTables(other, undefined, emptyReview());
    // the state a kill leaves after the first rename: new reports.csv beside the old tables
    const temp = join(dir, `${TEMP_PREFIX}${2 ** 22 + 3}`);
    mkdirSync(temp);
    for (const [name, text] of Object.entries(next)) writeFileSync(join(name === "reports.csv" ? dir : temp, name), text);
    writeFileSync(join(temp, ".complete"), "");
    expect(readFileSync(join(dir, "reports.csv"), "utf8")).toBe(next["reports.csv"]);
    const stale = Object.keys(next).filter((name) => readFileSync(join(dir, name), "utf8") !== next[name]);
    expect(stale.length).toBeGreaterThan(1);
    removeStaleTempDirs(dir);
    expect(snapshot(dir)).toEqual(next);
    // a folder without the mark was killed while writing: its tables never reach the folder
    mkdirSync(temp);
    writeFileSync(join(temp, "reports.csv"), "report_id,fi");
    removeStaleTempDirs(dir);
    expect(snapshot(dir)).toEqual(next);
  });

  it("a temporary folder left by a killed run is removed by the next run; a running process's is kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-atomic-"));
    // pid 2^22+1 is above Linux's pid_max: no process has it
    mkdirSync(join(dir, `${TEMP_PREFIX}${2 ** 22 + 1}`));
    writeFileSync(join(dir, `${TEMP_PREFIX}${2 ** 22 + 1}`, "reports.csv"), "report_id,fi");
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      mkdirSync(join(dir, `${TEMP_PREFIX}${alive.pid}`));
      await writeTablesToDir(dir, records());
      expect(readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([`${TEMP_PREFIX}${alive.pid}`]);
    } finally {
      alive.kill();
    }
  });
});
