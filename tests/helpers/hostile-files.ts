// Hostile inputs, generated at test time (nothing large is committed): each function writes one
// file into `dir` and returns its path. They reproduce the failures of issue 15: files that used
// to exhaust memory, hang far past the time limit, or go missing from the output.
import { deflateRawSync, constants as zconst, crc32 } from "node:zlib";
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";

const ROOT = join(import.meta.dirname, "..", "..");
/** A real, good report (parses "ok"). */
export const GOOD_REPORT = join(ROOT, "data/reports/real/zhangjiapo-2018.txt");
export const goodReportText = (): string => readFileSync(GOOD_REPORT, "utf8");

export function writeGood(dir: string, name = "good.txt"): string {
  const path = join(dir, name);
  writeFileSync(path, readFileSync(GOOD_REPORT));
  return path;
}

/** 200×200 cells, each rowspan=100000 colspan=100000 (1.6 MB): grew to 4.2 GB before. */
export function writeRowspanBomb(dir: string, name = "rowspan-bomb.html", size = 200): string {
  const row = `<tr>${'<td rowspan="100000" colspan="100000">x</td>'.repeat(size)}</tr>`;
  const path = join(dir, name);
  writeFileSync(path, `<html><head><meta charset="utf-8"><title>表格</title></head><body><table>${row.repeat(size)}</table></body></html>`);
  return path;
}

/** One table of `mb` MB of two-cell rows: seconds of parsing with no deadline check in them, so
 * only the watchdog stops it early (40 MB: a stack overflow before, 18 s now). */
export function writeHugeTable(dir: string, name = "huge-table.html", mb = 40): string {
  const unit = "<tr><td>示例</td><td>1</td></tr>";
  const path = join(dir, name);
  writeFileSync(path, `<html><body><table>${unit.repeat(Math.floor((mb * 1e6) / unit.length))}</table></body></html>`);
  return path;
}

/** `depth` nested <div>s around a short text (200,000: 370 s and a stack overflow before). */
export function writeDeepNesting(dir: string, name = "deep.html", depth = 200_000): string {
  const path = join(dir, name);
  writeFileSync(path, `<html><head><meta charset="utf-8"></head><body>${"<div>".repeat(depth)}示例镇2018年政府信息公开工作年度报告${"</div>".repeat(depth)}</body></html>`);
  return path;
}

// ---------------------------------------------------------------------------------------------
// DOCX packages written by hand, so that a header can under-state an entry's size

interface Entry {
  name: string;
  /** Raw deflate data. */
  data: Uint8Array;
  crc: number;
  /** The uncompressed size the headers claim. */
  size: number;
}

function entry(name: string, text: string): Entry {
  const raw = Buffer.from(text, "utf8");
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

function zip(entries: Entry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, Buffer.from(e.data));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cdBytes, end]));
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

function docx(document: Entry): Uint8Array {
  return zip([entry("[Content_Types].xml", CONTENT_TYPES), entry("_rels/.rels", RELS), document]);
}

/** document.xml of just under 64 MB made of tiny elements (about 66 KB zipped). */
export function writeElementBombDocx(dir: string, name = "element-bomb.docx", mb = 63): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>示例镇2018年政府信息公开工作年度报告</w:t></w:r></w:p><w:p>`;
  const tail = `</w:p></w:body></w:document>`;
  const unit = "<w:r/>";
  const body = unit.repeat(Math.floor((mb * 1048576 - head.length - tail.length) / unit.length));
  const path = join(dir, name);
  writeFileSync(path, docx(entry("word/document.xml", head + body + tail)));
  return path;
}

/**
 * A DOCX whose document.xml inflates to `inflatedMb` MB of spaces while its headers claim 1 KB.
 * Built from independently flushed deflate blocks, so a gigabyte costs a few megabytes and
 * milliseconds (the case: 42 MB inflating to ~30 GB).
 */
export function writeUnderstatedZipDocx(dir: string, name = "understated.docx", inflatedMb = 4096): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>`;
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: zconst.Z_FULL_FLUSH });
  const chunkMb = 64;
  const block = flushed(Buffer.alloc(chunkMb * 1048576, 0x20));
  const blocks = [flushed(Buffer.from(head)), ...Array.from({ length: Math.ceil(inflatedMb / chunkMb) }, () => block), deflateRawSync(Buffer.from("</w:t></w:r></w:p></w:body></w:document>"))];
  const document: Entry = { name: "word/document.xml", data: Buffer.concat(blocks), crc: 0, size: 1024 };
  const path = join(dir, name);
  writeFileSync(path, docx(document));
  return path;
}

/** One page with `runs` identical one-letter text runs at distinct positions (250,000: 214 s before). */
export async function writeManyRunsPdf(dir: string, name = "many-runs.pdf", runs = 250_000): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const side = Math.ceil(Math.sqrt(runs));
  const page = doc.addPage([side * 1.5 + 20, side * 1.5 + 20]);
  const key = page.node.newFontDictionary("F1", font.ref);
  const ops: string[] = [`BT ${key.toString()} 1 Tf`];
  for (let i = 0; i < runs; i++) ops.push(`1 0 0 1 ${10 + (i % side) * 1.5} ${10 + Math.floor(i / side) * 1.5} Tm (a) Tj`);
  ops.push("ET");
  const stream = doc.context.flateStream(ops.join("\n"));
  page.node.set(PDFName.of("Contents"), doc.context.register(stream));
  const path = join(dir, name);
  writeFileSync(path, await doc.save({ useObjectStreams: false }));
  return path;
}

/** The good report with one NUL byte at its end (rejected as binary before). */
export function writeTrailingNul(dir: string, name = "trailing-nul.txt"): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([readFileSync(GOOD_REPORT), Buffer.from([0])]));
  return path;
}

/** The good report, its first half in UTF-8 and the rest in GBK (read as GB18030 without a word before). */
export function writeMixedEncoding(dir: string, name = "mixed-encoding.txt"): string {
  const text = goodReportText();
  const cut = text.indexOf("\n", Math.floor(text.length / 2));
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from(text.slice(0, cut), "utf8"), iconv.encode(text.slice(cut), "gbk")]));
  return path;
}

/** A file whose name is GBK bytes (a zip made on Chinese Windows, unpacked on Linux); returns the name's text. */
export function writeGbkName(dir: string, name = "张家坡村2018年报告.txt"): string {
  const raw = Buffer.concat([Buffer.from(dir + "/"), iconv.encode(name, "gbk")]);
  writeFileSync(raw, readFileSync(GOOD_REPORT));
  return name;
}

/** A symlink to a good report, a symlink loop back to `dir`, a broken symlink and a FIFO. */
export function writeSpecialFiles(dir: string, target: string): { link: string; loop: string; broken: string; fifo: string } {
  const link = join(dir, "link-to-good.txt");
  const loop = join(dir, "loop");
  const broken = join(dir, "broken-link.txt");
  const fifo = join(dir, "fifo.txt");
  symlinkSync(target, link);
  symlinkSync(dir, loop);
  symlinkSync(join(dir, "does-not-exist.txt"), broken);
  // Node has no mkfifo: the coreutils command (a FIFO must never be opened: it blocks)
  if (spawnSync("mkfifo", [fifo]).status !== 0) throw new Error("mkfifo failed");
  return { link, loop, broken, fifo };
}
