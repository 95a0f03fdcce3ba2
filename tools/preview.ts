// `npm start` / `npm run dev`: Observable Framework's preview server, kept true to the reports
// folder. Framework re-runs a data loader only when the loader's own file changes; this watches what
// the site's loaders read (the reports folder, the places files, the parser: loaders/site-inputs.ts)
// and marks a loader stale when that changes (tools/site-freshness.ts), so an open page shows an
// added, edited, renamed or deleted report within seconds, without a restart. It also starts the
// parse as soon as the server is up, and shows only the lines of Framework's output a person needs
// (tools/preview-log.ts). Arguments are passed to `observable preview` (e.g. --port 3001).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../loaders/parser-version.ts";
import { problemLine, siteCorpus } from "../loaders/site-corpus.ts";
import { findPackageDir } from "./offline/packages.ts";
import { PreviewLogFilter } from "./preview-log.ts";
import { refreshBeforeRun, refreshWhileRunning } from "./site-freshness.ts";

/** How often the inputs are checked: every second, or less often when a check takes long (a huge folder). */
const MIN_INTERVAL_MS = 1000;
const INTERVAL_PER_CHECK_MS = 10;

const framework = findPackageDir("@observablehq/framework", PROJECT_ROOT);
if (!framework) {
  console.error("年报通：找不到 @observablehq/framework，请先运行 npm ci");
  process.exit(1);
}

const say = (line: string) => console.log(`年报通：${line}`);

refreshBeforeRun();
const corpus = siteCorpus();
if (corpus.problem) process.stderr.write(problemLine(corpus.problem) + "  （预览会继续运行：文件夹改好后，打开的页面会自动更新。）\n");
else say(`报告文件夹 ${corpus.root}（${corpus.files.length.toLocaleString("zh-CN")} 个文件）；增删、修改其中的文件后，打开的页面会自动更新`);

const child = spawn(process.execPath, [join(framework, "dist", "bin", "observable.js"), "preview", ...process.argv.slice(2)], {
  cwd: PROJECT_ROOT,
  stdio: ["inherit", "pipe", "inherit"]
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

const filter = new PreviewLogFilter();
let warmedUp = false;
child.stdout.setEncoding("utf8");
child.stdout.on("data", (chunk: string) => {
  for (const line of filter.push(chunk)) {
    console.log(line);
    const url = /(https?:\/\/\S+\/)$/.exec(line)?.[1];
    if (url && !warmedUp) {
      warmedUp = true;
      warmUp(url);
    }
  }
});
child.stdout.on("end", () => filter.end().forEach((line) => console.log(line)));

/** Asks the server for the data once, so the parse runs while the user opens the browser. */
function warmUp(url: string): void {
  for (const file of ["data/folder.json", "data/corpus/corpus.json"]) {
    fetch(new URL(`_file/${file}`, url)).then((r) => r.arrayBuffer(), () => undefined).catch(() => undefined);
  }
}

let lastError = "";
function watch(): void {
  const started = performance.now();
  try {
    const touched = refreshWhileRunning();
    if (touched.length) say(`输入有变化（报告文件夹、地名文件或解析程序），重新生成 ${touched.join("、")}；打开的页面会自动更新`);
    lastError = "";
  } catch (error) {
    // e.g. a places file being rewritten right now: the next check sees it settled; a lasting problem is said once
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastError) console.error(`年报通：检查输入时出错（稍后重试）：${message}`);
    lastError = message;
  }
  setTimeout(watch, Math.max(MIN_INTERVAL_MS, (performance.now() - started) * INTERVAL_PER_CHECK_MS)).unref();
}
setTimeout(watch, MIN_INTERVAL_MS).unref();
