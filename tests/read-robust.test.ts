// Files that are not clean reports: every one gets a status and a message a person can act on,
// through both entry points, and nothing throws.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { MAX_FILE_BYTES, readReport, readReportAsync, type ReadResult } from "../loaders/read/index.ts";
import { toDocx, toHtml } from "./fixtures/files/report-2021.ts";
import { minimalPdf } from "./fixtures/files/minimal-pdf.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "files");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const PDF = fixture("report-2021.pdf");
const DOCX = toDocx();

type Expect = { kind: ReadResult["kind"]; message?: RegExp; warning?: RegExp; incomplete?: boolean };

/** Reads through the async entry point (and the sync one, where it reads the format) and checks the outcome. */
async function check(name: string, bytes: Uint8Array, want: Expect, options = {}) {
  const results = [await readReportAsync(name, bytes, options)];
  const sync = readReport(name, bytes, options);
  if (!(sync.kind === "unsupported" && /readReportAsync/.test(sync.message))) results.push(sync);
  for (const r of results) {
    expect(r.kind, "message" in r ? r.message : "").toBe(want.kind);
    if ("message" in r) {
      expect(r.message).toMatch(/[\u4e00-\u9fff]/); // a message a person can read
      if (want.message) expect(r.message).toMatch(want.message);
    } else {
      if (want.warning) expect(r.warnings.join("\n")).toMatch(want.warning);
      if (want.incomplete !== undefined) expect(r.incomplete).toBe(want.incomplete);
    }
  }
}

describe("empty, huge and binary files", () => {
  it("empty", () => check("a.pdf", new Uint8Array(0), { kind: "error", message: /空文件/ }));
  it("over the size limit", () => check("a.pdf", new Uint8Array(MAX_FILE_BYTES + 1), { kind: "error", message: /文件过大.*上限 50 MB/ }));
  it("binary bytes named .txt", () => check("a.txt", new Uint8Array([1, 2, 3, 0, 0, 5, 6, 0, 7]), { kind: "error", message: /二进制/ }));
  it("control characters named .html", () => check("a.html", new Uint8Array(Array.from({ length: 400 }, (_, i) => (i % 7) + 1)), { kind: "error", message: /二进制/ }));
  it("a picture", () => check("scan.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), { kind: "needs-ocr", message: /图片.*OCR/ }));
  it("a PNG named .txt", () => check("a.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { kind: "needs-ocr", message: /图片/ }));
  it("a ZIP archive", () => check("reports.zip", zipSync({ "a.txt": strToU8("x") }), { kind: "unsupported", message: /解压/ }));
  it("an unknown type", () => check("report.xyz", utf8("x"), { kind: "unsupported", message: /不支持的文件类型/ }));
  it("OFD", () => check("report.ofd", zipSync({ "OFD.xml": strToU8("<ofd:OFD/>") }), { kind: "unsupported", message: /OFD/ }));
});

describe("PDF", () => {
  it("not a PDF at all", () => check("a.pdf", utf8("hello world, not a pdf"), { kind: "error", message: /不是有效的 PDF/ }));
  it("an error page saved as .pdf", () => check("a.pdf", utf8("<!DOCTYPE html><html><body>404 Not Found</body></html>"), { kind: "error", message: /内容是网页.*重新下载/ }));
  it("a header and garbage", () => check("a.pdf", new Uint8Array([...utf8("%PDF-1.4\n"), ...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)]), { kind: "error", message: /已损坏或不完整/ }));
  it("cut in the first kilobyte", () => check("a.pdf", PDF.subarray(0, 1000), { kind: "error", message: /已损坏或不完整/ }));
  it("cut near the end (a download cut short): what is there is read, with a warning", () =>
    check("a.pdf", PDF.subarray(0, PDF.length - 200), { kind: "text", warning: /不完整.*下载/, incomplete: true }));
  it("a real report cut at 80%: the first pages are read", async () => {
    const real = join(import.meta.dirname, "..", "..", "shared", "real-reports", "huaian-city-2024.pdf");
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(real));
    } catch {
      console.warn(`[read-robust] ${real} is absent: skipped`);
      return;
    }
    const r = await readReportAsync("huaian.pdf", bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    expect(r.kind).toBe("text");
    if (r.kind === "text") {
      expect(r.text).toContain("淮安市人民政府");
      expect(r.warnings.join()).toMatch(/不完整/);
    }
  });
  it("encrypted with a password", () => check("a.pdf", fixture("report-2021-password.pdf"), { kind: "error", message: /已加密.*密码/ }));
  it("encrypted with an owner password only (copying forbidden) is read", async () => {
    const r = await readReportAsync("a.pdf", fixture("report-2021-locked.pdf"));
    expect(r.kind).toBe("text");
    if (r.kind === "text") expect(r.tables).toHaveLength(3);
  });
  it("a scan", () => check("a.pdf", fixture("report-2021-scan.pdf"), { kind: "text", warning: /文字经 OCR 识别/ }));
  it("text pages and pictured pages mixed: the text is read, the pictured pages are named", async () => {
    const out = await PDFDocument.create();
    const text = await PDFDocument.load(PDF);
    const scan = await PDFDocument.load(fixture("report-2021-scan.pdf"));
    const [p1] = await out.copyPages(text, [0]);
    const [p2, p3] = await out.copyPages(scan, [1, 2]);
    [p1, p2, p3].forEach((p) => out.addPage(p));
    await check("mixed.pdf", await out.save(), { kind: "text", warning: /第 2、3 页没有文字层.*OCR/, incomplete: true });
  });
  it("a text layer that decodes to mojibake (GBK bytes shown in a Latin font) needs OCR", () => {
    const gbk = "\xc7\xe0\xca\xaf\xd5\xf2\xc8\xcb\xc3\xf1\xd5\xfe\xb8\xae".repeat(8); // 青石镇人民政府 in GBK
    return check("a.pdf", minimalPdf(`BT /F1 16 Tf 72 760 Td (${gbk}) Tj ET`, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"), { kind: "needs-ocr", message: /乱码/ });
  });
  it("a PDF saved under an .html name is read as a PDF", () => check("report.html", PDF, { kind: "text", warning: /扩展名.*PDF/, incomplete: false }));
  it("the time limit", () => check("a.pdf", PDF, { kind: "error", message: /读取超时/ }, { timeLimitMs: 0 }));
});

describe("Word", () => {
  it("not a ZIP", () => check("a.docx", utf8("plain text, not a docx"), { kind: "error", message: /不是有效的 DOCX/ }));
  it("a truncated DOCX", () => check("a.docx", DOCX.subarray(0, Math.floor(DOCX.length / 2)), { kind: "error", message: /已损坏或不完整/ }));
  it("a ZIP without word/document.xml", () => check("a.docx", zipSync({ "hello.txt": strToU8("x") }), { kind: "error", message: /word\/document\.xml/ }));
  it("an Excel workbook named .docx", () => check("a.docx", zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }), { kind: "unsupported", message: /Excel/ }));
  it("broken XML: what can be read is read, with a warning", () =>
    check("a.docx", zipSync({ "word/document.xml": strToU8(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>某镇2022年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>正文&nbsp;</w:t></w:body>`) }), { kind: "text", warning: /XML 有错误/, incomplete: true }));
  it("pictures only (a scan pasted into Word)", () =>
    check("a.docx", zipSync({ "word/document.xml": strToU8(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>`), "word/media/image1.png": new Uint8Array([0x89, 0x50]) }), { kind: "needs-ocr", message: /只有图片/ }));
  it("an old .doc (OLE) named .docx", () => check("a.docx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { kind: "unsupported", message: /旧版 Word.*另存为 \.docx/ }));
  it(".doc", () => check("a.doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { kind: "unsupported", message: /\.doc.*另存为 \.docx 或 \.pdf/ }));
  it(".wps", () => check("a.wps", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { kind: "unsupported", message: /WPS.*另存为/ }));
  it("a web page saved as .doc is read as a page", () => check("a.doc", utf8(toHtml()), { kind: "text", warning: /扩展名.*网页/ }));
  it("RTF", () => check("a.doc", utf8("{\\rtf1\\ansi hello}"), { kind: "unsupported", message: /RTF/ }));
  it("a part that unzips to more than the limit (zip bomb)", () => {
    const zip = new Uint8Array(toDocx());
    // Claim a huge uncompressed size for word/document.xml in the central directory.
    const view = new DataView(zip.buffer);
    for (let i = 0; i < zip.length - 46; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const name = new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength));
      if (name === "word/document.xml") view.setUint32(i + 24, 0x7fff0000, true);
    }
    return check("a.docx", zip, { kind: "error", message: /超过 64 MB/ });
  });
  it("the time limit", () => check("a.docx", DOCX, { kind: "error", message: /读取超时/ }, { timeLimitMs: 0 }));
});

describe("a reader bug never escapes", () => {
  it("bytes that are not a Uint8Array-like are reported, not thrown", async () => {
    const r = await readReportAsync("a.txt", null as unknown as Uint8Array);
    expect(r.kind).toBe("error");
    expect(readReport("a.txt", undefined as unknown as Uint8Array).kind).toBe("error");
  });
});
