// The reports' normalised texts kept on disk during a long run instead of in memory (about 3 KB a
// report, 0.7 GB of heap at 100,000): the copy check reads each text once to make its shingles and
// again only for the pairs it describes. One file in the output folder (removed at the end, or by
// the next run if this one was killed: detail-spill.ts SPILL_PREFIX), texts appended as they arrive.
import { readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Appender } from "./appender.ts";
import { SPILL_PREFIX } from "./detail-spill.ts";
import type { ReportTexts } from "../corpus-checks/types.ts";

export class TextSpill {
  private readonly file: Appender;
  private readonly where = new Map<string, { at: number; bytes: number }>();

  constructor(dir: string, pid = process.pid) {
    this.file = new Appender(join(dir, `${SPILL_PREFIX}${pid}-texts.txt`), "w+");
  }

  get path(): string {
    return this.file.path;
  }

  /** The text of `file` (a later call for the same file replaces it). */
  set(file: string, text: string): void {
    const bytes = Buffer.from(text, "utf8");
    this.where.set(file, { at: this.file.size, bytes: bytes.length });
    this.file.append(bytes);
  }

  /** The texts of `files`, by index, read from disk when asked for. */
  texts(files: readonly string[]): ReportTexts {
    this.file.flush();
    const places = files.map((f) => this.where.get(f) ?? null);
    return {
      length: files.length,
      at: (i: number) => {
        const p = places[i];
        const fd = this.file.open;
        if (!p || fd === null) return null;
        const buffer = Buffer.allocUnsafe(p.bytes);
        for (let got = 0; got < p.bytes; ) {
          const n = readSync(fd, buffer, got, p.bytes - got, p.at + got);
          if (n === 0) throw new Error(`正文暂存文件不完整：${this.path}`);
          got += n;
        }
        return buffer.toString("utf8");
      },
    };
  }

  remove(): void {
    this.file.close();
    rmSync(this.path, { force: true });
  }
}
