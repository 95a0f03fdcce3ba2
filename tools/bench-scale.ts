// `npm run bench:scale -- --reports N [--dir DIR] [--loads 3] [--no-site] [--jobs J]`: the figures of a
// run at size N on this machine, for the README's scale table (issue 13):
//   cold   `nianbao parse --out` (CSV and Parquet) with an empty parse cache: time, peak memory
//   warm   the same after 10 reports changed: only those are parsed again
//   tables the size of each table, CSV and Parquet
//   site   `npm run build` on the corpus (in a copy of the project; the parse cache is the warm one)
//   pages  each page in headless Chromium: navigation → first chart, and one filter change
//          (the page's first drop-down set to another value → the page settles), median of --loads
// The corpus is the demo generator's scale corpus (npm run demo -- --out DIR --reports N), made once
// in DIR (default: the system's temporary folder) and reused by the next run of the same size.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./bench/stats.ts";
import { copySite, buildSite } from "../tests/helpers/site-copy.ts";
import { PROJECT_ROOT, directoryBytes } from "../tests/helpers/site-build.ts";
import { serveDirectory } from "../tests/helpers/static-server.ts";
import { allowOnlyOrigin, launchChromium } from "../tests/helpers/chromium.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const N = Number(opt("--reports", "1000"));
const DIR = opt("--dir", join(tmpdir(), `nianbao-scale-${N}`));
const LOADS = Number(opt("--loads", "3"));
const JOBS = opt("--jobs", "");
const CHANGED = 10;
if (!Number.isInteger(N) || N < 10) throw new Error(`--reports 需要一个不小于 10 的整数，收到“${opt("--reports", "")}”`);

const BIN = join(PROJECT_ROOT, "bin", "nianbao.mjs");
const MAX_RSS = join(PROJECT_ROOT, "tools", "bench", "max-rss.cjs");
const log = (s: string) => process.stdout.write(s + "\n");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Measured { ms: number; maxRssKb: number | null; code: number | null; output: string }

/** Runs `node [--require max-rss] argv…`, timing it from spawn to exit. */
function measure(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = PROJECT_ROOT): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--require", MAX_RSS, ...argv], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output = (output + c).slice(-20000)));
    child.stderr.on("data", (c) => (output = (output + c).slice(-20000)));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const rss = [...output.matchAll(/NIANBAO_MAX_RSS_KB=(\d+)/g)].map((m) => Number(m[1]));
      resolve({ ms, code, output, maxRssKb: rss.length ? Math.max(...rss) : null });
    });
  });
}

function ensureCorpus(): Promise<void> {
  const marker = join(DIR, ".bench-reports");
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === String(N)) return Promise.resolve();
  log(`生成 ${N.toLocaleString("zh-CN")} 份报告的规模语料：${DIR}`);
  rmSync(DIR, { recursive: true, force: true });
  return measure([join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/generate-demo.ts", "--out", DIR, "--reports", String(N)]).then((r) => {
    if (r.code !== 0) throw new Error(`生成语料失败：\n${r.output}`);
    writeFileSync(marker, `${N}\n`);
    log(`  ${secs(r.ms)}`);
  });
}

function parseArgs(out: string): string[] {
  return [BIN, "parse", join(DIR, "reports"), "--places", join(DIR, "places"), "--out", out, "--format", "csv,parquet", ...(JOBS ? ["--jobs", JOBS] : [])];
}

/** The run's stages from its progress lines (loaders/cli/progress.ts: each stage line ends with the seconds since the start). */
function stages(output: string): string {
  const at = (pattern: RegExp) => {
    const m = new RegExp(`${pattern.source}[^\\n]*（([\\d.]+)s）`).exec(output);
    return m ? Number(m[1]) : null;
  };
  const parsed = at(/解析完成/);
  const writing = at(/正在写入表格/);
  const ended = at(/\n完成：/);
  if (parsed === null || writing === null || ended === null) return "";
  const timings = /NIANBAO_TIMINGS=(\{.*\})/.exec(output)?.[1];
  const ms = timings ? Object.entries(JSON.parse(timings) as Record<string, number>).filter(([k]) => k.startsWith("ms_") && k !== "ms_total") : [];
  const checks = ms.length ? `（${ms.map(([k, v]) => `${k.slice(3)} ${(v / 1000).toFixed(1)} s`).join("，")}）` : "";
  return `  解析 ${parsed.toFixed(1)} s · 跨报告核对 ${(writing - parsed).toFixed(1)} s${checks} · 写表 ${(ended - writing).toFixed(1)} s`;
}

function check(r: Measured, what: string): Measured {
  if (r.code !== 0) throw new Error(`${what} 失败（退出码 ${r.code}）：\n${r.output}`);
  return r;
}

/** Ten text reports changed (a sentence added), so the warm run has real work; restored afterwards. */
function changeReports(): () => void {
  const reports = join(DIR, "reports");
  const texts = readdirSync(reports, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".txt")).map((e) => join(e.parentPath, e.name)).sort();
  const step = Math.max(1, Math.floor(texts.length / CHANGED));
  const chosen = texts.filter((_, i) => i % step === 0).slice(0, CHANGED);
  const before = chosen.map((f) => readFileSync(f));
  chosen.forEach((f, i) => writeFileSync(f, Buffer.concat([before[i], Buffer.from(`\n（基准测试改动 ${Date.now()}）\n`)])));
  return () => chosen.forEach((f, i) => writeFileSync(f, before[i]));
}

function tableSizes(out: string): string[] {
  const rows: string[] = [];
  for (const name of readdirSync(out).filter((n) => !n.startsWith(".")).sort()) {
    const p = join(out, name);
    rows.push(`  ${name.padEnd(26)} ${mb(statSync(p).isDirectory() ? directoryBytes(p) : statSync(p).size).padStart(10)}`);
  }
  return rows;
}

const FIRST_CHART = "[data-chart] svg, [data-report-table], [data-table] table, #observablehq-main svg[class^='plot']";
const PAGES = ["/", "/compare", "/content", "/applications", "/quality", "/report", "/explore", "/notebook", "/review"];

async function pageTimings(dist: string): Promise<string[]> {
  const server = await serveDirectory(dist);
  const chrome = await launchChromium();
  const outside: string[] = [];
  await allowOnlyOrigin(chrome.context, server.origin, outside);
  const rows: string[] = [];
  try {
    for (const path of PAGES) {
      const first: number[] = [];
      const filter: number[] = [];
      let note = "";
      for (let load = 0; load < LOADS; load++) {
        const page = await chrome.context.newPage();
        await page.addInitScript((selector) => {
          const w = window as unknown as { firstChartAt?: number; lastChange: number };
          w.lastChange = 0;
          new MutationObserver(() => {
            w.lastChange = performance.now();
            if (w.firstChartAt === undefined && document.querySelector(selector)) w.firstChartAt = performance.now();
          }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        }, FIRST_CHART);
        try {
          await page.goto(`${server.origin}${path}`);
          await page.waitForSelector(FIRST_CHART, { timeout: 120_000 });
          first.push(await page.evaluate(() => (window as unknown as { firstChartAt: number }).firstChartAt));
          // one filter change: the page's first drop-down with another choice, until nothing changes for 1 s
          const select = page.locator("[data-control] select").first();
          if (await select.count()) {
            await settle(page, 1000, 60_000);
            const values = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
            const current = await select.inputValue();
            const other = values.find((v) => v !== current);
            if (other !== undefined) {
              const t0 = await page.evaluate(() => performance.now());
              await select.selectOption(other);
              const end = await settle(page, 1000, 60_000);
              filter.push(end - t0);
            }
          } else note = "（本页没有下拉筛选）";
        } catch (e) {
          note = `（未完成：${(e as Error).message.split("\n")[0]}）`;
        } finally {
          await page.close();
        }
      }
      const f = filter.length ? `${Math.round(median(filter))} ms` : "—";
      const c = first.length ? `${Math.round(median(first))} ms` : "—";
      rows.push(`  ${path.padEnd(14)} 首个图表 ${c.padStart(8)}   筛选 ${f.padStart(8)} ${note}`);
    }
  } finally {
    await chrome.close();
    await server.close();
  }
  if (outside.length) rows.push(`  ！页面请求了外部地址：${outside.join("、")}`);
  return rows;
}

/** Waits until the page's DOM has not changed for `quietMs`; returns the time of its last change. */
async function settle(page: import("playwright-core").Page, quietMs: number, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const { last, now } = await page.evaluate(() => ({ last: (window as unknown as { lastChange: number }).lastChange, now: performance.now() }));
    if (now - last >= quietMs || Date.now() - start > timeoutMs) return last;
    await page.waitForTimeout(100);
  }
}

async function main() {
  await ensureCorpus();
  const files = readdirSync(join(DIR, "reports"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const work = mkdtempSync(join(tmpdir(), "nianbao-bench-scale-"));
  const cache = join(work, "cache");
  const out = join(work, "out");
  mkdirSync(cache);
  const env = { NIANBAO_CACHE_DIR: cache, NIANBAO_TIMINGS: "1" };
  try {
    log(`规模基准：${files.toLocaleString("zh-CN")} 个文件（${DIR}），${JOBS ? `--jobs ${JOBS}` : "线程数自动"}`);
    const cold = check(await measure(parseArgs(out), env), "冷启动解析");
    log(`冷启动（空缓存）解析 + 跨报告核对 + 写表：${secs(cold.ms)}，峰值内存 ${mb((cold.maxRssKb ?? 0) * 1024)}`);
    log(stages(cold.output));
    const restore = changeReports();
    let warm: Measured;
    try {
      warm = check(await measure(parseArgs(out), env), "热启动解析");
    } finally {
      restore();
    }
    const cached = /（(\d+) 个未改动，取自解析缓存）/.exec(warm.output)?.[1];
    log(`热启动（改动 ${CHANGED} 个文件）：${secs(warm.ms)}，峰值内存 ${mb((warm.maxRssKb ?? 0) * 1024)}${cached ? `，${cached} 个取自缓存` : ""}`);
    log(stages(warm.output));
    log("表格大小：");
    for (const row of tableSizes(out)) log(row);
    if (flag("--no-site")) return;
    const site = copySite(work);
    const built = await buildSite(site, { NIANBAO_REPORTS: join(DIR, "reports"), NIANBAO_PLACES: join(DIR, "places"), NIANBAO_CACHE_DIR: cache });
    if (built.code !== 0) {
      log(`网站构建失败（${secs(built.ms)}）：\n${built.output.slice(-3000)}`);
      return;
    }
    log(`网站构建（解析缓存已热）：${secs(built.ms)}${built.offline ? "（断网构建）" : ""}，dist/ ${mb(directoryBytes(join(site, "dist")))}`);
    log(`页面（无头 Chromium，${LOADS} 次加载的中位数；筛选 = 第一个下拉框换一个值到页面不再变化）：`);
    for (const row of await pageTimings(join(site, "dist"))) log(row);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
