// Every page of the built site in headless Chromium, offline: each page loads without errors and
// without a request to another host; a filter change changes what the charts show, checked against
// the CSVs the pages were given (recomputed here in Node); the SQL editor answers and reports errors
// inline; the exports are exactly the current result (CSV with BOM, XLSX, JSON; more in
// exports.browser.test.ts). Saves a screenshot
// of every page (test-results/screenshots/) and the time from navigation to the first chart and the
// bytes loaded per page (test-results/page-timings.json).
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { allowOnlyOrigin, launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { CATEGORIES, categoryOf } from "../loaders/categories.ts";
import { countyKey, largestCounty, num, onePerTownshipYear, placeKey, readBuiltTable, sumOrNull, zh, type Row } from "./helpers/pages-data.ts";
import { DIST_DIR, TEST_RESULTS_DIR, describeBuild } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const build = inject("siteBuild");
const SCREENSHOT_DIR = join(TEST_RESULTS_DIR, "screenshots");
const FIRST_CHART = "[data-chart] svg, [data-report-table], [data-table] table, #observablehq-main svg[class^='plot']";

interface PageTiming {
  page: string;
  firstChartMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
}

describe("all pages in headless Chromium (offline)", () => {
  let server: StaticServer;
  let chrome: LaunchedChromium;
  const outsideRequests: string[] = [];
  let currentRequests = new Set<string>();
  const timings: PageTiming[] = [];
  let reports: Row[];
  let cells: Row[];
  let checks: Row[];
  let evidence: Row[];
  let categories: Row[];
  let testCounty: { key: string; name: string };

  beforeAll(async () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
    reports = readBuiltTable(DIST_DIR, "reports");
    cells = readBuiltTable(DIST_DIR, "cells");
    checks = readBuiltTable(DIST_DIR, "checks");
    evidence = readBuiltTable(DIST_DIR, "evidence");
    categories = readBuiltTable(DIST_DIR, "categories");
    testCounty = largestCounty(reports);
    server = await serveDirectory(DIST_DIR);
    chrome = await launchChromium();
    await allowOnlyOrigin(chrome.context, server.origin, outsideRequests, (url) => currentRequests.add(new URL(url).pathname));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    if (timings.length) {
      writeFileSync(join(TEST_RESULTS_DIR, "page-timings.json"), JSON.stringify(timings, null, 2) + "\n");
      console.log(
        "navigation → first chart, ready, bytes:\n" +
          timings.map((t) => `  ${t.page.padEnd(14)} ${String(t.firstChartMs).padStart(5)} ms  ${String(t.readyMs).padStart(5)} ms  ${(t.bytes / 1e6).toFixed(2)} MB (${t.requests} files)`).join("\n")
      );
    }
    await chrome?.close();
    await server?.close();
  });

  /** Opens a page, waits for `ready`, records timing and weight; fails on any page or console error. */
  async function open(name: string, path: string, ready: string): Promise<{ page: Page; problems: string[] }> {
    currentRequests = new Set();
    const page = await chrome.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("worker", (worker) => worker.on("console", (m) => m.type() === "error" && problems.push(`worker console error: ${m.text()}`)));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.addInitScript((selector) => {
      new MutationObserver((_, observer) => {
        if (document.querySelector(selector)) {
          (window as unknown as { firstChartAt: number }).firstChartAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, FIRST_CHART);
    await page.goto(`${server.origin}${path}`);
    await page.waitForSelector(ready, { timeout: 60_000 });
    const t = await page.evaluate(() => ({ first: (window as unknown as { firstChartAt: number }).firstChartAt, now: performance.now() }));
    const bytes = [...currentRequests].reduce((sum, pathname) => sum + distSize(pathname), 0);
    timings.push({ page: name, firstChartMs: Math.round(t.first), readyMs: Math.round(t.now), bytes, requests: currentRequests.size });
    return { page, problems };
  }

  function distSize(pathname: string): number {
    const p = decodeURIComponent(pathname);
    for (const candidate of [p, `${p}.html`, join(p, "index.html")]) {
      try {
        const stat = statSync(join(DIST_DIR, candidate));
        if (stat.isFile()) return stat.size;
      } catch {
        // next candidate
      }
    }
    return 0;
  }

  async function finish(page: Page, problems: string[], name: string) {
    expect(await page.locator(".observablehq--error").allInnerTexts()).toEqual([]);
    expect(problems).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0)); // the sidebar is sticky: a scrolled page draws it lower
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    await page.close();
  }

  /** Texts of the aria-labels of a Plot mark's elements, e.g. "上坪乡：12". */
  async function markLabels(page: Page, chart: string, description: string): Promise<string[]> {
    return page.locator(`[data-chart="${chart}"] g[aria-description="${description}"] > *`).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  }

  const toMap = (labels: string[]) => new Map(labels.map((l) => [l.slice(0, l.lastIndexOf("：")), l.slice(l.lastIndexOf("：") + 1)]));

  it("总览: the county filter changes the KPI cards, bars and grid, and lives in the URL", async () => {
    const { page, problems } = await open("index", "/", '[data-chart="coverage-grid"] svg');
    await page.locator('[data-control="county"] select').selectOption({ label: testCounty.name });
    const inCounty = reports.filter((r) => countyKey(r) === testCounty.key);
    await expect.poll(() => page.locator('[data-kpi="reports"] .kpi-value').innerText()).toBe(zh(inCounty.length));
    expect(page.url()).toContain("county=");
    const townships = new Set(inCounty.filter((r) => r.township && r.year).map(placeKey));
    // the grid and the bars are DuckDB queries: they redraw after the (synchronous) KPI cards
    await expect.poll(() => page.locator('[data-chart="coverage-grid"] g.grid-row').count(), { timeout: 30_000 }).toBe(townships.size);
    const barTotal = async () => {
      const titles = await page.locator('[data-chart="yearly-bars"] .bars rect title').allTextContents();
      return titles.reduce((s, t) => s + Number(/：(\d+) 份$/.exec(t)?.[1] ?? NaN), 0);
    };
    await expect.poll(barTotal, { timeout: 30_000 }).toBe(inCounty.filter((r) => r.year).length);
    const requests = sumOrNull(onePerTownshipYear(inCounty).map((r) => num(r.requests_new_total)));
    expect(await page.locator('[data-kpi="requests"] .kpi-value').innerText()).toBe(requests === null ? "—" : zh(requests));
    const failedChecks = inCounty.filter((r) => Number(r.n_checks_failed) > 0).length;
    expect(await page.locator('[data-kpi="checks_failed"] .kpi-value').innerText()).toBe(zh(failedChecks));
    // reload: the filter comes back from the URL
    await page.reload();
    await page.waitForSelector('[data-chart="coverage-grid"] svg');
    expect(await page.locator('[data-kpi="reports"] .kpi-value').innerText()).toBe(zh(inCounty.length));
    expect(await page.locator('[data-filter-summary]').innerText()).toContain(testCounty.name);
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "index-filtered-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await finish(page, problems, "index-filtered");
  });

  /** The compare page's values per township for one year (reports metric or table 三 group). */
  function compareExpectation(year: number, valueOf: (r: Row) => number | null) {
    const inCounty = reports.filter((r) => countyKey(r) === testCounty.key);
    const scope = onePerTownshipYear(inCounty.filter((r) => r.year && Number(r.year) >= 2014));
    const names = [...new Set(inCounty.filter((r) => r.township).map((r) => r.township))];
    return new Map(names.map((name) => {
      const r = scope.find((x) => x.township === name && Number(x.year) === year);
      const v = r ? valueOf(r) : null;
      return [name, v === null ? "无数据" : String(v)];
    }));
  }

  it("乡镇对比: year and metric change the ranked bars' values; township boxes change the lines", async () => {
    const years = [...new Set(reports.map((r) => Number(r.year)).filter(Boolean))].sort((a, b) => a - b);
    const [yearA, yearB] = [years.at(-1)!, years.at(-3)!];
    const county = encodeURIComponent(testCounty.key);
    const { page, problems } = await open("compare", `/compare?county=${county}&metric=r:requests_new_total&year=${yearA}`, '[data-chart="ranked-bars"] svg');
    expect(toMap(await markLabels(page, "ranked-bars", "value-labels"))).toEqual(compareExpectation(yearA, (r) => num(r.requests_new_total)));
    // another year
    await page.locator('[data-control="year"] select').selectOption({ label: String(yearB) });
    await expect.poll(async () => toMap(await markLabels(page, "ranked-bars", "value-labels"))).toEqual(compareExpectation(yearB, (r) => num(r.requests_new_total)));
    // a table 三 outcome group, summed from cells.csv (DuckDB in the page)
    const granted = new Map<string, number | null>();
    for (const c of cells.filter((c) => c.table === "t3" && c.col === "total" && c.row === "granted")) {
      granted.set(c.report_id, sumOrNull([granted.get(c.report_id) ?? null, num(c.value)]));
    }
    await page.locator('[data-control="metric"] select').selectOption({ label: "办理结果：予以公开（合计）" });
    await expect
      .poll(async () => toMap(await markLabels(page, "ranked-bars", "value-labels")), { timeout: 60_000 })
      .toEqual(compareExpectation(yearB, (r) => granted.get(r.report_id) ?? null));
    expect(page.url()).toContain("metric=t3g%3Agranted");
    // a proactive-disclosure category (prose breakdowns in evidence.csv, mapped to the taxonomy)
    const work = new Map<string, number>();
    for (const e of evidence.filter((e) => e.field.startsWith("active_categories.") && e.value !== "")) {
      const hit = (categoryOf(e.field.slice("active_categories.".length)) ?? "其他") === "工作动态";
      work.set(e.report_id, (work.get(e.report_id) ?? 0) + (hit ? Number(e.value) : 0));
    }
    const categoryYear = years.find((y) => y >= 2014 && reports.some((r) => Number(r.year) === y && countyKey(r) === testCounty.key && work.get(r.report_id)))!;
    await page.locator('[data-control="metric"] select').selectOption({ label: "主动公开分类：工作动态" });
    await page.locator('[data-control="year"] select').selectOption({ label: String(categoryYear) });
    await expect
      .poll(async () => toMap(await markLabels(page, "ranked-bars", "value-labels")))
      .toEqual(compareExpectation(categoryYear, (r) => work.get(r.report_id) ?? null));
    // lines: one per checked township; unchecking one removes its line
    const lines = page.locator('[data-chart="lines"] g[aria-label="line"] path');
    const checked = await page.locator('[data-control="t"] input:checked').count();
    await expect.poll(() => lines.count()).toBe(checked);
    await page.locator('[data-control="t"] input:checked').first().uncheck();
    await expect.poll(() => lines.count()).toBe(checked - 1);
    await finish(page, problems, "compare");
  });

  it("公开内容: the county changes the table 二 KPI and the category totals", async () => {
    const { page, problems } = await open("content", "/content", '[data-chart="decisions"] svg');
    await page.locator('[data-control="county"] select').selectOption({ label: testCounty.name });
    const scope = onePerTownshipYear(reports.filter((r) => countyKey(r) === testCounty.key));
    const licensing = sumOrNull(scope.map((r) => num(r.t2_licensing_decisions)));
    await expect.poll(() => page.locator('[data-kpi="licensing"] .kpi-value').innerText()).toBe(licensing === null ? "—" : zh(licensing));
    const ids = new Map(scope.map((r) => [r.report_id, Number(r.year)]));
    // topics only (categories.csv): a breakdown by channel (发布渠道) is not a topic
    const perYear = new Map<string, number>();
    for (const c of categories.filter((c) => ids.has(c.report_id) && c.count !== "" && (CATEGORIES as readonly string[]).includes(c.category))) {
      const year = String(ids.get(c.report_id));
      perYear.set(year, (perYear.get(year) ?? 0) + Number(c.count));
    }
    const expected = new Map([...perYear].filter(([, v]) => v > 0).map(([y, v]) => [y, String(v)]));
    await expect.poll(async () => toMap(await markLabels(page, "categories-by-year", "totals"))).toEqual(expected);
    await page.locator('[data-table="t2-all"] table').waitFor({ timeout: 60_000 });
    // table 二's charts span the years that have one (template reports, 2019 on): no "无数据" years before
    const t2Years = new Set(scope.filter((r) => r.template.startsWith("template-")).map((r) => Number(r.year)));
    const ticks = (await page.locator('[data-chart="decisions"] svg [aria-label="x-axis tick label"] text').allTextContents()).map(Number);
    expect(Math.min(...ticks)).toBe(Math.min(...t2Years));
    const header = await page.locator('[data-table="t2-all"] thead th').allTextContents();
    expect(header.filter((h) => /年$/.test(h)).map((h) => Number(h.replace("年", "")))).toEqual([...t2Years].sort((a, b) => a - b));
    await finish(page, problems, "content");
  });

  it("依申请公开, all counties: the lines' end labels and the y axis title never overlap other text", async () => {
    const { page, problems } = await open("applications", "/applications", '[data-chart="request-flow"] svg');
    // the lines' end labels never overlap (上年结转 and 结转下年度 run close together)
    const boxes = (await page.locator('[data-chart="request-flow"] svg text').evaluateAll((els) =>
      els.filter((e) => /本年新收|上年结转|结转下年度/.test(e.textContent ?? "") && !e.closest("[aria-label=tip]") && e.getBoundingClientRect().x > 600)
        .map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; })));
    expect(boxes).toHaveLength(3);
    boxes.sort((a, b) => a.top - b.top);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].top, "end labels overlap").toBeGreaterThanOrEqual(boxes[i - 1].bottom - 1);
    // the y axis title stands clear of the top tick label
    const [title, ticks] = await page.locator('[data-chart="request-flow"] svg').first().evaluate((svg) => {
      const box = (e: Element) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
      const title = [...svg.querySelectorAll("text")].find((t) => (t.textContent ?? "").startsWith("↑"))!;
      return [box(title), [...svg.querySelectorAll('[aria-label="y-axis tick label"] text')].map(box)];
    });
    expect(title.bottom, "y axis title over a tick label").toBeLessThanOrEqual(Math.min(...ticks.map((t) => t.top)) + 1);
    await finish(page, problems, "applications");
  });

  it("依申请公开: a township-year whose reasons are all 0 draws bars from 0 at the left, and says so", async () => {
    // a township-year with table 三 read and every reason row 0
    const byReport = new Map<string, Row[]>();
    for (const c of cells) if (c.table === "t3" && c.col === "total") byReport.set(c.report_id, [...(byReport.get(c.report_id) ?? []), c]);
    const zero = reports.find((r) => r.township && r.county && Number(r.year) >= 2019 && (byReport.get(r.report_id) ?? []).length > 20
      && byReport.get(r.report_id)!.filter((c) => /^(refused|unable|declined)_|^other/.test(c.row)).every((c) => c.value === "0")
      && reports.filter((o) => placeKey(o) === placeKey(r) && o.year === r.year).length === 1)!;
    expect(zero, "the demo has a township-year with no refusals").toBeTruthy();
    const q = new URLSearchParams({ county: countyKey(zero), t: placeKey(zero), from: zero.year, to: zero.year });
    const { page, problems } = await open("applications", `/applications?${q}`, '[data-chart="reasons"] svg');
    expect(await page.locator('[data-chart="reasons"] figcaption').innerText()).toBe("各项均为 0。");
    const ticks = await page.locator('[data-chart="reasons"] svg [aria-label="x-axis tick label"] text').evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, x: e.getBoundingClientRect().x })).sort((a, b) => a.x - b.x));
    expect(ticks[0].text).toBe("0");
    await finish(page, problems, "applications");
  });

  it("依申请公开: yearly outcome totals match table 三; 占比 switches the axis to shares", async () => {
    const county = encodeURIComponent(testCounty.key);
    const { page, problems } = await open("applications", `/applications?county=${county}`, '[data-chart="request-flow"] svg');
    await page.waitForSelector('[data-chart="outcomes-by-year"] svg', { timeout: 60_000 });
    const maxYear = Math.max(...reports.map((r) => Number(r.year) || 0));
    const scope = onePerTownshipYear(reports.filter((r) => countyKey(r) === testCounty.key && Number(r.year) >= 2019 && Number(r.year) <= maxYear));
    const yearOf = new Map(scope.map((r) => [r.report_id, r.year]));
    const outcomeRows = new Set(["granted", "partial", "other", "other_no_correction", "other_no_fee", "other_other"]);
    const perYear = new Map<string, number>();
    for (const c of cells) {
      if (c.table !== "t3" || c.col !== "total" || c.value === "" || !yearOf.has(c.report_id)) continue;
      if (!(outcomeRows.has(c.row) || /^(refused|unable|declined)_/.test(c.row))) continue;
      perYear.set(yearOf.get(c.report_id)!, (perYear.get(yearOf.get(c.report_id)!) ?? 0) + Number(c.value));
    }
    const expected = new Map([...perYear].filter(([, v]) => v > 0).map(([y, v]) => [y, String(v)]));
    expect(toMap(await markLabels(page, "outcomes-by-year", "totals"))).toEqual(expected);
    // one label, one figure: the note under the bars gives their sum, and how it differs from 办理结果总计
    const barsSum = [...perYear.values()].reduce((a, b) => a + b, 0);
    const note = await page.locator('[data-note="outcome-rows"]').innerText();
    expect(note).toContain(`共 ${zh(barsSum)} 件`);
    const handled = await page.locator('[data-kpi="handled"] .kpi-value').innerText();
    if (handled !== zh(barsSum)) expect(note).toContain(`“办理结果总计”${handled} 件`);
    await page.locator('[data-control="mode"] input').nth(1).check();
    await expect.poll(() => page.locator('[data-chart="outcomes-by-year"] svg').first().evaluate((svg) => svg.textContent)).toContain("占当年合计的比例");
    expect(await markLabels(page, "outcomes-by-year", "totals")).toEqual([]);
    expect(page.url()).toContain("mode=share");
    await finish(page, problems, "applications");
  });

  it("数据质量: choosing a rule lists exactly its failed checks", async () => {
    const { page, problems } = await open("quality", "/quality", '[data-chart="failed-by-rule"] svg');
    const rule = "t3_outcome_sum";
    await page.locator('[data-control="rule"] select').selectOption({ value: await optionIndex(page, "rule", "表三办理结果合计") });
    const expected = checks.filter((c) => c.rule === rule && (c.status === "fail" || c.status === "warn")).length;
    await expect.poll(() => page.locator('[data-table="failed-checks"] [data-row-count]').getAttribute("data-row-count")).toBe(String(expected));
    await expect
      .poll(async () => (await markLabels(page, "failed-by-rule", "value-labels")).map((b) => b.replace(/：.*/, "")))
      .toEqual(expected ? ["表三办理结果合计"] : []);
    await page.waitForSelector('[data-chart="score-grid"] svg');
    await finish(page, problems, "quality");
  });

  async function optionIndex(page: Page, control: string, label: string): Promise<string> {
    return page.locator(`[data-control="${control}"] option`, { hasText: label }).first().getAttribute("value") as Promise<string>;
  }

  it("总览 and 数据质量 give one figure for 有未通过核对的报告: every report with a failed check in checks.csv", async () => {
    const expected = zh(new Set(checks.filter((c) => c.status === "fail").map((c) => c.report_id)).size);
    const index = await open("index", "/", '[data-kpi="checks_failed"]');
    expect(await index.page.locator('[data-kpi="checks_failed"] .kpi-value').innerText()).toBe(expected);
    await finish(index.page, index.problems, "index");
    const quality = await open("quality", "/quality", '[data-kpi="failed_reports"]');
    expect(await quality.page.locator('[data-kpi="failed_reports"] .kpi-value').innerText()).toBe(expected);
    await finish(quality.page, quality.problems, "quality");
  });

  it("报告详情: the 示例数据 banner stands on simulated reports only, not on the real sample", async () => {
    const real = reports.find((r) => !r.file.split(/[\\/]/).includes("demo"))!;
    // a simulated report with several warnings: each is a bullet of its own (reports.csv joins them with " | ")
    const demo = reports.find((r) => r.file.split(/[\\/]/).includes("demo") && r.warnings.split(" | ").length >= 3)!;
    expect(real, "the site corpus holds the real sample").toBeTruthy();
    const { page, problems } = await open("report", `/report?id=${real.report_id}`, "[data-report-file]");
    expect(await page.locator("[data-demo-banner]").count()).toBe(0);
    await page.goto(page.url().replace(/id=[^&]+/, `id=${demo.report_id}`));
    await page.waitForSelector("[data-report-file]");
    expect(await page.locator("[data-demo-banner]").count()).toBe(1);
    expect(await page.locator("[data-report-warnings] li").allInnerTexts()).toEqual(demo.warnings.split(" | "));
    await finish(page, problems, "report");
  });

  it("报告详情: a report's cells, failed checks and prose numbers; the picker opens another report", async () => {
    const failedCheck = checks.find((c) => c.rule === "t3_outcome_sum" && c.status === "fail" && c.cells);
    expect(failedCheck, "the corpus has a failed t3_outcome_sum check").toBeTruthy();
    const id = failedCheck!.report_id;
    const { page, problems } = await open("report", `/report?id=${id}`, '[data-report-table="t3"]');
    const cell = failedCheck!.cells.split(" ")[0].replaceAll(".", ":");
    await expect(page.locator(`[data-cell="${cell}"]`).getAttribute("class")).resolves.toContain("cell-failed");
    const own = cells.filter((c) => c.report_id === id && c.table === "t3" && c.value !== "");
    for (const c of own.slice(0, 20)) {
      expect(await page.locator(`[data-cell="t3:${c.row}:${c.col}"] .cell-value`).innerText()).toBe(zh(Number(c.value)));
    }
    expect(await page.locator("[data-report-file]").innerText()).toBe(reports.find((r) => r.report_id === id)!.file);
    // a free-text report with numbers read from the prose, chosen with the picker
    const withEvidence = reports.find((r) => r.county && r.template === "free-text-2008" && evidence.some((e) => e.report_id === r.report_id && e.field.startsWith("active_categories.")))!;
    await page.locator(".report-picker select").nth(0).selectOption({ label: withEvidence.county });
    await page.locator(".report-picker select").nth(1).selectOption({ label: withEvidence.township });
    await Promise.all([
      page.waitForURL(`**/report?id=${withEvidence.report_id}`),
      page.locator(".report-picker select").nth(2).selectOption({ value: withEvidence.report_id })
    ]);
    await page.waitForSelector('[data-table="report-evidence"] table');
    const n = evidence.filter((e) => e.report_id === withEvidence.report_id).length;
    expect(await page.locator('[data-table="report-evidence"] [data-row-count]').getAttribute("data-row-count")).toBe(String(n));
    expect(await page.locator('[data-table="report-evidence"] mark').count()).toBeGreaterThan(0);
    await finish(page, problems, "report");
  });

  it("数据浏览与导出: filters → SQL → sortable table; CSV/XLSX/JSON are the current result; SQL errors inline", async () => {
    const county = encodeURIComponent(testCounty.key);
    const { page, problems } = await open("explore", `/explore?county=${county}&template=template-2021`, '[data-table="result"] table');
    const expected = reports.filter((r) => countyKey(r) === testCounty.key && r.template === "template-2021");
    // the table first shows a preview filtered in JS, then DuckDB's result with the same rows in the same order
    await page.waitForSelector("[data-result-final]", { timeout: 60_000 });
    await expect.poll(() => page.locator("[data-result-count]").innerText()).toBe(zh(expected.length));
    const cmp = (a: string, b: string) => (a === "" ? (b === "" ? 0 : 1) : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0);
    const ordered = expected.slice().sort((a, b) => cmp(a.township, b.township) || Number(a.year) - Number(b.year) || cmp(a.report_id, b.report_id));
    const firstPage = await page.locator('[data-table="result"] tbody tr td:first-child').allInnerTexts();
    expect(firstPage).toEqual(ordered.slice(0, 25).map((r) => r.report_id));
    expect(await page.locator(".sql-input").inputValue()).toContain("r.template = 'template-2021'");
    // sort by year, descending (two clicks): the first row is the latest year
    await page.locator('[data-table="result"] th[data-column="year"] button').click();
    await page.locator('[data-table="result"] th[data-column="year"] button').click();
    const maxYear = String(Math.max(...expected.map((r) => Number(r.year))));
    expect(await page.locator('[data-table="result"] tbody tr').first().locator("td").nth(await columnIndex(page, "year")).innerText()).toBe(maxYear);

    const header = Object.keys(reports[0]);
    // CSV for Excel: BOM, Chinese column names, the field names in the second row, one line per row, in the table's order
    const csv = await downloadBytes(page, "csv");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Papa.parse<string[]>(csv.subarray(3).toString("utf8"), { skipEmptyLines: true }).data;
    expect(lines[1]).toEqual(header);
    expect(lines[0]).toHaveLength(header.length);
    expect(lines[0].slice(0, 3)).toEqual(["报告编号", "文件", "解析状态"]);
    const parsed = lines.slice(2).map((line) => Object.fromEntries(header.map((h, i) => [h, line[i]])));
    expect(parsed).toHaveLength(expected.length);
    expect(parsed[0].year).toBe(maxYear);
    expect(new Set(parsed.map((r) => r.report_id))).toEqual(new Set(expected.map((r) => r.report_id)));
    // XLSX (ExcelJS reads it back): the same two header rows, then one row per result row, years as numbers
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadBytes(page, "xlsx")) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("查询结果")!;
    expect(sheet.rowCount).toBe(expected.length + 2);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.getRow(3).getCell(header.indexOf("year") + 1).value).toBe(Number(maxYear));
    expect(workbook.worksheets.map((ws) => ws.name)).toContain("说明");
    // JSON
    const json = JSON.parse((await downloadBytes(page, "json")).toString("utf8"));
    expect(json).toHaveLength(expected.length);
    expect(Object.keys(json[0])).toEqual(header);

    // an error is shown next to the editor, the page keeps working (the next query below runs)
    await page.locator(".sql-input").fill("SELECT no_such_column FROM reports");
    await page.locator("[data-run-sql]").click();
    await expect.poll(() => page.locator("[data-sql-error]").innerText()).toContain("no_such_column");
    // said once, in Chinese, with the columns that exist; DuckDB's own text only under 原始错误信息
    expect(await page.locator("[data-sql-error-title]").innerText()).toBe("没有名为“no_such_column”的列");
    expect(await page.locator("[data-sql-error]").innerText()).not.toContain("Binder Error");
    // hand-written SQL: its rows, and in the URL
    const sql = "SELECT county, count(*) AS n FROM reports WHERE county IS NOT NULL GROUP BY county ORDER BY county";
    await page.locator(".sql-input").fill(sql);
    await page.locator("[data-run-sql]").click();
    const counts = new Map<string, number>();
    for (const r of reports.filter((r) => r.county)) counts.set(r.county, (counts.get(r.county) ?? 0) + 1);
    await expect.poll(() => page.locator("[data-result-count]").innerText()).toBe(zh(counts.size));
    const rows = await page.locator('[data-table="result"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    expect(new Map(rows.map(([c, n]) => [c, Number(n.replaceAll(",", ""))]))).toEqual(counts);
    expect(new URL(page.url()).searchParams.get("sql")).toBe(sql);
    // full table download with BOM
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download-bom="checks"]').click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Papa.parse(bytes.subarray(3).toString("utf8"), { header: true, skipEmptyLines: true }).data).toHaveLength(checks.length);
    await finish(page, problems, "explore");
  });

  async function columnIndex(page: Page, column: string): Promise<number> {
    return page.locator('[data-table="result"] thead th').evaluateAll((ths, c) => ths.findIndex((th) => th.getAttribute("data-column") === c), column);
  }

  async function downloadBytes(page: Page, format: string): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-export="result"] [data-export-format="${format}"]`).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
    return readFileSync((await download.path())!);
  }

  it("分析笔记示例: the example runs its SQL and draws its charts", async () => {
    const { page, problems } = await open("notebook", "/notebook", '[data-table="notebook-table"] table');
    const yearOf = new Map(reports.map((r) => [r.report_id, r.year]));
    const years = new Set(cells.filter((c) => c.table === "t3" && c.col === "total").map((c) => yearOf.get(c.report_id)).filter(Boolean));
    expect(await page.locator('[data-table="notebook-table"] [data-row-count]').getAttribute("data-row-count")).toBe(String(years.size));
    expect(await page.locator("#observablehq-main svg[class^='plot']").count()).toBeGreaterThanOrEqual(2);
    // its 办理总计 per year is the figure the other pages show: one report per township-year
    const counted = new Set(onePerTownshipYear(reports).map((r) => r.report_id));
    const handled = new Map<string, number>();
    for (const c of cells) if (c.table === "t3" && c.row === "total" && c.col === "total" && c.value !== "" && counted.has(c.report_id)) {
      const y = yearOf.get(c.report_id)!;
      handled.set(y, (handled.get(y) ?? 0) + Number(c.value));
    }
    const rows = await page.locator('[data-table="notebook-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    for (const [year, , total] of rows) expect(total.replace(/,/g, ""), `办理总计 ${year}`).toBe(String(handled.get(year) ?? ""));
    // the page's own markup is whole: no escaped backticks shown as text
    expect(await page.locator("#observablehq-main").innerText()).not.toMatch(/\\`|``/);
    await finish(page, problems, "notebook");
  });

  it("requested nothing from any other host", () => {
    expect(outsideRequests).toEqual([]);
  });
});
