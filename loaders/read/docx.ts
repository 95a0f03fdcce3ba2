// A Word .docx → the report's text and its tables. The package is unzipped with fflate and
// word/document.xml read with saxes (a strict XML parser): paragraphs become lines, each table
// becomes a Grid (w:gridSpan → column span, w:vMerge → row span, w:gridBefore → leading gap)
// and tab-separated lines in the text, like html.ts does. Headers, footers, deleted text
// (w:del) and field codes (w:instrText) are left out; text boxes are kept once (mc:Fallback,
// the duplicate for old readers, is skipped).
import { strFromU8, Unzip, UnzipInflate, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { gridLines, placedGrid, type Grid, type PlacedCell } from "./grid.ts";
import { Deadline, ReadFailure } from "./errors.ts";
import { readHtml, declaredCharset } from "./html.ts";
import { decodeBytes } from "./decode.ts";
import { mhtHtmlPart } from "./mht.ts";
import { pushAll } from "../push-all.ts";

export interface DocxRead {
  text: string;
  tables: Grid[];
  title: string | null;
  warnings: string[];
  /** The XML had errors: content may be missing. */
  incomplete: boolean;
}

/** An XML part larger than this once unzipped is refused (a zip bomb or not a report). */
export const MAX_DOCX_PART_BYTES = 64 * 1024 * 1024;
/** XML elements read from document.xml; past this the rest is left out (a warning). A report has
 * some tens of thousands; 64 MB of `<w:r/>` would be 11 million nodes, gigabytes of heap. */
export const MAX_DOCX_ELEMENTS = 1_000_000;
/** XML nesting kept; deeper elements are flattened into the one at this depth (their text kept),
 * so the recursive walks below stay shallow. Real documents nest a few dozen levels. */
export const MAX_DOCX_DEPTH = 500;

const CORRUPT = "DOCX 文件已损坏或不完整（无法解压）：请重新下载，或用 Word/WPS 打开后另存为 .docx 或 .pdf";

interface XNode {
  name: string; // local name, without the namespace prefix
  attrs: Record<string, string>; // keyed by local name
  children: (XNode | string)[];
}

export function readDocx(bytes: Uint8Array, deadline: Deadline): DocxRead {
  const warnings: string[] = [];
  const names = listZip(bytes);
  const main = mainPart(bytes, names);
  if (!main) {
    if (names.some((n) => n.startsWith("xl/"))) throw new ReadFailure("这是 Excel 表格（.xlsx）而不是 Word 文档：请提供报告的 .docx、.pdf 或网页版本", "unsupported");
    if (names.some((n) => n.startsWith("ppt/"))) throw new ReadFailure("这是 PowerPoint 演示文稿（.pptx）而不是 Word 文档：请提供报告的 .docx、.pdf 或网页版本", "unsupported");
    throw new ReadFailure("不是有效的 DOCX：压缩包中没有 Word 正文（word/document.xml）。请用 Word/WPS 打开后另存为 .docx 或 .pdf");
  }
  deadline.check();
  const xml = unzipPart(bytes, main);
  if (xml === null) throw new ReadFailure(CORRUPT);
  deadline.check();
  const { root, error, cut } = parseXml(xml, deadline);
  if (cut) warnings.push(cut);
  if (error) warnings.push(`DOCX 正文的 XML 有错误（${error}）：部分内容可能缺失，请用 Word/WPS 打开后重新保存`);
  const body = find(root, "body");
  if (!body) throw new ReadFailure("DOCX 中没有正文（w:body）：文件可能已损坏，请用 Word/WPS 打开后另存为 .docx 或 .pdf");

  const tables: Grid[] = [];
  const lines: string[] = [];
  const walkBlocks = (node: XNode): void => {
    for (const child of node.children) {
      if (typeof child === "string") continue;
      if (child.name === "p") pushAll(lines, paragraphText(child).split("\n"));
      else if (child.name === "tbl") {
        const grid = readTable(child, `docx:t${tables.length + 1}`, tables, warnings);
        lines.push("");
        pushAll(lines, gridLines(grid));
        lines.push("");
      } else if (child.name === "altChunk") {
        // Content imported as a whole web page or MHT (what some OA systems export): read that part.
        const chunk = altChunk(bytes, names, main, child.attrs.id);
        if (chunk) {
          const offset = tables.length;
          for (const g of chunk.tables) tables.push(renumber(g, `docx:t${tables.length + 1}`));
          lines.push("");
          pushAll(lines, chunk.text.split("\n"));
          lines.push("");
          if (chunk.tables.length) warnings.push(`DOCX 的正文是嵌入的网页（altChunk），表格按网页读取（docx:t${offset + 1} 起）`);
        }
      } else if (child.name === "sectPr" || child.name === "Fallback") continue;
      else walkBlocks(child); // w:sdt, w:sdtContent, w:customXml, w:ins, …
      if (deadline.expired) deadline.check();
    }
  };
  walkBlocks(body);

  if (lines.every((l) => l.trim() === "") && tables.length === 0 && names.some((n) => n.startsWith("word/media/"))) {
    throw new ReadFailure("DOCX 中只有图片、没有文字（可能是扫描件贴进 Word）：需要 OCR 识别后才能解析，或请提供文字版本", "needs-ocr");
  }
  const text = lines
    .map((l) => l.replace(/[ \u00a0]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, tables, title: coreTitle(bytes, names), warnings, incomplete: error !== null || cut !== null };
}

/** The grid of one w:tbl; nested tables are numbered after their parent and also flattened into the cell's text. */
function readTable(tbl: XNode, source: string, tables: Grid[], warnings: string[]): Grid {
  const slot = tables.length;
  tables.push({ source, rows: [] }); // reserve the number: nested tables come after
  interface Raw { text: string; col: number; span: number; vmerge: "restart" | "continue" | null; index: number }
  const rows: Raw[][] = [];
  for (const tr of childrenDeep(tbl, "tr")) {
    const trPr = child(tr, "trPr");
    let col = intAttr(child(trPr, "gridBefore"), 0);
    const row: Raw[] = [];
    childrenDeep(tr, "tc").forEach((tc, i) => {
      const tcPr = child(tc, "tcPr");
      const span = Math.min(Math.max(1, intAttr(child(tcPr, "gridSpan"), 1)), 200);
      const vm = child(tcPr, "vMerge");
      const hm = child(tcPr, "hMerge");
      const vmerge = vm ? (vm.attrs.val === "restart" ? "restart" : "continue") : null;
      if (hm && hm.attrs.val !== "restart" && row.length > 0) {
        row[row.length - 1].span += span; // legacy horizontal merge: widen the previous cell
      } else {
        row.push({ text: cellText(tc, tables, warnings), col, span, vmerge, index: i + 1 });
      }
      col += span;
    });
    rows.push(row);
  }
  const cells: PlacedCell[] = [];
  rows.forEach((row, r) => {
    for (const cell of row) {
      if (cell.vmerge === "continue" && r > 0 && coveredAbove(rows, r, cell)) continue;
      let rowspan = 1;
      if (cell.vmerge === "restart" || cell.vmerge === "continue") {
        while (r + rowspan < rows.length && rows[r + rowspan].some((c) => c.col === cell.col && c.vmerge === "continue")) rowspan++;
      }
      cells.push({ text: cell.text, row: r, col: cell.col, rowspan, colspan: cell.span, source: `${source}:r${r + 1}:c${cell.index}` });
    }
  });
  const grid = placedGrid(source, cells, warnings);
  // Rows with no cell at all (an empty <w:tr/>) still count as rows.
  while (grid.rows.length < rows.length) grid.rows.push([]);
  tables[slot] = grid;
  return grid;

  function coveredAbove(all: Raw[][], r: number, cell: Raw): boolean {
    const above = all[r - 1].find((c) => c.col === cell.col);
    return !!above && (above.vmerge === "restart" || above.vmerge === "continue");
  }
}

function cellText(tc: XNode, tables: Grid[], warnings: string[]): string {
  const parts: string[] = [];
  const walk = (node: XNode): void => {
    for (const c of node.children) {
      if (typeof c === "string") continue;
      if (c.name === "p") parts.push(paragraphText(c));
      else if (c.name === "tbl") {
        const nested = readTable(c, `docx:t${tables.length + 1}`, tables, warnings);
        pushAll(parts, nested.rows.map((r) => r.filter((x) => !x.spanned).map((x) => x.text).join(" ")));
      } else if (c.name !== "tcPr" && c.name !== "Fallback") walk(c);
    }
  };
  walk(tc);
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** The text of a paragraph: runs, tabs as \t, breaks as \n; no deleted text, no field codes. */
function paragraphText(p: XNode): string {
  let out = "";
  const walk = (node: XNode): void => {
    for (const c of node.children) {
      if (typeof c === "string") continue;
      switch (c.name) {
        case "t":
          out += textOf(c);
          break;
        case "tab":
        case "ptab":
          if (node.name === "r") out += "\t";
          break;
        case "br":
        case "cr":
          out += "\n";
          break;
        case "noBreakHyphen":
          out += "-";
          break;
        case "del":
        case "delText":
        case "instrText":
        case "delInstrText":
        case "pPr":
        case "rPr":
        case "Fallback":
        case "footnoteReference":
        case "endnoteReference":
          break;
        case "p": // a paragraph inside a text box
          out += "\n" + paragraphText(c);
          break;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return out;
}

/** The web page an w:altChunk imports (word/_rels/document.xml.rels names the part). */
function altChunk(bytes: Uint8Array, names: string[], main: string, id: string | undefined): { text: string; tables: Grid[] } | null {
  if (!id) return null;
  const dir = main.includes("/") ? main.slice(0, main.lastIndexOf("/") + 1) : "";
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  if (!names.includes(relsName)) return null;
  const rels = unzipPart(bytes, relsName) ?? "";
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => new RegExp(`Id="${id.replace(/[^\w-]/g, "")}"`).test(r));
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) return null;
  const path = target.startsWith("/") ? target.slice(1) : dir + target;
  if (!names.includes(path)) return null;
  const data = unzipBytes(bytes, path);
  if (!data) return null;
  let html: Uint8Array = data;
  let charset: string | null = null;
  if (/\.mht(ml)?$/i.test(path)) {
    const part = mhtHtmlPart(data);
    if (!part) return null;
    html = part.bytes;
    charset = part.charset;
  }
  const head = new TextDecoder("latin1").decode(html.subarray(0, 4096));
  const page = readHtml(decodeBytes(html, charset ?? declaredCharset(head)).text);
  return { text: page.text, tables: page.tables };
}

function renumber(grid: Grid, source: string): Grid {
  const from = grid.source;
  return { source, rows: grid.rows.map((row) => row.map((c) => ({ ...c, source: c.source.startsWith(from) ? source + c.source.slice(from.length) : c.source }))) };
}

// ---------------------------------------------------------------------------------------------
// The package

function listZip(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false; } });
  } catch {
    throw new ReadFailure(CORRUPT);
  }
  return names;
}

function unzipPart(bytes: Uint8Array, name: string): string | null {
  const data = unzipBytes(bytes, name);
  if (!data) return null;
  try {
    return strFromU8(data);
  } catch {
    return null;
  }
}

function unzipBytes(bytes: Uint8Array, name: string): Uint8Array | null {
  let tooBig = false;
  let info: { compression: number } | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== name) return false;
        if (f.originalSize > MAX_DOCX_PART_BYTES) tooBig = true;
        info = f;
        return false;
      },
    });
  } catch {
    throw new ReadFailure(CORRUPT);
  }
  if (tooBig) throw tooLarge();
  if (!info) return null;
  return inflateCounted(bytes, name);
}

function tooLarge(): ReadFailure {
  return new ReadFailure(`DOCX 正文解压后超过 ${MAX_DOCX_PART_BYTES / 1048576} MB：文件异常（可能是压缩炸弹），请确认这是年度报告`);
}

/** Inflates one entry in small steps, counting the real output: a header may under-state the size
 * (42 MB that inflate to 30 GB), so the count, not the header, stops it past MAX_DOCX_PART_BYTES. */
function inflateCounted(bytes: Uint8Array, name: string): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let found = false;
  let ended = false;
  let tooBig = false;
  let failed = false;
  const unzip = new Unzip((file) => {
    if (file.name !== name || found) return;
    found = true;
    file.ondata = (err, chunk, final) => {
      if (err) {
        failed = true;
        return;
      }
      total += chunk.length;
      if (total > MAX_DOCX_PART_BYTES) {
        tooBig = true;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) ended = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // 16 KB of input inflates to at most ~16 MB (deflate's ratio is about 1:1032)
  const STEP = 16 * 1024;
  try {
    for (let at = 0; at < bytes.length && !ended && !tooBig && !failed; at += STEP) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + STEP)), at + STEP >= bytes.length);
    }
  } catch {
    if (!tooBig) throw new ReadFailure(CORRUPT);
  }
  if (tooBig) throw tooLarge();
  if (failed) throw new ReadFailure(CORRUPT);
  if (!found) return null;
  if (!ended) throw new ReadFailure(CORRUPT);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The main document part named by _rels/.rels (word/document.xml in practice). */
function mainPart(bytes: Uint8Array, names: string[]): string | null {
  if (names.includes("_rels/.rels")) {
    const rels = unzipPart(bytes, "_rels/.rels");
    const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
    const target = m && /Target="\/?([^"]+)"/.exec(m[0])?.[1];
    if (target && names.includes(target)) return target;
  }
  return names.find((n) => n === "word/document.xml") ?? names.find((n) => /^word\/document\d*\.xml$/.test(n)) ?? null;
}

function coreTitle(bytes: Uint8Array, names: string[]): string | null {
  if (!names.includes("docProps/core.xml")) return null;
  try {
    const xml = unzipPart(bytes, "docProps/core.xml");
    const m = xml && /<dc:title>([^<]*)<\/dc:title>/.exec(xml);
    const title = m ? decodeEntities(m[1]).trim() : "";
    return title || null;
  } catch {
    return null;
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const map: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (map[e.toLowerCase()]) return map[e.toLowerCase()];
    const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

// ---------------------------------------------------------------------------------------------
// XML

/** Parses into a small tree (local names); keeps going after errors and reports the first one. */
function parseXml(xml: string, deadline: Deadline): { root: XNode; error: string | null; cut: string | null } {
  const root: XNode = { name: "#root", attrs: {}, children: [] };
  const stack: XNode[] = [root];
  let error: string | null = null;
  let cut: string | null = null;
  let elements = 0;
  /** Elements open below MAX_DOCX_DEPTH, not in the tree: their close tags are skipped too. */
  let flattened = 0;
  const parser = new SaxesParser({ position: false });
  parser.on("opentag", (tag) => {
    if (++elements > MAX_DOCX_ELEMENTS) {
      cut = `DOCX 正文的元素过多（超过 ${MAX_DOCX_ELEMENTS / 10_000} 万个），之后的内容未读取：文件异常，请用 Word/WPS 打开后另存为 PDF 后重试`;
      throw new Error(TOO_MANY);
    }
    if (stack.length > MAX_DOCX_DEPTH) {
      cut ??= `DOCX 正文的嵌套层级过深（超过 ${MAX_DOCX_DEPTH} 层）：更深的结构已忽略，只保留文字`;
      if (!tag.isSelfClosing) flattened++;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[localName(k)] = typeof v === "string" ? v : v.value;
    const node: XNode = { name: localName(tag.name), attrs, children: [] };
    stack[stack.length - 1].children.push(node);
    if (!tag.isSelfClosing) stack.push(node);
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return;
    if (flattened > 0) {
      flattened--;
      return;
    }
    const name = localName(tag.name);
    // Pop to the matching element (tolerates unbalanced tags after an error).
    for (let i = stack.length - 1; i > 0; i--) {
      if (stack[i].name === name) {
        stack.length = i;
        break;
      }
    }
  });
  parser.on("text", (t) => stack[stack.length - 1].children.push(t));
  parser.on("cdata", (t) => stack[stack.length - 1].children.push(t));
  let errors = 0;
  parser.on("error", (e) => {
    error ??= e.message.slice(0, 80);
    // Garbage (a corrupted deflate stream) yields an error per character: stop early, keep what was read.
    if (++errors > 50) throw new Error("too many XML errors");
  });
  const CHUNK = 256 * 1024;
  try {
    for (let i = 0; i < xml.length; i += CHUNK) {
      parser.write(xml.slice(i, i + CHUNK));
      deadline.check();
    }
    parser.close();
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    if ((e as Error).message !== TOO_MANY) error ??= (e as Error).message.slice(0, 80);
  }
  return { root, error, cut };
}

const TOO_MANY = "too many XML elements";

function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

function find(node: XNode, name: string): XNode | null {
  for (const c of node.children) {
    if (typeof c === "string") continue;
    if (c.name === name) return c;
    const f = find(c, name);
    if (f) return f;
  }
  return null;
}

function child(node: XNode | null | undefined, name: string): XNode | null {
  if (!node) return null;
  for (const c of node.children) if (typeof c !== "string" && c.name === name) return c;
  return null;
}

/** Children named `name`, looking through content-control and custom-XML wrappers. */
function childrenDeep(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  for (const c of node.children) {
    if (typeof c === "string") continue;
    if (c.name === name) out.push(c);
    else if (c.name === "sdt" || c.name === "sdtContent" || c.name === "customXml" || c.name === "smartTag" || c.name === "ins") pushAll(out, childrenDeep(c, name));
  }
  return out;
}

function intAttr(node: XNode | null, fallback: number): number {
  const v = Number.parseInt(node?.attrs.val ?? "", 10);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

function textOf(node: XNode): string {
  return node.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}
