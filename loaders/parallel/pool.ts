// Parses files on worker threads (one or more). Results come back in input order. A worker that
// dies (out of memory on a hostile file, a bug in a native decoder) costs only the file it was on,
// reported as an error; the files queued behind it go to its replacement, so the rest is still
// parsed. A watchdog here, on the main thread, terminates a worker whose file runs past its hard
// time limit: the readers' own deadline checks cannot fire while their code is busy in one loop.
import { Worker } from "node:worker_threads";
import { rawPathOf } from "../files.ts";
import { parseWorkerScript } from "./worker-bundle.ts";
import { fileTimeLimitMs } from "../read/index.ts";
import { emptyRecord } from "../parse-report.ts";
import { toPosix } from "../paths.ts";
import { compactWithDetails } from "../output/compact-record.ts";
import type { DetailRows } from "../output/detail-rows.ts";
import type { PlaceIndex } from "../identity/places.ts";
import type { ParseCacheConfig } from "../parse-cache.ts";
import type { ReportRecord } from "../types.ts";
import type { ParseExtended, ParseJob, ParseResult, ParseStarted, WorkerSetup } from "./parse-worker.ts";

export interface PoolOptions {
  jobs: number;
  places?: PlaceIndex;
  onText?: (file: string, text: string) => void;
  onProgress?: (done: number, total: number, file: string) => void;
  /** The parse cache the workers read and write (loaders/parse-cache.ts). */
  cache?: ParseCacheConfig | null;
  /** Heap limit of each worker in MB (V8's old generation); a file that needs more fails alone.
   * Default fileMemoryLimitMb(). */
  workerHeapMb?: number;
  /** A file still parsing this long after it began is stopped (its worker terminated). Default:
   * the readers' time limit plus HARD_LIMIT_GRACE_MS, so their own cleaner stop comes first. */
  hardTimeLimitMs?: number;
  /** Records as compact ones (output/compact-record.ts), each with its rows of the long tables as CSV
   * text (output/detail-rows.ts): the workers do that work, so the main thread only appends text (a run of --out). */
  compact?: boolean;
  /** Each record, in input order (results that arrive early wait for those before them); `cached`
   * when it came from the parse cache; `details` with `compact`. */
  onRecord: (record: ReportRecord, index: number, cached: boolean, details?: DetailRows) => void;
}

/** Files each worker holds at once: one parsing, one queued, so a worker never waits for the next. */
const IN_FLIGHT = 2;

/** Heap per parse worker: a report needs some tens of MB; a span or element bomb used to need 4 GB. */
export const FILE_MEMORY_LIMIT_MB = 2048;
/** Time past the readers' limit before the watchdog stops a file (finishing a record takes little). */
export const HARD_LIMIT_GRACE_MS = 2_000;

/** The heap limit in force: NIANBAO_FILE_MEMORY_LIMIT_MB when set, else FILE_MEMORY_LIMIT_MB. */
export function fileMemoryLimitMb(): number {
  const v = Number(process.env.NIANBAO_FILE_MEMORY_LIMIT_MB);
  return Number.isFinite(v) && v >= 64 ? v : FILE_MEMORY_LIMIT_MB;
}

export function outOfMemoryMessage(mb: number): string {
  return `文件过于复杂，解析时内存超过上限（${mb} MB），已跳过：请检查文件是否损坏，或另存为 PDF 后重试`;
}

export function hardTimeoutMessage(ms: number): string {
  return `文件解析超时（超过 ${Math.round(ms / 1000)} 秒仍未完成），已跳过：文件可能过大、结构异常或已损坏，请检查文件，或另存为 PDF 后重试`;
}

export async function parseFilesInWorkers(files: string[], options: PoolOptions): Promise<void> {
  const script = await parseWorkerScript();
  const early = new Map<number, { record: ReportRecord; cached: boolean; details?: DetailRows }>();
  let emitted = 0;
  const setup: WorkerSetup = { places: options.places ?? new Map(), wantTexts: Boolean(options.onText), cache: options.cache ?? null, compact: options.compact };
  let next = 0;
  let done = 0;
  /** Files a dead worker held but had not started: they go to the next worker first. */
  const requeued: number[] = [];
  const workers = new Set<Worker>();
  let settled = false;
  const heapMb = options.workerHeapMb ?? fileMemoryLimitMb();
  const hardMs = options.hardTimeLimitMs ?? fileTimeLimitMs() + HARD_LIMIT_GRACE_MS;

  return new Promise((resolve, reject) => {
    const finish = (index: number, record: ReportRecord, cached = false, details?: DetailRows) => {
      early.set(index, { record, cached, details });
      for (let r = early.get(emitted); r !== undefined; r = early.get(emitted)) {
        early.delete(emitted);
        options.onRecord(r.record, emitted++, r.cached, r.details);
      }
      done++;
      options.onProgress?.(done, files.length, files[index]);
      if (done === files.length) {
        settled = true;
        for (const w of workers) void w.terminate();
        resolve();
      }
    };

    const start = () => {
      const held = new Set<number>();
      const worker = new Worker(script, {
        workerData: setup,
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: heapMb },
      });
      workers.add(worker);
      const feed = () => {
        while (held.size < IN_FLIGHT && (requeued.length || next < files.length)) {
          const index = requeued.length ? requeued.shift()! : next++;
          held.add(index);
          const raw = rawPathOf(files[index]);
          worker.postMessage({ index, file: files[index], ...(typeof raw === "string" ? {} : { raw: new Uint8Array(raw) }) } satisfies ParseJob);
        }
      };
      let ready = false;
      let watchdog: NodeJS.Timeout | undefined;
      let due = 0;
      let allowed = hardMs;
      let failure = "";
      const watch = (ms: number) => {
        clearTimeout(watchdog);
        due = Date.now() + ms;
        watchdog = setTimeout(() => {
          // terminate() stops JavaScript even inside a busy loop; "exit" then reports the file
          failure = hardTimeoutMessage(allowed);
          void worker.terminate();
        }, ms);
      };
      worker.on("message", (message: ParseResult | ParseStarted | ParseExtended | "ready") => {
        if (message === "ready") {
          ready = true;
          return feed();
        }
        if ("started" in message) {
          allowed = hardMs;
          return watch(hardMs);
        }
        if ("extend" in message) {
          allowed += message.extend;
          return watch(Math.max(0, due - Date.now()) + message.extend);
        }
        clearTimeout(watchdog);
        held.delete(message.index);
        if (message.text !== null) options.onText?.(message.record.file, message.text);
        finish(message.index, message.record, message.cached, message.details);
        feed();
      });
      worker.on("error", (e) => {
        if (failure) return;
        failure = (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" ? outOfMemoryMessage(heapMb) : e.message;
      });
      worker.on("exit", (code) => {
        clearTimeout(watchdog);
        workers.delete(worker);
        if (settled) return;
        if (!ready) {
          // It never loaded the parser, so a replacement would fail the same way.
          settled = true;
          for (const w of workers) void w.terminate();
          reject(new Error(`无法启动解析线程：${failure || `退出码 ${code}`}`));
          return;
        }
        if (held.size === 0) return;
        // A worker parses its files in the order sent: the first it held is the one that killed it.
        const [culprit, ...waiting] = held;
        const record = emptyRecord(toPosix(files[culprit]));
        record.error = failure.startsWith("文件") ? failure : `解析线程异常退出（${failure || `退出码 ${code}`}），此文件未解析；请单独重试，或检查文件是否过大`;
        requeued.push(...waiting);
        held.clear();
        const sent = options.compact ? compactWithDetails(record) : { record, details: undefined };
        finish(culprit, sent.record, false, sent.details);
        if (requeued.length || next < files.length) start();
      });
    };

    if (files.length === 0) return resolve();
    for (let i = 0; i < Math.min(options.jobs, files.length); i++) start();
  });
}
