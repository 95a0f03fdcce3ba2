// A PDF → positioned text runs and ruling lines per page (pdfjs-dist, legacy build for Node),
// then pdf-layout.ts turns them into lines and grids.
//
// Offline by construction: no worker script is fetched (pdfjs runs its "fake worker" in this
// thread), no system fonts, no font faces; CMaps (needed for CJK fonts that are not embedded),
// standard font data and the image-decoder wasm are read from node_modules/pdfjs-dist.
//
// Pages that carry no text (or a few stray characters) are a scan (图片版), and a text layer made of
// unmapped glyphs (private-use code points, no ToUnicode) is unusable the same way: such pages are
// read by OCR (scan.ts), "needs-ocr" when it cannot run or reads nothing. Encrypted
// PDFs that need a password, and files pdfjs cannot parse, are errors with what to do.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { layoutPages, looksTabular, type PageInput, type Rule, type TextRun } from "./pdf-layout.ts";
import { Deadline, ReadFailure, timeoutFailure } from "./errors.ts";
import type { Grid } from "./grid.ts";
import { plausibility } from "./decode.ts";
import { ocrPageTimeLimitMs } from "./ocr.ts";

export interface PdfRead {
  text: string;
  tables: Grid[];
  pageStarts: number[];
  pages: number;
  title: string | null;
  warnings: string[];
  /** Content is known to be missing: a repaired truncated file, pages that failed or have no text, the page cap. */
  incomplete: boolean;
  /** Some pages were read by OCR (scans). */
  ocr: boolean;
  /** The pages (1-based) read by OCR. */
  ocrPages: number[];
}

/** Pages past this are not read (a township report has 3–15 pages). */
export const MAX_PDF_PAGES = 300;
/** Pages in flight at once within one document. */
const PAGES_AT_ONCE = 8;
/** A page with fewer characters than this in its text layer is a scan (a page number or a stray mark is not a text layer). */
const MIN_PAGE_TEXT_CHARS = 10;

/** One page's text runs and rules, or null when pdfjs could not read it. */
type PageRead = PageInput | null;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;
let assets: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;

/** The worker half of pdfjs, for the "fake worker" in this thread. */
const WORKER_MODULE: string = "pdfjs-dist/legacy/build/pdf.worker.mjs";

function loadPdfjs(): Promise<PdfJs> {
  // The legacy build's core-js replaces Array.prototype.push for the whole process with a
  // JavaScript loop (a V8 ≤ 121 edge case on non-writable lengths): pdfjs then spent a quarter of
  // its time in it, and so did every parser after the first PDF. Both modules are loaded here
  // (the worker half once per process, handed to pdfjs as its main-thread worker) and the native
  // push put back.
  const nativePush = Array.prototype.push;
  pdfjsPromise ??= Promise.all([import("pdfjs-dist/legacy/build/pdf.mjs"), import(WORKER_MODULE) as Promise<{ WorkerMessageHandler: unknown }>]).then(([m, worker]) => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, "push", { value: nativePush, writable: true, configurable: true, enumerable: false });
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    assets = {
      cMapUrl: join(root, "cmaps") + "/",
      standardFontDataUrl: join(root, "standard_fonts") + "/",
      wasmUrl: join(root, "wasm") + "/",
    };
    return m;
  });
  return pdfjsPromise;
}

/** The least of a DOM document that pdfjs's font loader uses: a style sheet that keeps nothing. */
const FONT_RULE_SINK = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/** `ocrPageMs`: the time OCR may take per scanned page, granted on top of the deadline. */
export async function readPdf(bytes: Uint8Array, deadline: Deadline, ocrPageMs = ocrPageTimeLimitMs()): Promise<PdfRead> {
  try {
    return await readPdfOnce(bytes, deadline, ocrPageMs);
  } catch (e) {
    // A download cut short loses the cross-reference table and trailer at the end of the file:
    // give pdfjs a trailer pointing at the catalog and read what is there.
    if (!(e instanceof ReadFailure) || !e.message.includes("已损坏或不完整") || deadline.expired) throw e;
    const repaired = withTrailer(bytes);
    if (!repaired) throw e;
    let read: PdfRead;
    try {
      read = await readPdfOnce(repaired, deadline, ocrPageMs);
    } catch {
      throw e;
    }
    return { ...read, incomplete: true, warnings: ["PDF 文件不完整（可能下载中断，缺少文件尾）：已尽量读取，内容可能缺失，请重新下载完整文件", ...read.warnings] };
  }
}

/** The bytes with a trailer appended that names the document catalog, or null if none is found. */
function withTrailer(bytes: Uint8Array): Uint8Array | null {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (/%%EOF\s*$/.test(s.slice(-1024))) return null; // not truncated
  const objectBefore = (at: number): string | null => {
    const head = s.slice(Math.max(0, at - 4096), at);
    const m = [...head.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)].pop();
    return m ? `${m[1]} ${m[2]} R` : null;
  };
  let root: string | null = null;
  let extra = "";
  for (const m of s.matchAll(/\/Type\s*\/Catalog\b/g)) {
    root = objectBefore(m.index!);
    if (root) break;
  }
  if (!root) {
    for (const m of s.matchAll(/\/Type\s*\/Pages\b/g)) {
      const pages = objectBefore(m.index!);
      if (!pages) continue;
      extra = `\n999999 0 obj\n<< /Type /Catalog /Pages ${pages} >>\nendobj\n`;
      root = "999999 0 R";
      break;
    }
  }
  if (!root) return null;
  // A stream cut in the middle is closed, or the object index stops there.
  const tail = s.slice(-2_000_000);
  const close = tail.lastIndexOf("stream") > tail.lastIndexOf("endstream") + 3 ? "\nendstream\nendobj\n" : tail.lastIndexOf("obj") > tail.lastIndexOf("endobj") + 3 ? "\nendobj\n" : "";
  return new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(`${close}${extra}\ntrailer\n<< /Root ${root} >>\n%%EOF\n`, "latin1")]));
}

async function readPdfOnce(bytes: Uint8Array, deadline: Deadline, ocrPageMs: number): Promise<PdfRead> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of the buffer it is given
    ...assets!,
    cMapPacked: true,
    useSystemFonts: false,
    // With font faces disabled pdfjs turns every glyph outline into a drawing path while it builds
    // an operator list (for canvas rendering): half the time of a ruled page. Font faces "enabled"
    // against a stand-in document that takes the @font-face rule and drops it build no outlines.
    disableFontFace: false,
    ownerDocument: FONT_RULE_SINK as unknown as Document,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const timeLimited = <T>(p: Promise<T>): Promise<T> => withDeadline(p, deadline);
  try {
    let doc;
    try {
      doc = await timeLimited(task.promise);
    } catch (e) {
      throw openFailure(e);
    }
    const warnings: string[] = [];
    const pageCount = doc.numPages;
    const n = Math.min(pageCount, MAX_PDF_PAGES);
    if (pageCount > MAX_PDF_PAGES) warnings.push(`PDF 共 ${pageCount} 页，只读取了前 ${MAX_PDF_PAGES} 页：年度报告通常不超过 20 页，请确认文件`);
    const pages: PageInput[] = [];
    const noText: number[] = [];
    const failed: number[] = [];
    let chars = 0;
    let unmapped = 0;
    // Pages are read a few at a time: pdfjs's waits (inflating streams off the main thread, its
    // message port) overlap with another page's work. Results are taken in page order.
    const readPage = async (i: number): Promise<PageRead> => {
      deadline.check();
      try {
        const page = await timeLimited(doc.getPage(i));
        const content = await timeLimited(page.getTextContent());
        // Turn the page so that most of its text runs left to right (a landscape table printed
        // sideways, or a page rotated by mistake).
        let viewport = page.getViewport({ scale: 1 });
        const turn = uprightTurn(content.items as RawItem[], viewport.transform);
        if (turn !== 0) viewport = page.getViewport({ scale: 1, rotation: (page.rotate + turn) % 360 });
        const runs = textRuns(content.items as RawItem[], viewport.transform);
        let rules: Rule[] = [];
        if (charsOf(runs) >= MIN_PAGE_TEXT_CHARS && looksTabular(runs)) {
          const ops = await timeLimited(page.getOperatorList());
          rules = extractRules(ops, viewport.transform, pdfjs.OPS);
        }
        page.cleanup();
        return { page: i, width: viewport.width, height: viewport.height, runs, rules };
      } catch (e) {
        if (e instanceof ReadFailure) throw e;
        return null;
      }
    };
    const reads: Promise<PageRead>[] = [];
    const start = (i: number) => {
      if (i > n) return;
      const read = readPage(i);
      read.catch(() => undefined); // awaited in order below; a deadline failure is thrown there
      reads.push(read);
    };
    for (let i = 1; i <= Math.min(n, PAGES_AT_ONCE); i++) start(i);
    for (let i = 1; i <= n; i++) {
      const page = await reads[i - 1];
      start(i + PAGES_AT_ONCE);
      if (!page) {
        failed.push(i);
        pages.push({ page: i, width: 0, height: 0, runs: [], rules: [] });
        continue;
      }
      for (const r of page.runs) {
        for (const ch of r.str) {
          if (/\s/.test(ch)) continue;
          chars++;
          const c = ch.codePointAt(0)!;
          if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20) unmapped++;
        }
      }
      if (charsOf(page.runs) < MIN_PAGE_TEXT_CHARS) noText.push(i);
      pages.push(page);
    }
    if (failed.length === n) throw new ReadFailure("PDF 文件已损坏（所有页面都无法解析）：请重新下载，或用浏览器/WPS 打开后另存为 PDF");
    const sample = pages.flatMap((p) => p.runs.map((r) => r.str)).join("").slice(0, 20_000);
    const nonAscii = [...sample].filter((ch) => ch.charCodeAt(0) > 0x7e).length;
    const garbled = chars > 0 && (unmapped / chars > 0.3 || (nonAscii > 50 && plausibility(sample) < 0));
    if (failed.length) warnings.push(`PDF 第 ${failed.join("、")} 页无法解析（文件可能部分损坏）：这些页的内容缺失`);
    // Scanned pages (no text layer, a few stray characters, or a layer of unmapped glyphs) are read by OCR.
    const toOcr = garbled ? pages.map((p) => p.page).filter((p) => !failed.includes(p)) : noText;
    const wholeScan = garbled || toOcr.length + failed.length === n;
    let ocr = false;
    let unread: number[] = [];
    if (toOcr.length) {
      const why = garbled ? "PDF 的文字层无法解码（字体缺少 Unicode 映射，提取出的是乱码）" : `PDF 没有文字层（共 ${pageCount} 页，可能是扫描件或图片版）`;
      if (!wholeScan) warnings.push(`PDF 第 ${toOcr.join("、")} 页没有文字层（可能是图片）：这些页改用 OCR 识别`);
      try {
        const { ocrPdfPages } = await import("./scan.ts");
        // OCR takes far longer than reading a text layer: its time is granted per page, on top of the file's limit.
        const read = await ocrPdfPages(doc, toOcr, deadline.grant(toOcr.length * ocrPageMs));
        for (const input of read.inputs) {
          const at = pages.findIndex((p) => p.page === input.page);
          // A page whose few characters OCR does not better (a blank page with its number) keeps its text layer;
          // a garbled layer is never kept.
          if (charsOf(input.runs) > (garbled ? 0 : charsOf(pages[at].runs))) {
            pages[at] = input;
            ocr = true;
            continue;
          }
          if (garbled) pages[at] = { ...pages[at], runs: [] };
          if (pages[at].runs.length === 0) unread.push(input.page);
        }
        warnings.push(...read.warnings);
      } catch (e) {
        if (!(e instanceof ReadFailure) || e.kind !== "needs-ocr") throw e;
        if (wholeScan) throw new ReadFailure(`${why}，且无法 OCR 识别：${e.message}`, "needs-ocr");
        unread = toOcr.filter((p) => pages[p - 1].runs.length === 0);
        warnings.push(`PDF 第 ${toOcr.join("、")} 页无法 OCR 识别：${e.message}`);
      }
      if (wholeScan && !ocr) throw new ReadFailure(`${why}，OCR 也未识别出文字（页面可能空白或图像过于模糊）：请提供更清晰的扫描件或文字版本`, "needs-ocr");
      const read = pages.filter((p) => p.origin === "ocr").map((p) => p.page);
      if (read.length) warnings.push(`PDF 第 ${read.join("、")} 页是图片，文字经 OCR 识别：请以原件为准`);
      if (unread.length && !wholeScan) warnings.push(`PDF 第 ${unread.join("、")} 页 OCR 也未识别出文字：这些页的内容缺失`);
    }
    deadline.check();
    const layout = layoutPages(pages);
    let title: string | null = null;
    try {
      const meta = await timeLimited(doc.getMetadata());
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      title = typeof t === "string" && t.trim() ? t.trim() : null;
    } catch {
      title = null;
    }
    return { ...layout, pages: pageCount, title, warnings, ocr, ocrPages: pages.filter((p) => p.origin === "ocr" && p.runs.length > 0).map((p) => p.page), incomplete: pageCount > MAX_PDF_PAGES || failed.length > 0 || unread.length > 0 };
  } finally {
    void task.destroy().catch(() => undefined);
  }
}

/** Characters of a page's text runs, white space not counted. */
function charsOf(runs: TextRun[]): number {
  return runs.reduce((k, r) => k + r.str.replace(/\s/g, "").length, 0);
}

function openFailure(e: unknown): ReadFailure {
  if (e instanceof ReadFailure) return e;
  const name = (e as { name?: string })?.name ?? "";
  const message = (e as { message?: string })?.message ?? String(e);
  if (name === "PasswordException") {
    return new ReadFailure("PDF 已加密，需要密码才能打开：请提供未加密的版本（用 WPS 或 Acrobat 打开后另存为无密码的 PDF）");
  }
  if (name === "InvalidPDFException") {
    return new ReadFailure("PDF 文件已损坏或不完整（无法解析）：请重新下载，或用浏览器/WPS 打开后另存为 PDF");
  }
  return new ReadFailure(`PDF 无法打开（${message.slice(0, 60)}）：文件可能已损坏，请重新下载，或用浏览器/WPS 打开后另存为 PDF`);
}

function withDeadline<T>(p: Promise<T>, deadline: Deadline): Promise<T> {
  p.catch(() => undefined); // once the deadline wins, a later rejection (pdfjs aborted) is expected
  const left = deadline.at - Date.now();
  if (left <= 0) return Promise.reject(timeoutFailure(deadline.ms));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutFailure(deadline.ms)), left);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// Text runs

interface RawItem {
  str?: string;
  dir?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

type Matrix = [number, number, number, number, number, number] | number[];

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function compose(m1: Matrix, m2: Matrix): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1], m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3], m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4], m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** The clockwise turn (0, 90, 180, 270) that makes most of the text horizontal and upright. */
function uprightTurn(items: RawItem[], viewport: number[]): number {
  const votes = [0, 0, 0, 0];
  for (const item of items) {
    if (!item.transform || !item.str?.trim() || item.dir === "ttb") continue;
    const [a, b] = item.transform;
    // The baseline direction in viewport space (y downwards).
    const dx = viewport[0] * a + viewport[2] * b;
    const dy = viewport[1] * a + viewport[3] * b;
    const angle = (Math.round(Math.atan2(dy, dx) / (Math.PI / 2)) + 4) % 4; // 0 → right, 1 → down, 2 → left, 3 → up
    votes[angle] += item.str.length;
  }
  const best = votes.indexOf(Math.max(...votes));
  if (votes[best] === 0 || votes[best] <= votes[0] * 1.5) return 0;
  // Text running down (1) needs the page turned a quarter anticlockwise (270), up (3) clockwise (90).
  return [0, 270, 180, 90][best];
}

const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2060\ufeff\u00ad]/g;

/** Text items → runs with a box in viewport space (top-left origin). */
function textRuns(items: RawItem[], viewport: number[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    const str = (item.str ?? "").replace(INVISIBLE, "");
    if (!str.trim() || !item.transform) continue;
    const [a, b, c, d, e, f] = item.transform;
    const width = item.width ?? 0;
    const height = item.height ?? 0;
    let corners: [number, number][];
    let size: number;
    if (item.dir === "ttb") {
      size = width || Math.hypot(a, b);
      corners = [[e, f], [e + width, f - height]];
    } else {
      const ulen = Math.hypot(a, b) || 1;
      const vlen = Math.hypot(c, d) || 1;
      size = vlen;
      const [ux, uy] = [a / ulen, b / ulen];
      const [vx, vy] = [c / vlen, d / vlen];
      const lo = -0.2 * vlen;
      const hi = 0.85 * vlen;
      corners = [
        [e + vx * lo, f + vy * lo], [e + ux * width + vx * lo, f + uy * width + vy * lo],
        [e + vx * hi, f + vy * hi], [e + ux * width + vx * hi, f + uy * width + vy * hi],
      ];
    }
    const pts = corners.map(([x, y]) => apply(viewport, x, y));
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const run = { str, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), size: Math.abs(size) || 1 };
    if ([run.x0, run.x1, run.y0, run.y1].every(Number.isFinite)) runs.push(run);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Ruling lines from the operator list

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/** Straight axis-aligned segments that are stroked, and thin filled rectangles, in viewport space. */
function extractRules(ops: OperatorList, viewport: number[], OPS: Record<string, number>): Rule[] {
  const rules: Rule[] = [];
  let ctm: number[] = viewport;
  const stack: number[][] = [];
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set([OPS.fill, OPS.eoFill]);
  for (let i = 0; i < ops.fnArray.length && rules.length < 20_000; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? viewport;
    else if (fn === OPS.transform && args) ctm = compose(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = compose(ctm, Array.from(args[0] as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? viewport;
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const stroke = STROKES.has(paint);
      const fill = FILLS.has(paint) || stroke;
      if (!stroke && !fill) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      pathRules(Array.from(data), ctm, stroke, rules);
    }
  }
  return rules;
}

function pathRules(d: number[], ctm: number[], stroke: boolean, out: Rule[]): void {
  const subpaths: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let k = 0; k < d.length; ) {
    const op = d[k];
    if (op === 0) {
      if (cur.length) subpaths.push(cur);
      cur = [apply(ctm, d[k + 1], d[k + 2])];
      k += 3;
    } else if (op === 1) {
      cur.push(apply(ctm, d[k + 1], d[k + 2]));
      k += 3;
    } else if (op === 2) {
      cur = [apply(ctm, d[k + 5], d[k + 6])]; // a curve breaks straight runs
      k += 7;
    } else if (op === 3) {
      cur = [apply(ctm, d[k + 3], d[k + 4])];
      k += 5;
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]);
      k += 1;
    } else break; // unknown encoding: stop rather than misread
  }
  if (cur.length) subpaths.push(cur);
  for (const pts of subpaths) {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
    const thin = (box.x1 - box.x0 <= 3 && box.y1 - box.y0 >= 4) || (box.y1 - box.y0 <= 3 && box.x1 - box.x0 >= 4);
    if (thin) {
      out.push(box); // a filled or stroked hairline rectangle, or a straight segment
      continue;
    }
    if (!stroke) continue; // a filled area (cell shading) is not a rule
    for (let k = 1; k < pts.length; k++) {
      const [x0, y0] = pts[k - 1];
      const [x1, y1] = pts[k];
      if (Math.abs(y1 - y0) <= 1 && Math.abs(x1 - x0) >= 4) out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
      else if (Math.abs(x1 - x0) <= 1 && Math.abs(y1 - y0) >= 4) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
    }
  }
}
