// Makes the binary PDF fixtures of tests/fixtures/files/ from the report model in
// tests/fixtures/files/report-2021.ts (the other formats are rendered at test time):
//
//   report-2021.pdf          text layer, tables with cell borders (ruled), page numbers
//   report-2021-unruled.pdf  the same without any borders (tables laid out by position only)
//   report-2021-scan.pdf     the ruled PDF's pages as pictures only (a scan, 图片版)
//   report-2021-password.pdf the ruled PDF encrypted with a user password (cannot be opened)
//   report-2021-locked.pdf   the ruled PDF encrypted with an owner password only (opens; copying
//                            "forbidden", as many government PDFs are)
//
// Needs a CJK TrueType font, pyftsubset and pdftoppm, at fixture-making time only:
//   apt-get install -y fonts-wqy-microhei fonttools poppler-utils qpdf
//   npx tsx tools/make-file-fixtures.ts
// The font (the first face of the collection) is cut down to the characters used with pyftsubset
// first: pdf-lib cannot read a .ttc, and its own subsetting (fontkit) loses glyphs of CJK fonts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import { BLOCKS, TITLE, logicalGrid, type Block, type Table } from "../tests/fixtures/files/report-2021.ts";

const OUT = join(import.meta.dirname, "..", "tests", "fixtures", "files");
const FONT = process.env.CJK_FONT ?? "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

const PAGE = { w: 595, h: 842, left: 72, right: 72, top: 72, bottom: 72 };
const WIDTH = PAGE.w - PAGE.left - PAGE.right;
const COLS: Record<number, number[]> = {
  4: [120, 110, 110, 111],
  10: [22, 60, 150, 37, 30, 30, 30, 30, 30, 32],
  15: [31, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};

async function makePdf(ruled: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(TITLE);
  doc.setCreator("nianbao tools/make-file-fixtures.ts");
  doc.setProducer("pdf-lib");
  const fixed = new Date("2023-01-20T00:00:00Z");
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const font = await doc.embedFont(subsetFont(), { subset: false });
  let page = doc.addPage([PAGE.w, PAGE.h]);
  let y = PAGE.h - PAGE.top; // PDF space: y up
  const pages: PDFPage[] = [page];
  const newPage = () => {
    page = doc.addPage([PAGE.w, PAGE.h]);
    pages.push(page);
    y = PAGE.h - PAGE.top;
  };
  const text = (s: string, x: number, baseline: number, size: number) => page.drawText(s, { x, y: baseline, size, font, color: rgb(0, 0, 0) });

  for (const b of BLOCKS) {
    if (b.kind === "table") {
      const height = tableHeight(b.table, font);
      if (y - height < PAGE.bottom) newPage();
      y = drawTable(page, b.table, font, y, ruled) - 14;
      continue;
    }
    const size = b.kind === "title" ? 16 : 12;
    const lead = size * 1.7;
    const lines = blockLines(b, font, size);
    if (y - lines.length * lead < PAGE.bottom) newPage();
    for (const line of lines) {
      y -= lead;
      const w = font.widthOfTextAtSize(line.text, size);
      const x = b.kind === "title" ? PAGE.left + (WIDTH - w) / 2 : b.kind === "sign" ? PAGE.left + WIDTH - w : PAGE.left + line.indent;
      text(line.text, x, y, size);
    }
    if (b.kind === "title") y -= 10;
  }
  pages.forEach((p, i) => {
    const label = `- ${i + 1} -`;
    p.drawText(label, { x: (PAGE.w - font.widthOfTextAtSize(label, 10)) / 2, y: 40, size: 10, font });
  });
  return doc.save({ useObjectStreams: false });
}

let subsetCache: Uint8Array | null = null;
function subsetFont(): Uint8Array {
  if (subsetCache) return subsetCache;
  const dir = mkdtempSync(join(tmpdir(), "nianbao-font-"));
  const chars = new Set<string>(["-", " ", ...TITLE]);
  for (const b of BLOCKS) {
    if (b.kind === "table") for (const row of b.table) for (const cell of row) for (const ch of cell.t) chars.add(ch);
    else for (const ch of b.text) chars.add(ch);
  }
  for (const ch of "0123456789") chars.add(ch);
  writeFileSync(join(dir, "chars.txt"), [...chars].join(""));
  execFileSync("pyftsubset", [FONT, `--text-file=${join(dir, "chars.txt")}`, `--output-file=${join(dir, "font.ttf")}`, "--no-hinting", "--font-number=0"]);
  subsetCache = new Uint8Array(readFileSync(join(dir, "font.ttf")));
  return subsetCache;
}

/** A paragraph wrapped to the text width, first line indented two characters (Chinese style). */
function blockLines(b: Exclude<Block, { kind: "table" }>, font: PDFFont, size: number): { text: string; indent: number }[] {
  if (b.kind === "title" || b.kind === "sign") return [{ text: b.text, indent: 0 }];
  const out: { text: string; indent: number }[] = [];
  let indent = 2 * size;
  let line = "";
  for (const ch of b.text) {
    if (font.widthOfTextAtSize(line + ch, size) > WIDTH - indent) {
      out.push({ text: line, indent });
      line = "";
      indent = 0;
    }
    line += ch;
  }
  if (line) out.push({ text: line, indent });
  return out;
}

const CELL_SIZE = 8;
const CELL_LEAD = 10;
const PAD = 2;

function wrapCell(s: string, width: number, font: PDFFont): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of s) {
    if (line && font.widthOfTextAtSize(line + ch, CELL_SIZE) > width - 2 * PAD) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

interface Placed {
  text: string;
  r: number;
  c: number;
  rs: number;
  cs: number;
}

function placeCells(table: Table): Placed[] {
  const taken = new Set<string>();
  const out: Placed[] = [];
  table.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${c}`)) c++;
      const rs = cell.rs ?? 1;
      const cs = cell.cs ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${r + dr}:${c + dc}`);
      out.push({ text: cell.t, r, c, rs, cs });
      c += cs;
    }
  });
  return out;
}

function rowHeights(table: Table, font: PDFFont): number[] {
  const width = logicalGrid(table)[0].length;
  const cols = COLS[width];
  const heights = table.map(() => 14);
  for (const p of placeCells(table)) {
    if (p.rs > 1) continue;
    const w = cols.slice(p.c, p.c + p.cs).reduce((s, v) => s + v, 0);
    heights[p.r] = Math.max(heights[p.r], wrapCell(p.text, w, font).length * CELL_LEAD + 5);
  }
  return heights;
}

function tableHeight(table: Table, font: PDFFont): number {
  return rowHeights(table, font).reduce((s, v) => s + v, 0);
}

function drawTable(page: PDFPage, table: Table, font: PDFFont, top: number, ruled: boolean): number {
  const width = logicalGrid(table)[0].length;
  const cols = COLS[width];
  if (!cols) throw new Error(`no column widths for ${width} columns`);
  const heights = rowHeights(table, font);
  const xAt = (c: number) => PAGE.left + cols.slice(0, c).reduce((s, v) => s + v, 0);
  const yAt = (r: number) => top - heights.slice(0, r).reduce((s, v) => s + v, 0);
  for (const p of placeCells(table)) {
    const x0 = xAt(p.c);
    const x1 = xAt(p.c + p.cs);
    const y0 = yAt(p.r);
    const y1 = yAt(p.r + p.rs);
    if (ruled) page.drawRectangle({ x: x0, y: y1, width: x1 - x0, height: y0 - y1, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
    wrapCell(p.text, x1 - x0, font).forEach((line, i) => {
      page.drawText(line, { x: x0 + PAD, y: y0 - PAD - CELL_SIZE - i * CELL_LEAD, size: CELL_SIZE, font, color: rgb(0, 0, 0) });
    });
  }
  return yAt(table.length);
}

/** The pages of a PDF as grey pictures (pdftoppm), put back into a PDF with no text at all. */
async function makeScan(pdf: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-scan-"));
  writeFileSync(join(dir, "in.pdf"), pdf);
  execFileSync("pdftoppm", ["-r", "45", "-gray", "-png", join(dir, "in.pdf"), join(dir, "page")]);
  const doc = await PDFDocument.create();
  doc.setCreator("nianbao tools/make-file-fixtures.ts (scan)");
  doc.setProducer("pdf-lib");
  const fixed = new Date("2023-01-20T00:00:00Z");
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".png")).sort()) {
    const img = await doc.embedPng(readFileSync(join(dir, f)));
    const page = doc.addPage([PAGE.w, PAGE.h]);
    page.drawImage(img, { x: 0, y: 0, width: PAGE.w, height: PAGE.h });
  }
  return doc.save();
}

const ruled = await makePdf(true);
writeFileSync(join(OUT, "report-2021.pdf"), ruled);
writeFileSync(join(OUT, "report-2021-unruled.pdf"), await makePdf(false));
writeFileSync(join(OUT, "report-2021-scan.pdf"), await makeScan(ruled));
const ruledPath = join(OUT, "report-2021.pdf");
execFileSync("qpdf", ["--static-id", "--encrypt", "secret", "owner-secret", "256", "--", ruledPath, join(OUT, "report-2021-password.pdf")]);
execFileSync("qpdf", ["--static-id", "--encrypt", "", "owner-secret", "256", "--extract=n", "--modify=none", "--print=none", "--", ruledPath, join(OUT, "report-2021-locked.pdf")]);
for (const f of ["report-2021.pdf", "report-2021-unruled.pdf", "report-2021-scan.pdf", "report-2021-password.pdf", "report-2021-locked.pdf"]) {
  console.log(f, readFileSync(join(OUT, f)).length, "bytes");
}
