// Loads the built site in headless Chromium from a local static server and checks that the
// 总览 page works offline: no request leaves the local server, DuckDB-WASM answers, both charts
// render, and what they show matches reports.csv read independently in Node.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { allowOnlyOrigin, launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { DIST_DIR, TEST_RESULTS_DIR, describeBuild, listFiles } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";
import { readBuiltTable } from "./helpers/pages-data.ts";

const build = inject("siteBuild");
const SCREENSHOT_DIR = join(TEST_RESULTS_DIR, "screenshots");

interface ReportRow {
  file: string;
  township: string;
  county: string;
  city: string;
  province: string;
  year: string;
  status: string;
}

/** The reports.csv the page was given (the hashed copy in dist/), parsed in Node. */
function readBuiltReports(): ReportRow[] {
  const files = listFiles(join(DIST_DIR, "_file", "data")).filter((file) => /[\\/]reports\.\w+\.csv$/.test(file));
  expect(files, "exactly one reports.<hash>.csv in dist/_file/data").toHaveLength(1);
  const text = readFileSync(files[0], "utf8").replace(/^\uFEFF/, "");
  const { data, errors } = Papa.parse<ReportRow>(text, { header: true, skipEmptyLines: true });
  expect(errors).toEqual([]);
  return data;
}

function readBuiltCorpus(): { demo: boolean } {
  const files = listFiles(join(DIST_DIR, "_file", "data")).filter((file) => /[\\/]corpus\.\w+\.json$/.test(file));
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(files[0], "utf8"));
}

function townshipKey(row: ReportRow): string {
  return [row.province, row.city, row.county, row.township].join("\u0001");
}

/** Integer shown in a KPI (formatted with zh-CN separators). */
async function kpiValue(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-kpi="${key}"] .kpi-value`).innerText()).trim();
}

describe("总览 (index) in headless Chromium", () => {
  let server: StaticServer;
  let chrome: LaunchedChromium;
  let page: Page;
  const outsideRequests: string[] = [];
  const problems: string[] = [];
  let firstChartMs: number;
  let duckdbLoadedMs: number | undefined;
  const failedRequests: { url: string; error: string }[] = [];
  const served = new Set<string>();

  beforeAll(async () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
    server = await serveDirectory(DIST_DIR);
    chrome = await launchChromium();
    console.log(`Chromium (${chrome.executable.source}): ${chrome.executable.path}`);
    const { context } = chrome;
    await allowOnlyOrigin(context, server.origin, outsideRequests);
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("worker", (worker) =>
      worker.on("console", (message) => {
        if (message.type() === "error") problems.push(`worker console error (${worker.url()}): ${message.text()}`);
      })
    );
    // Chromium sometimes cancels one of DuckDB's two fetches of its wasm (the worker reads it once
    // for progress and once to compile): a cancelled request whose URL was also served in full is
    // not a failure; any other failed request is.
    page.on("requestfailed", (request) => failedRequests.push({ url: request.url(), error: request.failure()?.errorText ?? "" }));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      else served.add(response.url());
    });
    // Time the first chart from navigation start, measured inside the page.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("[data-chart] svg")) {
          (window as unknown as { firstChartAt: number }).firstChartAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });

    await page.goto(`${server.origin}/`);
    await page.waitForSelector('[data-chart="yearly-bars"] svg');
    await page.waitForSelector('[data-chart="coverage-grid"] svg');
    await page.waitForSelector('[data-kpi="reports"] .kpi-value');

    const timing = await page.evaluate(() => ({
      firstChartAt: (window as unknown as { firstChartAt: number }).firstChartAt,
      marks: Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]))
    }));
    firstChartMs = Math.round(timing.firstChartAt);
    duckdbLoadedMs = timing.marks["duckdb:tables-loaded"];
    console.log(
      `first chart ${firstChartMs} ms after navigation start ` +
        `(DuckDB instantiated ${timing.marks["duckdb:instantiated"]} ms, tables loaded ${timing.marks["duckdb:tables-loaded"]} ms)`
    );
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  it("requests nothing but the local server", () => {
    expect(outsideRequests).toEqual([]);
  });

  it("has no page errors, console errors, failed requests or failed cells", async () => {
    expect(await page.locator(".observablehq--error").allInnerTexts()).toEqual([]);
    const failed = failedRequests
      .filter((r) => !(r.error === "net::ERR_ABORTED" && served.has(r.url)))
      .map((r) => `request failed: ${r.url} (${r.error})`);
    expect([...problems, ...failed]).toEqual([]);
  });

  it("answers the two charts' queries with DuckDB-WASM (worker and wasm from the local server)", () => {
    expect(duckdbLoadedMs).toBeGreaterThan(0);
  });

  it("shows the KPI line, matching reports.csv", async () => {
    const rows = readBuiltReports();
    const townships = new Set(rows.filter((r) => r.township).map(townshipKey));
    const failed = rows.filter((r) => ["error", "unsupported", "needs-ocr"].includes(r.status)).length;
    const years = rows.filter((r) => r.year).map((r) => Number(r.year));
    expect(rows.length).toBeGreaterThan(0);
    expect(await kpiValue(page, "reports")).toBe(rows.length.toLocaleString("zh-CN"));
    expect(await kpiValue(page, "townships")).toBe(townships.size.toLocaleString("zh-CN"));
    expect(await kpiValue(page, "failed")).toBe(failed.toLocaleString("zh-CN"));
    if (years.length) expect(await kpiValue(page, "years")).toBe(`${Math.min(...years)}–${Math.max(...years)}`);
  });

  it("draws the yearly bars: their counts add up to the reports with a year", async () => {
    const rows = readBuiltReports();
    const titles = await page.locator('[data-chart="yearly-bars"] .bars rect title').allTextContents();
    const total = titles.reduce((sum, title) => sum + Number(/：(\d+) 份$/.exec(title)?.[1] ?? NaN), 0);
    expect(total).toBe(rows.filter((r) => r.year).length);
  });

  it("draws one coverage-grid row per township in reports.csv", async () => {
    const rows = readBuiltReports();
    const townships = new Set(rows.filter((r) => r.township && r.year).map(townshipKey));
    expect(await page.locator('[data-chart="coverage-grid"] g.grid-row').count()).toBe(townships.size);
  });

  it("marks 缺失 exactly the township-years coverage.csv counts missing; a barely covered county's other years are blank", async () => {
    const coverage = readBuiltTable(DIST_DIR, "coverage");
    expect(await page.locator('[data-chart="coverage-grid"] .cell[data-status="missing"]').count()).toBe(coverage.filter((c) => c.status === "missing").length);
    // the real sample's county (one report among the simulated ones) is not covered: no 缺失 in its row
    const real = readBuiltReports().find((r) => !r.file.split(/[\\/]/).includes("demo") && r.township);
    if (real) {
      const row = page.locator('[data-chart="coverage-grid"] g.grid-row', { hasText: real.township });
      expect(await row.locator('.cell[data-status="missing"]').count()).toBe(0);
      expect(await row.locator('.cell[data-status="not-counted"]').count()).toBeGreaterThan(0);
    }
  });

  it("shows the 示例数据 banner exactly when the corpus is the demo", async () => {
    const banner = await page.locator("[data-demo-banner]").count();
    expect(banner).toBe(readBuiltCorpus().demo ? 1 : 0);
  });

  it("saves full-page screenshots (screen and print)", async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "index.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "index-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    expect(firstChartMs).toBeGreaterThan(0);
  });
});
