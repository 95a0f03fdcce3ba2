// Seeded pseudo-random numbers. Every random choice in the demo corpus comes from a stream
// derived from a string key (e.g. "t3:990102001:2021"), so adding a draw in one place never
// shifts the numbers drawn anywhere else, and the same key gives the same bytes on every run.

export const CORPUS_SEED = "nianbao-demo-v1";

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32: small, fast, good enough for synthetic data; state is four 32-bit words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: string) {
    this.a = hashString(`${CORPUS_SEED}|a|${key}`);
    this.b = hashString(`${CORPUS_SEED}|b|${key}`);
    this.c = hashString(`${CORPUS_SEED}|c|${key}`);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from empty list");
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** A new array in shuffled order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Up to n distinct items, in the order they were drawn. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  normal(): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return (s - 3) * Math.SQRT2;
  }

  /** Poisson draw (Knuth for small means, normal approximation above 40). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }
}

/** A stream for a key built from parts. */
export function rngFor(...parts: (string | number)[]): Rng {
  return new Rng(parts.join(":"));
}

/** Split n into parts proportional to weights (multinomial draw); the parts sum to n. */
export function splitCount(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || n <= 0) return out;
  for (let i = 0; i < n; i++) {
    let r = rng.next() * total;
    let k = 0;
    while (k < weights.length - 1 && r >= weights[k]) {
      r -= weights[k];
      k++;
    }
    out[k]++;
  }
  return out;
}
