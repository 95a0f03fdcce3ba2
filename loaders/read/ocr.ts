// Page images → positioned words and ruling lines (PageInput), so a scan goes through the same
// layout and grid logic as a text PDF (pdf-layout.ts).
//
// Engine: Debian's tesseract (tesseract-ocr + tesseract-ocr-chi-sim), run as a child process per
// page with TSV output (each word's box and confidence). Offline by construction: a local binary
// and local language data. A missing engine is a ReadFailure "needs-ocr" naming the packages.
//
// Ruling lines come from the bitmap itself (long runs of dark pixels), so a scanned table gets
// its cells from its borders, not from the order tesseract reads the words in.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PageInput, Rule, TextRun } from "./pdf-layout.ts";
import { Deadline, ReadFailure } from "./errors.ts";
import { deskew } from "./deskew.ts";

/** A bitmap in 8-bit grey, one byte per pixel, rows top to bottom. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
  /** Pixels per inch of the scan (page coordinates are points: px × 72 / dpi). */
  dpi: number;
}

export interface OcrWord {
  text: string;
  /** Box in pixels of the page image. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Tesseract's confidence, 0–100. */
  conf: number;
}

export interface OcrPage {
  input: PageInput;
  words: OcrWord[];
  /** Words dropped for low confidence (their text, for the warning). */
  doubtful: OcrWord[];
}

/** Time OCR may take per page, on top of the file's time limit (two tesseract passes over a tall
 * page take ~16–19 s on a 2-core machine that is busy with other work). */
export const OCR_PAGE_TIME_LIMIT_MS = 60_000;

/** The per-page OCR allowance in force: NIANBAO_OCR_PAGE_TIME_LIMIT_MS when set, else OCR_PAGE_TIME_LIMIT_MS. */
export function ocrPageTimeLimitMs(): number {
  const v = Number(typeof process === "undefined" ? undefined : process.env.NIANBAO_OCR_PAGE_TIME_LIMIT_MS);
  return Number.isFinite(v) && v > 0 ? v : OCR_PAGE_TIME_LIMIT_MS;
}

export function ocrTimeoutFailure(page: number, ms: number): ReadFailure {
  return new ReadFailure(`OCR 识别超时（第 ${page} 页，OCR 时限 ${Number((ms / 1000).toFixed(1))} 秒）：页面可能过大或过于复杂，请提供文字版 PDF、DOCX 或网页版本，或单独重试`, "needs-ocr");
}

/** Words below this confidence are not used (left out, with a warning). */
export const MIN_WORD_CONFIDENCE = 40;
export const OCR_LANGUAGES = "chi_sim";

const MISSING_ENGINE = "未找到 OCR 识别程序（tesseract 及其简体中文语言包）：请安装 tesseract-ocr 和 tesseract-ocr-chi-sim（Debian/Ubuntu：apt-get install tesseract-ocr tesseract-ocr-chi-sim），或提供文字版 PDF、DOCX 或网页版本";

let engine: { version: string; marker: string } | null | undefined;

/** The installed engine's version with the Chinese data, or null when it cannot run. `marker`
 * names the engine and its language data (their bytes' digest): the parse cache keeps OCR'd
 * results only for the engine that made them. */
export function ocrEngine(): { version: string; marker: string } | null {
  if (engine !== undefined) return engine;
  const v = spawnSync("tesseract", ["--version"], { encoding: "utf8" });
  const langs = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8" });
  const ok = v.status === 0 && langs.status === 0 && /^chi_sim$/m.test(langs.stdout);
  if (!ok) return (engine = null);
  const version = `tesseract ${/tesseract\s+(\S+)/.exec(v.stdout + v.stderr)?.[1] ?? "?"}`;
  const dir = /"([^"]+)"/.exec(langs.stdout + langs.stderr)?.[1] ?? "";
  const digest = createHash("sha256");
  for (const lang of [OCR_LANGUAGES, "eng"]) {
    try {
      digest.update(readFileSync(join(dir, `${lang}.traineddata`)));
    } catch {
      digest.update(`${lang}:unreadable`);
    }
  }
  return (engine = { version, marker: `${version} ${OCR_LANGUAGES}+eng ${digest.digest("hex").slice(0, 16)}` });
}

/** The OCR engine marker for the parse cache: the engine and its data, or "none" when it cannot run. */
export function ocrEngineMarker(): string {
  return ocrEngine()?.marker ?? "none";
}

/** Read one page image in grey, within `deadline` (the OCR's own: see Deadline.grant). */
export function ocrPage(page: number, scanned: GreyImage, deadline: Deadline): OcrPage {
  if (!ocrEngine()) throw new ReadFailure(MISSING_ENGINE, "needs-ocr");
  const k = 72 / scanned.dpi;
  const nothing: OcrPage = { input: { page, width: scanned.width * k, height: scanned.height * k, runs: [], rules: [] }, words: [], doubtful: [] };
  // A blank page (or one pdf.js could not paint) has nothing to read, nor has a page that is
  // mostly dark (a fill over the whole page, a photo): no tesseract run.
  const ink = inkShare(scanned);
  if (ink < MIN_INK_SHARE || ink > MAX_INK_SHARE) return nothing;
  // A page fed askew is turned level first: ruling lines are then found as rows and columns of pixels.
  const grey = deskew(scanned).image;
  const lines = ruleLines(grey);
  // Table borders confuse tesseract's page segmentation (cells are dropped or read as 口/日):
  // it reads a copy with the ruling lines painted white.
  const clean = withoutLines(grey, lines);
  // Ruling lines and nothing else (a table whose text did not render) leave nothing to read.
  if (inkShare(clean) < MIN_INK_SHARE) return nothing;
  const encoded = pgm(clean);
  // psm 6 (one uniform block) keeps tesseract from dropping table cells as "noise"; positions,
  // not its reading order, place the words.
  const text = tesseract(page, encoded, grey.dpi, [OCR_LANGUAGES, "--psm", "6", "-c", "preserve_interword_spaces=1"], deadline);
  // The Chinese model reads a lone "0" in a table cell as 日/回/加: a second pass that knows only
  // digits reads the numbers, and wins where its boxes cover a doubtful word.
  const digits = tesseract(page, encoded, grey.dpi, ["eng", "--psm", "11", "-c", `tessedit_char_whitelist=${DIGIT_CHARS}`], deadline).filter((w) => /^\d+(\.\d+)?$/.test(w.text) && w.conf >= MIN_DIGIT_CONFIDENCE);
  const { words, doubtful } = mergePasses(text, digits);
  const runs: TextRun[] = words.map((w) => ({ str: w.text, x0: w.x0 * k, x1: w.x1 * k, y0: w.y0 * k, y1: w.y1 * k, size: Math.max(1, (w.y1 - w.y0) * k) }));
  const rules = lines.map((r) => ({ x0: r.x0 * k, y0: r.y0 * k, x1: r.x1 * k, y1: r.y1 * k }));
  return { input: { page, width: grey.width * k, height: grey.height * k, runs, rules }, words, doubtful };
}

const MIN_INK_SHARE = 0.0005;
/** A printed page, even with a seal and a photo on it, is mostly white paper. */
const MAX_INK_SHARE = 0.5;

/** The share of dark pixels, sampled on every 7th pixel. */
function inkShare(img: GreyImage): number {
  let dark = 0;
  let n = 0;
  for (let i = 0; i < img.data.length; i += 7, n++) if (img.data[i] < DARK) dark++;
  return n ? dark / n : 0;
}

function tesseract(page: number, encoded: Uint8Array, dpi: number, args: string[], deadline: Deadline): OcrWord[] {
  const left = deadline.at - Date.now();
  if (left <= 0) throw ocrTimeoutFailure(page, deadline.ms);
  const run = spawnSync("tesseract", ["stdin", "stdout", "-l", ...args, "--dpi", String(Math.round(dpi)), "tsv"], {
    input: encoded,
    maxBuffer: 64 * 1024 * 1024,
    encoding: "utf8",
    timeout: left,
    killSignal: "SIGKILL",
    env: { ...process.env, OMP_THREAD_LIMIT: "1" }, // pages run in parallel; one thread each
  });
  if (run.signal || (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") throw ocrTimeoutFailure(page, deadline.ms);
  if (run.status !== 0) throw new ReadFailure(`OCR 识别失败（第 ${page} 页）：${(run.stderr || "").trim().slice(0, 200) || "tesseract 退出异常"}`, "needs-ocr");
  return parseTsv(run.stdout);
}

const DIGIT_CHARS = "0123456789.";
const MIN_DIGIT_CONFIDENCE = 60;
const HAN = /\p{Script=Han}/u;

const overlaps = (a: OcrWord, b: OcrWord) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

/**
 * The text pass's words, except where a confident digit of the digits pass lies over a word the
 * text pass doubted or read as digits too; a digit over a confidently read Chinese word is a
 * stroke read as a number and is dropped.
 */
export function mergePasses(text: OcrWord[], digits: OcrWord[]): { words: OcrWord[]; doubtful: OcrWord[] } {
  const firm = (w: OcrWord) => w.conf >= MIN_WORD_CONFIDENCE && HAN.test(w.text);
  const used = digits.filter((d) => !text.some((t) => firm(t) && overlaps(t, d)));
  const replaced = (t: OcrWord) => !firm(t) && used.some((d) => overlaps(t, d));
  const kept = text.filter((t) => !replaced(t));
  return {
    words: [...kept.filter((w) => w.conf >= MIN_WORD_CONFIDENCE), ...used],
    doubtful: kept.filter((w) => w.conf < MIN_WORD_CONFIDENCE),
  };
}

/** Tesseract TSV → words (level 5) with text. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const line of tsv.split("\n").slice(1)) {
    const f = line.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    if (!text) continue;
    const [left, top, width, height, conf] = [6, 7, 8, 9, 10].map((i) => Number(f[i]));
    words.push({ text, x0: left, y0: top, x1: left + width, y1: top + height, conf });
  }
  return words;
}

/** A ruling line in pixels, with the band of pixel rows/columns it covers. */
export interface PixelRule extends Rule {
  thickness: number;
}

/**
 * Horizontal and vertical ruling lines of a bitmap: runs of dark pixels at least MIN_RULE_IN
 * inches long (longer than any stroke of a character at body size), merged across the few
 * adjacent pixel rows/columns a printed line is thick.
 */
export function ruleLines(img: GreyImage): PixelRule[] {
  const minLen = Math.round(img.dpi * MIN_RULE_IN);
  const dark = (x: number, y: number) => img.data[y * img.width + x] < RULE_DARK;
  const horizontal = segments(img.height, img.width, minLen, (i, j) => dark(j, i));
  const vertical = segments(img.width, img.height, minLen, (i, j) => dark(i, j));
  return [
    ...horizontal.map((s) => ({ x0: s.from, x1: s.to, y0: s.at, y1: s.at, thickness: s.thickness })),
    ...vertical.map((s) => ({ x0: s.at, x1: s.at, y0: s.from, y1: s.to, thickness: s.thickness })),
  ];
}

/** A copy of the image with the ruling lines (and a pixel around them, the anti-aliasing) white. */
export function withoutLines(img: GreyImage, lines: PixelRule[]): GreyImage {
  const data = img.data.slice();
  for (const r of lines) {
    const half = r.thickness / 2 + 1.5;
    const horizontal = r.y0 === r.y1;
    const x0 = Math.max(0, Math.floor(horizontal ? r.x0 : r.x0 - half));
    const x1 = Math.min(img.width - 1, Math.ceil(horizontal ? r.x1 : r.x1 + half));
    const y0 = Math.max(0, Math.floor(horizontal ? r.y0 - half : r.y0));
    const y1 = Math.min(img.height - 1, Math.ceil(horizontal ? r.y1 + half : r.y1));
    for (let y = y0; y <= y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
  }
  return { ...img, data };
}

/** Binary PGM (P5): a format tesseract reads with no image library in between. */
export function pgm(img: GreyImage): Uint8Array {
  const head = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, "latin1");
  return new Uint8Array(Buffer.concat([head, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)]));
}

const DARK = 140;
/** Ruling lines are found among all but near-white pixels: a thin line in a low-resolution scan,
 * enlarged, is light grey, and only a line is long enough to count (strokes of characters are short). */
const RULE_DARK = 200;
const MIN_RULE_IN = 0.22;
/** Gaps (pixels) a scanned line may have and still be one line. */
const GAP_PX = 2;

interface Segment { at: number; from: number; to: number; thickness: number }

/** Dark runs along each line i (j the position along it), then runs on neighbouring lines that overlap merged into one. */
function segments(lines: number, length: number, minLen: number, dark: (i: number, j: number) => boolean): Segment[] {
  const open: { first: number; last: number; from: number; to: number }[] = [];
  const done: Segment[] = [];
  for (let i = 0; i <= lines; i++) {
    const found: { from: number; to: number }[] = [];
    if (i < lines) {
      let start = -1;
      let gap = 0;
      for (let j = 0; j <= length; j++) {
        const d = j < length && dark(i, j);
        if (d) {
          if (start < 0) start = j;
          gap = 0;
        } else if (start >= 0 && (++gap > GAP_PX || j === length)) {
          const end = j - gap;
          if (end - start + 1 >= minLen) found.push({ from: start, to: end });
          start = -1;
          gap = 0;
        }
      }
    }
    // Each run of this line joins the open segments it touches, and they become one: a line turned
    // level by deskew steps by a pixel, so its pieces start on neighbouring lines.
    for (const f of found) {
      const touching = open.filter((seg) => f.from <= seg.to + GAP_PX && f.to >= seg.from - GAP_PX);
      if (touching.length === 0) {
        open.push({ first: i, last: i, ...f });
        continue;
      }
      const [into, ...rest] = touching;
      into.last = i;
      into.from = Math.min(f.from, ...touching.map((t) => t.from));
      into.to = Math.max(f.to, ...touching.map((t) => t.to));
      into.first = Math.min(...touching.map((t) => t.first));
      for (const t of rest) open.splice(open.indexOf(t), 1);
    }
    for (let o = open.length - 1; o >= 0; o--) {
      const seg = open[o];
      if (seg.last === i && i < lines) continue;
      if (i - seg.last > 1 || i === lines) {
        // A thick band is a filled block (a stamp, a photo), not a rule.
        if (seg.last - seg.first < Math.max(4, minLen / 8)) done.push({ at: (seg.first + seg.last) / 2, from: seg.from, to: seg.to, thickness: seg.last - seg.first + 1 });
        open.splice(o, 1);
      }
    }
  }
  return done;
}
