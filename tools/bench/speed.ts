// The speed section of `npm run bench` (issue 16): per-report medians and reports/s per core of the
// text and HTML paths, per-stage medians, and PDFs end to end against poppler's pdftotext on the
// same files, alternating runs (the machine is shared: medians and ratios, never one timing).
// With --profile, the top self-time entries of a CPU profile of each path (node:inspector).
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { listInputFiles } from "../../loaders/corpus.ts";
import { parseReport, parseReportAsync, type ParseStage } from "../../loaders/parse-report.ts";
import { readReportAsync } from "../../loaders/read/index.ts";
import { median } from "./stats.ts";

export interface SpeedOptions {
  demoRoot: string;
  /** PDFs for the pdftotext comparison (the real reports when present, else the test fixture). */
  pdfs: string[];
  rounds: number;
  pdfRounds: number;
  profile: boolean;
}

const TEXT = new Set([".txt", ".md", ".text"]);
const HTML = new Set([".html", ".htm"]);

/** PDFs to compare on: the real reports folder when it is there, else the project's fixture. */
export function defaultPdfs(): string[] {
  const real = "/work/shared/real-reports";
  const found = existsSync(real) ? readdirSync(real).filter((f) => f.endsWith(".pdf")).map((f) => join(real, f)) : [];
  return found.length ? found.sort() : ["tests/fixtures/files/report-2021.pdf"];
}

export async function speedBench(o: SpeedOptions): Promise<void> {
  const files = listInputFiles([o.demoRoot]).files.map((file) => ({ file, bytes: readFileSync(file) }));
  const paths = [
    { name: "text", files: files.filter((f) => TEXT.has(extension(f.file))) },
    { name: "html", files: files.filter((f) => HTML.has(extension(f.file))) },
  ];
  console.log(`\nspeed — one core, medians over ${o.rounds} rounds (after one warm-up pass)`);
  console.log("path".padEnd(6) + "files".padStart(6) + "  ms/report(med)" + "  reports/s/core" + "  per stage, ms (med): " + STAGES.join(" "));
  for (const p of paths) {
    if (p.files.length === 0) continue;
    for (const f of p.files) parseReport(f.file, f.bytes);
    const totals: number[] = [];
    const stages = new Map<ParseStage, number[]>();
    for (let r = 0; r < o.rounds; r++) {
      for (const f of p.files) {
        const t0 = performance.now();
        parseReport(f.file, f.bytes, { onStage: (s, ms) => push(stages, s, ms) });
        totals.push(performance.now() - t0);
      }
    }
    const med = median(totals);
    console.log(p.name.padEnd(6) + String(p.files.length).padStart(6) + med.toFixed(3).padStart(17) + String(Math.round(1000 / med)).padStart(16) +
      "  " + STAGES.map((s) => (stages.has(s) ? median(stages.get(s)!).toFixed(3) : "-")).join(" "));
    if (o.profile) await printProfile(`${p.name} path`, async () => {
      for (let r = 0; r < 3; r++) for (const f of p.files) parseReport(f.file, f.bytes);
    });
  }
  await pdfVersusPoppler(o);
}

const STAGES: ParseStage[] = ["read", "normalise", "identity", "template", "tables", "narrative", "provenance"];

/** Ours (bytes in memory → ReportRecord) against `pdftotext -layout` and `-bbox-layout` (a new
 * process each, reading the file) on the same PDFs, alternating ours, -layout, -bbox-layout. */
async function pdfVersusPoppler(o: SpeedOptions): Promise<void> {
  const poppler = spawnSync("pdftotext", ["-v"], { encoding: "utf8" });
  const hasPoppler = poppler.status === 0 || /pdftotext version/.test(poppler.stderr ?? "");
  console.log(`\nPDF end to end — median of ${o.pdfRounds} warm runs each, alternating` + (hasPoppler ? `; ${(poppler.stderr || poppler.stdout).split("\n")[0]}` : "; pdftotext not installed (apt-get install poppler-utils)"));
  console.log("file".padEnd(30) + "pages".padStart(6) + "  ours ms" + "  read ms" + "  layout ms" + "  bbox ms" + "  ours/layout" + "  ours/bbox");
  const ratios: number[] = [];
  for (const file of o.pdfs) {
    const bytes = readFileSync(file);
    const first = await readReportAsync(file, bytes);
    await parseReportAsync(file, bytes);
    const ours: number[] = [];
    const read: number[] = [];
    const layout: number[] = [];
    const bbox: number[] = [];
    for (let r = 0; r < o.pdfRounds; r++) {
      const t0 = performance.now();
      await parseReportAsync(file, bytes, { onStage: (s, ms) => s === "read" && read.push(ms) });
      ours.push(performance.now() - t0);
      if (!hasPoppler) continue;
      layout.push(timed(() => spawnSync("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 << 20 })));
      bbox.push(timed(() => spawnSync("pdftotext", ["-bbox-layout", file, "-"], { maxBuffer: 64 << 20 })));
    }
    const pages = first.kind === "text" ? String(first.pages ?? "?") : first.kind;
    const m = median(ours);
    const cols = hasPoppler ? [median(layout).toFixed(1).padStart(11), median(bbox).toFixed(1).padStart(9), (m / median(layout)).toFixed(2).padStart(13), (m / median(bbox)).toFixed(2).padStart(11)] : [];
    if (hasPoppler) ratios.push(m / median(layout));
    console.log(file.split("/").pop()!.slice(0, 29).padEnd(30) + pages.padStart(6) + m.toFixed(1).padStart(9) + median(read).toFixed(1).padStart(9) + cols.join(""));
  }
  if (ratios.length) console.log(`PDF: ours / pdftotext -layout, median over files ×${median(ratios).toFixed(2)} (goal ≤ 1.5)`);
  if (o.profile) {
    const bytes = o.pdfs.map((f) => readFileSync(f));
    await printProfile("PDF path", async () => {
      for (let r = 0; r < 5; r++) for (const [i, b] of bytes.entries()) await parseReportAsync(o.pdfs[i], b);
    });
  }
}

/** Runs `work` under the V8 CPU profiler and prints the functions with the most self time. */
async function printProfile(title: string, work: () => Promise<void>, top = 15): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  await work();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  for (const id of profile.samples ?? []) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules|loaders)\//, "$1/")}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
    total++;
  }
  console.log(`profile, ${title} — top ${top} by self time (share of busy samples):`);
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
}

function timed(run: () => { status: number | null }): number {
  const t0 = performance.now();
  const r = run();
  if (r.status !== 0) throw new Error("bench: pdftotext failed");
  return performance.now() - t0;
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
}

function extension(file: string): string {
  return /\.[^.]+$/.exec(file)?.[0].toLowerCase() ?? "";
}
