// One report (tests/fixtures/files/report-2021.ts) in every format and encoding the reader
// supports reads back to the same text lines and the same table grids as its UTF-8 text and
// UTF-8 web page.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { PDFDocument, degrees } from "pdf-lib";
import { strToU8, zipSync } from "fflate";
import { readReport, readReportAsync, type ReadResult, type ReadText } from "../loaders/read/index.ts";
import { normaliseText, normaliseWithPages } from "../loaders/normalise.ts";
import type { Grid } from "../loaders/read/grid.ts";
import { minimalPdf, STSONG_UCS2 } from "./fixtures/files/minimal-pdf.ts";
import { BLOCKS, TABLE_2, TABLE_3, TABLE_4, TITLE, logicalGrid, toDocx, toHtml, toText } from "./fixtures/files/report-2021.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "files");
const utf8 = (s: string) => new TextEncoder().encode(s);

function text(r: ReadResult): ReadText {
  if (r.kind !== "text") throw new Error(`${r.kind}: ${r.message}`);
  return r;
}
const lines = (s: string) => normaliseText(s).split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
const cells = (g: Grid) => g.rows.map((row) => row.map((c) => (c.spanned ? `^${c.text}` : c.text)));
const model = (t: typeof TABLE_2) => logicalGrid(t).map((row) => row.map((c) => (c.spanned ? `^${c.text}` : c.text)));

const referenceText = text(readReport("report.txt", utf8(toText())));
const referenceHtml = text(readReport("report.html", utf8(toHtml())));
const expectedLines = lines(toText());
const expectedGrids = [TABLE_2, TABLE_3, TABLE_4].map(model);

describe("the references", () => {
  it("UTF-8 text reads as written", () => {
    expect(referenceText.encoding).toBe("utf-8");
    expect(lines(referenceText.text)).toEqual(expectedLines);
  });
  it("the UTF-8 page gives the same lines and the model's grids", () => {
    expect(lines(referenceHtml.text)).toEqual(expectedLines);
    expect(referenceHtml.tables.map(cells)).toEqual(expectedGrids);
  });
});

describe("text files in other encodings give the same text", () => {
  const plain = toText();
  const cases: [string, Uint8Array, string][] = [
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(plain)]), "utf-8"],
    ["UTF-16LE with BOM", new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plain, "utf16le")])), "utf-16le"],
    ["UTF-16BE with BOM", new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(plain, "utf16le").swap16()])), "utf-16be"],
    ["UTF-16LE without BOM", new Uint8Array(Buffer.from(plain, "utf16le")), "utf-16le"],
    ["UTF-16BE without BOM", new Uint8Array(Buffer.from(plain, "utf16le").swap16()), "utf-16be"],
    ["GBK", new Uint8Array(iconv.encode(plain, "gbk")), "gb18030"],
    ["GB18030", new Uint8Array(iconv.encode(plain, "gb18030")), "gb18030"],
  ];
  it.each(cases)("%s", (_name, bytes, encoding) => {
    const r = text(readReport("report.txt", bytes));
    expect(r.encoding).toBe(encoding);
    expect(r.text.replace(/\r\n/g, "\n")).toBe(plain);
  });

  it("UTF-16 without BOM and without any ASCII is still found", () => {
    const han = "青石镇人民政府政府信息公开工作年度报告本年新收政府信息公开申请数量";
    const r = text(readReport("a.txt", new Uint8Array(Buffer.from(han, "utf16le"))));
    expect(r).toMatchObject({ text: han, encoding: "utf-16le" });
  });

  it("a short GB2312 title is not mistaken for Big5 or UTF-8", () => {
    const r = text(readReport("a.txt", new Uint8Array(iconv.encode("某镇2020年政府信息公开工作年度报告", "gb2312"))));
    expect(r).toMatchObject({ text: "某镇2020年政府信息公开工作年度报告", encoding: "gb18030" });
  });

  it("Big5 (a Traditional mirror copy) is detected, and normalises to Simplified", () => {
    const trad = "青石鎮人民政府2022年政府資訊公開工作年度報告\n本年新收政府資訊公開申請數量13件，行政複議1件。\n規範性檔案由入口網站公開。\n";
    const r = text(readReport("a.txt", new Uint8Array(iconv.encode(trad, "big5"))));
    expect(r.encoding).toBe("big5");
    expect(r.text).toBe(trad);
    expect(normaliseText(r.text)).toBe("青石镇人民政府2022年政府信息公开工作年度报告\n本年新收政府信息公开申请数量13件，行政复议1件。\n规范性文件由门户网站公开。\n");
  });

  it("a truncated UTF-8 file (cut inside a character) stays UTF-8", () => {
    const all = utf8(plain);
    let cut = 300;
    while ((all[cut] & 0xc0) !== 0x80) cut++; // inside a multi-byte character
    const bytes = all.subarray(0, cut);
    const r = text(readReport("a.txt", bytes));
    expect(r.encoding).toBe("utf-8 (lossy)");
    expect(r.text.startsWith(plain.slice(0, 50))).toBe(true);
  });
});

describe("saved pages: the declared charset is honoured, and caught when it lies", () => {
  const cases: [string, Uint8Array][] = [
    ["GBK page declaring gb2312", new Uint8Array(iconv.encode(toHtml(BLOCKS, "gb2312"), "gbk"))],
    ["GBK page declaring utf-8 (a lie)", new Uint8Array(iconv.encode(toHtml(BLOCKS, "utf-8"), "gbk"))],
    ["UTF-8 page declaring gbk (a lie)", utf8(toHtml(BLOCKS, "gbk"))],
    ["GBK page declaring nothing", new Uint8Array(iconv.encode(toHtml(BLOCKS, "").replace(/<meta[^>]*>/, ""), "gbk"))],
    ["UTF-16LE page with BOM", new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toHtml(BLOCKS, "utf-16"), "utf16le")]))],
  ];
  it.each(cases)("%s", (_name, bytes) => {
    const r = text(readReport("report.htm", bytes));
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.tables.map(cells)).toEqual(expectedGrids);
  });

  it("a web archive (.mht, quoted-printable GBK) reads like the page", () => {
    const html = iconv.encode(toHtml(BLOCKS, "gb2312"), "gbk");
    const qp = [...html].map((b) => (b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
    const wrapped = qp.replace(/(.{70})/g, "$1=\r\n");
    const mht = `From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/art/2023/1/20/1.html\r\nSubject: ${TITLE}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc"\r\n\r\n------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://www.example.gov.cn/art/2023/1/20/1.html\r\n\r\n${wrapped}\r\n------MultipartBoundary--abc--\r\n`;
    const r = text(readReport("report.mht", utf8(mht)));
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.tables.map(cells)).toEqual(expectedGrids);
    expect(r.url).toBe("https://www.example.gov.cn/art/2023/1/20/1.html");
  });
});

describe("DOCX with the 2021 tables", () => {
  const docx = toDocx();
  it("gives the same lines and grids as the UTF-8 page (sync and async entry points)", async () => {
    for (const r of [text(readReport("report.docx", docx)), text(await readReportAsync("report.docx", docx))]) {
      expect(r.format).toBe("docx");
      expect(lines(r.text)).toEqual(expectedLines);
      expect(r.tables.map(cells)).toEqual(expectedGrids);
    }
  });
  it("cells carry docx provenance", () => {
    const r = text(readReport("report.docx", docx));
    expect(r.tables.map((t) => t.source)).toEqual(["docx:t1", "docx:t2", "docx:t3"]);
    expect(r.tables[1].rows[3][3]).toEqual({ text: "12", source: "docx:t2:r4:c2" });
    expect(r.tables[1].rows[3][0]).toMatchObject({ text: "一、本年新收政府信息公开申请数量", source: "docx:t2:r4:c1" });
  });
  it("a DOCX whose body is an imported web page (w:altChunk) reads like the page", () => {
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
    const docRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.htm"/></Relationships>`;
    const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:altChunk r:id="htmlChunk"/><w:sectPr/></w:body></w:document>`;
    const bytes = zipSync({ "_rels/.rels": strToU8(rels), "word/_rels/document.xml.rels": strToU8(docRels), "word/document.xml": strToU8(doc), "word/afchunk.htm": new Uint8Array(iconv.encode(toHtml(BLOCKS, "gb2312"), "gbk")) });
    const r = text(readReport("oa-export.docx", bytes));
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.tables.map(cells)).toEqual(expectedGrids);
    expect(r.tables[1].source).toBe("docx:t2");
    expect(r.tables[1].rows[3][3].source).toBe("docx:t2:r4:c2");
  });
  it("a .wps that is really a .docx is read, with a warning", () => {
    const r = text(readReport("report.wps", docx));
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.warnings.join()).toMatch(/扩展名/);
  });
});

describe("PDF made from the same report (tests/fixtures/files, tools/make-file-fixtures.ts)", () => {
  const pdf = new Uint8Array(readFileSync(join(FIXTURES, "report-2021.pdf")));
  it("a text-layer PDF gives the same lines and grids, with pages", async () => {
    const r = text(await readReportAsync("report.pdf", pdf));
    expect(r.format).toBe("pdf");
    expect(r.pages).toBe(3);
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.tables.map(cells)).toEqual(expectedGrids);
    expect(r.tables.map((t) => t.source)).toEqual(["pdf:p1:t1", "pdf:p2:t1", "pdf:p2:t2"]);
    expect(r.tables[1].rows[3][3]).toEqual({ text: "12", source: "pdf:p2:t1:r4:c4" });
    // Page offsets: page 2 begins with table 三 (its heading ends page 1); page numbers ("- 1 -") are gone.
    expect(r.pageStarts).toHaveLength(3);
    expect(r.text.slice(0, r.pageStarts![1]).trimEnd()).toMatch(/三、收到和处理政府信息公开申请情况$/);
    expect(r.text.slice(r.pageStarts![1])).toMatch(/^\s*（本列数据的勾稽关系为/);
    expect(r.text.slice(r.pageStarts![2])).toMatch(/^\s*青石镇人民政府\n2023年1月20日$/);
    expect(r.text).not.toMatch(/- \d -/);
    // Normalising keeps the offsets right (table rows lose their trailing tabs, for one).
    const n = normaliseWithPages(r.text, r.pageStarts!);
    expect(n.text).toBe(normaliseText(r.text));
    expect(n.text.slice(n.pageStarts[1])).toMatch(/^\s*（本列数据的勾稽关系为/);
    expect(n.text.slice(n.pageStarts[2])).toMatch(/^\s*青石镇人民政府\n2023年1月20日$/);
  });
  it.each([90, 180, 270])("pages rotated by %i° read the same (the text is turned upright)", async (angle) => {
    const doc = await PDFDocument.load(pdf);
    for (const p of doc.getPages()) p.setRotation(degrees(angle));
    const r = text(await readReportAsync("rotated.pdf", await doc.save()));
    expect(lines(r.text)).toEqual(expectedLines);
    expect(r.tables.map(cells)).toEqual(expectedGrids);
  });
  it("a CJK font that is not embedded (STSong-Light, UniGB-UCS2-H) reads through the CMaps shipped with pdfjs-dist, offline", async () => {
    const hex = (t: string) => [...t].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, "0")).join("");
    const body = minimalPdf(`BT /F1 16 Tf 72 760 Td <${hex(TITLE)}> Tj ET`, STSONG_UCS2);
    const r = text(await readReportAsync("cmap.pdf", body));
    expect(r.text).toBe(TITLE);
  });
  it("the synchronous entry point says to use the async one", () => {
    const r = readReport("report.pdf", pdf);
    expect(r).toMatchObject({ kind: "unsupported", message: expect.stringMatching(/readReportAsync/) });
  });
  it("a PDF without ruling lines still gives tab-separated rows and grids from x-positions", async () => {
    const r = text(await readReportAsync("report.pdf", new Uint8Array(readFileSync(join(FIXTURES, "report-2021-unruled.pdf")))));
    const got = lines(r.text);
    expect(got).toContain("一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t0\t0\t13");
    expect(got).toContain("四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1");
    expect(got).toContain("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
    const t3 = r.tables.find((g) => g.rows.some((row) => row[0]?.text === "一、本年新收政府信息公开申请数量"));
    expect(t3).toBeDefined();
    const row = t3!.rows.find((rw) => rw[0].text === "一、本年新收政府信息公开申请数量")!;
    expect(row.filter((c) => !c.spanned).map((c) => c.text)).toEqual(["一、本年新收政府信息公开申请数量", "12", "1", "0", "0", "0", "0", "13"]);
    expect(t3!.source).toMatch(/^pdf:p2:t\d+$/);
  });
  it("an image-only PDF (a scan) is read by OCR", async () => {
    const r = await readReportAsync("scan.pdf", new Uint8Array(readFileSync(join(FIXTURES, "report-2021-scan.pdf"))));
    expect(r).toMatchObject({ kind: "text", ocr: true, warnings: expect.arrayContaining([expect.stringMatching(/文字经 OCR 识别/)]) });
  });
});

describe("a page's HTML held in a text file", () => {
  // The page's body only (a scraper keeps what is inside <body>), after some lines of its own.
  const body = toHtml().replace(/^[\s\S]*?<body[^>]*>/i, "").replace(/<\/body>[\s\S]*$/i, "");
  it("a crawler's page.txt whose body is the page source reads like the page, tables included", () => {
    const r = text(readReport("page.txt", utf8(`标题：${TITLE}\n抓取时间：2024-02-01\n==== 正文 ====\n${body}`)));
    expect(r.format).toBe("html");
    expect(r.tables.map(cells)).toEqual(expectedGrids);
    expect(r.warnings.join()).toMatch(/网页源码/);
  });
  it("a .js that writes the page as a string literal (escaped quotes, \\n) is unescaped and read as the page", () => {
    const script = `document.write(${JSON.stringify(body)});\n`;
    expect(script).toContain('\\"');
    const r = text(readReport("content.js", utf8(script)));
    expect(r.tables.map(cells)).toEqual(expectedGrids);
    expect(lines(r.text)).toEqual(expectedLines.filter((l) => lines(referenceHtml.text).includes(l)));
  });
  it("a .js without a page in it is not a report", () => {
    expect(readReport("jquery.js", utf8("(function(){var a=1;return a;})();\n")).kind).toBe("unsupported");
  });
  it("a text report that merely mentions a title in angle brackets stays text", () => {
    const r = text(readReport("report.txt", utf8(`${toText()}\n依据<中华人民共和国政府信息公开工作年度报告格式>编制。\n`)));
    expect(r.format).toBe("text");
  });
});
