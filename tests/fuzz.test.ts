// Random, truncated and mutated bytes of every supported type through the entry point: no throw,
// no hang (every case within the per-file time limit), a well-formed result for every case.
// Deterministic (a seeded generator), so a failure names a case that can be replayed.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as hostile from "./helpers/hostile-files.ts";
import iconv from "iconv-lite";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { readReport, readReportAsync, type ReadResult } from "../loaders/read/index.ts";
import { toDocx, toHtml, toText } from "./fixtures/files/report-2021.ts";

const CASES_PER_TYPE = 520; // × 4 types = 2,080 cases
const TIME_LIMIT_MS = 2_000;
/** OCR of a page whose text layer is lost (a mutant of the CJK report) has its own allowance on top of the file's (Deadline.grant). */
const OCR_PAGE_MS = 500;
/** Pages of the largest seed (the CJK report): the most OCR a mutant can be granted. */
const SEED_PAGES = 3;
const LIMITS = { timeLimitMs: TIME_LIMIT_MS, ocrPageTimeLimitMs: OCR_PAGE_MS };
const KINDS = new Set(["text", "unsupported", "needs-ocr", "error"]);

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A one-page PDF with a ruled table in a standard font: quick to parse, so many mutants fit. */
async function smallPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText("Annual report 2022", { x: 72, y: 780, size: 16, font });
  const rows = [["item", "new", "repealed", "valid"], ["rules", "0", "0", "0"], ["normative", "2", "1", "5"]];
  rows.forEach((row, r) => row.forEach((cell, c) => {
    page.drawRectangle({ x: 72 + c * 110, y: 700 - r * 20, width: 110, height: 20, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
    page.drawText(cell, { x: 76 + c * 110, y: 706 - r * 20, size: 9, font });
  }));
  return doc.save({ useObjectStreams: false });
}

function mutate(seed: Uint8Array, next: () => number): Uint8Array {
  const pick = Math.floor(next() * 6);
  const n = seed.length;
  switch (pick) {
    case 0: // random bytes
      return Uint8Array.from({ length: Math.floor(next() * 3000) }, () => Math.floor(next() * 256));
    case 1: // truncated
      return seed.slice(0, Math.floor(next() * n));
    case 2: { // a few bytes overwritten
      const out = seed.slice();
      const k = 1 + Math.floor(next() * 16);
      for (let i = 0; i < k; i++) out[Math.floor(next() * n)] = Math.floor(next() * 256);
      return out;
    }
    case 3: { // a chunk deleted
      const a = Math.floor(next() * n);
      const b = Math.min(n, a + Math.floor(next() * 2000));
      return new Uint8Array([...seed.subarray(0, a), ...seed.subarray(b)]);
    }
    case 4: { // a random chunk inserted
      const at = Math.floor(next() * n);
      const junk = Array.from({ length: Math.floor(next() * 500) }, () => Math.floor(next() * 256));
      return new Uint8Array([...seed.subarray(0, at), ...junk, ...seed.subarray(at)]);
    }
    default: { // the valid head and a random tail
      const at = Math.floor(next() * Math.min(n, 2000));
      const junk = Array.from({ length: Math.floor(next() * 2000) }, () => Math.floor(next() * 256));
      return new Uint8Array([...seed.subarray(0, at), ...junk]);
    }
  }
}

function wellFormed(r: ReadResult): void {
  expect(KINDS.has(r.kind)).toBe(true);
  if (r.kind === "text") {
    expect(typeof r.text).toBe("string");
    expect(Array.isArray(r.warnings)).toBe(true);
    for (const g of r.tables) {
      const width = g.rows[0]?.length ?? 0;
      for (const row of g.rows) {
        expect(row.length).toBe(width); // dense
        for (const c of row) expect(typeof c.text === "string" && typeof c.source === "string").toBe(true);
      }
    }
  } else {
    expect(r.message.length).toBeGreaterThan(5);
  }
}

describe("fuzz: every case gets a status, none throws or hangs", () => {
  it(`${CASES_PER_TYPE * 4} cases of txt, html, docx and pdf`, async () => {
    const cjkPdf = new Uint8Array(readFileSync(join(import.meta.dirname, "fixtures", "files", "report-2021.pdf")));
    const small = await smallPdf();
    const seeds: Record<string, Uint8Array[]> = {
      "report.txt": [new TextEncoder().encode(toText()), new Uint8Array(iconv.encode(toText(), "gbk")), new Uint8Array(Buffer.from("\ufeff" + toText(), "utf16le"))],
      "report.html": [new TextEncoder().encode(toHtml()), new Uint8Array(iconv.encode(toHtml(undefined, "gb2312"), "gbk"))],
      "report.docx": [toDocx()],
      // One case in sixteen mutates the CJK report (slow to parse: an embedded font, three pages).
      "report.pdf": [...Array.from({ length: 15 }, () => small), cjkPdf],
    };
    const next = rng(20240501);
    const counts: Record<string, number> = {};
    let slowest = { ms: 0, name: "" };
    let cases = 0;
    const started = Date.now();
    const perType: Record<string, number> = {};
    for (const [name, list] of Object.entries(seeds)) {
      const typeStarted = Date.now();
      for (let i = 0; i < CASES_PER_TYPE; i++) {
        const seed = list[i % list.length];
        const bytes = mutate(seed, next);
        const t = Date.now();
        let result: ReadResult;
        try {
          result = await readReportAsync(name, bytes, LIMITS);
          // The sync entry point shares the readers; it is checked on a quarter of the cases.
          if (!name.endsWith(".pdf") && i % 4 === 0) wellFormed(readReport(name, bytes, { timeLimitMs: TIME_LIMIT_MS }));
        } catch (e) {
          throw new Error(`case ${name} #${i} threw: ${(e as Error).message}`);
        }
        const ms = Date.now() - t;
        if (ms > slowest.ms) slowest = { ms, name: `${name} #${i}` };
        // Only a PDF can reach OCR (image seeds are not fuzzed here).
        expect(ms, `case ${name} #${i} took ${ms} ms`).toBeLessThan(TIME_LIMIT_MS + (name.endsWith(".pdf") ? SEED_PAGES * OCR_PAGE_MS : 0) + 1_500);
        wellFormed(result);
        counts[`${name.split(".")[1]}:${result.kind}`] = (counts[`${name.split(".")[1]}:${result.kind}`] ?? 0) + 1;
        cases++;
      }
      perType[name] = Date.now() - typeStarted;
    }
    console.log(`[fuzz] ${cases} cases in ${Date.now() - started} ms; slowest ${slowest.name} ${slowest.ms} ms; ms per type`, perType, counts);
    expect(cases).toBeGreaterThanOrEqual(2000);
  }, 180_000);
});

describe("fuzz: the hostile inputs of issue 15 and their mutants", () => {
  it("each hostile file (smaller sizes) and 8 mutants of it get a status within the time limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-fuzz-hostile-"));
    const paths = [
      hostile.writeRowspanBomb(dir, "rowspan-bomb.html", 60),
      hostile.writeDeepNesting(dir, "deep.html", 20_000),
      hostile.writeElementBombDocx(dir, "element-bomb.docx", 4),
      hostile.writeUnderstatedZipDocx(dir, "understated.docx", 128),
      await hostile.writeManyRunsPdf(dir, "many-runs.pdf", 20_000),
      hostile.writeTrailingNul(dir),
      hostile.writeMixedEncoding(dir),
    ];
    const next = rng(20251202);
    let cases = 0;
    for (const path of paths) {
      const name = basename(path);
      const seed = new Uint8Array(readFileSync(path));
      for (let i = 0; i <= 8; i++) {
        const bytes = i === 0 ? seed : mutate(seed, next);
        const t = Date.now();
        let result: ReadResult;
        try {
          result = await readReportAsync(name, bytes, LIMITS);
        } catch (e) {
          throw new Error(`case ${name} #${i} threw: ${(e as Error).message}`);
        }
        const ms = Date.now() - t;
        expect(ms, `case ${name} #${i} took ${ms} ms`).toBeLessThan(TIME_LIMIT_MS + (name.endsWith(".pdf") ? SEED_PAGES * OCR_PAGE_MS : 0) + 5_000);
        wellFormed(result);
        cases++;
      }
    }
    expect(cases).toBe(paths.length * 9);
  }, 120_000);
});
