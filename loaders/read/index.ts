// The one entry point from a file's bytes to the report's text. Everything here is pure:
// callers do the file I/O (see corpus.ts) and pass bytes in.
import { decodeBytes } from "./decode.ts";
import { declaredCharset, readHtml } from "./html.ts";
import type { Grid } from "./grid.ts";

export interface ReadText {
  kind: "text";
  text: string;
  encoding: string;
  format: "text" | "html";
  /** Real tables of the file (HTML, DOCX, PDF); text renderings are recovered later from `text`. */
  tables: Grid[];
  /** The page's own title (HTML <title>), a candidate for the report's title. */
  title: string | null;
  pageDate: string | null;
  url: string | null;
}

export type ReadResult =
  | ReadText
  | { kind: "unsupported"; message: string }
  | { kind: "error"; message: string };

/** Files over this size are reported, not read (a township report is rarely over 2 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const TEXT_EXTS = new Set([".txt", ".md", ".text"]);
const HTML_EXTS = new Set([".html", ".htm", ".shtml", ".xhtml", ".mht"]);
const UNSUPPORTED: Record<string, string> = {
  ".doc": "不支持旧版 Word（.doc）格式：请另存为 .docx 或 .pdf 后重试",
  ".wps": "不支持 WPS（.wps）格式：请另存为 .docx 或 .pdf 后重试",
  ".pdf": "PDF 读取尚未实现：请暂时提供网页或文本版本",
  ".docx": "DOCX 读取尚未实现：请暂时提供网页或文本版本",
};

export function extensionOf(path: string): string {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : "";
}

export function readReport(path: string, bytes: Uint8Array): ReadResult {
  const ext = extensionOf(path);
  if (bytes.length === 0) return { kind: "error", message: "空文件（0 字节）：请检查下载是否完整" };
  if (bytes.length > MAX_FILE_BYTES) {
    return { kind: "error", message: `文件过大（${(bytes.length / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）：请确认这是年度报告` };
  }
  if (UNSUPPORTED[ext]) return { kind: "unsupported", message: UNSUPPORTED[ext] };
  if (!TEXT_EXTS.has(ext) && !HTML_EXTS.has(ext)) {
    return { kind: "unsupported", message: `不支持的文件类型“${ext || "无扩展名"}”：支持 .txt .md .html .htm` };
  }
  if (looksBinary(bytes)) return { kind: "error", message: "文件内容是二进制数据而不是文本：文件可能已损坏或扩展名有误" };
  if (HTML_EXTS.has(ext)) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
    const { text, encoding } = decodeBytes(bytes, declaredCharset(head));
    const page = readHtml(text);
    return { kind: "text", encoding, format: "html", ...page };
  }
  const { text, encoding } = decodeBytes(bytes);
  return { kind: "text", text, encoding, format: "text", tables: [], title: null, pageDate: null, url: null };
}

/** NUL bytes outside UTF-16 mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return false;
  const n = Math.min(bytes.length, 8192);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  return nul > 0;
}
