// Shingles and the typed-array tools that keep 20,000 reports in seconds: k-character shingles
// hashed to 32 bits with a rolling polynomial hash (whitened by murmur3's finaliser), an LSD radix
// sort, and an open-addressing set of 32-bit keys.
import { SEP, type Content } from "./content.ts";

/** Shingle length in characters: about four or five Chinese words, long enough that two reports
 *  written independently on the same subject rarely share one by chance. */
export const SHINGLE_CHARS = 8;

const BASE = 0x01000193;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

let baseK = 1;
for (let i = 0; i < SHINGLE_CHARS; i++) baseK = Math.imul(baseK, BASE);

/**
 * Hash of every k-gram of the content that spans no break. With `ends`, also the index of each
 * shingle's last character (for marking shared passages).
 */
export function shingles(c: Content, ends?: Int32Array[]): Uint32Array {
  const k = SHINGLE_CHARS;
  const out = new Uint32Array(Math.max(0, c.length));
  const at = ends ? new Int32Array(Math.max(0, c.length)) : null;
  let m = 0;
  let h = 0;
  let run = 0;
  const chars = c.chars;
  for (let i = 0; i < c.length; i++) {
    const ch = chars[i];
    if (ch === SEP) {
      run = 0;
      h = 0;
      continue;
    }
    h = (Math.imul(h, BASE) + ch) | 0;
    run++;
    if (run > k) h = (h - Math.imul(chars[i - k], baseK)) | 0;
    if (run >= k) {
      if (at) at[m] = i;
      out[m++] = fmix32(h);
    }
  }
  if (ends && at) ends.push(at.slice(0, m));
  return out.slice(0, m);
}

/** Sorts in place (LSD radix, two 16-bit passes; small arrays use the built-in sort). */
export function sortU32(a: Uint32Array): Uint32Array {
  const n = a.length;
  if (n < 4096) return a.sort();
  const tmp = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 2; pass++) {
    const shift = pass * 16;
    const src = pass === 0 ? a : tmp;
    const dst = pass === 0 ? tmp : a;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i];
      dst[count[(v >>> shift) & 0xffff]++] = v;
    }
  }
  return a;
}

/** Sorted distinct values (sorts `a` in place; returns a view of it). */
export function uniqueSorted(a: Uint32Array): Uint32Array {
  sortU32(a);
  let m = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[m++] = a[i];
  return a.subarray(0, m);
}

/** Size of the intersection of two sorted distinct arrays. */
export function intersectCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

export function hasSorted(a: Uint32Array, v: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[mid];
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A set of 32-bit keys (open addressing, linear probing). */
export class U32Set {
  private table: Uint32Array;
  private mask: number;
  private hasZero = false;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.table = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  add(v: number): void {
    v >>>= 0;
    if (v === 0) {
      if (!this.hasZero) this.size++;
      this.hasZero = true;
      return;
    }
    let i = fmix32(v) & this.mask;
    while (this.table[i] !== 0) {
      if (this.table[i] === v) return;
      i = (i + 1) & this.mask;
    }
    this.table[i] = v;
    this.size++;
  }

  has(v: number): boolean {
    v >>>= 0;
    if (v === 0) return this.hasZero;
    let i = fmix32(v) & this.mask;
    while (this.table[i] !== 0) {
      if (this.table[i] === v) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }
}
