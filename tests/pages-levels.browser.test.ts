// Reports of every unit level on the pages (issue 11): a site built from the demo corpus, the
// level fixture corpus (a district's, a city's, a province's, a county department's report, two
// districts named 鼓楼区, an unlisted zone: tests/fixtures/levels-corpus) and, when present, the
// three real PDF reports (淮安市 2024, 洪泽区 2023/2024). Township comparisons stay township-only by
// default, the level filter shows every level's count and brings them in; every chart and KPI line
// says which levels it counts; ?county= takes a county's short name and says when it is ambiguous.
// Every expected number is recomputed here from the CSVs the built pages were given.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOnlyOrigin, launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { buildCorpusSite, type CorpusSite } from "./helpers/corpus-site.ts";
import { countyKey, levelOf, num, onePerUnitYear, readBuiltTable, sumOrNull, zh, type Row } from "./helpers/pages-data.ts";
import { PROJECT_ROOT, TEST_RESULTS_DIR } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const REAL = join(PROJECT_ROOT, "..", "shared", "real-reports");
const REAL_PDFS = ["huaian-city-2024.pdf", "hongze-district-2023.pdf", "hongze-district-2024.pdf"];
const realPresent = REAL_PDFS.every((f) => existsSync(join(REAL, f)));
if (!realPresent) console.warn(`[pages-levels] ${REAL} is absent: the site is built without the real district and city reports`);

describe("reports of every level on the pages", () => {
  let site: CorpusSite;
  let server: StaticServer;
  let chrome: LaunchedChromium;
  let reports: Row[];
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    site = await buildCorpusSite("nianbao-levels-site-", (corpus) => {
      cpSync(join(PROJECT_ROOT, "data", "reports", "demo"), join(corpus, "demo"), { recursive: true });
      cpSync(join(PROJECT_ROOT, "tests", "fixtures", "levels-corpus"), join(corpus, "levels"), { recursive: true });
      if (realPresent) {
        mkdirSync(join(corpus, "real"));
        for (const f of REAL_PDFS) cpSync(join(REAL, f), join(corpus, "real", f));
      }
    });
    console.log(`levels-corpus site build (${site.mode}) in ${(site.ms / 1000).toFixed(1)} s`);
    reports = readBuiltTable(site.dist, "reports");
    server = await serveDirectory(site.dist);
    chrome = await launchChromium();
    await allowOnlyOrigin(chrome.context, server.origin, outsideRequests);
  }, 300_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    site?.remove();
  });

  async function visit(path: string, ready: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chrome.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    await page.goto(`${server.origin}${path}`);
    await page.waitForSelector(ready, { timeout: 60_000 });
    return { page, problems };
  }

  const kpi = (page: Page, key: string) => page.locator(`[data-kpi="${key}"] .kpi-value`).innerText();
  const inYears = (r: Row, from: number) => r.year !== "" && Number(r.year) >= from;
  const newRequests = (rows: Row[]) => sumOrNull(onePerUnitYear(rows).map((r) => num(r.requests_new_total)));

  /** Every chart and the KPI line carry their levels; returns the texts. */
  async function scopes(page: Page): Promise<string[]> {
    const charts = await page.locator("figure[data-chart]").count();
    const withScope = await page.locator("figure[data-chart] > [data-chart-scope]").count();
    expect(withScope, "every chart says which levels it counts").toBe(charts);
    expect(await page.locator(".kpi-line > [data-chart-scope]").count(), "the KPI line says which levels it counts").toBeGreaterThan(0);
    return page.locator("[data-chart-scope]").allInnerTexts();
  }

  it("the corpus has reports of every level (the parser gave them an identity)", () => {
    const levels = new Set(reports.map(levelOf));
    for (const l of ["township", "county", "city", "province", "department", "other"]) expect(levels, l).toContain(l);
    if (realPresent) {
      expect(reports.filter((r) => r.unit === "淮安市").map((r) => r.level)).toEqual(["city"]);
      expect(reports.filter((r) => r.unit === "洪泽区").map((r) => r.level)).toEqual(["county", "county"]);
    }
  });

  it("依申请公开: township-only by default, the other levels counted in the filter; 全部 brings them into every figure", async () => {
    const { page, problems } = await visit("/applications", '[data-chart="outcomes-by-place"]');
    const from = 2019;
    const byLevel = new Map<string, number>();
    for (const r of reports) byLevel.set(levelOf(r), (byLevel.get(levelOf(r)) ?? 0) + 1);
    // the control lists each level with its number of reports
    for (const [level, n] of byLevel) {
      expect(await page.locator(`[data-control="level"] [data-option="${level}"] [data-count]`).innerText(), level).toBe(zh(n));
    }
    const township = reports.filter((r) => ["township", "none"].includes(levelOf(r)));
    const others = reports.length - township.length;
    expect(await page.locator("[data-other-levels]").innerText()).toBe(zh(others));
    const townshipNew = newRequests(township.filter((r) => inYears(r, from)))!;
    expect(await kpi(page, "new")).toBe(zh(townshipNew));
    for (const s of await scopes(page)) expect(s).toBe("统计范围：乡镇/街道");

    await page.locator('[data-control="level"] button', { hasText: "全部" }).click();
    const allNew = newRequests(reports.filter((r) => inYears(r, from)))!;
    await expect.poll(() => kpi(page, "new")).toBe(zh(allNew));
    // the difference is the district, city, province and department reports' own applications
    const otherNew = sumOrNull(reports.filter((r) => !["township", "none"].includes(levelOf(r)) && inYears(r, from)).map((r) => num(r.requests_new_total)))!;
    expect(allNew - townshipNew).toBe(otherNew);
    expect(otherNew).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.getAll("level").length).toBeGreaterThan(2);
    await page.waitForFunction(() => document.querySelector('[data-chart="outcomes-by-place"]')?.textContent?.includes("（地市）"), null, { timeout: 60_000 });
    const byPlace = await page.locator('[data-chart="outcomes-by-place"]').innerText();
    for (const name of realPresent ? ["淮安市（地市）", "洪泽区（县区）", "岚东区（县区）"] : ["岚州市（地市）", "岚东区（县区）"]) expect(byPlace).toContain(name);
    for (const s of await scopes(page)) expect(s).toBe("统计范围：全部级别");
    mkdirSync(join(TEST_RESULTS_DIR, "screenshots"), { recursive: true });
    await page.screenshot({ path: join(TEST_RESULTS_DIR, "screenshots", "applications-all-levels.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("总览: ?level= by its Chinese name; the KPIs count exactly those reports", async () => {
    const { page, problems } = await visit(`/?level=${encodeURIComponent("县区")}`, "[data-kpi]");
    const county = reports.filter((r) => levelOf(r) === "county");
    expect(await kpi(page, "reports")).toBe(zh(county.length));
    expect(await kpi(page, "townships")).toBe(zh(new Set(county.map((r) => `${countyKey(r)}/${r.unit}`)).size));
    expect(await page.locator("[data-filter-summary]").innerText()).toContain("县区");
    await page.waitForSelector('[data-chart="coverage-grid"]', { timeout: 60_000 });
    await scopes(page);
    // the coverage grid lists townships only, and says so; every other figure counts the 县区 chosen
    expect(await page.locator('[data-chart="coverage-grid"] > [data-chart-scope]').innerText()).toContain("只列乡镇");
    for (const s of await page.locator('.kpi-line > [data-chart-scope], figure[data-chart]:not([data-chart="coverage-grid"]) > [data-chart-scope]').allInnerTexts()) {
      expect(s).toContain("县区");
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("?county= takes the county's short name, and says when two counties share it", async () => {
    const demoCounty = reports.find((r) => r.county === "桐川县" && r.level === "township")!;
    const { page, problems } = await visit(`/?county=${encodeURIComponent("桐川县")}`, "[data-kpi]");
    const inCounty = reports.filter((r) => countyKey(r) === countyKey(demoCounty) && ["township", "none"].includes(levelOf(r)));
    expect(await kpi(page, "reports")).toBe(zh(inCounty.length));
    expect(await page.locator('[data-control="county"] select option:checked').innerText()).toBe("桐川县");
    expect(await page.locator("[data-control-notice]").count()).toBe(0);
    await page.close();

    const gulou = reports.filter((r) => r.county === "鼓楼区");
    expect(new Set(gulou.map(countyKey)).size).toBe(2);
    const ambiguous = await visit(`/?level=county&county=${encodeURIComponent("鼓楼区")}`, "[data-kpi]");
    expect(await ambiguous.page.locator("[data-control-notice]").innerText()).toContain("“鼓楼区”有 2 个同名");
    expect(await ambiguous.page.locator('[data-control="county"] select option:checked').innerText()).toBe("全部县区");
    expect(await kpi(ambiguous.page, "reports")).toBe(zh(reports.filter((r) => levelOf(r) === "county").length));
    expect([...problems, ...ambiguous.problems]).toEqual([]);
    await ambiguous.page.close();
  });

  it("乡镇对比: units of other levels only when their level is chosen, named with it", async () => {
    const townships = await visit("/compare?county=&metric=r:requests_new_total&year=2023", '[data-chart="ranked-bars"] svg');
    expect(await townships.page.locator('[data-chart="ranked-bars"]').innerText()).not.toContain("（县区）");
    await townships.page.close();
    const { page, problems } = await visit("/compare?level=county&level=city&county=&metric=r:requests_new_total&year=2023", '[data-chart="ranked-bars"] svg');
    const text = await page.locator('[data-chart="ranked-bars"]').innerText();
    for (const r of reports.filter((r) => ["county", "city"].includes(levelOf(r)) && r.year === "2023")) {
      expect(text).toContain(`${r.unit}（${r.level === "county" ? "县区" : "地市"}）`);
    }
    expect(text).not.toMatch(/镇|乡/);
    for (const s of await page.locator("figure[data-chart] > [data-chart-scope]").allInnerTexts()) expect(s).toBe("统计范围：县区、地市");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("数据浏览: a unit of another level is a filter choice; its SQL and the preview give exactly its reports", async () => {
    const district = reports.find((r) => r.level === "county" && r.unit === "岚东区")!;
    const key = `${[district.province, district.city, district.county, district.unit].join("/")}#county`;
    const { page, problems } = await visit(`/explore?level=county&t=${encodeURIComponent(key)}`, '[data-table="result"] table');
    await page.waitForSelector("[data-result-final]", { timeout: 60_000 });
    const expected = reports.filter((r) => r.level === "county" && r.unit === "岚东区" && r.county === district.county);
    expect(await page.locator("[data-result-count]").innerText()).toBe(zh(expected.length));
    expect(await page.locator('[data-table="result"] tbody tr td:first-child').allInnerTexts()).toEqual(expected.map((r) => r.report_id));
    expect(await page.locator(".sql-input").inputValue()).toContain("r.level IN ('county')");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("报告详情 of a district's report names the district and its level", async () => {
    const district = reports.find((r) => r.level === "county" && r.unit === "岚东区")!;
    const { page, problems } = await visit(`/report?id=${district.report_id}`, "[data-report-title]");
    expect(await page.locator("[data-report-title]").innerText()).toContain("岚东区");
    expect(await page.locator("[data-report-level]").innerText()).toBe("县区");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("requested nothing from any other host", () => {
    expect(outsideRequests).toEqual([]);
  });
});
