// MinHash signatures by one-permutation hashing (Li, Owen & Zhang 2012) with densification by
// rotation (Shrivastava & Li 2014): each shingle is hashed once, its top bits choose one of
// SIGNATURE_BINS bins and a second hash is kept if it is the bin's minimum; an empty bin borrows
// from the next non-empty bin to its right. Two signatures agree in a bin with probability ≈ the
// Jaccard similarity of the two shingle sets.
//
// LSH banding: BANDS bands of ROWS bins; two reports become candidates when all bins of one band
// agree. P(candidate) = 1 − (1 − J^ROWS)^BANDS: with 64 × 4 it is 0.98 at J = 0.5, > 0.9999999 at
// J = 0.7 (the copy threshold), 0.10 at J = 0.2 and 0.006 at J = 0.1. Candidates are then checked
// on their signatures and exactly on their shingle sets (index.ts), so LSH only has to not miss.
import { fmix32 } from "./hashing.ts";

export const SIGNATURE_BINS = 256;
export const BANDS = 64;
export const ROWS = 4;
const BIN_BITS = 8; // 2^8 = SIGNATURE_BINS
const EMPTY = 0xffffffff;
const ROTATION_STEP = 0x9e3779b1; // added per bin borrowed across, so borrowed values differ by distance

export function signature(hashes: Uint32Array, keep: (h: number) => boolean, out: Uint32Array): number {
  out.fill(EMPTY);
  let used = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (!keep(h)) continue;
    used++;
    const bin = h >>> (32 - BIN_BITS);
    const v = fmix32(h ^ 0x5bd1e995);
    if (v < out[bin]) out[bin] = v;
  }
  if (used === 0) return 0;
  for (let b = 0; b < SIGNATURE_BINS; b++) {
    if (out[b] !== EMPTY) continue;
    let t = 1;
    let src = (b + 1) % SIGNATURE_BINS;
    // Borrow from the original (non-borrowed) value of the nearest non-empty bin to the right.
    while (out[src] === EMPTY || borrowed[src] === 1) {
      src = (src + 1) % SIGNATURE_BINS;
      t++;
    }
    out[b] = (out[src] + Math.imul(t, ROTATION_STEP)) >>> 0;
    borrowed[b] = 1;
  }
  borrowed.fill(0);
  return used;
}
const borrowed = new Uint8Array(SIGNATURE_BINS);

/** Fraction of bins on which two signatures agree: the MinHash estimate of their Jaccard similarity. */
export function estimate(sigs: Uint32Array, a: number, b: number): number {
  const k = SIGNATURE_BINS;
  let same = 0;
  const oa = a * k;
  const ob = b * k;
  for (let i = 0; i < k; i++) if (sigs[oa + i] === sigs[ob + i]) same++;
  return same / k;
}

/** Bins looked at first by `atLeast`. */
const PREFIX_BINS = 64;

/**
 * True when the estimate reaches `min`. Most LSH candidates are far below it: they are rejected on
 * the first PREFIX_BINS bins when those agree less than `min` − 5 standard errors (a pair really
 * at `min` is rejected there with probability < 1e-6), and only the rest are counted in full.
 */
export function atLeast(sigs: Uint32Array, a: number, b: number, min: number): boolean {
  const oa = a * SIGNATURE_BINS;
  const ob = b * SIGNATURE_BINS;
  let same = 0;
  for (let i = 0; i < PREFIX_BINS; i++) if (sigs[oa + i] === sigs[ob + i]) same++;
  const se = Math.sqrt((min * (1 - min)) / PREFIX_BINS);
  if (same / PREFIX_BINS < min - 5 * se) return false;
  return estimate(sigs, a, b) >= min;
}

/** Buckets larger than this are joined as a star (each member with the first) instead of all pairs. */
export const MAX_BUCKET_PAIRS = 64;

/**
 * Candidate pairs [i, j] (i < j) among the reports with a signature (`members`), as a flat array.
 * A pair is emitted once however many bands it shares. Per band, the members are sorted by their
 * band key (typed arrays, no per-bucket objects); pairs are collected as numbers i·n + j, sorted
 * and made unique whenever the buffer fills (a pair found in many bands is held once, so the buffer
 * grows with the candidates, not with candidates × bands: at 100,000 reports that was over a GB).
 */
export function lshCandidates(sigs: Uint32Array, members: number[]): Uint32Array {
  const n = sigs.length / SIGNATURE_BINS;
  const m = members.length;
  let pairs = new Float64Array(1 << 16);
  let np = 0;
  const unique = () => {
    const sorted = pairs.subarray(0, np).sort();
    let w = 0;
    for (let k = 0; k < np; k++) if (k === 0 || sorted[k] !== sorted[w - 1]) sorted[w++] = sorted[k];
    np = w;
  };
  const push = (i: number, j: number) => {
    if (np === pairs.length) {
      unique();
      if (np > pairs.length / 2) {
        const bigger = new Float64Array(pairs.length * 2);
        bigger.set(pairs.subarray(0, np));
        pairs = bigger;
      }
    }
    pairs[np++] = i < j ? i * n + j : j * n + i;
  };
  const keyed = new Float64Array(m);
  const INDEX = 2 ** 21; // members < 2M: key · 2^21 + position stays an exact double
  for (let band = 0; band < BANDS; band++) {
    const off = band * ROWS;
    for (let x = 0; x < m; x++) {
      const base = members[x] * SIGNATURE_BINS + off;
      let h = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sigs[base + r]) + r);
      keyed[x] = h * INDEX + x;
    }
    keyed.sort();
    for (let x = 0; x < m;) {
      const key = Math.floor(keyed[x] / INDEX);
      let y = x + 1;
      while (y < m && Math.floor(keyed[y] / INDEX) === key) y++;
      const size = y - x;
      if (size > 1) {
        const at = (k: number) => members[keyed[k] - key * INDEX];
        if (size > MAX_BUCKET_PAIRS) for (let k = x + 1; k < y; k++) push(at(x), at(k));
        else for (let k = x; k < y; k++) for (let l = k + 1; l < y; l++) push(at(k), at(l));
      }
      x = y;
    }
  }
  unique();
  const out = new Uint32Array(np * 2);
  for (let k = 0; k < np; k++) {
    const a = Math.floor(pairs[k] / n);
    out[2 * k] = a;
    out[2 * k + 1] = pairs[k] - a * n;
  }
  return out;
}
