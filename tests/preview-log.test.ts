// tools/preview-log.ts: of Framework's preview output, only what a person needs is shown.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PreviewLogFilter } from "../tools/preview-log.ts";

const CAPTURED = readFileSync(join(import.meta.dirname, "fixtures", "preview-log", "framework-1.13.4-one-page.txt"), "utf8");

/** Feeds `text` in chunks of `size` characters (output arrives cut anywhere). */
function filtered(text: string, size = text.length): string[] {
  const filter = new PreviewLogFilter();
  const shown: string[] = [];
  for (let i = 0; i < text.length; i += size) shown.push(...filter.push(text.slice(i, i + size)));
  return [...shown, ...filter.end()];
}

describe("the preview's terminal output", () => {
  it("keeps the banner of a page view and a live update, and drops the request log, socket messages and cache lookups", () => {
    const lines = CAPTURED.split("\n").filter((l) => l.trim()).length;
    expect(lines).toBeGreaterThan(60); // what Framework printed
    const url = /↳ (\S+)/.exec(CAPTURED)![1];
    expect(filtered(CAPTURED)).toEqual(["Observable Framework v1.13.4", `↳ ${url}`]);
    for (const size of [1, 7, 100]) expect(filtered(CAPTURED, size)).toEqual(["Observable Framework v1.13.4", `↳ ${url}`]);
  });

  it("keeps errors and anything it does not know, without the loader lookup written before them", () => {
    const text = [
      "load /data/corpus.zip → [missing] error in 12ms: loader exited with code 1",
      "GET /_file/data/corpus/reports.csv?sha=abc",
      "Error: something Framework says",
      "\x1b[31mred text\x1b[39m",
      "↓ { type: 'reload' }",
      "unfinished line"
    ].join("\n");
    expect(filtered(text)).toEqual(["error in 12ms: loader exited with code 1", "Error: something Framework says", "red text", "unfinished line"]);
  });
});
