// A file written by appending, a megabyte at a time (the spill files of a long run: detail-spill.ts,
// text-spill.ts). `size` counts the bytes appended so far, written or not, so a caller can note where
// a piece starts.
import { closeSync, fsyncSync, openSync } from "node:fs";
import { writeAll } from "./csv.ts";

const WRITE_BUFFER = 1 << 20;

export class Appender {
  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  size = 0;

  /** `flags`: "w" to write only, "w+" to read pieces back (by position) while appending. */
  constructor(readonly path: string, flags: "w" | "w+" = "w") {
    this.fd = openSync(path, flags);
  }

  get open(): number | null {
    return this.fd;
  }

  append(piece: string | Buffer): void {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.size += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
  }

  flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    const all = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    writeAll(this.fd, all);
  }

  /** Everything written and on disk, and the file closed. */
  finish(): void {
    this.flush();
    if (this.fd === null) return;
    fsyncSync(this.fd);
    this.close();
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
