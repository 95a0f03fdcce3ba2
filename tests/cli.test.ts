import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { REPORT_FIELDS } from "../loaders/types.ts";

const BIN = join(import.meta.dirname, "..", "bin", "nianbao.mjs");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

function folderOfMixedFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-"));
  mkdirSync(join(dir, "b"));
  writeFileSync(join(dir, "a-good.txt"), "石桥镇2016年政府信息公开工作年度报告\n\n2016年，我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n");
  writeFileSync(join(dir, "b", "empty.txt"), "");
  writeFileSync(join(dir, "b", "old.doc"), "\xd0\xcf\x11\xe0");
  writeFileSync(join(dir, "c-notice.html"), "<html><body><h1>关于做好春节期间安全生产工作的通知</h1></body></html>");
  return dir;
}

describe("nianbao parse --json", () => {
  const dir = folderOfMixedFiles();
  const result = run(["parse", dir, "--json"]);
  const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));

  it("exits 0 even though some files failed, and reports every file in input order", () => {
    expect(result.status).toBe(0);
    expect(lines.map((l) => l.file.slice(dir.length + 1))).toEqual(["a-good.txt", "b/empty.txt", "b/old.doc", "c-notice.html"]);
    expect(lines.map((l) => l.status)).toEqual(["ok", "error", "unsupported", "error"]);
  });

  it("prints exactly the contract's fields, in order, and checks as {rule, status, message}", () => {
    for (const l of lines) expect(Object.keys(l)).toEqual([...REPORT_FIELDS]);
    const checks = lines.flatMap((l) => l.checks);
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect(Object.keys(c)).toEqual(["rule", "status", "message"]);
  });

  it("fills what the report says and leaves the rest null", () => {
    expect(lines[0]).toMatchObject({ township: "石桥镇", year: 2016, published_on: "2017-03-02", template: "free-text-2008", error: null });
    expect(lines[0].requests_new_total).toBeNull();
    expect(lines[1].error).toMatch(/空文件/);
    expect(lines[2].error).toMatch(/\.docx/);
  });
});

describe("nianbao parse --out", () => {
  it("writes reports.csv with one row per input file", () => {
    const dir = folderOfMixedFiles();
    const out = join(dir, "out");
    const result = run(["parse", dir, "--out", out, "--quiet"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, "reports.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.status)).toEqual(["ok", "error", "unsupported", "error"]);
    expect(rows[0].township).toBe("石桥镇");
    expect(new Set(rows.map((r) => r.report_id)).size).toBe(4);
    expect(readFileSync(join(out, "cells.csv"), "utf8").split("\n")[0]).toBe("report_id,table,row,col,row_label,col_label,value,raw,unit,source");
    // the whole records waited in a spill file beside the tables; the run removed it
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
    // evidence.csv comes from the whole records: the sentence each figure was read from
    expect(readFileSync(join(out, "evidence.csv"), "utf8")).toContain("active_total,120,3,17,20,2016年，我镇主动公开政府信息120条。");
  });

  it("--format parquet writes the tables as Parquet only; --format csv,parquet writes both", async () => {
    const dir = folderOfMixedFiles();
    const out = join(dir, "out");
    expect(run(["parse", dir, "--out", out, "--quiet", "--format", "parquet"]).status).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toContain("reports.parquet");
    expect(names.filter((n) => n.endsWith(".csv"))).toEqual([]);
    const con = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = (await con.runAndReadAll(`SELECT status, township FROM '${join(out, "reports.parquet")}' ORDER BY file`)).getRowObjectsJson();
    expect(rows.map((r) => r.status)).toEqual(["ok", "error", "unsupported", "error"]);
    expect(rows[0].township).toBe("石桥镇");
    expect(run(["parse", dir, "--out", out, "--quiet", "--format", "csv,parquet"]).status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(["reports.csv", "reports.parquet", "cells.csv", "cells.parquet"]));
  });
});

describe("progress on stderr", () => {
  it("a run of many files (stdout not a terminal) prints a progress line per tenth, the cross-report step and a summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-progress-"));
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `r${String(i).padStart(2, "0")}.txt`), `石桥镇${2008 + (i % 18)}年政府信息公开工作年度报告\n\n全年主动公开政府信息${100 + i}条。\n`);
    const r = run(["parse", dir, "--out", join(dir, "out")]);
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("解析中")).length).toBeGreaterThanOrEqual(10);
    expect(lines.some((l) => /^解析中 .* 40\/40 \(100%\)/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes("剩余约"))).toBe(true);
    expect(lines.at(-3)).toMatch(/^解析完成，正在做跨报告核对：40 份报告/);
    expect(lines.at(-2)).toMatch(/^正在写入表格：/);
    expect(lines.at(-1)).toMatch(/^完成：40 个文件.*表格已写入/);
  });
});

describe("bad usage", () => {
  it.each([
    [["frobnicate"], /未知命令/],
    [["parse"], /至少一个文件/],
    [["parse", "x", "--bogus"], /未知选项/],
    [["parse", "x", "--json", "--out", "y"], /只能选一个/],
    [["parse", "/no/such/path"], /找不到/],
    [["parse", "x", "--format", "xlsx", "--out", "y"], /--format 只能是/],
    [["parse", "x", "--format", "parquet"], /需要与 --out 一起使用/],
    [["parse", "x", "--out", "y", "--partition-by", "province"], /只用于 Parquet/],
    [["parse", "x", "--out", "y", "--format", "parquet", "--partition-by", "county"], /只能是 province/],
  ])("%j exits 2 with a message", (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
