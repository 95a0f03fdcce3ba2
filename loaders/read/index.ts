// The one entry point from a file's bytes to the report's text and tables. Everything here is
// pure: callers do the file I/O (see corpus.ts) and pass bytes in. Nothing throws: every file
// gets a ReadResult, failures with a message a person can act on.
//
// - readReportAsync(path, bytes): every supported format (text, saved pages, DOCX, PDF).
// - readReport(path, bytes): the same, synchronously, for everything but PDF (pdfjs is async);
//   a PDF gets "unsupported" with a message pointing to readReportAsync.
//
// The format comes from the bytes when they say it (%PDF, a ZIP with word/document.xml, an OLE
// container, an image, a web archive), from the file name otherwise: a PDF saved as .html or a
// Word file saved as .wps is read for what it is, with a warning.
//
// Limits: files over MAX_FILE_BYTES are not read; PDF and DOCX parsing stops after
// PARSE_TIME_LIMIT_MS (options.timeLimitMs) with an "error" status. The limit is checked between
// pages (PDF), between XML chunks and table rows (DOCX), and around every pdfjs call, so one
// file cannot hold up a corpus. PDFs: at most MAX_PDF_PAGES pages; DOCX: XML parts at most
// MAX_DOCX_PART_BYTES once unzipped. These checks cannot fire inside one busy stretch of code:
// the parse pool's watchdog (loaders/parallel/pool.ts) stops any file, of any format, past the limit.
import { decodeBytes, utf16Parity } from "./decode.ts";
import { declaredCharset, readHtml } from "./html.ts";
import { readDocx } from "./docx.ts";
import { isMht, mhtHtmlPart } from "./mht.ts";
import { markupInText } from "./markup-in-text.ts";
import { Deadline, ReadFailure } from "./errors.ts";
import { ocrPageTimeLimitMs } from "./ocr.ts";
import type { Grid } from "./grid.ts";

export { MAX_PDF_PAGES } from "./pdf.ts";
export { MAX_DOCX_PART_BYTES } from "./docx.ts";

export interface ReadText {
  kind: "text";
  text: string;
  /** The text encoding that was detected (text, HTML), "utf-8" for DOCX, "pdf" for a PDF's text layer. */
  encoding: string;
  format: "text" | "html" | "docx" | "pdf" | "image";
  /** Real tables of the file (HTML, DOCX, PDF); text renderings are recovered later from `text`. */
  tables: Grid[];
  /** The file's own title (HTML <title>, DOCX/PDF metadata), a candidate for the report's title. */
  title: string | null;
  pageDate: string | null;
  url: string | null;
  /** Problems that did not stop the reading (pages without text, a misleading extension, XML errors). */
  warnings: string[];
  /**
   * Content is known to be missing (a truncated PDF read after repair, PDF pages that failed or
   * carry no text, DOCX XML errors, bytes that were not valid in the detected encoding): the
   * record is at best "partial".
   */
  incomplete: boolean;
  /** PDF only: the offset in `text` where each page begins (index 0 = page 1). */
  pageStarts?: number[];
  /** PDF only: the number of pages. */
  pages?: number;
  /** Some or all of the text was read from page images by OCR (a scan or an image file). */
  ocr?: boolean;
  /** With `ocr`: the pages (1-based) whose text came from OCR. */
  ocrPages?: number[];
}

export type ReadResult =
  | ReadText
  | { kind: "unsupported"; message: string }
  | { kind: "needs-ocr"; message: string }
  | { kind: "error"; message: string };

export interface ReadOptions {
  /** Per-file time limit for PDF and DOCX parsing, in ms (default PARSE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** Time OCR may take per scanned page or image, granted on top of the file's limit (default ocrPageTimeLimitMs()). */
  ocrPageTimeLimitMs?: number;
}

/** Files over this size are reported, not read (a township report is rarely over 2 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Per-file time limit for PDF and DOCX parsing. */
export const PARSE_TIME_LIMIT_MS = 30_000;

/** The per-file time limit in force: NIANBAO_FILE_TIME_LIMIT_MS when set (tests use a short one),
 * else PARSE_TIME_LIMIT_MS. The parse pool's watchdog enforces it on every format. */
export function fileTimeLimitMs(): number {
  const v = Number(typeof process === "undefined" ? undefined : process.env.NIANBAO_FILE_TIME_LIMIT_MS);
  return Number.isFinite(v) && v > 0 ? v : PARSE_TIME_LIMIT_MS;
}

const TEXT_EXTS = new Set([".txt", ".md", ".text"]);
/** Some sites deliver the report as a script or data file holding its HTML: read when it does. */
const SCRIPT_EXTS = new Set([".js", ".json"]);
const HTML_EXTS = new Set([".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".asp", ".aspx", ".jsp", ".php"]);
const IMAGE_EXTS = new Set([".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"]);
const CONVERT = "请另存为 .docx 或 .pdf 后重试";
const UNSUPPORTED: Record<string, string> = {
  ".doc": `不支持旧版 Word（.doc）格式：${CONVERT}`,
  ".wps": `不支持 WPS（.wps）格式：${CONVERT}`,
  ".rtf": `不支持 RTF 格式：${CONVERT}`,
  ".xls": "这是 Excel 表格（.xls），不是年度报告正文：请提供报告的 .docx、.pdf 或网页版本",
  ".xlsx": "这是 Excel 表格（.xlsx），不是年度报告正文：请提供报告的 .docx、.pdf 或网页版本",
  ".zip": "这是压缩包：请先解压，再放入报告文件",
  ".rar": "这是压缩包：请先解压，再放入报告文件",
  ".7z": "这是压缩包：请先解压，再放入报告文件",
  ".ofd": "不支持 OFD 格式：请用数科阅读器等软件另存为 PDF 后重试",
};
const IMAGE_NEEDS_ASYNC = "文件是图片，需要用异步接口读取（readReportAsync）才能 OCR 识别：请提供文字版 PDF、DOCX 或网页版本";
const PDF_NEEDS_ASYNC = "PDF 需要用异步接口读取（readReportAsync），当前流程尚未接入：请暂时提供网页、文本或 DOCX 版本";

export function extensionOf(path: string): string {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : "";
}

type Format = "text" | "script" | "html" | "mht" | "docx" | "pdf" | "image";
type Route = { format: Format; warnings: string[] } | { failure: ReadResult };

/** Synchronous reading: text, saved pages and DOCX; a PDF gets "unsupported" (use readReportAsync). */
export function readReport(path: string, bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  try {
    const route = routeOf(path, bytes);
    if ("failure" in route) return route.failure;
    if (route.format === "pdf") return { kind: "unsupported", message: PDF_NEEDS_ASYNC };
    if (route.format === "image") return { kind: "needs-ocr", message: IMAGE_NEEDS_ASYNC };
    return readSync(route.format, bytes, route.warnings, new Deadline(options.timeLimitMs ?? fileTimeLimitMs()));
  } catch (e) {
    return failureOf(e);
  }
}

/** Every supported format, PDF included. Never rejects. */
export async function readReportAsync(path: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const route = routeOf(path, bytes);
    if ("failure" in route) return route.failure;
    const deadline = new Deadline(options.timeLimitMs ?? fileTimeLimitMs());
    const ocrPageMs = options.ocrPageTimeLimitMs ?? ocrPageTimeLimitMs();
    if (route.format === "image") return await readImage(extensionOf(path), bytes, deadline.grant(ocrPageMs));
    if (route.format !== "pdf") return readSync(route.format, bytes, route.warnings, deadline);
    const { readPdf } = await import("./pdf.ts");
    const pdf = await readPdf(bytes, deadline, ocrPageMs);
    return {
      kind: "text", text: pdf.text, encoding: "pdf", format: "pdf", tables: pdf.tables, title: pdf.title,
      pageDate: null, url: null, warnings: [...route.warnings, ...pdf.warnings], incomplete: pdf.incomplete, pageStarts: pdf.pageStarts, pages: pdf.pages, ocr: pdf.ocr, ocrPages: pdf.ocrPages,
    };
  } catch (e) {
    return failureOf(e);
  }
}

/** An image file: one page read by OCR, laid out like a PDF page. */
async function readImage(ext: string, bytes: Uint8Array, deadline: Deadline): Promise<ReadResult> {
  const what = `文件是图片（${ext || "图片"}），不是文字版报告`;
  const { ocrImageFile } = await import("./scan.ts");
  const { layoutPages } = await import("./pdf-layout.ts");
  let scan;
  try {
    scan = await ocrImageFile(bytes, deadline);
  } catch (e) {
    if (e instanceof ReadFailure && e.kind === "needs-ocr") return { kind: "needs-ocr", message: `${what}，且无法 OCR 识别：${e.message}` };
    if (e instanceof ReadFailure) throw e;
    return { kind: "needs-ocr", message: `${what}，且图片无法解码，无法 OCR 识别（${(e as Error)?.message ?? e}）：请另存为 PNG 或 JPEG 后重试，或提供文字版 PDF、DOCX 或网页版本` };
  }
  if (scan.inputs.every((p) => p.runs.length === 0)) return { kind: "needs-ocr", message: `${what}，OCR 未识别出文字（图片可能空白或过于模糊）：请提供更清晰的扫描件或文字版本` };
  const layout = layoutPages(scan.inputs);
  return {
    kind: "text", text: layout.text, encoding: "ocr", format: "image", tables: layout.tables, title: null, pageDate: null, url: null,
    warnings: [`${what}，文字经 OCR 识别：请以原件为准`, ...scan.warnings], incomplete: false, pageStarts: layout.pageStarts, pages: scan.inputs.length, ocr: true, ocrPages: scan.inputs.map((p) => p.page),
  };
}

function failureOf(e: unknown): ReadResult {
  if (e instanceof ReadFailure) return { kind: e.kind, message: e.message };
  return { kind: "error", message: `读取出错（程序缺陷，请报告）：${(e as Error)?.message ?? String(e)}` };
}

function readSync(format: Exclude<Format, "pdf">, bytes: Uint8Array, warnings: string[], deadline: Deadline): ReadResult {
  if (format === "docx") {
    const doc = readDocx(bytes, deadline);
    return { kind: "text", text: doc.text, encoding: "utf-8", format: "docx", tables: doc.tables, title: doc.title, pageDate: null, url: null, warnings: [...warnings, ...doc.warnings], incomplete: doc.incomplete };
  }
  if (format === "mht") {
    const part = mhtHtmlPart(bytes);
    if (!part) return { kind: "error", message: "网页存档（.mht）中没有找到网页正文：请在浏览器中打开后另存为“网页，仅 HTML”(.html)" };
    const head = new TextDecoder("latin1").decode(part.bytes.subarray(0, 4096));
    const { text, encoding, mixed } = decodeBytes(part.bytes, part.charset ?? declaredCharset(head));
    const page = readHtml(text);
    return { kind: "text", encoding, format: "html", ...page, url: page.url ?? part.url, warnings: [...warnings, ...encodingWarnings(mixed), ...page.warnings], incomplete: encoding.includes("lossy") };
  }
  bytes = withoutTrailingNuls(bytes);
  if (looksBinary(bytes)) return { kind: "error", message: "文件内容是二进制数据而不是文本：文件可能已损坏或扩展名有误" };
  if (format === "html") {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
    const { text, encoding, mixed } = decodeBytes(bytes, declaredCharset(head));
    const page = readHtml(text);
    return { kind: "text", encoding, format: "html", ...page, warnings: [...warnings, ...encodingWarnings(mixed), ...page.warnings], incomplete: encoding.includes("lossy") };
  }
  const { text, encoding, mixed } = decodeBytes(bytes);
  const markup = markupInText(text);
  if (markup !== null) {
    const page = readHtml(markup);
    return { kind: "text", encoding, format: "html", ...page, warnings: [...warnings, ...encodingWarnings(mixed), "文本文件中保存的是网页源码：已按网页读取（含表格）", ...page.warnings], incomplete: encoding.includes("lossy") };
  }
  if (format === "script") return { kind: "unsupported", message: "这是脚本或数据文件（.js/.json），其中没有网页正文：请提供报告的网页、文本、DOCX 或 PDF 版本" };
  return { kind: "text", text, encoding, format: "text", tables: [], title: null, pageDate: null, url: null, warnings: [...warnings, ...encodingWarnings(mixed)], incomplete: encoding.includes("lossy") };
}

/** What the reader should know about the decoding (a file mixing UTF-8 and GBK). */
function encodingWarnings(mixed: boolean | undefined): string[] {
  return mixed ? ["文件编码混杂（部分 UTF-8、部分 GBK），按 GB18030 读取，个别字符可能有误"] : [];
}

/** Which reader a file goes to: the bytes first, then the extension. */
function routeOf(path: string, bytes: Uint8Array): Route {
  const ext = extensionOf(path);
  const fail = (kind: "error" | "unsupported" | "needs-ocr", message: string): Route => ({ failure: { kind, message } });
  if (bytes.length === 0) return fail("error", "空文件（0 字节）：请检查下载是否完整");
  if (bytes.length > MAX_FILE_BYTES) {
    return fail("error", `文件过大（${(bytes.length / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）：请确认这是年度报告`);
  }
  const magic = sniff(bytes);
  const mismatch = (what: string) => [`文件扩展名是“${ext || "无"}”，但内容是 ${what}：已按 ${what} 读取，建议改正扩展名`];

  if (magic === "pdf") return { format: "pdf", warnings: ext === ".pdf" ? [] : mismatch("PDF") };
  if (magic === "zip") {
    if (ext === ".docx" || ext === ".docm" || ext === ".dotx") return { format: "docx", warnings: [] };
    if (ext === ".wps" || ext === ".doc" || zipHasWordDocument(bytes)) return { format: "docx", warnings: mismatch("DOCX") };
    if (UNSUPPORTED[ext]) return fail("unsupported", UNSUPPORTED[ext]);
    if (TEXT_EXTS.has(ext) || SCRIPT_EXTS.has(ext) || HTML_EXTS.has(ext)) return fail("error", "文件内容是二进制数据（ZIP 压缩包）而不是文本：文件可能已损坏或扩展名有误");
    return fail("unsupported", "文件是 ZIP 压缩包而不是报告：请先解压，或确认文件类型");
  }
  if (magic === "ole") {
    if (ext === ".docx") return fail("unsupported", `文件扩展名是 .docx，但内容是旧版 Word（.doc）格式或已加密：请用 Word/WPS 打开（如有密码先取消），${CONVERT}`);
    if (ext === ".xls" || ext === ".wps") return fail("unsupported", UNSUPPORTED[ext]);
    return fail("unsupported", UNSUPPORTED[".doc"]);
  }
  if (magic === "rtf") return fail("unsupported", UNSUPPORTED[".rtf"]);
  if (magic === "ofd") return fail("unsupported", UNSUPPORTED[".ofd"]);
  if (magic === "image" || IMAGE_EXTS.has(ext)) return { format: "image", warnings: [] };

  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  if (ext === ".pdf") {
    return fail("error", looksLikeHtml(head)
      ? "扩展名是 .pdf，但内容是网页（可能是下载失败时保存的错误页面）：请重新下载 PDF"
      : "不是有效的 PDF（缺少 %PDF 文件头）：文件可能已损坏或下载不完整，请重新下载");
  }
  if (ext === ".docx") {
    return fail("error", looksLikeHtml(head)
      ? "扩展名是 .docx，但内容是网页（可能是下载失败时保存的错误页面）：请重新下载"
      : "不是有效的 DOCX（不是 ZIP 压缩包）：文件可能已损坏或下载不完整，请重新下载，或用 Word/WPS 打开后另存为 .docx");
  }
  if (isMht(head) && (HTML_EXTS.has(ext) || ext === ".doc" || ext === ".wps")) {
    return { format: "mht", warnings: HTML_EXTS.has(ext) ? [] : mismatch("网页存档（MHT）") };
  }
  if ((ext === ".doc" || ext === ".wps") && looksLikeHtml(head)) return { format: "html", warnings: mismatch("网页（HTML）") };
  if (UNSUPPORTED[ext]) return fail("unsupported", UNSUPPORTED[ext]);
  if (HTML_EXTS.has(ext)) return { format: "html", warnings: [] };
  if (TEXT_EXTS.has(ext)) return { format: looksLikeHtml(head) && /<table|<body/i.test(head) ? "html" : "text", warnings: [] };
  if (SCRIPT_EXTS.has(ext)) return { format: "script", warnings: [] };
  return fail("unsupported", `不支持的文件类型“${ext || "无扩展名"}”：支持 .txt .md .js .html .htm .mht .docx .pdf`);
}

type Magic = "pdf" | "zip" | "ole" | "rtf" | "image" | "ofd" | null;

function sniff(b: Uint8Array): Magic {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return b.length > 40 && isOfd(b) ? "ofd" : "zip";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole";
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return "rtf"; // {\rtf
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38) || starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x42, 0x4d)) {
    return starts(0x42, 0x4d) && b.length > 6 && !(b[6] === 0 && b[7] === 0) ? null : "image";
  }
  // The PDF header may follow some junk (the spec allows it within the first 1024 bytes).
  const head = new TextDecoder("latin1").decode(b.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  return null;
}

function isOfd(b: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(b.subarray(0, 2048));
  return /OFD\.xml/.test(head);
}

function zipHasWordDocument(b: Uint8Array): boolean {
  // Entry names are stored in clear in the local headers and the central directory.
  const n = Math.min(b.length, 4 * 1024 * 1024);
  const text = new TextDecoder("latin1").decode(b.subarray(0, n)) + new TextDecoder("latin1").decode(b.subarray(Math.max(n, b.length - 65536)));
  return text.includes("word/document.xml");
}

function looksLikeHtml(head: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<meta|<body|<table|<div|<p[\s>])/i.test(head.replace(/^\ufeff|^\xef\xbb\xbf/, ""));
}

/** Text files some tools pad with NULs: the padding is no part of the text. */
function withoutTrailingNuls(bytes: Uint8Array): Uint8Array {
  if (utf16Parity(bytes) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes;
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end === 0 ? bytes : bytes.subarray(0, end);
}

/** NUL bytes outside UTF-16, or many control characters, mean the file is not text. Trailing NULs
 * (padding some tools leave after the text) and a few stray ones in a long text do not. */
function looksBinary(bytes: Uint8Array): boolean {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || utf16Parity(bytes)) return false;
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === 0) return true;
  bytes = bytes.subarray(0, end);
  const n = Math.min(bytes.length, 8192);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return nul > Math.max(2, n / 1000) || control > n * 0.1;
}
