// Scan fixtures made at test time: a demo report (HTML) rendered by Chromium to a page image, in
// variants a real scan has (another font, a slight skew, a red stamp over a table, a low
// resolution), and the same image wrapped as a PDF page without a text layer. Truth is the demo's.
import { readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { findChromium, QUIET_CHROMIUM_FLAGS } from "./chromium.ts";

export const DEMO_SCAN_REPORT = "data/reports/demo/桐川县/安乐镇/2021年安乐镇政府信息公开工作年度报告.html";

/** The page is laid out this wide in CSS pixels and stands for an A4 sheet (8.27 in wide). */
const LAYOUT_WIDTH_PX = 1100;
const A4_WIDTH_IN = 8.27;

export interface ScanVariant {
  name: string;
  /** Scan resolution (dots per inch of the A4 sheet). */
  dpi: number;
  /** A CSS font-family for the whole page (default: the page's own, Noto Sans CJK SC here). */
  font?: string;
  /** Page turned by this many degrees (a sheet fed askew). */
  rotateDeg?: number;
  /** A red round seal over the first table's numbers. */
  stamp?: boolean;
}

export const SCAN_VARIANTS: ScanVariant[] = [
  { name: "clean-200dpi", dpi: 200 },
  { name: "serif-200dpi", dpi: 200, font: "Noto Serif CJK SC" },
  { name: "skew-1deg-200dpi", dpi: 200, rotateDeg: 1 },
  { name: "stamp-200dpi", dpi: 200, stamp: true },
  { name: "office-110dpi", dpi: 110 },
];

/** A headless Chromium (no profile: each variant gets its own context with its pixel density). */
export async function launchScanBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: (await findChromium()).path, headless: true, args: QUIET_CHROMIUM_FLAGS });
}

/** The demo report rendered as one tall page image (PNG) of the variant. */
export async function renderScan(browser: Browser, variant: ScanVariant): Promise<Uint8Array> {
  const scale = (variant.dpi * A4_WIDTH_IN) / LAYOUT_WIDTH_PX;
  const context = await browser.newContext({ viewport: { width: LAYOUT_WIDTH_PX, height: 1100 }, deviceScaleFactor: scale, locale: "zh-CN" });
  const page = await context.newPage();
  try {
    await page.goto(`file://${process.cwd()}/${DEMO_SCAN_REPORT}`);
    const css: string[] = ["html,body{background:#fff}"];
    if (variant.font) css.push(`*{font-family:"${variant.font}" !important}`);
    // Turned counter-clockwise about the top left corner, so the page grows to the right and
    // down (into the screenshot) and loses nothing but a margin at the top, which is added.
    if (variant.rotateDeg) css.push(`html{padding-top:${Math.ceil(LAYOUT_WIDTH_PX * Math.sin((variant.rotateDeg * Math.PI) / 180)) + 8}px}body{transform:rotate(-${variant.rotateDeg}deg);transform-origin:0 0}`);
    await page.addStyleTag({ content: css.join("\n") });
    if (variant.stamp) {
      await page.evaluate(() => {
        const table = [...document.querySelectorAll("table")].find((t) => t.rows.length > 4);
        if (!table) throw new Error("no table to stamp");
        const box = table.getBoundingClientRect();
        const seal = document.createElement("div");
        seal.textContent = "★ 人民政府 ★";
        Object.assign(seal.style, {
          position: "absolute", left: `${box.left + box.width * 0.55 + scrollX}px`, top: `${box.top + 20 + scrollY}px`,
          width: "170px", height: "170px", borderRadius: "50%", border: "5px solid rgba(220,30,30,0.85)",
          color: "rgba(220,30,30,0.85)", font: "bold 22px sans-serif", display: "flex", alignItems: "center",
          justifyContent: "center", mixBlendMode: "multiply", transform: "rotate(-12deg)", pointerEvents: "none",
        });
        document.body.appendChild(seal);
      });
    }
    return new Uint8Array(await page.screenshot({ fullPage: true }));
  } finally {
    await context.close();
  }
}

/** Width and height in pixels of a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** The image as the only content of a PDF page as wide as an A4 sheet (a scan: no text layer). */
export async function imagePdf(browser: Browser, png: Uint8Array): Promise<Uint8Array> {
  const { width, height } = pngSize(png);
  const page = await browser.newPage();
  try {
    await page.setContent(`<style>@page{margin:0}body{margin:0}img{width:100%;display:block}</style><img src="data:image/png;base64,${Buffer.from(png).toString("base64")}">`);
    return new Uint8Array(await page.pdf({ width: `${A4_WIDTH_IN}in`, height: `${(A4_WIDTH_IN * height) / width}in`, printBackground: true }));
  } finally {
    await page.close();
  }
}

interface TruthCell { table: string; row: string; col: string; value: number }

export function demoTruthCells(): TruthCell[] {
  const truth = readFileSync("data/demo-truth/truth.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((t) => t.file === DEMO_SCAN_REPORT);
  if (!truth) throw new Error(`no truth for ${DEMO_SCAN_REPORT}`);
  return truth.cells as TruthCell[];
}

export interface CellScore {
  right: number;
  wrong: string[];
  empty: number;
  total: number;
}

/** Cells against the demo truth: right, wrong (what was read ≠ truth) and empty (not read). */
export function scoreCells(cells: { table: string; row: string; col: string; value: number | null }[]): CellScore {
  const truth = demoTruthCells();
  const got = new Map(cells.map((c) => [`${c.table}.${c.row}.${c.col}`, c.value]));
  let right = 0;
  const wrong: string[] = [];
  for (const c of truth) {
    const v = got.get(`${c.table}.${c.row}.${c.col}`);
    if (v == null) continue;
    if (v === c.value) right++;
    else wrong.push(`${c.table}.${c.row}.${c.col}: ${v} ≠ ${c.value}`);
  }
  return { right, wrong, empty: truth.length - right - wrong.length, total: truth.length };
}

/** A small page image of a few lines of Chinese (12 pt at `dpi`), drawn without a browser: a quick scan for tests of the flow, not of accuracy. */
export async function textLinesPng(lines: string[], dpi = 200): Promise<Uint8Array> {
  const { createCanvas, GlobalFonts } = await import("@napi-rs/canvas");
  GlobalFonts.registerFromPath("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC");
  const size = Math.round((12 / 72) * dpi);
  const canvas = createCanvas(Math.round(A4_WIDTH_IN * dpi), Math.round(size * 1.8 * (lines.length + 2)));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  ctx.font = `${size}px "Noto Sans CJK SC"`;
  lines.forEach((line, i) => ctx.fillText(line, size * 2, size * 1.8 * (i + 1.5)));
  return new Uint8Array(canvas.toBuffer("image/png"));
}

/** PNG pages as a PDF (pdf-lib), each an A4-wide page holding only its picture. */
export async function pngPagesPdf(pngs: Uint8Array[]): Promise<Uint8Array> {
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const image = await doc.embedPng(png);
    const width = A4_WIDTH_IN * 72;
    const height = (width * image.height) / image.width;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return doc.save();
}
