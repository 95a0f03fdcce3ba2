// The text a narrative extractor reads: offsets → line and column, sentences, and the evidence
// record every extracted number carries (field, value, line, character span, snippet).

import type { Evidence } from "../types.ts";

/**
 * Evidence.field is a record field ("active_total", "requests_new_total" …), a part of one
 * ("active_categories.工作动态", "review_outcomes.upheld", "active_channels.门户网站") or a number the
 * prose states where a table is authoritative ("narrative.requests_new_total").
 */
export type { Evidence };

export const SNIPPET_MAX = 80;

export class TextIndex {
  readonly text: string;
  readonly lineStarts: number[];
  readonly lines: string[];

  /** `lines`: the text split at "\n", when the caller has it already. */
  constructor(text: string, lines?: string[]) {
    this.text = text;
    this.lines = lines ?? text.split("\n");
    const starts = new Array<number>(this.lines.length);
    let at = 0;
    for (let i = 0; i < this.lines.length; i++) {
      starts[i] = at;
      at += this.lines[i].length + 1;
    }
    this.lineStarts = starts;
  }

  /** 0-based line index of an offset. */
  lineIndex(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineText(index: number): string {
    return this.lines[index];
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Evidence for text[start, end) (global offsets, end exclusive); the snippet from `sentence` when given. */
  evidence(field: string, value: number, start: number, end: number, sentence?: Sentence): Evidence {
    const li = this.lineIndex(start);
    const ls = this.lineStarts[li];
    const lineEnd = this.lineStarts[li + 1] === undefined ? this.text.length : this.lineStarts[li + 1] - 1;
    const snippet = sentence ? shorten(sentence.text, start - sentence.start, end - sentence.start) : this.snippet(start, end);
    return { field, value, line: li + 1, start: start - ls + 1, end: Math.min(lineEnd, Math.max(start + 1, end)) - ls, snippet };
  }

  /** The sentence (。！？ or line) around a span, shortened around the span when long. */
  snippet(start: number, end: number): string {
    const t = this.text;
    let a = start;
    while (a > 0 && !/[。！？!?\n]/.test(t[a - 1])) a--;
    let b = end;
    while (b < t.length && !/[。！？!?\n]/.test(t[b])) b++;
    if (b < t.length && t[b] !== "\n") b++;
    if (b - a > SNIPPET_MAX) {
      const half = Math.floor((SNIPPET_MAX - (end - start)) / 2);
      const from = Math.max(a, Math.min(start - half, b - SNIPPET_MAX));
      const to = Math.min(b, from + SNIPPET_MAX);
      return (from > a ? "…" : "") + t.slice(from, to).trim() + (to < b ? "…" : "");
    }
    return t.slice(a, b).trim();
  }
}

/**
 * A paragraph of prose: its lines joined where a line break is only a wrap ("…行政复议、行\n政诉讼"),
 * with the map back to offsets in the whole text.
 */
export interface Block {
  text: string;
  /** Each joined line: where it starts in `text` (at) and in the whole text (g). */
  pieces: { at: number; g: number }[];
}

/** A sentence of the narrative (block text up to 。！？), the block it stands in and its topic. */
export interface Sentence {
  /** Global offsets of the first character and after the last one. */
  start: number;
  end: number;
  text: string;
  topic: Topic;
  block: Block;
  /** Where the sentence starts in its block's text. */
  offset: number;
}

/** Global offset of a sentence-local position. */
export function globalOf(s: Sentence, local: number): number {
  const at = s.offset + local;
  const pieces = s.block.pieces;
  let p = pieces[0];
  for (let i = 1; i < pieces.length && pieces[i].at <= at; i++) p = pieces[i];
  return p.g + (at - p.at);
}

/** Global [start, end) of a sentence-local span [a, b). */
export function spanOf(s: Sentence, a: number, b: number): [number, number] {
  return [globalOf(s, a), globalOf(s, Math.max(a, b - 1)) + 1];
}

/** A sentence shortened to SNIPPET_MAX characters around [a, b) (positions approximate across joins). */
function shorten(text: string, a: number, b: number): string {
  const t = text.trim();
  if (t.length <= SNIPPET_MAX) return t;
  const half = Math.floor((SNIPPET_MAX - Math.max(0, b - a)) / 2);
  const from = Math.max(0, Math.min(a - half, t.length - SNIPPET_MAX));
  const to = Math.min(t.length, from + SNIPPET_MAX);
  return (from > 0 ? "…" : "") + t.slice(from, to) + (to < t.length ? "…" : "");
}

/**
 * What a part of the report is about (sections.ts): the six topics of the 2008 条例 and the
 * parts a template report adds ("management": 政府信息管理, 平台建设, 监督保障 under 一、总体情况). "table" and "appendix" are never read as prose.
 */
export type Topic =
  | "overview" | "active" | "requests" | "fees" | "review" | "management" | "problems" | "other" | "general"
  | "table" | "appendix";

/** Words of the gambling and app-download ads that mirror sites inject into sentences ("…在某某app官网下载安卓版信息平台上"). */
const AD_RUN = /(?:app|APP|App|官网|官方|下载|苹果版|安卓版|手机版|最新版|安装|注册|登录|娱乐场|娱乐城|导航网|博彩|菠菜|棋牌|百家乐)+/g;
const AD_SIGNAL = /app|苹果版|安卓版|手机版|娱乐场|娱乐城|导航网|博彩|菠菜|棋牌|百家乐/i;
export const AD_MASK = "·";

/**
 * The text with injected ad words masked, character for character (offsets stay valid): a run of
 * such words counts only when it holds one no report uses (app, 苹果版, 娱乐场 …), so "可在网站下载"
 * stays. The ad's words would otherwise read as other matters (下载) or channels (app).
 */
export function maskAds(text: string): string {
  return text.replace(AD_RUN, (run) => (AD_SIGNAL.test(run) ? AD_MASK.repeat(run.length) : run));
}

