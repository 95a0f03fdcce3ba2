// `npm start` (the preview) follows the reports folder while it runs (issue 11): the first page says
// what is happening while the folder is parsed (正在解析 N 个文件); when the folder goes missing,
// every page says so in Chinese (no red "RuntimeError: Unable to load file"); when it is created
// again, then filled, edited and emptied, a reload shows each change within seconds, without a
// restart. The terminal shows what matters, not a line per request.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInputFiles } from "../loaders/corpus.ts";
import { launchChromium, type LaunchedChromium } from "./helpers/chromium.ts";
import { PROJECT_ROOT } from "./helpers/site-build.ts";
import { copySite, startPreview, type Preview } from "./helpers/site-copy.ts";

const DEMO = join(PROJECT_ROOT, "data", "reports", "demo");
const TOWNSHIP = join(DEMO, "桐川县", "梅林镇");
const PAGES = ["/", "/compare", "/content", "/applications", "/quality", "/report", "/explore", "/notebook"];
/** A change must show within this long after it is made (the check runs every second). */
const WITHIN_MS = 20_000;

describe("the preview follows the reports folder", () => {
  let work: string;
  let folder: string;
  let preview: Preview;
  let chrome: LaunchedChromium;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "nianbao-site-preview-"));
    const site = copySite(work);
    folder = join(work, "年报");
    cpSync(DEMO, join(folder, "demo"), { recursive: true });
    // a parse cache of this test's own, empty: the whole folder is parsed, as on a first start
    preview = await startPreview(site, { NIANBAO_REPORTS: folder, NIANBAO_CACHE_DIR: join(work, "parse-cache") });
    chrome = await launchChromium();
    page = await chrome.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await preview?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const kpi = async (key: string) => (await page.locator(`[data-kpi="${key}"] .kpi-value`).innerText()).trim();

  /** Reloads `path` until `ready` holds (each load waits for the data), or fails after WITHIN_MS. */
  async function reloadUntil(path: string, ready: () => Promise<boolean>): Promise<number> {
    const started = performance.now();
    for (;;) {
      await page.goto(`${preview.origin}${path}`);
      try {
        await page.waitForSelector('[data-kpi="reports"] .kpi-value, [data-corpus-problem]', { timeout: WITHIN_MS });
        if (await ready()) return performance.now() - started;
      } catch {
        // not drawn yet
      }
      if (performance.now() - started > WITHIN_MS) throw new Error(`no change after ${WITHIN_MS} ms; preview said:\n${preview.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it("says 正在解析 N 个文件 on the first page while the folder is parsed, then shows it", async () => {
    const files = listInputFiles([folder]).files.length;
    const linesBefore = preview.output().split("\n").length;
    await page.goto(`${preview.origin}/`);
    const note = page.locator("[data-parsing-note]");
    await note.waitFor({ timeout: 10_000 });
    expect(await note.innerText()).toContain(`正在解析 ${files.toLocaleString("zh-CN")} 个文件`);
    await page.waitForSelector('[data-kpi="reports"] .kpi-value', { timeout: 120_000 });
    expect(await kpi("reports")).toBe(files.toLocaleString("zh-CN"));
    expect(await note.count()).toBe(0);
    expect(await page.locator("[data-demo-banner]").count()).toBe(1); // the demo folder is recognised
    await page.waitForLoadState("networkidle");
    // the terminal: the loader's own lines, not Framework's request log
    const printed = preview.output().split("\n").slice(linesBefore).filter((l) => l.trim());
    expect(printed.filter((l) => /^(GET|socket|↑|↓) /.test(l) || /\[fresh\]/.test(l))).toEqual([]);
    expect(printed.length, printed.join("\n")).toBeLessThanOrEqual(6);
    console.log(`preview terminal for the first page:\n${printed.join("\n")}`);
  });

  it("says on every page, in Chinese, that the folder is missing, and what to do", async () => {
    renameSync(folder, `${folder}-改名`);
    await reloadUntil("/", async () => (await page.locator('[data-corpus-problem="missing"]').count()) === 1);
    for (const path of PAGES) {
      await page.goto(`${preview.origin}${path}`);
      const notice = page.locator('[data-corpus-problem="missing"]');
      await notice.waitFor({ timeout: 30_000 });
      const text = await notice.innerText();
      expect(text, path).toContain(`报告文件夹不存在：${folder}`);
      expect(text, path).toContain("NIANBAO_REPORTS");
      await page.waitForLoadState("networkidle");
      expect(await page.locator(".observablehq--error").allInnerTexts(), path).toEqual([]);
      expect(await page.locator("body").innerText(), path).not.toMatch(/RuntimeError|Unable to load/);
    }
    expect(pageErrors).toEqual([]);
  });

  it("follows the folder as it is created, filled, edited and emptied, without a restart", async () => {
    mkdirSync(folder);
    await reloadUntil("/", async () => (await page.locator('[data-corpus-problem="empty"]').count()) === 1);
    expect(await page.locator('[data-corpus-problem="empty"]').innerText()).toContain(`报告文件夹里没有文件：${folder}`);

    cpSync(join(TOWNSHIP, "梅林镇2021年度政府信息公开年报.txt"), join(folder, "a.txt"));
    cpSync(join(TOWNSHIP, "2023年梅林镇政府信息公开工作年度报告.txt"), join(folder, "b.txt"));
    const added = await reloadUntil("/", async () => (await page.locator("[data-corpus-problem]").count()) === 0 && (await kpi("reports")) === "2");
    expect(await kpi("years")).toBe("2021–2023");

    // edited: a.txt now holds the 2016 report; deleted: b.txt
    writeFileSync(join(folder, "a.txt"), readFileSync(join(TOWNSHIP, "2016年梅林镇政府信息公开工作年度报告.txt")));
    unlinkSync(join(folder, "b.txt"));
    const changed = await reloadUntil("/", async () => (await kpi("reports")) === "1" && (await kpi("years")) === "2016–2016");
    console.log(`preview: files added shown after ${(added / 1000).toFixed(1)} s, edit and delete after ${(changed / 1000).toFixed(1)} s`);
    expect(pageErrors).toEqual([]);
  });
});
