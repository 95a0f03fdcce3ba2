// Parsing on worker threads: the same records as one thread, in input order, and a worker that
// dies costs only the file it was on.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { defaultJobs, listInputFiles, loadPlaces, parseFiles } from "../loaders/corpus.ts";
import { parseFilesInWorkers } from "../loaders/parallel/pool.ts";
import { bundleDir, parseWorkerScript, SOURCE_ENTRY } from "../loaders/parallel/worker-bundle.ts";
import type { ReportRecord } from "../loaders/types.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "nianbao.mjs");

/** Every 9th demo file (all renderings and formats), the real seed, the PDF fixtures, and bad files. */
function mixedFiles(): string[] {
  const demo = listInputFiles([join(ROOT, "data/reports/demo")]).files.filter((_, i) => i % 9 === 0);
  const bad = mkdtempSync(join(tmpdir(), "nianbao-parallel-"));
  writeFileSync(join(bad, "empty.txt"), "");
  writeFileSync(join(bad, "old.doc"), "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
  writeFileSync(join(bad, "broken.pdf"), "%PDF-1.7\n1 0 obj\n<<");
  // A scan pasted into Word: needs-ocr (the PDF scan fixture is read by OCR now).
  writeFileSync(join(bad, "pictures.docx"), zipSync({ "word/document.xml": strToU8(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>`), "word/media/image1.png": new Uint8Array([0x89, 0x50]) }));
  return [
    ...demo,
    join(ROOT, "data/reports/real/zhangjiapo-2018.txt"),
    ...listInputFiles([join(ROOT, "tests/fixtures/files")]).files.filter((f) => f.endsWith(".pdf")),
    ...listInputFiles([bad]).files,
  ];
}

describe("parsing on worker threads", () => {
  it("gives the same records and texts as one thread, in input order", async () => {
    const files = mixedFiles();
    const places = loadPlaces([join(ROOT, "data/places")]);
    const textsOne = new Map<string, string>();
    const one = await parseFiles(files, { places, inThread: true, onText: (f, t) => textsOne.set(f, t) });
    const textsThree = new Map<string, string>();
    const three = await parseFiles(files, { places, jobs: 3, onText: (f, t) => textsThree.set(f, t) });
    expect(new Set(one.map((r) => r.status))).toEqual(new Set(["ok", "partial", "error", "unsupported", "needs-ocr"]));
    expect(three.map((r) => r.file)).toEqual(one.map((r) => r.file));
    expect(three).toEqual(one);
    expect(textsThree).toEqual(textsOne);
    expect(textsOne.size).toBeGreaterThan(100);
  });

  it("reports the file a worker died on as an error and parses the files queued behind it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-oom-"));
    const para = "2018年，我镇主动公开政府信息182条。其中机构职能1条、政策法规8条、规划工作6条、业务工作88条。\n";
    // 45 MB: under the reader's 50 MB limit, far over a 64 MB heap once split into lines and numbers
    writeFileSync(join(dir, "b-huge.txt"), "示例镇2018年政府信息公开工作年度报告\n" + para.repeat(Math.floor(45e6 / Buffer.byteLength(para))));
    const seed = join(ROOT, "data/reports/real/zhangjiapo-2018.txt");
    const files = [seed, join(dir, "b-huge.txt"), seed, seed];
    const records: [number, ReportRecord][] = [];
    // one worker: the files after the huge one were queued on the worker that dies
    await parseFilesInWorkers(files, { jobs: 1, workerHeapMb: 64, onRecord: (r, i) => records.push([i, r]) });
    expect(records.map(([i]) => i)).toEqual([0, 1, 2, 3]);
    expect(records.map(([, r]) => r.status)).toEqual(["ok", "error", "ok", "ok"]);
    expect(records[1][1].file).toBe(join(dir, "b-huge.txt"));
    expect(records[1][1].error).toMatch(/文件过于复杂，解析时内存超过上限（64 MB），已跳过/);
    expect(records[2][1].active_total).toBe(182);
  });

  it("starts workers from one bundled script, with the same records as the TypeScript entry", async () => {
    const script = await parseWorkerScript();
    expect(script.href).not.toBe(SOURCE_ENTRY.href);
    expect(fileURLToPath(script).startsWith(bundleDir())).toBe(true);
    const files = mixedFiles().filter((_, i) => i % 4 === 0);
    const fromBundle: ReportRecord[] = [];
    await parseFilesInWorkers(files, { jobs: 1, onRecord: (r) => fromBundle.push(r) });
    process.env.NIANBAO_WORKER_FROM_SOURCE = "1";
    const fromSource: ReportRecord[] = [];
    try {
      await parseFilesInWorkers(files, { jobs: 1, onRecord: (r) => fromSource.push(r) });
    } finally {
      delete process.env.NIANBAO_WORKER_FROM_SOURCE;
    }
    expect(fromBundle.length).toBeGreaterThan(20);
    expect(fromBundle).toEqual(fromSource);
  });

  it("starts workers only where they pay: more than two cores and enough files", () => {
    expect(defaultJobs(100_000, 2)).toBe(1);
    expect(defaultJobs(100_000, 8)).toBe(7);
    expect(defaultJobs(300, 8)).toBe(1);
    expect(defaultJobs(1_000, 8)).toBe(5);
  });
});

describe("nianbao parse --jobs", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-jobs-"));
  mkdirSync(join(dir, "b"));
  writeFileSync(join(dir, "a.txt"), "石桥镇2016年政府信息公开工作年度报告\n\n2016年，我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n");
  writeFileSync(join(dir, "b", "empty.txt"), "");
  writeFileSync(join(dir, "c.txt"), "上坪乡2017年政府信息公开工作年度报告\n\n全年主动公开信息86条，其中工作动态40条。\n");
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

  it("prints the same JSON Lines on two threads as on one", () => {
    const one = run(["parse", dir, "--json", "--jobs", "1", "--quiet"]);
    const two = run(["parse", dir, "--json", "--jobs", "2", "--quiet"]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout.trim().split("\n")).toHaveLength(3);
    expect(two.stdout).toBe(one.stdout);
  });

  it("rejects a count that is not a positive integer", () => {
    for (const bad of ["0", "-2", "two"]) {
      const r = run(["parse", dir, "--jobs", bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("--jobs");
    }
  });
});
