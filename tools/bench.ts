// `npm run bench`: parse throughput on one core over the demo corpus, by template and rendering,
// with peak memory. Files are read into memory first so the figures are parsing, not disk.
// Then the whole folder from disk through parseFiles: in this thread, on one worker, on several.
// Then tools/bench/speed.ts: text and HTML paths per stage, PDFs against pdftotext (--speed: only
// that section; --profile: with CPU profile top entries). Then tools/bench/ocr.ts: seconds per
// scanned page (--ocr: only that section).
// Usage: tsx tools/bench.ts [--rounds N] [--jobs N] [--speed] [--ocr] [--profile] [folder]
import { readFileSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { listInputFiles, parseFiles } from "../loaders/corpus.ts";
import { parseReport } from "../loaders/parse-report.ts";
import { gazetteer } from "../loaders/identity/gazetteer.ts";
import { defaultPdfs, speedBench } from "./bench/speed.ts";
import { median } from "./bench/stats.ts";
import { ocrBench } from "./bench/ocr.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5;
const jobsAt = args.indexOf("--jobs");
const jobs = jobsAt >= 0 ? Number(args.splice(jobsAt, 2)[1]) : Math.max(2, availableParallelism());
const folderRunAt = args.indexOf("--folder-run");
const folderRun = folderRunAt >= 0 ? args.splice(folderRunAt, 2)[1] : null;
const speedOnly = takeFlag("--speed");
const ocrOnly = takeFlag("--ocr");
const profile = takeFlag("--profile");
const root = args[0] ?? "data/reports/demo";
const speed = () => speedBench({ demoRoot: root, pdfs: defaultPdfs(), rounds, pdfRounds: 20, profile });
if (speedOnly) {
  await speed();
  process.exit(0);
}
if (ocrOnly) {
  await ocrBench();
  process.exit(0);
}
if (folderRun) {
  const names = listInputFiles([root]).files;
  const t0 = performance.now();
  await parseFiles(names, folderRun === "in-thread" ? { inThread: true } : { jobs: folderRun === "one-worker" ? 1 : jobs });
  console.log(`folder-run-ms ${(performance.now() - t0).toFixed(1)}`);
  process.exit(0);
}
const truthFile = "data/demo-truth/truth.jsonl";

const renderingOf = new Map<string, string>();
if (existsSync(truthFile)) {
  for (const line of readFileSync(truthFile, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const t = JSON.parse(line);
    renderingOf.set(t.file, t.rendering ?? "?");
  }
}

const files = listInputFiles([root]).files.map((file) => ({ file, bytes: readFileSync(file) }));
if (files.length === 0) {
  console.error(`bench: no files under ${root}`);
  process.exit(2);
}
const samples = new Map<string, number[]>();
const sizes = new Map<string, number[]>();
let peakHeap = 0;
const gazetteerMs = gazetteer().loadMs; // loaded once per process (and per worker thread)
// One warm-up pass so the JIT has compiled the parser before anything is timed.
for (const f of files) parseReport(f.file, f.bytes);
for (let round = 0; round < rounds; round++) {
  for (const f of files) {
    const t0 = process.hrtime.bigint();
    const r = parseReport(f.file, f.bytes);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const group = `${r.template} · ${renderingOf.get(f.file) ?? extension(f.file)}`;
    (samples.get(group) ?? samples.set(group, []).get(group)!).push(ms);
    if (round === 0) (sizes.get(group) ?? sizes.set(group, []).get(group)!).push(f.bytes.length / 1024);
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const rows = [...samples.entries()].sort().map(([group, xs]) => ({
  group, files: sizes.get(group)!.length, kb: median(sizes.get(group)!), median: median(xs), p90: pct(xs, 0.9),
}));
const all = [...samples.values()].flat();
console.log(`nianbao bench — ${files.length} files × ${rounds} rounds, one core, Node ${process.version}`);
console.log("group".padEnd(44) + "files".padStart(6) + "  KB(med)" + "  ms/report(med)" + "  p90 ms" + "  reports/s");
for (const r of rows) {
  console.log(r.group.padEnd(44) + String(r.files).padStart(6) + r.kb.toFixed(1).padStart(9) + r.median.toFixed(3).padStart(17) + r.p90.toFixed(3).padStart(8) + Math.round(1000 / r.median).toString().padStart(11));
}
const med = median(all);
console.log(`all: median ${med.toFixed(3)} ms/report, ${Math.round(1000 / med)} reports/s per core; p90 ${pct(all, 0.9).toFixed(3)} ms`);
console.log(`700,000 report-years at this median: ${((700000 * med) / 1000 / 60).toFixed(1)} min on one core`);
console.log(`peak heap ${(peakHeap / 1048576).toFixed(0)} MB, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; gazetteer load ${gazetteerMs.toFixed(0)} ms`);

// Whole folder from disk, as the CLI and the site build run it, each run in a fresh process (cold,
// as a user's run is: a warm JIT here would flatter the in-thread mode): in one thread (no
// isolation), on one supervised worker (the default: a hostile file costs only itself), and on
// `jobs` workers (start-up included). Alternating runs, so a noisy neighbour hits all alike.
const modes = ["in-thread", "one-worker", "workers"] as const;
const wall: Record<string, number[]> = { "in-thread": [], "one-worker": [], workers: [] };
for (let round = 0; round < Math.max(3, Math.ceil(rounds / 2)); round++) {
  for (const mode of modes) wall[mode].push(folderRunMs(mode));
}
const [inThread, one, many] = [median(wall["in-thread"]), median(wall["one-worker"]), median(wall.workers)];
const n = files.length;
console.log(`folder from disk, cold process (${n} files, ${availableParallelism()} cores here; median of ${wall.workers.length}): ` +
  `in this thread ${(inThread / 1000).toFixed(2)} s (${(inThread / n).toFixed(2)} ms/file), ` +
  `one worker (default) ${(one / 1000).toFixed(2)} s (×${(one / inThread).toFixed(2)} of in-thread), ` +
  `${jobs} workers ${(many / 1000).toFixed(2)} s (speed-up ×${(one / many).toFixed(2)} over one worker)`);

await speed();
await ocrBench();

function takeFlag(flag: string): boolean {
  const at = args.indexOf(flag);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

/** Wall time of parseFiles over the folder in a new process (its own start-up not counted). */
function folderRunMs(mode: (typeof modes)[number]): number {
  const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--folder-run", mode, "--jobs", String(jobs), root], { encoding: "utf8" });
  const ms = Number(/folder-run-ms (\d+(?:\.\d+)?)/.exec(run.stdout)?.[1]);
  if (run.status !== 0 || !Number.isFinite(ms)) throw new Error(`bench: folder run (${mode}) failed: ${run.stderr}`);
  return ms;
}

function extension(file: string): string {
  return /\.[^.]+$/.exec(file)?.[0] ?? "?";
}
