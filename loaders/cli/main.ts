// `nianbao`: the command-line edge. Parses report files and prints JSON Lines or writes CSV tables.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, UsageError, USAGE, type CliOptions } from "./args.ts";
import { progressOn } from "./progress.ts";
import { EXIT_CANNOT_WRITE, outputErrorMessage, prepareOutDir } from "./out-dir.ts";
import { defaultJobs, eachParsed, listInputFiles, loadPlaces, DEFAULT_PLACES_DIR } from "../corpus.ts";
import { LEVEL_LABELS, REPORT_FIELDS, type ReportRecord } from "../types.ts";
import { writeTablesToDir } from "../output/write-tables.ts";
import { compactRecord, Interner } from "../output/compact-record.ts";
import { DetailSpill } from "../output/detail-spill.ts";
import { TextSpill } from "../output/text-spill.ts";
import { analyseWithReview } from "../review/index.ts";
import { readReviewFiles, splitReviewFiles } from "../review/read-review-files.ts";
import { gazetteer } from "../identity/gazetteer.ts";
import { defaultCacheDir, openParseCache } from "../parse-cache.ts";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`nianbao: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (options.command === "version") {
    process.stdout.write(JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version + "\n");
    return 0;
  }
  const listed = listInputFiles(options.inputs);
  const named = listInputFiles([...options.decisions, ...options.corrections]);
  const missing = [...listed.missing, ...named.missing];
  if (missing.length) {
    process.stderr.write(`nianbao: 找不到：${missing.join("、")}\n`);
    return 2;
  }
  // the same real file reached twice (named twice, a folder and a file in it, a link) is parsed once
  for (const d of listed.duplicates) process.stderr.write(`nianbao: 同一文件出现多次，只解析一次：${d.file}（即 ${d.first}）\n`);
  // the output folder before the parse: a long run must not end on "cannot write"
  const outProblem = options.out ? prepareOutDir(options.out) : null;
  if (outProblem) {
    process.stderr.write(`nianbao: ${outProblem}\n`);
    return EXIT_CANNOT_WRITE;
  }
  // 核查记录.csv and 更正记录.csv in a folder are the review's, not reports
  const { reports: files, review: found } = splitReviewFiles(listed.files);
  let places;
  try {
    places = loadPlaces([join(PACKAGE_ROOT, DEFAULT_PLACES_DIR), ...options.places]);
  } catch (e) {
    process.stderr.write(`nianbao: 地名文件有误：${(e as Error).message}\n`);
    return 2;
  }
  // The review files first: with corrections (which change records in place) the whole records stay
  // in memory; without (the usual case) --out keeps compact ones, and the rows of the long tables
  // (made by the workers) go straight to spill files in the output folder.
  const kinds = Object.fromEntries([...options.decisions.map((f) => [f, "decisions"]), ...options.corrections.map((f) => [f, "corrections"])]);
  const reviewInputs = options.out ? readReviewFiles([...new Set([...found, ...options.decisions, ...options.corrections])], kinds) : null;
  const showProgress = options.progress === "auto" && (!process.stdout.isTTY || files.length > 5);
  const progress = progressOn(process.stderr, showProgress);
  const records: ReportRecord[] = [];
  const spill = options.out && reviewInputs?.corrections.length === 0 ? new DetailSpill(options.out) : null;
  let spillError: unknown = null;
  /** A full disk while spilling is said once the parse is over, with the folder's message. */
  const spilling = (write: () => void) => {
    if (spillError !== null) return;
    try {
      write();
    } catch (e) {
      spillError = e;
    }
  };
  // --out also runs the rules across reports, which compare the reports' texts: kept on disk beside
  // the spill, else in memory.
  const textSpill = spill ? new TextSpill(options.out!) : null;
  const texts = new Map<string, string>();
  const onText = options.out ? (f: string, text: string) => (textSpill ? spilling(() => textSpill.set(f, text)) : void texts.set(f, text)) : undefined;
  const jobs = options.jobs ?? defaultJobs(files.length);
  const onProgress = (done: number, total: number) => progress.tick(done, total);
  const cache = options.cache ? openParseCache(defaultCacheDir(), places) : null;
  const intern = new Interner();
  let stats;
  try {
    // With a spill, the workers send compact records and the long tables' rows (parallel/pool.ts).
    stats = await eachParsed(files, { places, onText, onProgress, jobs, cache, compact: spill !== null }, (record, _i, details) => {
      if (options.json) process.stdout.write(JSON.stringify(ordered(record)) + "\n");
      else if (!options.out) process.stdout.write(summaryLine(record) + "\n");
      if (!options.out) return;
      if (!spill) return void records.push(record);
      spilling(() => spill.add(details!));
      // again here: one copy of each label for the whole run (each worker message has its own)
      records.push(compactRecord(record, intern));
    });
    if (options.out && reviewInputs) {
      progress.stage(`解析完成，正在做跨报告核对：${records.length} 份报告`);
      for (const p of reviewInputs.problems) process.stderr.write(`nianbao: ${p.message}\n`);
      const files = records.map((r) => r.file);
      const reportTexts = textSpill && spillError === null ? textSpill.texts(files) : files.map((f) => texts.get(f) ?? null);
      const { analysis, review } = analyseWithReview(records, reportTexts, { places, gazetteer: gazetteer() }, reviewInputs);
      texts.clear();
      // NIANBAO_TIMINGS=1: the checks' own counts and milliseconds (npm run bench:scale prints them)
      if (process.env.NIANBAO_TIMINGS === "1") process.stderr.write(`NIANBAO_TIMINGS=${JSON.stringify(analysis.stats, (_k, v) => (typeof v === "number" ? Math.round(v) : v))}\n`);
      const applied = review.corrections.filter((c) => c.state === "applied").length;
      if (reviewInputs.files.length) {
        progress.stage(`核查记录 ${reviewInputs.decisions.length} 条，更正记录 ${reviewInputs.corrections.length} 条（已应用 ${applied} 条），来自 ${reviewInputs.files.join("、")}`);
      }
      progress.stage(`正在写入表格：${options.out}`);
      try {
        if (spillError !== null) throw spillError;
        await writeTablesToDir(options.out, records, analysis, review, {
          formats: options.formats, partitionBy: options.partitionBy, spilled: spill?.heads(),
        });
      } catch (e) {
        // the disk filled up, the folder was removed or made read-only meanwhile …
        const message = outputErrorMessage(e, options.out);
        if (message === null) throw e;
        progress.end("表格未写入");
        process.stderr.write(`nianbao: ${message}\n`);
        return EXIT_CANNOT_WRITE;
      }
    }
  } finally {
    spill?.remove();
    textSpill?.remove();
  }
  const failed = records.length ? records.filter((r) => r.status !== "ok").length : null;
  const fromCache = stats.cached ? `（${stats.cached} 个未改动，取自解析缓存）` : "";
  progress.end(`完成：${files.length} 个文件${fromCache}${failed !== null ? `，${failed} 个未完全解析` : ""}${options.out ? `，表格已写入 ${options.out}` : ""}`);
  return 0;
}

/** The record as the CLI contract prints it: its fields in order, checks as {rule, status, message}
 * (the numbers compared and the cells involved are in checks.csv). */
function ordered(r: ReportRecord): Record<string, unknown> {
  const contract = { ...r, checks: r.checks.map(({ rule, status, message }) => ({ rule, status, message })) };
  return Object.fromEntries(REPORT_FIELDS.map((k) => [k, contract[k]]));
}

function summaryLine(r: ReportRecord): string {
  const unit = r.unit && r.level && r.level !== "township" ? `${r.unit}（${LEVEL_LABELS[r.level]}）` : r.unit;
  const what = [unit ?? "?", r.year ?? "?", r.template].join(" ");
  return `${r.status}\t${r.file}\t${what}${r.error ? `\t${r.error}` : ""}`;
}
