// `npm run bench` OCR section: seconds per scanned page. The fixture is the ruled 2021 report PDF
// (tests/fixtures/files/report-2021.pdf) taken as a scan: each page rendered at the OCR resolution
// and read by the OCR exactly as a scanned PDF's pages are (read/scan.ts ocrPdfPages: render,
// deskew, ruling lines, two tesseract passes). Pages are timed one at a time, rounds alternating
// over the pages, and the median is printed (the machine is shared: medians, not means).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ocrPdfPages } from "../../loaders/read/scan.ts";
import { ocrEngine } from "../../loaders/read/ocr.ts";
import { Deadline } from "../../loaders/read/errors.ts";
import { median } from "./stats.ts";

export const DEFAULT_OCR_PDF = "tests/fixtures/files/report-2021.pdf";

export async function ocrBench(options: { pdf?: string; rounds?: number } = {}): Promise<void> {
  const engine = ocrEngine();
  if (!engine) {
    console.log("OCR: 未安装 tesseract-ocr / tesseract-ocr-chi-sim，跳过（apt-get install tesseract-ocr tesseract-ocr-chi-sim）");
    return;
  }
  const file = options.pdf ?? DEFAULT_OCR_PDF;
  const rounds = options.rounds ?? 3;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)), cMapUrl: join(root, "cmaps") + "/", cMapPacked: true,
    standardFontDataUrl: join(root, "standard_fonts") + "/", useSystemFonts: false, isEvalSupported: false, verbosity: 0,
  }).promise;
  const seconds: number[] = [];
  let words = 0;
  for (let round = 0; round < rounds; round++) {
    for (let page = 1; page <= doc.numPages; page++) {
      const t0 = performance.now();
      const scan = await ocrPdfPages(doc, [page], new Deadline(600_000));
      seconds.push((performance.now() - t0) / 1000);
      if (round === 0) words += scan.inputs.reduce((n, p) => n + p.runs.length, 0);
    }
  }
  await doc.destroy();
  const sorted = [...seconds].sort((a, b) => a - b);
  console.log(`OCR (${engine.version}, ${file}: ${doc.numPages} A4 pages rendered at 300 dpi, ${words} words; ${rounds} rounds): ` +
    `median ${median(seconds).toFixed(2)} s/page (min ${sorted[0].toFixed(2)}, max ${sorted[sorted.length - 1].toFixed(2)}), one tesseract thread per page`);
}
