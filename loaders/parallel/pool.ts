// Parses files on several worker threads. Results come back in input order. A worker that dies
// (out of memory on a huge file, a bug in a native decoder) costs only the file it was on, reported
// as an error; the files queued behind it go to its replacement, so the rest is still parsed.
import { Worker } from "node:worker_threads";
import { emptyRecord } from "../parse-report.ts";
import { toPosix } from "../paths.ts";
import type { PlaceIndex } from "../identity/places.ts";
import type { ParseCacheConfig } from "../parse-cache.ts";
import type { ReportRecord } from "../types.ts";
import type { ParseJob, ParseResult, WorkerSetup } from "./parse-worker.ts";

export interface PoolOptions {
  jobs: number;
  places?: PlaceIndex;
  onText?: (file: string, text: string) => void;
  onProgress?: (done: number, total: number, file: string) => void;
  /** The parse cache the workers read and write (loaders/parse-cache.ts). */
  cache?: ParseCacheConfig | null;
  /** Heap limit of each worker in MB (V8's old generation); a file that needs more fails alone. */
  workerHeapMb?: number;
  /** Each record, in input order (results that arrive early wait for those before them); `cached`
   * when it came from the parse cache. */
  onRecord: (record: ReportRecord, index: number, cached: boolean) => void;
}

/** Files each worker holds at once: one parsing, one queued, so a worker never waits for the next. */
const IN_FLIGHT = 2;

export function parseFilesInWorkers(files: string[], options: PoolOptions): Promise<void> {
  const early = new Map<number, { record: ReportRecord; cached: boolean }>();
  let emitted = 0;
  const setup: WorkerSetup = { places: options.places ?? new Map(), wantTexts: Boolean(options.onText), cache: options.cache ?? null };
  let next = 0;
  let done = 0;
  /** Files a dead worker held but had not started: they go to the next worker first. */
  const requeued: number[] = [];
  const workers = new Set<Worker>();
  let settled = false;

  return new Promise((resolve, reject) => {
    const finish = (index: number, record: ReportRecord, cached = false) => {
      early.set(index, { record, cached });
      for (let r = early.get(emitted); r !== undefined; r = early.get(emitted)) {
        early.delete(emitted);
        options.onRecord(r.record, emitted++, r.cached);
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
      const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
        workerData: setup,
        execArgv: [],
        resourceLimits: options.workerHeapMb ? { maxOldGenerationSizeMb: options.workerHeapMb } : undefined,
      });
      workers.add(worker);
      const feed = () => {
        while (held.size < IN_FLIGHT && (requeued.length || next < files.length)) {
          const index = requeued.length ? requeued.shift()! : next++;
          held.add(index);
          worker.postMessage({ index, file: files[index] } satisfies ParseJob);
        }
      };
      let ready = false;
      worker.on("message", (message: ParseResult | "ready") => {
        if (message === "ready") {
          ready = true;
          return feed();
        }
        held.delete(message.index);
        if (message.text !== null) options.onText?.(message.record.file, message.text);
        finish(message.index, message.record, message.cached);
        feed();
      });
      let failure = "";
      worker.on("error", (e) => (failure = e.message));
      worker.on("exit", (code) => {
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
        record.error = `解析线程异常退出（${failure || `退出码 ${code}`}），此文件未解析；请单独重试，或检查文件是否过大`;
        requeued.push(...waiting);
        held.clear();
        finish(culprit, record);
        if (requeued.length || next < files.length) start();
      });
    };

    if (files.length === 0) return resolve();
    for (let i = 0; i < Math.min(options.jobs, files.length); i++) start();
  });
}
