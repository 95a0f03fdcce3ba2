// Issue 15: one hostile file costs only itself, within its time. Each case runs the CLI with the
// default options (one worker thread) on a folder [good report, hostile file, good report] and
// checks that the run finishes, every file has a row, the good ones are "ok" and the hostile one
// has a status and a reason in Chinese. The files are generated (tests/helpers/hostile-files.ts).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import * as hostile from "./helpers/hostile-files.ts";
import { fileTimeLimitMs, PARSE_TIME_LIMIT_MS, readReport, readReportAsync } from "../loaders/read/index.ts";
import { listInputFiles } from "../loaders/corpus.ts";
import { FILE_MEMORY_LIMIT_MB, fileMemoryLimitMb, HARD_LIMIT_GRACE_MS, hardTimeoutMessage, parseFilesInWorkers } from "../loaders/parallel/pool.ts";
import type { ReportRecord } from "../loaders/types.ts";

const BIN = join(import.meta.dirname, "..", "bin", "nianbao.mjs");

interface Row { file: string; status: string; error: string; warnings: string }

/** Runs `nianbao parse DIR --out OUT` and returns the rows of reports.csv with the run's time. */
function parseDir(dir: string, env: Record<string, string> = {}, extra: string[] = []): { status: number | null; rows: Row[]; ms: number; stderr: string } {
  const out = mkdtempSync(join(tmpdir(), "nianbao-hostile-out-"));
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, "parse", dir, ...extra, "--out", out, "--quiet"], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  const ms = Date.now() - started;
  let rows: Row[] = [];
  try {
    rows = Papa.parse<Row>(readFileSync(join(out, "reports.csv"), "utf8").replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true }).data;
  } catch {
    rows = [];
  }
  return { status: r.status, rows, ms, stderr: r.stderr };
}

function sandwich(write: (dir: string) => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-hostile-"));
  hostile.writeGood(dir, "a-good.txt");
  write(dir);
  hostile.writeGood(dir, "z-good.txt");
  return dir;
}

const byName = (rows: Row[], name: string) => rows.find((r) => r.file.endsWith(name));

describe("hostile files through the CLI (default options)", () => {
  it("a rowspan/colspan bomb: read with a warning, the good reports around it ok", () => {
    const dir = sandwich((d) => hostile.writeRowspanBomb(d));
    const run = parseDir(dir);
    expect(run.status).toBe(0);
    expect(run.rows).toHaveLength(3);
    expect(byName(run.rows, "a-good.txt")!.status).toBe("ok");
    expect(byName(run.rows, "z-good.txt")!.status).toBe("ok");
    expect(byName(run.rows, "rowspan-bomb.html")!.warnings).toContain("过大（超过 25 万个单元格");
    expect(run.ms).toBeLessThan(60_000); // 72 s and a 4.2 GB abort before; about 5 s now
  }, 90_000);

  it("a file over the per-file time limit is stopped by the watchdog and reported", async () => {
    // a 40 MB table's HTML reading is one busy stretch of many seconds with no deadline check in
    // it: only the watchdog on the main thread can stop it (a good report takes well under 3 s)
    const dir = sandwich((d) => hostile.writeHugeTable(d));
    const files = listInputFiles([dir]).files;
    const records: ReportRecord[] = [];
    const started = Date.now();
    await parseFilesInWorkers(files, { jobs: 1, hardTimeLimitMs: 3_000, onRecord: (r) => records.push(r) });
    expect(records.map((r) => r.status)).toEqual(["ok", "error", "ok"]);
    expect(records[1].error).toBe(hardTimeoutMessage(3_000));
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("the default limits: 30 s per file (plus 2 s before the watchdog), 2 GB heap", () => {
    expect(fileTimeLimitMs()).toBe(PARSE_TIME_LIMIT_MS);
    expect(PARSE_TIME_LIMIT_MS).toBe(30_000);
    expect(HARD_LIMIT_GRACE_MS).toBe(2_000);
    expect(fileMemoryLimitMb()).toBe(FILE_MEMORY_LIMIT_MB);
    expect(hardTimeoutMessage(PARSE_TIME_LIMIT_MS + HARD_LIMIT_GRACE_MS)).toContain("超过 32 秒");
  });

  it("a file that exhausts its memory costs only itself", () => {
    const dir = sandwich((d) => hostile.writeElementBombDocx(d, "element-bomb.docx", 40));
    // a 64 MB heap: the element bomb's tree does not fit, the good reports do
    const run = parseDir(dir, { NIANBAO_FILE_MEMORY_LIMIT_MB: "64" });
    expect(run.status).toBe(0);
    expect(run.rows.map((r) => r.status)).toEqual(["ok", "error", "ok"]);
    expect(run.rows[1].error).toContain("文件过于复杂，解析时内存超过上限（64 MB），已跳过");
  }, 90_000);

  it("symlinks, a link loop, a broken link, a FIFO and a GBK file name: every file listed once", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-hostile-files-"));
    const good = hostile.writeGood(dir, "a-good.txt");
    const outside = mkdtempSync(join(tmpdir(), "nianbao-hostile-outside-"));
    const gbk = hostile.writeGbkName(dir);
    hostile.writeSpecialFiles(dir, hostile.writeGood(outside, "outside.txt"));
    const run = parseDir(dir, {}, [good]);
    expect(run.status).toBe(0);
    const names = run.rows.map((r) => r.file.split("/").pop());
    expect(names.sort()).toEqual(["a-good.txt", "broken-link.txt", "fifo.txt", "link-to-good.txt", gbk].sort());
    expect(byName(run.rows, "link-to-good.txt")!.status).toBe("ok");
    expect(byName(run.rows, gbk)!.status).toBe("ok");
    expect(byName(run.rows, "fifo.txt")!.error).toContain("命名管道");
    expect(byName(run.rows, "broken-link.txt")!.error).toContain("符号链接");
    expect(run.stderr).toContain("同一文件出现多次，只解析一次");
  }, 60_000);
});

describe("hostile files through the reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-hostile-read-"));
  const read = (path: string) => readReport(path, new Uint8Array(readFileSync(path)));

  it("200,000 nested <div>s are flattened past the limit, quickly", () => {
    const t = Date.now();
    const r = read(hostile.writeDeepNesting(dir));
    expect(r.kind).toBe("text");
    if (r.kind !== "text") return;
    expect(r.text).toContain("示例镇2018年政府信息公开工作年度报告");
    expect(r.warnings.join()).toContain("嵌套过深");
    expect(Date.now() - t).toBeLessThan(20_000); // 370 s and a stack overflow before
  });

  it("a DOCX whose header under-states its size stops at 64 MB inflated", () => {
    const r = read(hostile.writeUnderstatedZipDocx(dir, "understated.docx", 512));
    expect(r.kind).toBe("error");
    if (r.kind === "error") expect(r.message).toContain("解压后超过 64 MB");
  });

  it("a DOCX of millions of tiny elements is cut with a warning", () => {
    const r = read(hostile.writeElementBombDocx(dir, "elements.docx", 16));
    expect(r.kind).toBe("text");
    if (r.kind === "text") {
      expect(r.warnings.join()).toContain("元素过多");
      expect(r.incomplete).toBe(true);
    }
  });

  it("a PDF page of 250,000 identical small text runs is read within the time limit", async () => {
    const path = await hostile.writeManyRunsPdf(dir);
    const t = Date.now();
    const r = await readReportAsync(path, new Uint8Array(readFileSync(path)));
    expect(["text", "error", "needs-ocr"]).toContain(r.kind);
    expect(Date.now() - t).toBeLessThan(40_000); // 214 s before (all-pairs duplicate pass)
  }, 60_000);

  it("a report with a trailing NUL is read as text", () => {
    const r = read(hostile.writeTrailingNul(dir));
    expect(r.kind).toBe("text");
  });

  it("a file half UTF-8, half GBK is read with a warning", () => {
    const r = read(hostile.writeMixedEncoding(dir));
    expect(r.kind).toBe("text");
    if (r.kind === "text") expect(r.warnings).toContain("文件编码混杂（部分 UTF-8、部分 GBK），按 GB18030 读取，个别字符可能有误");
  });

  it("the same file named twice, or a folder and a file in it, is listed once", () => {
    const d = mkdtempSync(join(tmpdir(), "nianbao-hostile-dup-"));
    const a = hostile.writeGood(d, "a.txt");
    const listed = listInputFiles([a, a, d]);
    expect(listed.files).toEqual([a]);
    expect(listed.duplicates.map((x) => x.file)).toEqual([a, a]);
  });
});
