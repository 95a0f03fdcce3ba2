// Issue 5's equivalence, through the whole pipeline: one made-up 2021 report
// (tests/fixtures/files/report-2021.ts) in every format and encoding parses to the same table
// cells (values and raw tokens) and the same identity as its UTF-8 text.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { parseReportAsync } from "../loaders/parse-report.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { toDocx, toHtml, toText } from "./fixtures/files/report-2021.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "files");
const utf8 = (s: string) => new TextEncoder().encode(s);
const cellsOf = (r: ReportRecord) => r.cells.map((c) => `${c.table}.${c.row}.${c.col}=${c.value}|${c.raw}`).sort();
const identityOf = (r: ReportRecord) => ({ township: r.township, year: r.year, template: r.template });

const reference = await parseReportAsync("report.txt", utf8(toText()));

describe("the UTF-8 reference", () => {
  it("reads all three tables", () => {
    expect(reference.template).toBe("template-2021");
    expect(new Set(reference.cells.map((c) => c.table))).toEqual(new Set(["t2", "t3", "t4"]));
    expect(reference.cells.filter((c) => c.table === "t3").length).toBeGreaterThanOrEqual(25 * 7 - 21);
    expect(reference.warnings.filter((w) => /无法可靠对齐|模板之外/.test(w))).toEqual([]);
  });
});

describe("every format gives the same cells as the UTF-8 text", () => {
  const cases: [string, string, () => Uint8Array][] = [
    ["GBK web page with its tables", "report.html", () => new Uint8Array(iconv.encode(toHtml(undefined, "gbk"), "gbk"))],
    ["UTF-8 web page", "report.html", () => utf8(toHtml())],
    ["UTF-16LE text with BOM", "report.txt", () => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toText(), "utf16le")]))],
    ["GB18030 text", "report.txt", () => new Uint8Array(iconv.encode(toText(), "gb18030"))],
    ["DOCX with the 2021 tables", "report.docx", () => toDocx()],
    ["text-layer PDF", "report.pdf", () => new Uint8Array(readFileSync(join(FIXTURES, "report-2021.pdf")))],
  ];
  it.each(cases)("%s", async (_name, file, bytes) => {
    const r = await parseReportAsync(file, bytes());
    expect(identityOf(r)).toEqual(identityOf(reference));
    expect(cellsOf(r)).toEqual(cellsOf(reference));
  });

  it("an image-only PDF is read by OCR: every cell it gives is the text version's", async () => {
    const r = await parseReportAsync("scan.pdf", new Uint8Array(readFileSync(join(FIXTURES, "report-2021-scan.pdf"))));
    expect(["ok", "partial"]).toContain(r.status);
    const valueOf = (c: string) => c.slice(0, c.indexOf("|")); // table.row.col=value (OCR may print the raw text differently)
    const truth = new Set(cellsOf(reference).map(valueOf));
    const read = cellsOf(r).map(valueOf);
    expect(read.filter((c) => !truth.has(c))).toEqual([]);
  });
});
