// Scans: an image file, or a PDF whose pages carry no text layer → page bitmaps → OCR (ocr.ts)
// → the PDF reader's layout (lines, ruled grids by position). Bitmaps are decoded and rendered
// with @napi-rs/canvas (pdf.js renders onto it in Node); nothing is fetched.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { PageInput } from "./pdf-layout.ts";
import { plausibility } from "./decode.ts";
import { ocrPage, ocrTimeoutFailure, type GreyImage } from "./ocr.ts";
import type { Deadline } from "./errors.ts";

/** Rendering resolution for PDF pages: tesseract reads CJK body text best at about 300 dpi. */
export const OCR_RENDER_DPI = 300;
const MAX_UPSCALE = 3;
const MIN_HAN_PER_PAGE = 10;
/** Report pages OCR'd here have 1–3% of such characters (bullets read as "e", a stray "|"); pages of random marks 20–33%. */
const MAX_JUNK_SHARE = 0.12;
/** How much redder than green and blue a pixel is when it is seal ink. */
const RED_INK_CHROMA = 60;
/** An image of unknown resolution is taken to be an A4 page this wide (inches). */
const A4_WIDTH_IN = 8.27;

export interface ScanPages {
  inputs: PageInput[];
  warnings: string[];
}

type Ctx = ReturnType<ReturnType<typeof createCanvas>["getContext"]>;

function greyOf(ctx: Ctx, width: number, height: number, dpi: number): GreyImage {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < data.length; i += 4, p++) {
    // Alpha-composited on white: a transparent PNG is white paper.
    const a = rgba[i + 3] / 255;
    const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
    // A red seal (公章) stamped over a table hides digits as dark strokes: red ink is taken as
    // its brightest channel, so it turns pale and only the black print under it stays dark.
    // (A red heading goes pale too; it is a heading, not a number.)
    const lum = r - Math.max(g, b) > RED_INK_CHROMA ? r : 0.299 * r + 0.587 * g + 0.114 * b;
    data[p] = Math.round(lum * a + 255 * (1 - a));
  }
  return { width, height, data, dpi };
}

/** An image file (PNG, JPEG, WebP, GIF, BMP) → one OCR'd page. */
export async function ocrImageFile(bytes: Uint8Array, deadline: Deadline): Promise<ScanPages> {
  // The native decoder crashes the process on a truncated file: only complete PNG/JPEG reach it.
  if (!completePngOrJpeg(bytes)) throw new Error("只支持完整的 PNG 或 JPEG 图片（文件可能不完整，或是 TIFF/GIF 等格式）");
  const img = await loadImage(Buffer.from(bytes));
  const dpi = img.width / A4_WIDTH_IN;
  // Tesseract wants characters 20–30 px high: a small image (a screenshot, a 110 dpi scan) is enlarged first.
  const scale = Math.min(MAX_UPSCALE, Math.max(1, OCR_RENDER_DPI / dpi));
  const w = Math.round(img.width * scale);
  const h = Math.round(img.height * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(img, 0, 0, w, h);
  const scan: ScanPages = { inputs: [], warnings: [] };
  readInto(scan, 1, greyOf(ctx, w, h, dpi * scale), deadline);
  return scan;
}

function completePngOrJpeg(b: Uint8Array): boolean {
  const n = b.length;
  if (n < 64) return false;
  const png = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  if (png) return Buffer.from(b.subarray(n - 12)).includes("IEND", 0, "latin1");
  const jpeg = b[0] === 0xff && b[1] === 0xd8;
  // A JPEG ends with its EOI marker (a few padding bytes after it are common).
  return jpeg && Buffer.from(b.subarray(Math.max(0, n - 32))).includes(Buffer.from([0xff, 0xd9]));
}

/** Pages of a PDF (pdf.js document) rendered and OCR'd within `deadline`; `pageNumbers` are 1-based.
 * Each page is read as soon as it is rendered, so one bitmap is held at a time. */
export async function ocrPdfPages(doc: { getPage(n: number): Promise<PdfPageLike> }, pageNumbers: number[], deadline: Deadline): Promise<ScanPages> {
  const scan: ScanPages = { inputs: [], warnings: [] };
  const { OPS } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  for (const n of pageNumbers) {
    if (deadline.expired) throw ocrTimeoutFailure(n, deadline.ms);
    const page = await doc.getPage(n);
    // pdf.js enlarges a picture without smoothing (as PDF viewers do for images not marked
    // /Interpolate): a 110 dpi scan drawn at 300 dpi is then blocky. A page whose picture is
    // coarser than the OCR resolution is drawn at the picture's own resolution and enlarged
    // smoothly, as image files are.
    const pointsWide = page.getViewport({ scale: 1 }).width;
    const imageDpi = await pictureDpi(page, pointsWide, OPS);
    const drawDpi = imageDpi && imageDpi < OCR_RENDER_DPI ? imageDpi : OCR_RENDER_DPI;
    const viewport = page.getViewport({ scale: drawDpi / 72 });
    const w = Math.ceil(viewport.width);
    const h = Math.ceil(viewport.height);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
    page.cleanup();
    const scale = Math.min(MAX_UPSCALE, OCR_RENDER_DPI / drawDpi);
    if (scale <= 1.01) {
      readInto(scan, n, greyOf(ctx, w, h, drawDpi), deadline);
      continue;
    }
    const big = createCanvas(Math.round(w * scale), Math.round(h * scale));
    const bigCtx = big.getContext("2d");
    bigCtx.imageSmoothingQuality = "high";
    bigCtx.drawImage(canvas, 0, 0, big.width, big.height);
    readInto(scan, n, greyOf(bigCtx, big.width, big.height, drawDpi * scale), deadline);
  }
  return scan;
}

/** The resolution (dpi) of the widest picture on the page, or null when it has none. */
async function pictureDpi(page: PdfPageLike, pointsWide: number, OPS: Record<string, number>): Promise<number | null> {
  const ops = await page.getOperatorList();
  let widest = 0;
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      const args = ops.argsArray[i] as unknown[];
      const width = fn === OPS.paintImageXObject ? Number(args[1]) : Number((args[0] as { width?: number })?.width);
      if (Number.isFinite(width)) widest = Math.max(widest, width);
    }
  });
  // A picture is taken to span the page's width (a scanned sheet does).
  return widest > 0 ? widest / (pointsWide / 72) : null;
}

export interface PdfPageLike {
  getViewport(o: { scale: number }): { width: number; height: number };
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  render(o: unknown): { promise: Promise<unknown> };
  cleanup(): void;
}

/** One page image OCR'd into `scan` (a page of noise is kept empty: the caller reports it unread). */
function readInto(scan: ScanPages, page: number, grey: GreyImage, deadline: Deadline): void {
  const read = ocrPage(page, grey, deadline);
  const text = read.words.map((w) => w.text).join("");
  // A report page has Chinese text: OCR output without it (a photo, a garbled rendering) is noise, not a reading.
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  // Nor is a reading in which Latin letters and stray symbols abound (a page of random marks).
  if (han < MIN_HAN_PER_PAGE || plausibility(text) < 0 || junkShare(text) > MAX_JUNK_SHARE) {
    scan.inputs.push({ ...read.input, runs: [], rules: [], origin: "ocr" });
    return;
  }
  scan.inputs.push({ ...read.input, origin: "ocr" });
  if (read.doubtful.length) {
    const sample = read.doubtful.slice(0, 8).map((w) => w.text).join(" ");
    scan.warnings.push(`OCR 第 ${page} 页有 ${read.doubtful.length} 处文字识别把握不足，已舍弃（如：${sample}）：请核对原件`);
  }
}

/** The share of characters a Chinese report hardly has: Latin letters and symbols other than its punctuation. */
function junkShare(text: string): number {
  const chars = [...text.replace(/\s/g, "")];
  const junk = chars.filter((ch) => /[A-Za-z|<>@#$^&*_=+~`\\{}\[\]"'!?”“]/.test(ch)).length;
  return chars.length ? junk / chars.length : 0;
}
