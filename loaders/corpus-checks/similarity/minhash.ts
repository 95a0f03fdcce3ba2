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

/** Buckets larger than this are joined as a star (each member with the first) instead of all pairs. */
export const MAX_BUCKET_PAIRS = 64;

/**
 * Candidate pairs [i, j] (i < j) among the reports with a signature (`members`), as a flat array.
 * A pair is emitted once however many bands it shares.
 */
export function lshCandidates(sigs: Uint32Array, members: number[]): Uint32Array {
  const seen = new Set<number>();
  const out: number[] = [];
  const n = sigs.length / SIGNATURE_BINS;
  const push = (i: number, j: number) => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    const key = a * n + b;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(a, b);
  };
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<number, number[]>();
    const off = band * ROWS;
    for (const m of members) {
      const base = m * SIGNATURE_BINS + off;
      let h = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sigs[base + r]) + r);
      const list = buckets.get(h);
      if (list) list.push(m);
      else buckets.set(h, [m]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      if (list.length > MAX_BUCKET_PAIRS) {
        for (let x = 1; x < list.length; x++) push(list[0], list[x]);
        continue;
      }
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) push(list[x], list[y]);
    }
  }
  return Uint32Array.from(out);
}
