// 数据浏览 and SQL from a link (issue 15 item 7): /explore?sql=… must never make a request off the
// site. SQL from a link is shown with a note and runs only on 运行; SQL naming a URL, a file-reading
// function, ATTACH, INSTALL … is refused with a Chinese message, before DuckDB-WASM sees it (DuckDB-WASM
// would fetch an http(s) URL through the browser by itself). Every request leaving the site's origin
// is recorded (allowOnlyOrigin) and must stay none.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { allowOnlyOrigin, launchChromium, openPage, type LaunchedChromium } from "./helpers/chromium.ts";
import { DIST_DIR, describeBuild } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const build = inject("siteBuild");
const OUTSIDE_SQL = "SELECT * FROM read_csv('http://example.invalid/x.csv')";

describe("数据浏览: SQL from a link", () => {
  let server: StaticServer;
  let chrome: LaunchedChromium;
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
    server = await serveDirectory(DIST_DIR);
    chrome = await launchChromium();
    await allowOnlyOrigin(chrome.context, server.origin, outsideRequests);
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  const open = (path: string, ready: string) => openPage(chrome.context, server.origin, path, ready);

  /** Waits until DuckDB-WASM has started and loaded reports (what a query on load would have used). */
  async function duckdbReady(page: Page) {
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("duckdb:tables-loaded").length), { timeout: 60_000 }).toBeGreaterThan(0);
  }

  it("opening /explore?sql=…read_csv('http://…') sends no request off the site and waits for 运行", async () => {
    const { page, problems } = await open(`/explore?sql=${encodeURIComponent(OUTSIDE_SQL)}`, "[data-sql-held]");
    expect(await page.locator("[data-sql-held]").innerText()).toContain("来自链接的查询，点击运行后执行");
    expect(await page.locator(".sql-input").inputValue()).toBe(OUTSIDE_SQL);
    expect(await page.locator("[data-result-held]").count()).toBe(1);
    expect(await page.locator('[data-table="result"]').count()).toBe(0);
    await duckdbReady(page);
    await page.waitForTimeout(500);
    expect(outsideRequests).toEqual([]);

    // 运行: refused in Chinese, still nothing sent
    await page.locator("[data-run-sql]").click();
    await page.waitForSelector("[data-sql-refused]", { timeout: 30_000 });
    expect(await page.locator("[data-sql-refused]").innerText()).toMatch(/查询中含有网址（http:\/\/…）/);
    expect(await page.locator("[data-sql-held]").count()).toBe(0);
    await page.waitForTimeout(500);
    expect(outsideRequests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("file-reading functions and ATTACH / INSTALL typed by hand are refused too; a plain query then runs", async () => {
    const { page, problems } = await open("/explore", "[data-result-final]");
    for (const [sql, words] of [
      ["SELECT * FROM read_parquet('/etc/passwd')", /不能用 read_parquet\(\) 读取文件/],
      ["INSTALL httpfs", /不能执行 INSTALL 语句/],
      ["SELECT * FROM 'reports.csv'", /不能把文件名当作表来查询/],
    ] as const) {
      await page.locator(".sql-input").fill(sql);
      await page.locator("[data-run-sql]").click();
      await expect.poll(() => page.locator("[data-sql-refused]").innerText().catch(() => "")).toMatch(words);
    }
    await page.locator(".sql-input").fill("SELECT count(*) AS n FROM reports");
    await page.locator("[data-run-sql]").click();
    await page.waitForSelector("[data-result-final]", { timeout: 30_000 });
    expect(outsideRequests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
