// Bounded memory for --out: the checks across reports run on compact records (compact-record.ts)
// while each report's rows of cells.csv, evidence.csv and checks.csv wait on disk (detail-spill.ts).
// The tables must be the same bytes as from whole records in memory, on the whole demo corpus
// (every rule across reports and years has material there).
import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listInputFiles, loadPlaces, parseFiles } from "../loaders/corpus.ts";
import { analyseWithReview } from "../loaders/review/index.ts";
import { readReviewFiles } from "../loaders/review/read-review-files.ts";
import { gazetteer } from "../loaders/identity/gazetteer.ts";
import { compactRecord, Interner } from "../loaders/output/compact-record.ts";
import { DetailSpill, SPILL_PREFIX } from "../loaders/output/detail-spill.ts";
import { detailRows } from "../loaders/output/detail-rows.ts";
import { TextSpill } from "../loaders/output/text-spill.ts";
import { removeStaleTempDirs, writeTablesToDir } from "../loaders/output/write-tables.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { pushAll } from "../loaders/push-all.ts";

const ROOT = join(import.meta.dirname, "..");

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), "utf8")]));

describe("compact records and the detail spill", () => {
  let records: ReportRecord[] = [];
  let texts: (string | null)[] = [];
  const places = loadPlaces([join(ROOT, "data/places")]);
  beforeAll(async () => {
    const files = listInputFiles([join(ROOT, "data/reports")]).files;
    const byFile = new Map<string, string>();
    records = await parseFiles(files, { places, onText: (f, t) => byFile.set(f, t) });
    texts = records.map((r) => byFile.get(r.file) ?? null);
  }, 240_000);

  it("the checks across reports on compact records, and the long tables from the spill, give the same tables byte for byte", async () => {
    const review = () => readReviewFiles([], {});
    const whole = analyseWithReview(records, texts, { places, gazetteer: gazetteer() }, review());
    const fullDir = mkdtempSync(join(tmpdir(), "nianbao-full-"));
    await writeTablesToDir(fullDir, records, whole.analysis, whole.review);

    const compactDir = mkdtempSync(join(tmpdir(), "nianbao-compact-"));
    const spill = new DetailSpill(compactDir);
    const intern = new Interner();
    const compact = records.map((r) => {
      spill.add(detailRows(r));
      return compactRecord(r, intern);
    });
    expect(readdirSync(compactDir).filter((n) => n.startsWith(SPILL_PREFIX))).toHaveLength(3);
    const cut = analyseWithReview(compact, texts, { places, gazetteer: gazetteer() }, review());
    await writeTablesToDir(compactDir, compact, cut.analysis, cut.review, { spilled: spill.heads() });
    // the spill files became the tables: nothing of them is left
    expect(readdirSync(compactDir).filter((n) => n.startsWith("."))).toEqual([]);
    spill.remove();

    const a = snapshot(fullDir);
    const b = snapshot(compactDir);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(b[name] === a[name], name).toBe(true);
    // the corpus checks had something to find: the comparison is not between two empty tables
    expect(a["similar_reports.csv"].split("\n").length).toBeGreaterThan(10);
    expect(cut.analysis.checks.filter((c) => c.status === "fail").length).toBeGreaterThan(10);
    expect(a["cells.csv"].split("\n").length).toBeGreaterThan(10_000);
  }, 240_000);

  it("with Parquet only, the spilled rows go to the Parquet tables, the same rows as from whole records", async () => {
    const some = records.filter((_, i) => i % 7 === 0);
    const fullDir = mkdtempSync(join(tmpdir(), "nianbao-full-"));
    await writeTablesToDir(fullDir, some, undefined, undefined, { formats: ["parquet"] });
    const dir = mkdtempSync(join(tmpdir(), "nianbao-compact-"));
    const spill = new DetailSpill(dir);
    const intern = new Interner();
    const compact = some.map((r) => {
      spill.add(detailRows(r));
      return compactRecord(r, intern);
    });
    await writeTablesToDir(dir, compact, undefined, undefined, { formats: ["parquet"], spilled: spill.heads() });
    spill.remove();
    expect(readdirSync(dir).sort()).toEqual(readdirSync(fullDir).sort());
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const con = await (await DuckDBInstance.create(":memory:")).connect();
    for (const table of ["cells", "evidence", "checks"]) {
      const rows = async (d: string) => (await con.runAndReadAll(`SELECT * FROM '${join(d, `${table}.parquet`)}'`)).getRowObjectsJson();
      const want = await rows(fullDir);
      expect(want.length, table).toBeGreaterThan(50);
      expect(await rows(dir), table).toEqual(want);
    }
    con.closeSync();
  }, 120_000);

  it("the texts on disk give back every report's text by index, in any order, and nothing for a report without one", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
    const spill = new TextSpill(dir);
    const withText = records.filter((_, i) => texts[i]);
    // arriving out of order, as the workers' texts do; 2 MB+ so the writes are flushed in several pieces
    for (const [i, r] of [...withText.entries()].reverse()) spill.set(r.file, texts[records.indexOf(r)]! + (i % 2 ? "" : "，𠀀"));
    const files = [...records.map((r) => r.file), "nowhere.txt"];
    const back = spill.texts(files);
    expect(back.length).toBe(files.length);
    let compared = 0;
    for (const i of [...records.keys()].reverse()) {
      const want = texts[i] ? texts[i]! + (withText.indexOf(records[i]) % 2 ? "" : "，𠀀") : null;
      expect(back.at(i), records[i].file).toBe(want);
      if (want) compared++;
    }
    expect(compared).toBeGreaterThan(500);
    expect(back.at(files.length - 1)).toBeNull();
    expect(readFileSync(spill.path).length).toBeGreaterThan(2 << 20);
    spill.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a spill left by a killed run is removed by the next; a running process's is kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
    // pid 2^22+1 is above Linux's pid_max: no process has it
    new DetailSpill(dir, 2 ** 22 + 1).heads();
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      const kept = new DetailSpill(dir, alive.pid);
      const keptNames = readdirSync(dir).filter((n) => n.includes(`${SPILL_PREFIX}${alive.pid}-`)).sort();
      expect(keptNames).toHaveLength(3);
      expect(readdirSync(dir)).toHaveLength(6);
      removeStaleTempDirs(dir);
      expect(readdirSync(dir).sort()).toEqual(keptNames);
      kept.remove();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      alive.kill();
    }
  });
});

describe("pushAll", () => {
  it("appends lists far past the size at which push(...list) overflows the stack (a national corpus's checks)", () => {
    const items = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const target = [-1];
    pushAll(target, items);
    expect(target.length).toBe(500_001);
    expect(target[500_000]).toBe(499_999);
  });
});
