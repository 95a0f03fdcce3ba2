// A parse worker: receives {index, file} jobs, answers each with the file's record (and its
// normalised text when the corpus checks need it).
import { parentPort, workerData } from "node:worker_threads";
import { parseFileCached } from "../corpus.ts";
import { setRawPath } from "../files.ts";
import { gazetteer } from "../identity/gazetteer.ts";
import { compactWithDetails } from "../output/compact-record.ts";
import type { DetailRows } from "../output/detail-rows.ts";
import { onDeadlineGrant } from "../read/errors.ts";
import type { PlaceIndex } from "../identity/places.ts";
import type { ParseCacheConfig } from "../parse-cache.ts";
import type { ReportRecord } from "../types.ts";

export interface WorkerSetup {
  places: PlaceIndex;
  wantTexts: boolean;
  cache: ParseCacheConfig | null;
  /** Send the compact record and the whole one's rows of the long tables (see PoolOptions.compact). */
  compact?: boolean;
}
export interface ParseJob {
  index: number;
  file: string;
  /** The bytes of the path to open, when the file's name is not UTF-8 (files.ts rawPathOf). */
  raw?: Uint8Array;
}
/** Sent when a file's parse begins: the pool's watchdog times it from here. */
export interface ParseStarted {
  started: number;
}
/** Sent when the file's reader is granted more time (OCR of scanned pages): the watchdog waits that much longer. */
export interface ParseExtended {
  extend: number;
}
export interface ParseResult {
  index: number;
  record: ReportRecord;
  /** With WorkerSetup.compact: the whole record's rows of the long tables (`record` is then compact). */
  details?: DetailRows;
  text: string | null;
  /** The record came from the parse cache. */
  cached: boolean;
}

const setup = workerData as WorkerSetup;
const port = parentPort!;

// One file at a time, in the order received (PDF parsing awaits; a second job waits its turn), so
// the pool knows which file a dying worker was on.
let queue = Promise.resolve();
port.on("message", (job: ParseJob) => {
  queue = queue.then(() => parse(job));
});
onDeadlineGrant((ms) => port.postMessage({ extend: ms } satisfies ParseExtended));
// Load the gazetteer before saying ready: the first file's time limit is then its own, not the
// worker's warm-up.
gazetteer();
port.postMessage("ready");

async function parse(job: ParseJob): Promise<void> {
  if (job.raw) setRawPath(job.file, job.raw);
  port.postMessage({ started: job.index } satisfies ParseStarted);
  let text: string | null = null;
  const { record, cached } = await parseFileCached(job.file, {
    places: setup.places,
    cache: setup.cache,
    onText: setup.wantTexts ? (_file, t) => (text = t) : undefined,
  });
  // Compacting and serialising here, not on the main thread, which takes every worker's records.
  const result: ParseResult = setup.compact
    ? { index: job.index, ...compactWithDetails(record), text, cached }
    : { index: job.index, record, text, cached };
  port.postMessage(result);
}
