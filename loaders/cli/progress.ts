// A progress line on stderr for long runs: redrawn in place on a terminal, else a line per 10%.

export interface Progress {
  tick(done: number, total: number): void;
  /** A step after the parse (the checks across reports, writing the tables). */
  stage(what: string): void;
  end(summary: string): void;
}

export function progressOn(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled) return { tick() {}, stage() {}, end() {} };
  const started = Date.now();
  let lastDecile = -1;
  return {
    tick(done, total) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      const elapsed = (Date.now() - started) / 1000;
      // The time left, once enough files are done for the rate to mean something.
      const left = done >= Math.max(20, total * 0.05) && done < total ? `，剩余约 ${Math.ceil((elapsed / done) * (total - done))}s` : "";
      const line = `解析中 ${bar(pct)} ${done}/${total} (${pct}%) ${elapsed.toFixed(1)}s${left}`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (Math.floor(pct / 10) !== lastDecile) {
        lastDecile = Math.floor(pct / 10);
        stream.write(line + "\n");
      }
    },
    stage(what) {
      stream.write(`${stream.isTTY ? "\r\x1b[K" : ""}${what}（${((Date.now() - started) / 1000).toFixed(1)}s）\n`);
    },
    end(summary) {
      stream.write(`${stream.isTTY ? "\r\x1b[K" : ""}${summary}（${((Date.now() - started) / 1000).toFixed(1)}s）\n`);
    },
  };
}

function bar(pct: number): string {
  const filled = Math.round(pct / 5);
  return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "]";
}
