// Numbers written in prose: free-text reports (2008–2018), their 附表, and the 一、总体情况 /
// 六、其他需要报告的事项 of template reports. One entry point, parseNarrative(); every number it
// returns carries its evidence (line, character span, snippet).
//
// Authority: a table beats prose. In a template report the request, review and litigation totals
// come from tables 三/四 (set by the table parser); what the prose says about them is returned as
// `quotes` for the narrative_vs_table check and never replaces them. In a free-text report with a
// 附表, the 附表's annual column is taken and the prose figures become quotes.
import type { ActiveCategory, TemplateId } from "../types.ts";
import { locateRegions } from "../template/locate.ts";
import { TokenCache } from "./context.ts";
import { extractActive, type Channel } from "./active.ts";
import { extractRequests, type RequestField, type RequestOutcome } from "./requests.ts";
import { extractFees } from "./fees.ts";
import { extractReviews, type Outcome } from "./reviews.ts";
import { findAppendix, parseAppendix, type AppendixField } from "./appendix.ts";
import { bodySaysNone, segment } from "./sections.ts";
import { TextIndex, type Evidence } from "./text.ts";
import type { Found } from "./resolve.ts";

export type { Evidence } from "./text.ts";

export type NarrativeField =
  | "active_total" | RequestField | "review_total" | "litigation_total" | "fees";

/** A number the prose states where a table (template tables 三/四, or the 附表) is authoritative. */
export interface Quote {
  field: NarrativeField;
  value: number;
  /** Where the authoritative value is: the template's cells or the report's 附表. */
  against: "cells" | "appendix";
  /** The 附表 value (against = "appendix"); for cells the caller has the record. */
  table_value: number | null;
  /** The prose gives a lower bound (100余条). */
  approx: boolean;
  evidence: Evidence;
}

export interface NarrativeResult {
  active_total: number | null;
  active_total_approx: boolean | null;
  /** The total as the prose states it (differs from active_total when a 附表 gives the year's figure). */
  stated_total: number | null;
  stated_total_approx: boolean | null;
  active_categories: ActiveCategory[];
  /** A split by channel (门户网站, 政务微信 …) that is not the total's breakdown: never summed. */
  active_channels: Channel[];
  requests_new_total: number | null;
  requests_carried_total: number | null;
  requests_handled_total: number | null;
  requests_forward_total: number | null;
  request_outcomes: Partial<Record<RequestOutcome, number>>;
  review_total: number | null;
  litigation_total: number | null;
  review_outcomes: Partial<Record<Outcome, number>>;
  litigation_outcomes: Partial<Record<Outcome, number>>;
  fees: number | null;
  /** True when a 附表 statistics table was read. */
  appendix: boolean;
  quotes: Quote[];
  evidence: Evidence[];
  warnings: string[];
}

/** A saved page's meta line (发布日期 … 浏览次数 …), not the report. */
const PAGE_CHROME = /发布日期[:：]|发布时间[:：]|浏览次数|浏览量[:：]|点击数[:：]|访问量[:：]|字号[:：]|索引号[:：]|分享到|打印本页|关闭窗口|【打印】|【关闭】/;

const TABLE_FIELDS: NarrativeField[] = [
  "requests_new_total", "requests_carried_total", "requests_handled_total", "requests_forward_total", "review_total", "litigation_total",
];

export interface NarrativeOptions {
  /** The year the report covers: a figure the prose gives for another year ("2017年公开150条") is not taken. */
  year?: number | null;
}

/**
 * A line of running text, no cell separators: a sentence ending in a full stop ("全年行政复议0件，
 * 行政诉讼0件。"), or a long run of sentences (a report pasted as one paragraph, its last sentence
 * cut off). Table cells end without a full stop.
 */
const PROSE_LINE = /^(?=[^|｜\t]+$)(?:(?=.{10,}$).*\p{Script=Han}.*。\s*$|(?=.{60,}$)(?:[^。]*。){2})/u;

export function parseNarrative(text: string, template: TemplateId, lines?: string[], options: NarrativeOptions = {}): NarrativeResult {
  const index = new TextIndex(text, lines);
  const isTemplate = template === "template-2019" || template === "template-2021";
  const warnings: string[] = [];
  const evidence: Evidence[] = [];

  // Lines that are not prose: template tables, the 附表, any tab/pipe row.
  const excluded = new Uint8Array(index.lineCount);
  if (isTemplate) {
    const { regions } = locateRegions(text);
    // A region runs from its heading to the next: a sentence of prose between the heading and the
    // table ("2020年，全镇主动公开政府信息114条，…。") is still prose.
    for (const region of Object.values(regions)) for (const l of region ?? []) if (!PROSE_LINE.test(l.text)) excluded[l.number - 1] = 1;
  }
  let appendixRes = null;
  if (!isTemplate) {
    const start = findAppendix(index);
    if (start >= 0) {
      appendixRes = parseAppendix(index, start);
      for (let li = appendixRes.startLine; li < appendixRes.endLine; li++) excluded[li] = 1;
      warnings.push(...appendixRes.warnings);
    }
  }
  for (let li = 0; li < index.lineCount; li++) {
    if (excluded[li]) continue;
    const line = index.lineText(li);
    if (line.includes("\t") || PAGE_CHROME.test(line)) excluded[li] = 1;
    else {
      const pipe = line.search(/[|｜]/);
      if (pipe >= 0 && /[|｜]/.test(line.slice(pipe + 1))) excluded[li] = 1;
    }
  }

  const { sentences, headings } = segment(index, template, (li) => excluded[li] === 1);
  // Sections whose whole body says "none" (无。): the span is the body's words.
  const none = (topic: string) => headings
    .filter((h) => h.topic === topic && bodySaysNone(text.slice(h.titleEnd, h.bodyEnd)))
    .map((h) => {
      const body = text.slice(h.titleEnd, h.bodyEnd);
      const lead = body.length - body.replace(/^[\s：:]+/, "").length;
      return { start: h.titleEnd + lead, end: h.titleEnd + Math.max(lead + 1, body.trimEnd().length), title: h.title };
    });
  const cache = new TokenCache();

  const active = extractActive(index, sentences, cache, options.year ?? null);
  const requests = extractRequests(index, sentences, cache, none("requests"));
  const fees = extractFees(index, sentences, cache, none("fees"));
  const reviews = extractReviews(index, sentences, cache, none("review"));
  warnings.push(...active.warnings, ...requests.warnings, ...fees.warnings, ...reviews.warnings);
  // Digits masked or damaged in a mirror copy ("**条", "1x58条"): the number is lost, not guessed.
  const damaged = /[*＊]{1,}\s*(?:条|件|项|个|次|人次|元)|\d[A-Za-z]+\d+\s*(?:条|件|项|个|次|人次|元)/.exec(text);
  if (damaged) warnings.push(`正文中有数字被遮盖或损坏（“${damaged[0]}”），该数无法读取，未作猜测`);

  const res: NarrativeResult = {
    active_total: active.total, active_total_approx: active.approx, stated_total: active.total, stated_total_approx: active.approx,
    active_categories: active.categories,
    active_channels: active.channels,
    requests_new_total: null, requests_carried_total: null, requests_handled_total: null, requests_forward_total: null,
    request_outcomes: {}, review_total: null, litigation_total: null, review_outcomes: {}, litigation_outcomes: {},
    fees: fees.fees?.value ?? null, appendix: appendixRes !== null, quotes: [], evidence, warnings,
  };
  evidence.push(...active.evidence);
  if (fees.fees) evidence.push(fees.fees.evidence);

  const prose: Partial<Record<NarrativeField, Found>> = { ...requests.values, ...reviews.values };
  const appendix: Partial<Record<AppendixField, Found>> = appendixRes?.values ?? {};

  if (isTemplate) {
    for (const field of TABLE_FIELDS) {
      const f = prose[field];
      if (f) res.quotes.push({ field, value: f.value, against: "cells", table_value: null, approx: false, evidence: { ...f.evidence, field: `narrative.${field}` } });
    }
    for (const q of res.quotes) evidence.push(q.evidence);
  } else {
    for (const field of TABLE_FIELDS) {
      const a = appendix[field as AppendixField];
      const p = prose[field];
      const chosen = a ?? p;
      if (chosen) {
        (res as unknown as Record<string, number | null>)[field] = chosen.value;
        evidence.push(chosen.evidence);
      }
      if (a && p) res.quotes.push({ field, value: p.value, against: "appendix", table_value: a.value, approx: false, evidence: { ...p.evidence, field: `narrative.${field}` } });
    }
    // The 附表's total and fees are authoritative too.
    if (appendix.active_total) {
      if (active.total !== null) {
        const ev = active.evidence.find((e) => e.field === "active_total")!;
        res.quotes.push({ field: "active_total", value: active.total, against: "appendix", table_value: appendix.active_total.value, approx: Boolean(active.approx), evidence: { ...ev, field: "narrative.active_total" } });
        ev.field = "narrative.active_total";
      }
      res.active_total = appendix.active_total.value;
      res.active_total_approx = false;
      evidence.push(appendix.active_total.evidence);
    }
    if (appendix.fees) {
      if (fees.fees) {
        res.quotes.push({ field: "fees", value: fees.fees.value, against: "appendix", table_value: appendix.fees.value, approx: false, evidence: { ...fees.fees.evidence, field: "narrative.fees" } });
        fees.fees.evidence.field = "narrative.fees";
      }
      res.fees = appendix.fees.value;
      evidence.push(appendix.fees.evidence);
    }
    for (const q of res.quotes) if (!evidence.includes(q.evidence) && q.field !== "active_total" && q.field !== "fees") evidence.push(q.evidence);
    for (const c of appendixRes?.channels ?? []) evidence.push(c.found.evidence);
  }
  for (const [k, f] of Object.entries(requests.outcomes)) {
    res.request_outcomes[k as RequestOutcome] = f.value;
    evidence.push(f.evidence);
  }
  for (const [k, f] of Object.entries(reviews.outcomes.review)) {
    res.review_outcomes[k as Outcome] = f.value;
    evidence.push(f.evidence);
  }
  for (const [k, f] of Object.entries(reviews.outcomes.litigation)) {
    res.litigation_outcomes[k as Outcome] = f.value;
    evidence.push(f.evidence);
  }
  evidence.sort((a, b) => a.line - b.line || a.start - b.start);
  return res;
}
