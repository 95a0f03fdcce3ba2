// The built site shows the reports folder as it is now (issue 11): a build after files were added,
// edited, deleted and renamed shows exactly those files, re-parsing only the changed ones; another
// folder (NIANBAO_REPORTS) is shown instead of the old one; a folder with no readable report says so
// in Chinese on every page; a missing folder stops the build with the reason in Chinese.
// "Exactly the folder" is checked against the CLI's own tables for the same folder, parsed from
// scratch (--no-cache): every table byte for byte.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { PROJECT_ROOT, listFiles } from "./helpers/site-build.ts";
import { buildSite, copySite, run, siteEnv } from "./helpers/site-copy.ts";
import { serveDirectory } from "./helpers/static-server.ts";

const DEMO = join(PROJECT_ROOT, "data", "reports", "demo", "桐川县", "梅林镇");
const TABLES = ["reports", "cells", "checks", "evidence", "categories", "similar_reports", "coverage", "quality"];
const PAGES = ["/", "/compare", "/content", "/applications", "/quality", "/report", "/explore", "/notebook"];

/** The tables the CLI writes for `folder`, parsed afresh (no cache), as CSV text by table name. */
function cliTables(folder: string, out: string): Record<string, string> {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "bin", "nianbao.mjs"), "parse", folder, "--out", out, "--no-cache", "--quiet"], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  return Object.fromEntries(TABLES.map((t) => [t, readFileSync(join(out, `${t}.csv`), "utf8")]));
}

/** The tables the built site serves (dist/_file/data/corpus/<name>.<hash>.csv). */
function builtTables(dist: string): Record<string, string> {
  const files = listFiles(join(dist, "_file", "data", "corpus"));
  return Object.fromEntries(
    TABLES.map((t) => {
      const found = files.filter((f) => new RegExp(`[\\\\/]${t}\\.\\w+\\.csv$`).test(f));
      expect(found, t).toHaveLength(1);
      return [t, readFileSync(found[0], "utf8")];
    })
  );
}

function builtJson(dist: string, pattern: RegExp): { files: number; problem: { code: string; message: string; hint: string } | null } {
  const found = listFiles(join(dist, "_file", "data")).filter((f) => pattern.test(f));
  expect(found).toHaveLength(1);
  return JSON.parse(readFileSync(found[0], "utf8"));
}

const rows = (csv: string) => Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

/** The loader's own summary line: files parsed now and taken from the parse cache. */
function parseCounts(output: string): { parsed: number; cached: number } {
  const m = /新解析 ([\d,]+) 个，未改动 ([\d,]+) 个/.exec(output);
  expect(m, output.slice(-3000)).not.toBeNull();
  return { parsed: Number(m![1].replace(/,/g, "")), cached: Number(m![2].replace(/,/g, "")) };
}

describe("the built site follows the reports folder", () => {
  let work: string;
  let site: string;
  let reports: string;
  let env: NodeJS.ProcessEnv;
  let chrome: LaunchedChromium;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "nianbao-site-data-"));
    site = copySite(work);
    reports = join(work, "我的年报", "桐川县");
    mkdirSync(reports, { recursive: true });
    for (const name of ["梅林镇2021年度政府信息公开年报.txt", "2020年梅林镇政府信息公开工作年度报告.html", "2023年梅林镇政府信息公开工作年度报告.txt", "梅林镇2022年度政府信息公开年报.md"]) {
      cpSync(join(DEMO, name), join(reports, name));
    }
    // a parse cache of this test's own, empty at the start
    env = { NIANBAO_REPORTS: join(work, "我的年报"), NIANBAO_CACHE_DIR: join(work, "parse-cache") };
    chrome = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await chrome?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("builds the folder, then after files were added, edited, deleted and renamed shows exactly them, re-parsing only those", async () => {
    const first = await buildSite(site, env);
    expect(first.code, first.output).toBe(0);
    expect(parseCounts(first.output)).toEqual({ parsed: 4, cached: 0 });
    const before = builtTables(join(site, "dist"));
    expect(before).toEqual(cliTables(env.NIANBAO_REPORTS!, join(work, "cli-1")));
    const edited = "梅林镇2021年度政府信息公开年报.txt";
    const yearBefore = rows(before.reports).find((r) => r.file.endsWith(edited))!.year;

    cpSync(join(DEMO, "2015年政务公开年报（梅林镇）.txt"), join(reports, "2015年政务公开年报（梅林镇）.txt")); // added
    writeFileSync(join(reports, edited), readFileSync(join(DEMO, "2016年梅林镇政府信息公开工作年度报告.txt"))); // edited
    unlinkSync(join(reports, "2020年梅林镇政府信息公开工作年度报告.html")); // deleted
    renameSync(join(reports, "梅林镇2022年度政府信息公开年报.md"), join(reports, "2022年报.md")); // renamed

    const second = await buildSite(site, env);
    expect(second.code, second.output).toBe(0);
    const after = builtTables(join(site, "dist"));
    expect(after).toEqual(cliTables(env.NIANBAO_REPORTS!, join(work, "cli-2")));
    const files = rows(after.reports).map((r) => r.file.slice(reports.length + 1)).sort();
    expect(files).toEqual(["2015年政务公开年报（梅林镇）.txt", "2022年报.md", "2023年梅林镇政府信息公开工作年度报告.txt", edited].sort());
    expect(rows(after.reports).find((r) => r.file.endsWith(edited))!.year).not.toBe(yearBefore);
    // the added, the edited and the renamed file are parsed; the untouched one comes from the cache
    expect(parseCounts(second.output)).toEqual({ parsed: 3, cached: 1 });
    console.log(`site build on ${files.length} files: first ${(first.ms / 1000).toFixed(1)} s, after the changes ${(second.ms / 1000).toFixed(1)} s`);

    // what the pages are given, shown: 总览's report count is the folder's
    const server = await serveDirectory(join(site, "dist"));
    try {
      const page = await chrome.context.newPage();
      await page.goto(`${server.origin}/`);
      await page.waitForSelector('[data-kpi="reports"] .kpi-value');
      expect((await page.locator('[data-kpi="reports"] .kpi-value').innerText()).trim()).toBe(String(files.length));
      await page.close();
    } finally {
      await server.close();
    }
  });

  it("with nothing changed, the step before the build keeps the loaders' output", async () => {
    const { code, output } = await run([process.execPath, join(site, "node_modules", ".bin", "tsx"), "tools/site-data.ts"], site, siteEnv(env));
    expect(code, output).toBe(0);
    expect(output).toContain("数据与输入一致，不需要重新生成");
  });

  it("shows another folder when NIANBAO_REPORTS changes, and says on every page that none of its files is a report", async () => {
    const other = join(work, "扫描件");
    mkdirSync(join(other, "子文件夹"), { recursive: true });
    writeFileSync(join(other, "旧版.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    writeFileSync(join(other, "子文件夹", "空白.txt"), "");
    const otherEnv = { ...env, NIANBAO_REPORTS: other };
    const build = await buildSite(site, otherEnv);
    expect(build.code, build.output).toBe(0);
    const dist = join(site, "dist");
    expect(builtTables(dist)).toEqual(cliTables(other, join(work, "cli-3")));
    const corpus = builtJson(dist, /[\\/]corpus\.\w+\.json$/);
    expect(corpus.files).toBe(2);
    expect(corpus.problem?.code).toBe("no-reports");
    expect(build.output).toContain(corpus.problem!.message); // the terminal says the same

    const server = await serveDirectory(dist);
    try {
      for (const path of PAGES) {
        const page = await chrome.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${server.origin}${path}`);
        const notice = page.locator('[data-corpus-problem="no-reports"]');
        await notice.waitFor({ timeout: 30_000 });
        expect(await notice.innerText(), path).toContain("都没能读作年报");
        expect(await notice.innerText(), path).toContain("1 个格式不支持");
        await page.waitForLoadState("networkidle");
        expect(await page.locator(".observablehq--error").allInnerTexts(), path).toEqual([]);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    } finally {
      await server.close();
    }
  });

  it("stops the build when the folder does not exist, saying so in Chinese", async () => {
    const missing = join(work, "没有这个文件夹");
    const build = await buildSite(site, { ...env, NIANBAO_REPORTS: missing });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain(`报告文件夹不存在：${missing}`);
    expect(build.output).toContain("NIANBAO_REPORTS");
    expect(build.ms).toBeLessThan(15_000); // before Framework starts, not after building pages
  });
});
