// A progress line on stderr for long runs: redrawn in place on a terminal, else a line per 10%.

export interface Progress {
  tick(done: number, total: number): void;
  end(summary: string): void;
}

export function progressOn(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled) return { tick() {}, end() {} };
  const started = Date.now();
  let lastDecile = -1;
  return {
    tick(done, total) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      const line = `解析中 ${bar(pct)} ${done}/${total} (${pct}%) ${((Date.now() - started) / 1000).toFixed(1)}s`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (Math.floor(pct / 10) !== lastDecile) {
        lastDecile = Math.floor(pct / 10);
        stream.write(line + "\n");
      }
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
