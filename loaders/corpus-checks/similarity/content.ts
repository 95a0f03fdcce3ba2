// A report's own content, as compared for copying: the Chinese characters of its prose, with
// - table lines dropped and the fixed wording cut out (boilerplate.ts);
// - digits, Latin letters, punctuation and white space ignored: a copy whose numbers, dates and
//   line breaks were updated is still a copy (whether the figures were carried over is judged
//   apart, figures.ts);
// - every place name known to the corpus (the report's own township, its neighbours, counties,
//   cities) replaced by one placeholder, and the unit words 镇/乡/街道/苏木 by another, so a
//   neighbour's report with the names swapped (我镇 → 我乡), or with the source's name left in
//   places, reads the same as its source.
// Each kept character can remember where it was printed (for the sample passage).
import { labelVocabulary, STATUTE_PHRASES } from "./boilerplate.ts";

/** Break marker: no shingle spans it (a cut-out phrase or a dropped table line). */
export const SEP = 0;
const PLACE_NAME = 0xe000;
const UNIT_WORD = 0xe001;

export interface Content {
  chars: Uint16Array;
  length: number;
  /** Offset in the text of each kept character (only when asked for). */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

const isCjk = (c: number) => c >= 0x3400 && c <= 0x9fff;

interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}

/** Longest-match lookup of a set of strings, over a string or an array of char codes. */
class Trie {
  private first = new Uint8Array(65536);
  private root: TrieNode = { next: new Map(), end: false };
  size = 0;

  add(word: string): void {
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let next = node.next.get(c);
      if (!next) node.next.set(c, (next = { next: new Map(), end: false }));
      node = next;
    }
    if (!node.end) this.size++;
    node.end = true;
    this.first[word.charCodeAt(0)] = 1;
  }

  /** Length of the longest word starting at `i` of `at(i)`, 0 when none. */
  match(at: (i: number) => number, i: number, n: number): number {
    if (!this.first[at(i)]) return 0;
    let node: TrieNode | undefined = this.root;
    let best = 0;
    for (let j = i; j < n && node; j++) {
      node = node.next.get(at(j));
      if (node?.end) best = j - i + 1;
    }
    return best;
  }
}

/** Place names known to the corpus (townships, counties, cities): every occurrence is masked. */
export class PlaceNames {
  private trie = new Trie();
  constructor(names: Iterable<string | null | undefined>) {
    for (const n of names) if (n && n.length >= 2 && n.length <= 12) this.trie.add(n);
  }
  get size() {
    return this.trie.size;
  }
  /** Length of the longest known name starting at `i` (0 when none). */
  at(text: string, i: number): number {
    return this.trie.match((k) => text.charCodeAt(k), i, text.length);
  }
}

let phrases: Trie | null = null;
/** STATUTE_PHRASES written as content is (Chinese only, unit words masked). */
function fixedPhrases(): Trie {
  if (phrases) return phrases;
  const trie = new Trie();
  for (const p of STATUTE_PHRASES) {
    const c = extract(p, null, false, false, undefined, new Uint16Array(p.length + 1));
    if (c.length >= 2) trie.add(String.fromCharCode(...c.chars.subarray(0, c.length)));
  }
  return (phrases = trie);
}

let scratch = new Uint16Array(1 << 16);

/**
 * The content of one report. Without offsets the characters live in a buffer shared by every
 * call (valid until the next call: take what you need, e.g. its shingles, at once).
 */
export function extractContent(text: string, township: string | null, withOffsets = false, names?: PlaceNames): Content {
  let buffer: Uint16Array;
  if (withOffsets) buffer = new Uint16Array(text.length + 1);
  else {
    if (scratch.length < text.length + 1) scratch = new Uint16Array(text.length * 2 + 1);
    buffer = scratch;
  }
  const c = extract(text, township, withOffsets, true, names, buffer);
  cutPhrases(c);
  return c;
}

function extract(
  text: string, township: string | null, withOffsets: boolean, dropTables: boolean, names: PlaceNames | undefined, chars: Uint16Array,
): Content {
  const starts = withOffsets ? new Int32Array(text.length + 1) : null;
  const ends = withOffsets ? new Int32Array(text.length + 1) : null;
  const vocab = dropTables ? labelVocabulary() : null;
  const name = township && township.length >= 2 ? township : null;
  const name0 = name ? name.charCodeAt(0) : -1;
  let n = 0;
  const emit = (ch: number, s: number, e: number) => {
    chars[n] = ch;
    if (starts) {
      starts[n] = s;
      ends![n] = e;
    }
    n++;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (vocab && isTableLine(text, lineStart, lineEnd, vocab)) {
      if (n > 0 && chars[n - 1] !== SEP) emit(SEP, lineStart, lineStart);
    } else {
      for (let i = lineStart; i < lineEnd; i++) {
        const ch = text.charCodeAt(i);
        if (!isCjk(ch)) continue;
        const known = ch === name0 && text.startsWith(name!, i) ? name!.length : names ? names.at(text, i) : 0;
        if (known) {
          emit(PLACE_NAME, i, i + known);
          i += known - 1;
        } else if (ch === 0x9547 /* 镇 */ || ch === 0x4e61 /* 乡 */) {
          emit(UNIT_WORD, i, i + 1);
        } else if (ch === 0x8857 /* 街 */ && text.charCodeAt(i + 1) === 0x9053 /* 道 */) {
          const len = text.startsWith("街道办事处", i) ? 5 : text.startsWith("街道办", i) ? 3 : 2;
          emit(UNIT_WORD, i, i + len);
          i += len - 1;
        } else if (ch === 0x82cf /* 苏 */ && text.charCodeAt(i + 1) === 0x6728 /* 木 */) {
          emit(UNIT_WORD, i, i + 2);
          i += 1;
        } else {
          emit(ch, i, i + 1);
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return { chars, length: n, starts, ends };
}

/** A line this short may be pieces of several labels run together ("商业企科研机社会公法律服": header
 * cells a PDF extraction cut and a converter joined). */
const SHORT_LINE = 30;

/** True when every run of Chinese characters on the line is a piece of a template label (on a short
 * line, also several pieces of labels, each of two characters or more, run together). */
function isTableLine(text: string, from: number, to: number, vocab: Set<string>): boolean {
  let i = from;
  let cjk = 0;
  const runs: string[] = [];
  while (i < to) {
    while (i < to && !isCjk(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const s = i;
    while (i < to && isCjk(text.charCodeAt(i))) i++;
    runs.push(text.slice(s, i));
    cjk += i - s;
  }
  return runs.every((r) => vocab.has(r) || (cjk <= SHORT_LINE && labelPieces(r, vocab)));
}

/** True when the run is pieces of labels of 2+ characters, one after another. */
function labelPieces(run: string, vocab: Set<string>): boolean {
  const ok = new Uint8Array(run.length + 1);
  ok[0] = 1;
  for (let e = 2; e <= run.length; e++) {
    for (let b = e - 2; b >= 0 && !ok[e]; b--) if (ok[b] && vocab.has(run.slice(b, e))) ok[e] = 1;
  }
  return ok[run.length] === 1;
}

/** Cuts every fixed phrase out of the content (longest match first, left to right). */
function cutPhrases(c: Content): void {
  const trie = fixedPhrases();
  const chars = c.chars;
  const at = (k: number) => chars[k];
  for (let i = 0; i < c.length; i++) {
    const len = trie.match(at, i, c.length);
    if (len) {
      chars.fill(SEP, i, i + len);
      i += len - 1;
    }
  }
}

/** The printed text from character `from` to character `to` (inclusive) of the content, with the figures at its edges. */
export function passage(text: string, c: Content, from: number, to: number): string {
  let s = c.starts![from];
  let e = c.ends![to];
  while (s > 0 && /[\d.,，%\s]/.test(text[s - 1]) && /\d/.test(text.slice(Math.max(0, s - 12), s))) s--;
  while (e < text.length && /[\d.%]/.test(text[e])) e++;
  return text.slice(s, e).replace(/\s+/g, "").replace(/^[,，.]+/, "");
}
