// A page fed askew into the scanner: its angle from the rows of ink (ruling lines and lines of
// text lie along the page's horizontal), then the page turned back, so that ruling lines are
// rows and columns of pixels again (ocr.ts finds them as such) and tesseract reads level lines.
import type { GreyImage } from "./ocr.ts";

/** Skews searched (degrees either way): a sheet fed by hand or a phone held crooked. */
const MAX_SKEW_DEG = 3;
/** Below this the page is left as it is (less than a pixel across a ruled table). */
const MIN_SKEW_DEG = 0.08;
const INK = 160;
/** Every SAMPLE-th pixel in each direction enters the profile. */
const SAMPLE = 2;

/**
 * The page's skew in degrees, positive when its lines rise to the right (counter-clockwise):
 * the angle at which the ink, projected onto the vertical, piles up in the fewest, fullest rows.
 */
export function skewAngle(img: GreyImage): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += SAMPLE) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += SAMPLE) {
      if (img.data[row + x] < INK) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  // Bins one pixel high: a skew of a tenth of a degree moves a line by more than a pixel across a page.
  const offset = img.width * Math.tan((MAX_SKEW_DEG * Math.PI) / 180);
  const bins = new Float64Array(Math.ceil(img.height + 2 * offset) + 2);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.floor(ys[i] + xs[i] * t + offset)]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (const [step, reach] of [[0.25, MAX_SKEW_DEG / 0.25], [0.05, 5], [0.01, 5]]) {
    const centre = best;
    for (let k = -reach; k <= reach; k++) {
      const deg = centre + k * step;
      if (k === 0 || Math.abs(deg) > MAX_SKEW_DEG) continue;
      const s = score(deg);
      if (s > bestScore) {
        bestScore = s;
        best = deg;
      }
    }
  }
  return best;
}

/** The page turned level (white where the turn brings in paper from outside), or the same page when it is level. */
export function deskew(img: GreyImage): { image: GreyImage; degrees: number } {
  const degrees = skewAngle(img);
  if (Math.abs(degrees) < MIN_SKEW_DEG) return { image: img, degrees: 0 };
  // A source line y = c - x·tan(a) (rising to the right) becomes the output row c:
  // source = rotation of the output point by the skew about the page centre.
  const a = (-degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = img.width / 2;
  const cy = img.height / 2;
  const out = new Uint8Array(img.width * img.height);
  const { width, height, data } = img;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[y * width + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[y * width + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { image: { ...img, data: out }, degrees };
}
