// Exports, the 报告详情 index and printing, in headless Chromium on the built site (offline).
// Every downloaded file is parsed back in Node with real libraries (ExcelJS for XLSX, Papa Parse for
// CSV) and its cells compared with the CSVs the pages were given; printouts are real PDFs
// (Chromium's page.pdf) read back with pdfjs-dist. Saves a screenshot of 报告详情's index.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Download, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { allowOnlyOrigin, launchChromium, openPage, type LaunchedChromium } from "./helpers/chromium.ts";
import { countyKey, largestCounty, num, onePerTownshipYear, placeKey, readBuiltTable, type Row } from "./helpers/pages-data.ts";
import { DIST_DIR, TEST_RESULTS_DIR, describeBuild } from "./helpers/site-build.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const build = inject("siteBuild");
const SCREENSHOT_DIR = join(TEST_RESULTS_DIR, "screenshots");
const STATUS_LABELS: Record<string, string> = { ok: "完整", partial: "部分", error: "出错", unsupported: "格式不支持", "needs-ocr": "需OCR" };
const TEMPLATE_LABELS: Record<string, string> = { "free-text-2008": "自由文本(2008)", "template-2019": "2019年模板", "template-2021": "2021年模板", unknown: "无法识别" };

type Cell = ExcelJS.CellValue;

/** The rows of a worksheet as arrays of cell values (1-based columns dropped to 0-based). */
function sheetRows(ws: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as Cell[];
    rows.push(Array.from({ length: ws.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  return rows;
}

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // (exceljs types its input as an older Node Buffer)
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Text compared without spaces, in NFKC. */
const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/** Text lines of each page of a PDF (pdfjs-dist), top to bottom. */
async function pdfPages(bytes: Buffer): Promise<string[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const lines = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5]);
      const key = [...lines.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      lines.set(key, [...(lines.get(key) ?? []), { x: item.transform[4], s: item.str }]);
    }
    // NFKC: Chromium's PDF maps some CJK glyphs to compatibility characters (⾏ for 行)
    pages.push([...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => squeeze(parts.sort((a, b) => a.x - b.x).map((q) => q.s).join(""))));
  }
  await doc.destroy();
  return pages;
}

describe("exports, the report index and printing (headless Chromium, offline)", () => {
  let server: StaticServer;
  let chrome: LaunchedChromium;
  const outsideRequests: string[] = [];
  let reports: Row[];
  let cells: Row[];
  let checks: Row[];
  let testCounty: { key: string; name: string };

  beforeAll(async () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
    reports = readBuiltTable(DIST_DIR, "reports");
    cells = readBuiltTable(DIST_DIR, "cells");
    checks = readBuiltTable(DIST_DIR, "checks");
    testCounty = largestCounty(reports);
    server = await serveDirectory(DIST_DIR);
    chrome = await launchChromium();
    await allowOnlyOrigin(chrome.context, server.origin, outsideRequests);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  const open = (path: string, ready: string) => openPage(chrome.context, server.origin, path, ready, { consoleErrors: true });

  async function finish(page: Page, problems: string[]) {
    expect(await page.locator(".observablehq--error").allInnerTexts()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }

  async function download(bar: Locator, format: string): Promise<{ bytes: Buffer; file: Download }> {
    const [file] = await Promise.all([bar.page().waitForEvent("download"), bar.locator(`[data-export-format="${format}"]`).click()]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^nianbao-.+-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    const bytes = readFileSync((await file.path())!);
    return { bytes, file };
  }

  /** CSV for Excel: BOM, then rows (header rows included), parsed with Papa Parse. */
  function readCsv(bytes: Buffer): string[][] {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text).toMatch(/\r\n$/);
    const { data, errors } = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(errors).toEqual([]);
    return data;
  }

  it("数据浏览: the result's XLSX has Chinese headers, field names, words for codes, typed numbers and dates, and a 说明 sheet", async () => {
    const county = encodeURIComponent(testCounty.key);
    const { page, problems } = await open(`/explore?county=${county}&metric=r:requests_new_total`, "[data-result-final]");
    const expected = reports.filter((r) => countyKey(r) === testCounty.key);
    await expect.poll(() => page.locator("[data-result-count]").innerText()).toBe(expected.length.toLocaleString("zh-CN"));
    const { bytes } = await download(page.locator('[data-export="result"]'), "xlsx");
    const workbook = await readXlsx(bytes);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["查询结果", "乡镇×年份", "说明"]);
    const result = sheetRows(workbook.getWorksheet("查询结果")!);
    expect(result[0]).toEqual(["报告编号", "省", "市", "县区", "乡镇", "年份", "模板", "解析状态", "本年新收申请数（件）"]);
    expect(result[1]).toEqual(["report_id", "province", "city", "county", "township", "year", "template", "status", null]);
    expect(result).toHaveLength(expected.length + 2);
    const byId = new Map(expected.map((r) => [r.report_id, r]));
    for (const row of result.slice(2)) {
      const r = byId.get(String(row[0]))!;
      expect(r, `row ${row[0]} is a report of the county`).toBeTruthy();
      expect(row[5]).toBe(num(r.year));
      expect(row[6]).toBe(TEMPLATE_LABELS[r.template]);
      expect(row[7]).toBe(STATUS_LABELS[r.status]);
      expect(row[8]).toBe(num(r.requests_new_total));
    }
    // the township × year sheet: one row per township, the value of its one report per year
    const wide = sheetRows(workbook.getWorksheet("乡镇×年份")!);
    const scope = onePerTownshipYear(expected);
    const years = [...new Set(scope.map((r) => Number(r.year)))].sort((a, b) => a - b);
    expect(wide[0]).toEqual(["县区", "乡镇", ...years.map((y) => `${y}年`)]);
    expect(wide[1]).toEqual(["county", "township", ...years.map(String)]);
    const townships = [...new Set(scope.map((r) => r.township))];
    expect(wide.slice(2).map((r) => r[1]).sort()).toEqual(townships.sort());
    for (const row of wide.slice(2)) {
      for (const [i, year] of years.entries()) {
        const r = scope.find((x) => x.township === row[1] && Number(x.year) === year);
        expect(row[2 + i], `${row[1]} ${year}`).toBe(r ? num(r.requests_new_total) : null);
      }
    }
    const notes = sheetRows(workbook.getWorksheet("说明")!);
    const fact = (label: string) => notes.find((r) => r[0] === label)?.[1];
    expect(String(fact("SQL"))).toContain("FROM reports r");
    expect(String(fact("筛选"))).toContain(testCounty.name);
    expect(fact("导出时间")).toBeInstanceOf(Date);
    const dictionary = notes.slice(notes.findIndex((r) => r[0] === "工作表") + 1);
    expect(dictionary.find((r) => r[2] === "template")?.[6]).toContain("template-2021 = 2021年模板");
    expect(dictionary.find((r) => r[2] === "status")?.[6]).toContain("ok = 完整");
    console.log(`数据浏览 XLSX: ${bytes.length.toLocaleString()} bytes, ${result.length - 2} rows, ${wide.length - 2} townships × ${years.length} years`);
    await finish(page, problems);
  });

  it("数据浏览: a date column is a date in XLSX and YYYY-MM-DD in CSV; booleans are 是/否", async () => {
    const sql = "SELECT report_id, published_on, active_total_approx, year FROM reports WHERE published_on IS NOT NULL ORDER BY report_id LIMIT 50";
    // SQL from a link runs once 运行 is clicked
    const { page, problems } = await open(`/explore?sql=${encodeURIComponent(sql)}`, "[data-sql-held]");
    await page.locator("[data-run-sql]").click();
    await page.waitForSelector("[data-result-final]", { timeout: 60_000 });
    const expected = reports.filter((r) => r.published_on).sort((a, b) => (a.report_id < b.report_id ? -1 : 1)).slice(0, 50);
    const workbook = await readXlsx((await download(page.locator('[data-export="result"]'), "xlsx")).bytes);
    const rows = sheetRows(workbook.getWorksheet("查询结果")!);
    expect(rows[0]).toEqual(["报告编号", "发布日期", "主动公开数为约数", "年份"]);
    expect(rows.slice(2).map((r) => (r[1] as Date).toISOString().slice(0, 10))).toEqual(expected.map((r) => r.published_on));
    expect(workbook.getWorksheet("查询结果")!.getCell("B3").numFmt).toBe("yyyy-mm-dd");
    expect(rows.slice(2).map((r) => r[2])).toEqual(expected.map((r) => (r.active_total_approx === "" ? null : r.active_total_approx === "true" ? "是" : "否")));
    const csv = readCsv((await download(page.locator('[data-export="result"]'), "csv")).bytes);
    expect(csv[0]).toEqual(["报告编号", "发布日期", "主动公开数为约数", "年份"]);
    expect(csv[1]).toEqual(["report_id", "published_on", "active_total_approx", "year"]);
    expect(csv.slice(2).map((r) => r[1])).toEqual(expected.map((r) => r.published_on));
    await finish(page, problems);
  });

  it("乡镇对比: the current view exports as 乡镇 × 年份 for the chosen and for all townships", async () => {
    const county = encodeURIComponent(testCounty.key);
    const { page, problems } = await open(`/compare?county=${county}&metric=r:active_total`, '[data-chart="ranked-bars"] svg');
    const chosen = await page.locator('[data-control="t"] input:checked + span').allInnerTexts();
    expect(chosen.length).toBeGreaterThan(0);
    const from = Number(await page.locator('[data-control="fromto"] select').first().inputValue());
    const to = Number(await page.locator('[data-control="fromto"] select').nth(1).inputValue());
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const scope = onePerTownshipYear(reports.filter((r) => countyKey(r) === testCounty.key && Number(r.year) >= from && Number(r.year) <= to));
    const { bytes } = await download(page.locator('[data-export="compare-view"]'), "xlsx");
    const workbook = await readXlsx(bytes);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["重点乡镇×年份", "全部乡镇×年份", "明细", "说明"]);
    const check = (rows: Cell[][], townships: string[]) => {
      expect(rows[0]).toEqual(["县区", "乡镇", ...years.map((y) => `${y}年`)]);
      expect(rows.slice(2).map((r) => r[1])).toEqual(townships);
      for (const row of rows.slice(2)) {
        expect(row[0]).toBe(testCounty.name);
        years.forEach((year, i) => {
          const r = scope.find((x) => x.township === row[1] && Number(x.year) === year);
          expect(row[2 + i], `${row[1]} ${year}`).toBe(r ? num(r.active_total) : null);
        });
      }
    };
    check(sheetRows(workbook.getWorksheet("重点乡镇×年份")!), chosen);
    const all = await page.locator('[data-control="t"] .check-option span').allInnerTexts();
    check(sheetRows(workbook.getWorksheet("全部乡镇×年份")!), all);
    const notes = sheetRows(workbook.getWorksheet("说明")!);
    expect(String(notes.find((r) => r[0] === "当前筛选")?.[1])).toContain(testCounty.name);
    // the CSV is the first sheet, for Excel
    const csv = readCsv((await download(page.locator('[data-export="compare-view"]'), "csv")).bytes);
    expect(csv[0]).toEqual(["县区", "乡镇", ...years.map((y) => `${y}年`)]);
    expect(csv[1]).toEqual(["county", "township", ...years.map(String)]);
    expect(csv.slice(2).map((r) => r[1])).toEqual(chosen);
    console.log(`乡镇对比 XLSX: ${bytes.length.toLocaleString()} bytes`);
    await finish(page, problems);
  });

  it("every chart's data exports: 总览's reports per year by template, 数据质量's failed checks per township × year", async () => {
    const { page, problems } = await open("/", '[data-chart="yearly-bars"] svg');
    // the bars are drawn from DuckDB once it is up; wait for the final chart's export
    await expect.poll(() => page.locator('[data-chart="yearly-bars"] .bars rect').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    const csv = readCsv((await download(page.locator('[data-export="chart-yearly-bars"]'), "csv")).bytes);
    expect(csv[0]).toEqual(["年份", "自由文本(2008)", "2019年模板", "2021年模板", "无法识别", "合计"]);
    expect(csv[1]).toEqual(["", "free-text-2008", "template-2019", "template-2021", "unknown", ""]);
    for (const row of csv.slice(2)) {
      const inYear = reports.filter((r) => r.year === row[0]);
      expect(Number(row[5]), `total ${row[0]}`).toBe(inYear.length);
      expect(Number(row[3]), `2021 template ${row[0]}`).toBe(inYear.filter((r) => r.template === "template-2021").length);
    }
    expect(csv.slice(2).reduce((s, r) => s + Number(r[5]), 0)).toBe(reports.filter((r) => r.year).length);
    await finish(page, problems);

    const quality = await open("/quality", '[data-chart="failed-grid"] svg');
    const workbook = await readXlsx((await download(quality.page.locator('[data-export="chart-failed-grid"]'), "xlsx")).bytes);
    const grid = sheetRows(workbook.worksheets[0]);
    const failedByReport = new Map<string, number>();
    for (const c of checks.filter((c) => c.status === "fail")) failedByReport.set(c.report_id, (failedByReport.get(c.report_id) ?? 0) + 1);
    const sum = (rows: Cell[][]) => rows.slice(2).reduce((s, r) => s + r.slice(1).reduce<number>((t, v) => t + (typeof v === "number" ? v : 0), 0), 0);
    const withPlace = reports.filter((r) => r.township && r.year);
    expect(sum(grid)).toBe(withPlace.reduce((s, r) => s + (failedByReport.get(r.report_id) ?? 0), 0));
    expect(String(grid[0][0])).toBe("乡镇");
    await finish(quality.page, quality.problems);
  });

  it("数据质量 lists and 报告详情 tables export with their rows; the report's printed tables keep numbers as numbers", async () => {
    const { page, problems } = await open("/quality", '[data-table="failed-checks"] table');
    const listed = checks.filter((c) => c.status === "fail" || c.status === "warn");
    const { bytes } = await download(page.locator('[data-export="failed-checks"]'), "csv");
    const csv = readCsv(bytes);
    expect(csv[0]).toEqual(["报告编号", "单位", "年份", "规则", "结果", "说明", "期望值", "实际值", "涉及单元格", "核查结论"]);
    expect(csv[1][0]).toBe("report_id");
    expect(csv.slice(2)).toHaveLength(listed.length);
    expect(csv.slice(2).map((r) => r[0]).sort()).toEqual(listed.map((c) => c.report_id).sort());
    console.log(`数据质量 failed checks CSV: ${bytes.length.toLocaleString()} bytes, ${listed.length} rows`);
    await finish(page, problems);

    const failedCheck = checks.find((c) => c.rule === "t3_outcome_sum" && c.status === "fail")!;
    const id = failedCheck.report_id;
    const report = await open(`/report?id=${id}`, '[data-report-table="t3"]');
    const workbook = await readXlsx((await download(report.page.locator('[data-export="report-all"]'), "xlsx")).bytes);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(expect.arrayContaining(["报告信息", "主要数字", "表三", "核对结果", "全部单元格", "说明"]));
    const t3 = sheetRows(workbook.getWorksheet("表三")!);
    const rowIdColumn = t3[1].indexOf("row");
    const own = cells.filter((c) => c.report_id === id && c.table === "t3");
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) {
      const row = t3.find((r) => r[rowIdColumn] === c.row);
      const column = t3[1].indexOf(c.col);
      if (!row || column < 0) continue; // rows of the other template are not printed
      expect(row[column], `${c.row}:${c.col}`).toBe(c.value !== "" ? Number(c.value) : c.raw === "" ? null : c.raw);
    }
    expect(sheetRows(workbook.getWorksheet("全部单元格")!).length - 2).toBe(cells.filter((c) => c.report_id === id).length);
    // a sheet of page columns only (no field names) has one header row
    expect(sheetRows(workbook.getWorksheet("核对结果")!).length - 1).toBe(checks.filter((c) => c.report_id === id).length);
    await finish(report.page, report.problems);
  });

  it("报告详情 without an id: an index of every report, searchable by township, filterable by year, status and failed checks", async () => {
    const { page, problems } = await open("/report", '[data-table="report-index"] table');
    const count = () => page.locator('[data-table="report-index"] [data-row-count]').getAttribute("data-row-count");
    expect(await count()).toBe(String(reports.length));
    await page.screenshot({ path: join(SCREENSHOT_DIR, "report-index.png"), fullPage: true });
    expect(statSync(join(SCREENSHOT_DIR, "report-index.png")).size).toBeGreaterThan(10_000);
    // search by township
    const township = reports.find((r) => r.township && reports.filter((x) => x.township === r.township).length > 3)!.township;
    await page.locator('[data-control="q"] input').fill(township);
    const byName = reports.filter((r) => [r.township, r.county, r.city, r.province, r.file].join(" ").includes(township));
    await expect.poll(count).toBe(String(byName.length));
    expect(new URL(page.url()).searchParams.get("q")).toBe(township);
    // a year
    const year = byName.map((r) => r.year).filter(Boolean).sort().at(-1)!;
    await page.locator('[data-control="year"] select').selectOption(year);
    await expect.poll(count).toBe(String(byName.filter((r) => r.year === year).length));
    // clear, then a status and a failed rule
    await page.locator('[data-control="q"] input').fill("");
    await page.locator('[data-control="year"] select').selectOption("");
    await page.locator('[data-control="status"] select').selectOption("partial");
    await expect.poll(count).toBe(String(reports.filter((r) => r.status === "partial").length));
    await page.locator('[data-control="status"] select').selectOption("");
    await page.locator('[data-control="check"] select').selectOption("t3_balance");
    const failing = new Set(checks.filter((c) => c.rule === "t3_balance" && c.status === "fail").map((c) => c.report_id));
    await expect.poll(count).toBe(String(failing.size));
    const links = await page.locator('[data-table="report-index"] tbody a[data-report-link]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(new Set(links.map((h) => new URL(h!, "http://x/").searchParams.get("id")))).toEqual(failing);
    await page.locator('[data-control="check"] select').selectOption("failed");
    const anyFailed = new Set(checks.filter((c) => c.status === "fail").map((c) => c.report_id));
    await expect.poll(count).toBe(String(reports.filter((r) => anyFailed.has(r.report_id)).length));
    // the filters come back from the URL; a row opens its report
    await page.reload();
    await page.waitForSelector('[data-table="report-index"] table');
    expect(await count()).toBe(String(reports.filter((r) => anyFailed.has(r.report_id)).length));
    const first = page.locator('[data-table="report-index"] tbody a[data-report-link]').first();
    const target = await first.getAttribute("data-report-link");
    await Promise.all([page.waitForURL(`**/report?id=${target}`), first.click()]);
    await page.waitForSelector("[data-report-title]");
    expect(await page.locator("[data-report-file]").innerText()).toBe(reports.find((r) => r.report_id === target)!.file);
    await finish(page, problems);
  });

  it("at 1366 px the 报告 link column of every wide table is in view", async () => {
    for (const [path, table] of [["/quality", "failed-checks"], ["/quality", "problem-files"], ["/quality", "similar-pairs"], ["/content", "t2-by-township"]]) {
      const { page, problems } = await open(path, `[data-table="${table}"] table`);
      await page.waitForTimeout(300);
      const box = await page.evaluate((name) => {
        const root = document.querySelector(`[data-table="${name}"]`)!;
        const scroll = root.querySelector(".table-scroll")!.getBoundingClientRect();
        const link = root.querySelector('tbody td a[href*="report?id="]')!.closest("td")!.getBoundingClientRect();
        return { wide: root.querySelector("table")!.getBoundingClientRect().width > scroll.width, left: link.left, right: link.right, visibleLeft: scroll.left, visibleRight: Math.min(scroll.right, innerWidth) };
      }, table);
      expect(box.left, `${table}: link column left edge`).toBeGreaterThanOrEqual(box.visibleLeft - 0.5);
      expect(box.right, `${table}: link column right edge`).toBeLessThanOrEqual(box.visibleRight + 0.5);
      await finish(page, problems);
    }
  });

  it("printing: every row of a paged table with a note, no column cut, no heading left at a page end, no hover option", async () => {
    const { page, problems } = await open("/quality", '[data-table="failed-checks"] table');
    await page.waitForSelector('[data-chart="score-grid"] svg');
    const headings = await page.locator("#observablehq-main h2, #observablehq-main h3").allInnerTexts();
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = await pdfPages(pdf);
    const flat = pages.flat().join("");
    const listed = checks.filter((c) => c.status === "fail" || c.status === "warn").length;
    expect(listed).toBeGreaterThan(25);
    expect(flat).toContain(squeeze(`本表共 ${listed.toLocaleString("zh-CN")} 行，已全部打印。`));
    // every failed or warned check's report id is on paper (ids break across lines in narrow cells)
    const ids = [...new Set(checks.filter((c) => c.status === "fail" || c.status === "warn").map((c) => c.report_id))];
    expect(ids.filter((i) => !flat.includes(i))).toEqual([]);
    // the right-hand columns are printed
    for (const header of ["期望值", "实际值", "涉及单元格"]) expect(flat).toContain(header);
    // no page ends with a heading
    const endings = pages.map((lines) => lines.at(-1) ?? "");
    expect(endings.filter((line) => headings.some((h) => line === squeeze(h)))).toEqual([]);
    console.log(`数据质量 printed: ${pages.length} A4 pages, ${(pdf.length / 1e6).toFixed(2)} MB`);
    // the screen is back to one page of 25 rows after printing
    await expect.poll(() => page.locator('[data-table="failed-checks"] tbody tr').count()).toBe(25);
    await finish(page, problems);

    const id = checks.find((c) => c.rule === "t3_outcome_sum" && c.status === "fail")!.report_id;
    const report = await open(`/report?id=${id}`, '[data-report-table="t3"]');
    expect(await report.page.locator('[data-control="src"]').isVisible()).toBe(true);
    const reportText = (await pdfPages(await report.page.pdf({ format: "A4" }))).flat().join("");
    expect(reportText).toContain("表三");
    expect(reportText).not.toContain("鼠标停留时显示");
    await finish(report.page, report.problems);
  });

  it("requested nothing from any other host", () => {
    expect(outsideRequests).toEqual([]);
  });
});
