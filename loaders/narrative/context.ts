// The number tokens of a sentence with the words around each one: `lead` (its clause, up to the
// number), `wide` (everything since the previous number in the sentence, numbers in brackets
// skipped) and `trail` (the words right after it, for "1条权责清单": count before label).
import { numberTokens, type NumberToken } from "./numbers.ts";
import { spanOf, type Sentence } from "./text.ts";

export interface Tok extends NumberToken {
  /** Global offsets in the whole text (start, end exclusive); `start`/`end` stay sentence-local. */
  gStart: number;
  gEnd: number;
  lead: string;
  /** Like lead, but across 、和及或 ("行政复议、提起行政诉讼均为0件"). */
  clause: string;
  wide: string;
  trail: string;
  sentence: Sentence;
  /** Index of the token in its sentence. */
  index: number;
}

const BOUNDARY = new Set("，,；;：:（()）、。！？!?\n");
const CLAUSE_BOUNDARY = new Set("，,；;：:（()）。！？!?\n");

export function sentenceTokens(sentence: Sentence): Tok[] {
  const text = sentence.text;
  const raw = numberTokens(text);
  const out: Tok[] = [];
  // A number in brackets is an aside ("微信公众号（1个）发布信息149条"): the next number's `wide`
  // reaches back past it, so the words before the bracket still qualify that number.
  const aside: boolean[] = [];
  let depth = 0;
  let at = 0;
  for (const t of raw) {
    for (; at < t.start; at++) {
      const ch = text[at];
      if (ch === "（" || ch === "(") depth++;
      else if ((ch === "）" || ch === ")") && depth > 0) depth--;
    }
    aside.push(depth > 0);
  }
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    let p = i - 1;
    while (p >= 0 && aside[p]) p--;
    const prevEnd = p >= 0 ? raw[p].end : 0;
    let a = t.start;
    // A bracket right before the words is part of them ("公共资源交易类（建设项目招标）的信息289条").
    for (;;) {
      while (a > prevEnd && !BOUNDARY.has(text[a - 1])) a--;
      const open = a > prevEnd && (text[a - 1] === "）" || text[a - 1] === ")") && a < t.start ? openingBracket(text, a - 1, prevEnd) : -1;
      if (open < 0) break;
      a = open;
    }
    let c = a;
    while (c > prevEnd && !CLAUSE_BOUNDARY.has(text[c - 1])) c--;
    const nextStart = i + 1 < raw.length ? raw[i + 1].start : text.length;
    let b = t.end;
    while (b < nextStart && !BOUNDARY.has(text[b])) b++;
    const [gStart, gEnd] = spanOf(sentence, t.start, t.end);
    const tok = t as Tok;
    tok.gStart = gStart;
    tok.gEnd = gEnd;
    tok.lead = text.slice(a, t.start);
    tok.clause = titlesWithoutVerbs(text.slice(c, t.start));
    tok.wide = titlesWithoutVerbs(text.slice(prevEnd, t.start));
    tok.trail = text.slice(t.end, b);
    tok.sentence = sentence;
    tok.index = i;
    out.push(tok);
  }
  return out;
}

/** A document's title names the document, not what the report did: "更新《政府信息主动公开标准目录》
 * 3份" discloses nothing, so the verbs inside 《》 are not read as the sentence's. */
function titlesWithoutVerbs(s: string): string {
  return s.includes("《") ? s.replace(/《[^《》]*》/g, (title) => title.replace(TITLE_VERBS, "")) : s;
}
const TITLE_VERBS = /主动公开|公开|发布|公布|推送|公示/g;

/** Tokens of sentences, computed once per sentence. */
export class TokenCache {
  private cache = new Map<Sentence, Tok[]>();
  of(s: Sentence): Tok[] {
    let t = this.cache.get(s);
    if (!t) this.cache.set(s, (t = sentenceTokens(s)));
    return t;
  }
}

/** Index of the bracket that the one at `close` closes, not before `floor`; -1 if none. */
function openingBracket(text: string, close: number, floor: number): number {
  let depth = 0;
  for (let i = close; i >= floor; i--) {
    const c = text[i];
    if (c === "）" || c === ")") depth++;
    else if (c === "（" || c === "(") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
