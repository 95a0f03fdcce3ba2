// CSV text for the output tables: a header in a fixed column order, null as an empty field.
// Written in chunks of rows, so a large table never has to exist as one string.
// Text that Excel would run as a formula gets a leading apostrophe (formula.ts); the site's JS
// parser (src/components/corpus.js parseTypedCsv) strips it again.
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import Papa from "papaparse";
import { prefixFormula } from "./formula.ts";

const CHUNK_ROWS = 5000;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export interface CsvOptions {
  /** Guard text that Excel would run as a formula (default true; false only for CSV no person opens). */
  formulaSafe?: boolean;
}

/** The CSV as consecutive pieces: the header with the first rows, then CHUNK_ROWS rows at a time. */
export function* csvChunks(columns: readonly string[], rows: Iterable<object>, options: CsvOptions = {}): Generator<string> {
  const field = options.formulaSafe === false ? text : (v: unknown) => prefixFormula(text(v));
  let chunk: string[][] = [];
  let first = true;
  const flush = () => {
    const text = first
      ? Papa.unparse({ fields: [...columns], data: chunk }, { newline: "\n" })
      : Papa.unparse(chunk, { newline: "\n" });
    first = false;
    chunk = [];
    // Papa ends a header with no rows after it with a newline already.
    return text.endsWith("\n") ? text : text + "\n";
  };
  for (const row of rows) {
    chunk.push(columns.map((c) => field((row as Record<string, unknown>)[c])));
    if (chunk.length === CHUNK_ROWS) yield flush();
  }
  if (first || chunk.length) yield flush();
}

export function toCsv(columns: readonly string[], rows: Iterable<object>): string {
  return [...csvChunks(columns, rows)].join("");
}

/** The CSV written to `path` a chunk at a time, and flushed to disk (a full disk may only show then). */
export function writeCsvFile(path: string, columns: readonly string[], rows: Iterable<object>, options: CsvOptions = {}): void {
  const fd = openSync(path, "w");
  try {
    for (const chunk of csvChunks(columns, rows, options)) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
