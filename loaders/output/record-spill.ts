// Whole records kept on disk while a long run keeps only compact ones in memory (compact-record.ts):
// one JSON line per record, appended in a buffer and read back in order, a few megabytes at a time,
// for the tables that need every cell's label, text and source (cells.csv, evidence.csv).
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import type { ReportRecord } from "../types.ts";

const WRITE_BUFFER = 1 << 20;
const READ_CHUNK = 4 << 20;

export class RecordSpill {
  private fd: number | null;
  private pending: string[] = [];
  private pendingLength = 0;

  /** `path`: a file of its own (removed by `remove`); the caller picks a disk with room for it. */
  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  add(record: ReportRecord): void {
    this.addJson(JSON.stringify(record));
  }

  /** A record already serialised (JSON.stringify, one line): by a parse worker, off this thread. */
  addJson(json: string): void {
    this.pending.push(json, "\n");
    this.pendingLength += json.length + 1;
    if (this.pendingLength >= WRITE_BUFFER) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    // writeSync may write part of it and return (a disk filling up): the next call then throws ENOSPC.
    const bytes = Buffer.from(this.pending.join(""), "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The records in the order they were added (each call reads the file again). */
  *records(): Generator<ReportRecord> {
    this.flush();
    const fd = openSync(this.path, "r");
    try {
      const buffer = Buffer.alloc(READ_CHUNK);
      const decoder = new TextDecoder("utf-8");
      let rest = "";
      for (;;) {
        const n = readSync(fd, buffer, 0, READ_CHUNK, null);
        rest += n > 0 ? decoder.decode(buffer.subarray(0, n), { stream: true }) : decoder.decode();
        let start = 0;
        for (let end = rest.indexOf("\n"); end >= 0; end = rest.indexOf("\n", start)) {
          yield JSON.parse(rest.slice(start, end)) as ReportRecord;
          start = end + 1;
        }
        rest = rest.slice(start);
        if (n === 0) break;
      }
      if (rest.trim()) throw new Error(`记录暂存文件不完整：${this.path}`);
    } finally {
      closeSync(fd);
    }
  }

  remove(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }
}
