// CSV text for the output tables: a header in a fixed column order, null as an empty field.
// Written in chunks of rows, so a large table never has to exist as one string.
// Text that Excel would run as a formula gets a leading apostrophe (formula.ts); the site's JS
// parser (src/components/corpus.js parseTypedCsv) and the Parquet writer (parquet.ts) strip it again.
import { closeSync, copyFileSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import Papa from "papaparse";
import { prefixFormula } from "./formula.ts";

const CHUNK_ROWS = 5000;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export interface CsvOptions {
  /** Guard text that Excel would run as a formula (default true; false only for CSV no person opens). */
  formulaSafe?: boolean;
  /** Start with the header line (default true; false for rows that go after other rows). */
  header?: boolean;
}

/** The CSV as consecutive pieces: the header with the first rows, then CHUNK_ROWS rows at a time. */
export function* csvChunks(columns: readonly string[], rows: Iterable<object>, options: CsvOptions = {}): Generator<string> {
  const field = options.formulaSafe === false ? text : (v: unknown) => prefixFormula(text(v));
  let chunk: string[][] = [];
  let header = options.header !== false;
  const flush = () => {
    const text = header
      ? Papa.unparse({ fields: [...columns], data: chunk }, { newline: "\n" })
      : Papa.unparse(chunk, { newline: "\n" });
    header = false;
    chunk = [];
    // Papa ends a header with no rows after it with a newline already; no header and no rows is "".
    return text === "" || text.endsWith("\n") ? text : text + "\n";
  };
  for (const row of rows) {
    chunk.push(columns.map((c) => field((row as Record<string, unknown>)[c])));
    if (chunk.length === CHUNK_ROWS) yield flush();
  }
  if (header || chunk.length) yield flush();
}

export function toCsv(columns: readonly string[], rows: Iterable<object>): string {
  return [...csvChunks(columns, rows)].join("");
}

/** The rows alone as CSV text (no header), each ending with a newline: a piece of a table written elsewhere. */
export function csvRows(columns: readonly string[], rows: Iterable<object>): string {
  return [...csvChunks(columns, rows, { header: false })].join("");
}

export interface CsvFileOptions extends CsvOptions {
  /** A file that already holds the header and the first rows (written as csvChunks would): it
   * becomes the start of `path` (moved, not copied, when both are on one disk) and `rows` follow it. */
  head?: string;
}

/** The CSV written to `path` a chunk at a time, and flushed to disk (a full disk may only show then). */
export function writeCsvFile(path: string, columns: readonly string[], rows: Iterable<object>, options: CsvFileOptions = {}): void {
  if (options.head) moveFile(options.head, path);
  const fd = openSync(path, options.head ? "a" : "w");
  try {
    for (const chunk of csvChunks(columns, rows, { ...options, header: !options.head })) writeAll(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `text`: writeSync may write part of it and return (a disk filling up), and only the next call throws ENOSPC. */
export function writeAll(fd: number, text: string | Buffer): void {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}
