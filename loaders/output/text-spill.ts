// The reports' normalised texts kept on disk during a long run instead of in memory (about 3 KB a
// report, 0.7 GB of heap at 100,000): the copy check reads each text once to make its shingles and
// again only for the pairs it describes. One file in the output folder (removed at the end, or by
// the next run if this one was killed: detail-spill.ts SPILL_PREFIX), texts appended as they arrive.
import { closeSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeAll } from "./csv.ts";
import { SPILL_PREFIX } from "./detail-spill.ts";
import type { ReportTexts } from "../corpus-checks/types.ts";

const WRITE_BUFFER = 1 << 20;

export class TextSpill {
  readonly path: string;
  private fd: number | null;
  private readonly where = new Map<string, { at: number; bytes: number }>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;

  constructor(dir: string, pid = process.pid) {
    this.path = join(dir, `${SPILL_PREFIX}${pid}-texts.txt`);
    this.fd = openSync(this.path, "w+");
  }

  /** The text of `file` (a later call for the same file replaces it). */
  set(file: string, text: string): void {
    const bytes = Buffer.from(text, "utf8");
    this.where.set(file, { at: this.size, bytes: bytes.length });
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    const all = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    writeAll(this.fd, all);
  }

  /** The texts of `files`, by index, read from disk when asked for. */
  texts(files: readonly string[]): ReportTexts {
    this.flush();
    const places = files.map((f) => this.where.get(f) ?? null);
    return {
      length: files.length,
      at: (i: number) => {
        const p = places[i];
        if (!p || this.fd === null) return null;
        const buffer = Buffer.allocUnsafe(p.bytes);
        for (let got = 0; got < p.bytes; ) {
          const n = readSync(this.fd, buffer, got, p.bytes - got, p.at + got);
          if (n === 0) throw new Error(`正文暂存文件不完整：${this.path}`);
          got += n;
        }
        return buffer.toString("utf8");
      },
    };
  }

  remove(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }
}
