// The I/O edge of the library: find input files, read them, parse each one. Every file found
// yields a record, including those that cannot be read.
import { lstatSync, readFileSync, statSync, type Stats } from "node:fs";
import { availableParallelism } from "node:os";
import { toPosix } from "./paths.ts";
import { parseFilesInWorkers } from "./parallel/pool.ts";
import { cacheKey, readCached, writeCached, type ParseCacheConfig } from "./parse-cache.ts";
import type { ReportRecord } from "./types.ts";
import { emptyRecord, parseReportAsync, type ParseOptions } from "./parse-report.ts";
import { indexPlaces, parsePlacesCsv, type Place, type PlaceIndex } from "./identity/places.ts";
import { listInputFiles, rawPathOf } from "./files.ts";
import { contentHash } from "./review/finding-id.ts";
import { compactWithDetails } from "./output/compact-record.ts";
import type { DetailRows } from "./output/detail-rows.ts";
import { pushAll } from "./push-all.ts";

export { DEFAULT_PLACES_DIR, DEFAULT_REPORTS_DIR, displayPath, listInputFiles } from "./files.ts";

/** Reads every `*.csv` in the places folders; a broken places file is an error the user must fix. */
export function loadPlaces(dirsOrFiles: string[]): PlaceIndex {
  const places: Place[] = [];
  for (const file of listInputFiles(dirsOrFiles).files.filter((f) => f.toLowerCase().endsWith(".csv"))) {
    pushAll(places, parsePlacesCsv(readFileSync(file, "utf8"), file));
  }
  return indexPlaces(places);
}

/** The message of a record whose parse threw (a bug in the parser, never the file's fault). */
export const PARSER_CRASH = "解析出错（程序缺陷，请报告）";

export interface ParseFileOptions extends ParseOptions {
  /** The parse cache to use (loaders/parse-cache.ts); none when absent. */
  cache?: ParseCacheConfig | null;
}

export async function parseFile(file: string, options: ParseFileOptions = {}): Promise<ReportRecord> {
  return (await parseFileCached(file, options)).record;
}

/** Parses one file, or takes its result from the cache; `cached` says which. */
export async function parseFileCached(file: string, options: ParseFileOptions = {}): Promise<{ record: ReportRecord; cached: boolean }> {
  const name = toPosix(file);
  const raw = rawPathOf(file);
  let bytes: Uint8Array;
  try {
    // stat first: a FIFO must never be opened (the read would block forever)
    const special = notARegularFile(statOrLink(raw));
    if (special) {
      const record = emptyRecord(name);
      record.error = special;
      return { record, cached: false };
    }
    bytes = readFileSync(raw);
  } catch (e) {
    const record = emptyRecord(name);
    record.error = `无法读取文件：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    return { record, cached: false };
  }
  const hash = contentHash(bytes);
  const done = (record: ReportRecord, cached: boolean) => ({ record: { ...record, content_hash: hash }, cached });
  const { cache, ...parseOptions } = options;
  const key = cache ? cacheKey(cache, name, bytes) : "";
  const hit = cache ? readCached(cache, key, name) : null;
  if (hit) {
    if (hit.text !== null) options.onText?.(name, hit.text);
    return done(hit.record, true);
  }
  let text: string | null = null;
  const onText = (f: string, t: string) => {
    text = t;
    options.onText?.(f, t);
  };
  let record: ReportRecord;
  try {
    record = await parseReportAsync(name, bytes, { ...parseOptions, onText });
  } catch (e) {
    // A parser bug must not take the whole corpus down: the file is reported with the cause (and
    // not cached: a fixed parser is a new version anyway, but a crash may be a lack of memory).
    const crashed = emptyRecord(name);
    crashed.error = `${PARSER_CRASH}：${(e as Error).message}`;
    return done(crashed, false);
  }
  if (cache) writeCached(cache, key, name, { record, text });
  return done(record, false);
}

/** The file's stat, or "broken-link" for a symbolic link whose target is missing. */
function statOrLink(raw: string | Buffer): Stats | "broken-link" {
  try {
    return statSync(raw);
  } catch (e) {
    let link = false;
    try {
      link = lstatSync(raw).isSymbolicLink();
    } catch {
      throw e;
    }
    if (link) return "broken-link";
    throw e;
  }
}

/** Why a path is not a file to read (in Chinese), or null for a regular file. */
function notARegularFile(st: Stats | "broken-link"): string | null {
  if (st === "broken-link") return "符号链接指向的文件不存在（链接已失效）：请检查链接，或把报告文件本身放入文件夹";
  if (st.isFile()) return null;
  if (st.isFIFO()) return "这是命名管道（FIFO）而不是普通文件：未读取（读取会一直等待）。请放入报告文件本身";
  if (st.isSocket()) return "这是套接字（socket）而不是普通文件：未读取。请放入报告文件本身";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "这是设备文件而不是普通文件：未读取。请放入报告文件本身";
  if (st.isDirectory()) return "这是文件夹而不是文件：未读取";
  return "这不是普通文件：未读取。请放入报告文件本身";
}

export interface CorpusOptions extends ParseFileOptions {
  onProgress?: (done: number, total: number, file: string) => void;
  /** Worker threads to parse on (default 1). Files are always parsed on worker threads, so that
   * one that exhausts memory or time costs only itself (loaders/parallel/pool.ts). */
  jobs?: number;
  /** Parse in this thread instead (no isolation: for benchmarks and tests of the parser itself). */
  inThread?: boolean;
  /** Visit compact records, each with its rows of the long tables (parallel/pool.ts PoolOptions.compact). */
  compact?: boolean;
}

/** How a run got its records: parsed now, or taken from the parse cache. */
export interface ParseStats {
  parsed: number;
  cached: number;
}

/** Below this many files per worker, a worker's start-up (about 0.5–1 s) costs more than it saves. */
const MIN_FILES_PER_WORKER = 200;

/** Worker threads worth starting for `files` files here, when the user did not say. One thread on a
 * machine of two cores or fewer: V8's collector already keeps the second core busy (measured on the
 * demo corpus: 1.3 cores used by one thread, and two workers only 4% faster). */
export function defaultJobs(files: number, cores = availableParallelism()): number {
  if (cores <= 2) return 1;
  return Math.max(1, Math.min(cores - 1, Math.floor(files / MIN_FILES_PER_WORKER)));
}

/** Parses the files and hands each record to `visit` in input order, on `jobs` worker threads (one
 * by default: a file that runs out of memory or past its time limit then costs only itself, on
 * every machine), or in this thread with `inThread`. Records are not kept, so a long run's memory
 * stays flat. */
export async function eachParsed(
  files: string[], options: CorpusOptions, visit: (record: ReportRecord, index: number, details?: DetailRows) => void,
): Promise<ParseStats> {
  const stats: ParseStats = { parsed: 0, cached: 0 };
  const count = (cached: boolean) => void (cached ? stats.cached++ : stats.parsed++);
  if (!options.inThread && files.length > 0) {
    const { jobs, places, onText, onProgress, cache, compact } = options;
    await parseFilesInWorkers(files, {
      jobs: Math.max(1, jobs ?? 1), places, onText, onProgress, cache, compact,
      onRecord: (record, index, cached, details) => {
        count(cached);
        visit(record, index, details);
      },
    });
    return stats;
  }
  for (const [i, file] of files.entries()) {
    const { record, cached } = await parseFileCached(file, options);
    count(cached);
    const sent = options.compact ? compactWithDetails(record) : { record, details: undefined };
    visit(sent.record, i, sent.details);
    options.onProgress?.(i + 1, files.length, file);
  }
  return stats;
}

/** Parses the files (see eachParsed) and returns their records in input order. */
export async function parseFiles(files: string[], options: CorpusOptions = {}): Promise<ReportRecord[]> {
  const records: ReportRecord[] = [];
  await eachParsed(files, options, (record) => records.push(record));
  return records;
}
