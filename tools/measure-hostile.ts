// Time and peak memory of `nianbao parse` on each hostile file of issue 15, with the default options,
// each in a folder [good report, hostile file, good report]: what the closing note of issue 15 quotes.
// Usage: tsx tools/measure-hostile.ts [path/to/bin/nianbao.mjs] (another checkout's, to compare).
// Needs GNU time (/usr/bin/time) for the peak RSS of the whole process tree's largest process.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Papa from "papaparse";
import * as hostile from "../tests/helpers/hostile-files.ts";

const bin = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "bin", "nianbao.mjs"));
const timeoutS = Number(process.env.MEASURE_TIMEOUT_S ?? 150);
const cases: [string, (dir: string) => unknown][] = [
  ["rowspan/colspan bomb (HTML, 1.6 MB)", (d) => hostile.writeRowspanBomb(d)],
  ["DOCX of tiny elements (66 KB → 64 MB)", (d) => hostile.writeElementBombDocx(d)],
  ["DOCX with an under-stated zip size", (d) => hostile.writeUnderstatedZipDocx(d)],
  ["200,000 nested <div>s", (d) => hostile.writeDeepNesting(d)],
  ["PDF page of 250,000 text runs", (d) => hostile.writeManyRunsPdf(d)],
  ["40 MB HTML table", (d) => hostile.writeHugeTable(d)],
  ["trailing NUL", (d) => hostile.writeTrailingNul(d)],
  ["half UTF-8, half GBK", (d) => hostile.writeMixedEncoding(d)],
  ["GBK file name", (d) => hostile.writeGbkName(d)],
];
if (!existsSync("/usr/bin/time")) throw new Error("measure-hostile: needs /usr/bin/time (apt-get install time)");
console.log(`bin ${bin}, timeout ${timeoutS} s`);
for (const [label, write] of cases) {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-measure-"));
  const out = mkdtempSync(join(tmpdir(), "nianbao-measure-out-"));
  hostile.writeGood(dir, "a-good.txt");
  await write(dir);
  hostile.writeGood(dir, "z-good.txt");
  const t0 = Date.now();
  const run = spawnSync("/usr/bin/time", ["-v", "timeout", String(timeoutS), process.execPath, bin, "parse", dir, "--out", out, "--quiet"], { encoding: "utf8", maxBuffer: 1 << 26 });
  const s = (Date.now() - t0) / 1000;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  // GNU time says "Exit status: 0" for a child killed by a signal, with a line of its own before
  const signal = /Command terminated by signal (\d+)/.exec(run.stderr)?.[1];
  const exit = signal ? `sig${signal}` : /Exit status: (\d+)/.exec(run.stderr)?.[1] ?? String(run.status);
  let rows: { file: string; status: string; error: string }[] = [];
  if (existsSync(join(out, "reports.csv"))) {
    rows = Papa.parse<{ file: string; status: string; error: string }>(readFileSync(join(out, "reports.csv"), "utf8").replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true }).data;
  }
  const hostileRow = rows.find((r) => !/[az]-good\.txt$/.test(r.file));
  const statuses = rows.map((r) => r.status).join("/") || "no output";
  console.log(`${label.padEnd(40)} exit ${exit.padStart(5)}  ${s.toFixed(1).padStart(6)} s  ${rss.toFixed(0).padStart(6)} MB  rows ${rows.length} (${statuses})${hostileRow?.error ? `  ${hostileRow.error.slice(0, 60)}` : ""}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
