// Bounded memory for --out: the checks across reports run on compact records (compact-record.ts)
// while the whole records wait on disk (record-spill.ts) for cells.csv and evidence.csv. The tables
// must be the same bytes as from whole records in memory, on the whole demo corpus (every rule
// across reports and years has material there).
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
import { RecordSpill } from "../loaders/output/record-spill.ts";
import { SPILL_PREFIX, removeStaleTempDirs, spillPath, writeTablesToDir } from "../loaders/output/write-tables.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { pushAll } from "../loaders/push-all.ts";

const ROOT = join(import.meta.dirname, "..");

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), "utf8")]));

describe("compact records and the record spill", () => {
  let records: ReportRecord[] = [];
  let texts: (string | null)[] = [];
  const places = loadPlaces([join(ROOT, "data/places")]);
  beforeAll(async () => {
    const files = listInputFiles([join(ROOT, "data/reports")]).files;
    const byFile = new Map<string, string>();
    records = await parseFiles(files, { places, onText: (f, t) => byFile.set(f, t) });
    texts = records.map((r) => byFile.get(r.file) ?? null);
  }, 240_000);

  it("the checks across reports on compact records, and cells/evidence from the spill, give the same tables byte for byte", async () => {
    const review = () => readReviewFiles([], {});
    const whole = analyseWithReview(records, texts, { places, gazetteer: gazetteer() }, review());
    const fullDir = mkdtempSync(join(tmpdir(), "nianbao-full-"));
    await writeTablesToDir(fullDir, records, whole.analysis, whole.review);

    const compactDir = mkdtempSync(join(tmpdir(), "nianbao-compact-"));
    const spill = new RecordSpill(spillPath(compactDir));
    const intern = new Interner();
    const compact = records.map((r) => {
      spill.add(r);
      return compactRecord(r, intern);
    });
    const cut = analyseWithReview(compact, texts, { places, gazetteer: gazetteer() }, review());
    await writeTablesToDir(compactDir, compact, cut.analysis, cut.review, { details: () => spill.records() });
    // the spill of the running process survives the writer's cleanup; the run removes it itself
    expect(readdirSync(compactDir).filter((n) => n.startsWith(SPILL_PREFIX))).toHaveLength(1);
    spill.remove();

    const a = snapshot(fullDir);
    const b = snapshot(compactDir);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(b[name] === a[name], name).toBe(true);
    // the corpus checks had something to find: the comparison is not between two empty tables
    expect(a["similar_reports.csv"].split("\n").length).toBeGreaterThan(10);
    expect(cut.analysis.checks.filter((c) => c.status === "fail").length).toBeGreaterThan(10);
  }, 240_000);

  it("the spill gives back every record unchanged, in order, across its read chunks", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
    const spill = new RecordSpill(join(dir, "r.jsonl"));
    for (const r of records) spill.add(r);
    expect(readFileSync(spill.path).length).toBeGreaterThan(8 << 20); // several 4 MB reads, multi-byte text split across them
    let i = 0;
    for (const r of spill.records()) expect(r, records[i].file).toEqual(records[i++]);
    expect(i).toBe(records.length);
    // read twice: each call reads the file again
    expect([...spill.records()].length).toBe(records.length);
    spill.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a file cut mid-record is an error, not a silently shorter table", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
    const spill = new RecordSpill(join(dir, "r.jsonl"));
    spill.add(records[0]);
    spill.add(records[1]);
    void [...spill.records()]; // flushed
    const text = readFileSync(spill.path, "utf8");
    writeFileSync(spill.path, text.slice(0, text.length - 40));
    expect(() => [...spill.records()]).toThrow(/记录暂存文件不完整/);
    spill.remove();
  });

  it("a spill left by a killed run is removed by the next; a running process's is kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
    // pid 2^22+1 is above Linux's pid_max: no process has it
    writeFileSync(join(dir, `${SPILL_PREFIX}${2 ** 22 + 1}.jsonl`), "{}\n");
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      writeFileSync(join(dir, `${SPILL_PREFIX}${alive.pid}.jsonl`), "{}\n");
      removeStaleTempDirs(dir);
      expect(readdirSync(dir)).toEqual([`${SPILL_PREFIX}${alive.pid}.jsonl`]);
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
