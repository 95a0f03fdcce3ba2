// The supervisor's review end to end (issue 12), in headless Chromium on a site built from a copy
// of the demo's 桐川县: pick the county and 2024 on 核查与整改, download the notice as DOCX and XLSX
// (read back with mammoth and ExcelJS), dismiss a finding and correct a value (both take effect in
// the browser at once), save the two files into the folder, rebuild, and see both on the pages and
// in the CLI's --out; then change the report and see "报告已更新，需重新核查".
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { allowOnlyOrigin, launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { PROJECT_ROOT } from "./helpers/site-build.ts";
import { buildSite, copySite } from "./helpers/site-copy.ts";
import { serveDirectory, type StaticServer } from "./helpers/static-server.ts";

const DEMO_COUNTY = join(PROJECT_ROOT, "data", "reports", "demo", "桐川县");
const REVIEW = "/review?county=桐川县&year=2024";
type Row = Record<string, string>;
const rows = (text: string) => Papa.parse<Row>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

describe("核查与整改: notice, decisions and corrections round-trip through the folder", () => {
  let work: string;
  let site: string;
  let folder: string;
  let chrome: LaunchedChromium;
  let server: StaticServer | null = null;
  const outside: string[] = [];
  const cacheDir = () => join(work, "cache");

  async function build() {
    await server?.close();
    const result = await buildSite(site, { NIANBAO_REPORTS: folder, NIANBAO_CACHE_DIR: cacheDir() });
    expect(result.code, result.output.slice(-3000)).toBe(0);
    server = await serveDirectory(join(site, "dist"));
    await allowOnlyOrigin(chrome.context, server.origin, outside);
  }

  async function open(path: string, ready = "[data-review-townships], [data-report]"): Promise<Page> {
    const page = await chrome.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server!.origin + path, { waitUntil: "networkidle" });
    await page.waitForSelector(`${ready}, .observablehq--error`, { timeout: 60_000 });
    expect(errors).toEqual([]);
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    return page;
  }

  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; path: string }> {
    const [download] = await Promise.all([page.waitForEvent("download"), click()]);
    const path = join(work, `dl-${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: readFileSync(path), path };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "nianbao-review-site-"));
    folder = join(work, "reports");
    mkdirSync(folder);
    cpSync(DEMO_COUNTY, join(folder, "桐川县"), { recursive: true });
    site = copySite(work);
    chrome = await launchChromium();
    await build();
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await chrome?.close();
    rmSync(work, { recursive: true, force: true });
  });

  // what the test decides on: 高桥镇's t2_rules_township finding (its only one), and a cell of 竹溪乡
  let findingId = "";
  let scoreBefore = 0;
  let newTotal = 0;
  const kpis: Record<string, number> = {};
  async function kpi(path: string, key: string): Promise<number> {
    const page = await open(path, `[data-kpi="${key}"]`);
    const value = page.locator(`[data-kpi="${key}"] .kpi-value`);
    await value.waitFor();
    const n = Number((await value.textContent())!.replace(/,/g, ""));
    await page.close();
    return n;
  }

  it("shows the county's townships, each with its findings and 需整改事项, and a league table", async () => {
    const page = await open(REVIEW);
    const sections = page.locator("[data-township]");
    expect(await sections.count()).toBe(16);
    const gaoqiao = page.locator('[data-township="高桥镇"]');
    const row = gaoqiao.locator("[data-finding-row]").filter({ hasText: "乡镇无权制定规章" });
    expect(await row.count()).toBe(1);
    findingId = (await row.getAttribute("data-finding-row"))!;
    expect(findingId).toMatch(/^[0-9a-f]{16}:t2_rules_township:/);
    scoreBefore = Number(await gaoqiao.locator("[data-township-score]").textContent());
    expect(scoreBefore).toBeLessThan(100);
    expect(await gaoqiao.locator(".review-fixes li").allTextContents()).toContain("核对并更正表格数据：乡镇不应有规章。");
    // the finding links to its report and cell
    const href = await row.locator("[data-finding-link]").getAttribute("href");
    expect(href).toContain("cell=t2.rules.");
    expect(await page.locator('[data-table="review-league"] tbody tr').count()).toBe(16);
    await page.close();
    kpis.overview = await kpi("/?county=桐川县", "checks_failed");
    kpis.quality = await kpi("/quality?county=桐川县", "failed_reports");
    expect(kpis.overview).toBe(kpis.quality);
  });

  it("downloads the notice as a DOCX and an XLSX that hold the page's townships and findings", async () => {
    const page = await open(REVIEW);
    const docx = await downloaded(page, () => page.click('[data-notice="docx"]'));
    expect(docx.name).toBe("桐川县2024年度政府信息公开年报核查情况通报.docx");
    const text = (await mammoth.extractRawText({ buffer: docx.bytes })).value;
    expect(text).toContain("桐川县2024年度政府信息公开工作年度报告核查情况通报");
    for (const t of await page.locator("[data-township]").evaluateAll((els) => els.map((e) => e.getAttribute("data-township")))) expect(text).toContain(t);
    expect(text).toContain("乡镇无权制定规章");
    const xlsx = await downloaded(page, () => page.click('[data-notice="xlsx"]'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.bytes).buffer as ArrayBuffer);
    const findings = book.getWorksheet("问题清单")!;
    const shown = await page.locator("[data-finding-row]").count();
    expect(findings.actualRowCount - 1).toBe(shown);
    const townships = book.getWorksheet("乡镇")!;
    expect(townships.views[0]).toMatchObject({ state: "frozen" });
    const header = Array.from(townships.getRow(1).values as unknown[], (v) => String(v ?? ""));
    const scoreCol = header.findIndex((h) => h.includes("质量分"));
    const gaoqiao = townships.getRows(2, townships.actualRowCount - 1)!.find((r) => r.getCell(header.findIndex((h) => h.includes("乡镇")) ).value === "高桥镇")!;
    expect(gaoqiao.getCell(scoreCol).value).toBe(scoreBefore);
    await page.close();
  });

  it("a dismissal takes effect at once: listed as dismissed, the score goes up, other pages follow", async () => {
    const page = await open(REVIEW);
    await page.fill('input[name="reviewer"]', "测试员");
    const form = page.locator(`[data-finding="${findingId}"]`);
    await form.locator('select[name="decision"]').selectOption("dismissed");
    await form.locator("button").click();
    expect(await form.locator(".form-status").textContent()).toContain("需要写明原因");
    await form.locator('input[name="note"]').fill("经核实为表格错位，规章栏实为规范性文件");
    await form.locator("button").click();
    await page.waitForSelector(`[data-finding-row="${findingId}"][data-decision="dismissed"]`);
    const gaoqiao = page.locator('[data-township="高桥镇"]');
    expect(await gaoqiao.locator("[data-decision-label]").textContent()).toContain("排除（误报）");
    expect(await gaoqiao.locator("[data-decision-label]").textContent()).toContain("未保存");
    expect(Number(await gaoqiao.locator("[data-township-score]").textContent())).toBe(100);
    expect(await gaoqiao.locator(".review-fixes").count()).toBe(0);
    expect(await page.locator("[data-pending-decisions]").textContent()).toBe("1");
    await page.close();
    // the other pages, from the same browser storage: 高桥镇's report has no other failed check
    expect(await kpi("/?county=桐川县", "checks_failed")).toBe(kpis.overview - 1);
    expect(await kpi("/quality?county=桐川县", "failed_reports")).toBe(kpis.quality - 1);
    const reportPage = await open(`/report?id=${await reportIdOf("高桥镇")}`);
    expect(await reportPage.locator("h3", { hasText: "质量分" }).textContent()).toContain("100");
    expect(await reportPage.locator("[data-report-decisions]").textContent()).toContain("排除（误报）");
    await reportPage.close();
  });

  async function reportIdOf(township: string): Promise<string> {
    const page = await open(REVIEW);
    const id = await page.locator('[data-table="review-league"] tbody tr', { hasText: township }).locator("a").first().textContent();
    await page.close();
    return id!.trim();
  }

  it("a correction is kept in the browser until the next build", async () => {
    const page = await open(REVIEW);
    await page.fill('input[name="reviewer"]', "测试员");
    const form = page.locator("[data-correction-form]");
    await form.locator('select[name="report"]').selectOption({ label: "竹溪乡" });
    const chosen = await form.locator('select[name="report"]').inputValue();
    await page.waitForSelector(`[data-correction-form] select[name="target"][data-report="${chosen}"]`);
    const option = form.locator('select[name="target"] option[value="t3.new.total"]');
    const label = (await option.textContent())!;
    const current = Number(/当前 (\d+)/.exec(label)![1]);
    newTotal = current + 7;
    await form.locator('select[name="target"]').selectOption("t3.new.total");
    await form.locator('input[name="value"]').fill(String(newTotal));
    await form.locator('input[name="reason"]').fill("原表本年新收抄错");
    await form.locator("[data-correct]").click();
    await page.waitForSelector('[data-table="review-corrections"]');
    expect(await page.locator('[data-table="review-corrections"]').textContent()).toContain("未保存");
    expect(await page.locator("[data-pending-corrections]").textContent()).toBe("1");
    await page.close();
  });

  it("saved into the folder and rebuilt: the site and the CLI's --out show both, nothing is pending", async () => {
    const page = await open(REVIEW);
    const decisions = await downloaded(page, () => page.click('[data-save="decisions"]'));
    const corrections = await downloaded(page, () => page.click('[data-save="corrections"]'));
    expect(decisions.name).toBe("核查记录.csv");
    expect(corrections.name).toBe("更正记录.csv");
    expect([...decisions.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await page.close();
    cpSync(decisions.path, join(folder, "核查记录.csv"));
    cpSync(corrections.path, join(folder, "更正记录.csv"));
    await build();

    const after = await open(REVIEW);
    expect(await after.locator("[data-review-pending]").getAttribute("data-review-pending")).toBe("0");
    const gaoqiao = after.locator('[data-township="高桥镇"]');
    expect(await after.locator(`[data-finding-row="${findingId}"]`).getAttribute("data-decision")).toBe("dismissed");
    const label = await gaoqiao.locator("[data-decision-label]").textContent();
    expect(label).toContain("经核实为表格错位");
    expect(label).not.toContain("未保存");
    expect(Number(await gaoqiao.locator("[data-township-score]").textContent())).toBe(100);
    await after.close();
    // built into the tables now (nothing pending in the browser)
    expect(await kpi("/?county=桐川县", "checks_failed")).toBe(kpis.overview - 1);

    // the corrected cell on the report page: corrected value, the original struck through, the correction row
    const id = await reportIdOf("竹溪乡");
    const reportPage = await open(`/report?id=${id}&cell=t3.new.total`);
    const cell = reportPage.locator('[data-cell="t3:new:total"]').first();
    expect(await cell.getAttribute("class")).toContain("cell-corrected");
    expect(await cell.getAttribute("class")).toContain("cell-focus");
    expect(await cell.locator(".cell-value").textContent()).toBe(String(newTotal));
    expect(await cell.locator("[data-cell-original]").textContent()).toBe(`原 ${newTotal - 7}`);
    const corr = reportPage.locator('[data-report-corrections] [data-correction="t3.new.total"]');
    expect(await corr.getAttribute("data-state")).toBe("applied");
    await reportPage.close();

    // the CLI reads the same files from the folder
    const out = join(work, "out");
    const cli = spawnSync(process.execPath, [join(PROJECT_ROOT, "bin", "nianbao.mjs"), "parse", folder, "--out", out, "--quiet"], { encoding: "utf8", env: { ...process.env, NIANBAO_CACHE_DIR: cacheDir() } });
    expect(cli.status, cli.stderr).toBe(0);
    const f = rows(readFileSync(join(out, "findings.csv"), "utf8")).find((r) => r.finding_id === findingId)!;
    expect(f.decision).toBe("dismissed");
    const c = rows(readFileSync(join(out, "cells.csv"), "utf8")).find((r) => r.report_id === id && r.table === "t3" && r.row === "new" && r.col === "total")!;
    expect(Number(c.value)).toBe(newTotal);
    expect(rows(readFileSync(join(out, "reports.csv"), "utf8")).find((r) => r.report_id === id)!.requests_new_total).toBe(String(newTotal));
  });

  it("a report changed after the decision: the finding says 报告已更新，需重新核查 and counts again", async () => {
    const id = await reportIdOf("高桥镇");
    const page0 = await open(`/report?id=${id}`);
    const file = (await page0.locator("[data-report-file]").textContent())!;
    await page0.close();
    appendFileSync(join(folder, file.slice(file.indexOf("桐川县"))), "\n（发布后修改）\n");
    await build();
    const page = await open(REVIEW);
    const gaoqiao = page.locator('[data-township="高桥镇"]');
    expect(await gaoqiao.locator("[data-stale]").count()).toBe(1);
    expect(Number(await gaoqiao.locator("[data-township-score]").textContent())).toBe(scoreBefore);
    await page.close();
    expect(outside).toEqual([]);
  });
});

