// Which template a report follows, decided from its labels, never from the year alone (a 2022
// report may still print 2019 labels). report-formats.md §1.
//
// A template report whose tables are cut off, missing or images has no table labels: it is still
// known by its structure (the template's section headings, 第二十条第（…）项, the five parts of the
// 2021 总体情况) and is never free text. Which template, then, is said by the notice it cites
// (国办公开办函〔2021〕30号 / 〔2019〕60号), else by the 2021-only parts of 总体情况, else by the
// report's year.
import type { TemplateId } from "./types.ts";
import { templates } from "./templates/index.ts";
import { compactLabel } from "./normalise.ts";

export interface TemplateDetection {
  template: TemplateId;
  /** Signature labels found, per template id. */
  evidence: Record<string, string[]>;
  /** Template section headings present (a template report whose tables may be images). */
  templateHeadings: boolean;
  /** How the template was decided: its table labels, or (no labels) the structure and what else. */
  decidedBy: "labels" | "notice" | "sections" | "year" | null;
}

const TEMPLATE_HEADINGS = ["收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "收到和处理政府信息公开申请的情况"];
const REPORT_WORDS = /政府信息公开|政务公开|信息公开/;
/** Section headings on applications: the template's, and the free-text era's. */
const TEMPLATE_REQUEST_HEADING = /(?:^|\n)\s*[一二三四五六七八九十]\s*[、.．]\s*收到和处理政府信息公开申请/;
const OLD_REQUEST_HEADING = /(?:^|\n)\s*[一二三四五六七八九十]\s*[、.．][^\n]{0,12}依申请公开[^\n]{0,12}(?:\n|$)/;
/** Table 二's block label (its item number may be cut off: "第二十条第(" at a line's start). */
const ARTICLE_20 = /第二十条第[（(][一二三四五六七八九][)）]项|(?:^|\n)\s*第二十条第/;
/** The notices that issued the templates, as printed (brackets and spaces vary, characters get lost). */
const NOTICE = /国办公开办函\s*[〔\[［(（]?\s*(2019|2021)\s*[〕\]］)）]?\s*(60|30)\s*号/g;
const NOTICE_TEMPLATE: Record<string, TemplateId> = { "2019:60": "template-2019", "2021:30": "template-2021" };
/** The five parts of 一、总体情况 the 2021 template asks for, as sub-headings. */
const OVERVIEW_PART = /[（(][一二三四五六][)）]\s*(?:政府信息)?(主动公开|依申请公开|政府信息管理|(?:政府信息公开)?平台建设|政府信息平台建设|监督保障)/g;
const PARTS_2021_ONLY = new Set(["政府信息管理", "平台建设", "政府信息公开平台建设", "政府信息平台建设", "监督保障"]);

export function detectTemplate(text: string, year: number | null = null): TemplateDetection {
  const compact = compactLabel(text);
  const evidence: Record<string, string[]> = {};
  let best: TemplateId = "unknown";
  let bestHits = 0;
  for (const t of templates) {
    const hits = t.signature.filter((label) => compact.includes(compactLabel(label)));
    evidence[t.id] = hits;
    // Ties go to the later template: its labels are never printed by an older report.
    if (hits.length > 0 && hits.length >= bestHits) {
      best = t.id;
      bestHits = hits.length;
    }
  }
  const templateHeadings = TEMPLATE_HEADINGS.some((h) => compact.includes(h));
  if (best !== "unknown") return { template: best, evidence, templateHeadings, decidedBy: "labels" };
  const parts = new Set([...text.matchAll(OVERVIEW_PART)].map((m) => m[1]));
  const parts2021 = [...parts].filter((p) => PARTS_2021_ONLY.has(p)).length;
  const overview2021 = parts.size >= 3 && parts2021 >= 2;
  const cited = new Set([...text.matchAll(NOTICE)].map((m) => NOTICE_TEMPLATE[`${m[1]}:${m[2]}`]).filter(Boolean));
  // A report whose own section on applications is the free-text era's (三、依申请公开政府信息情况) is
  // free text, even when its preamble lists the template's parts.
  const oldSections = OLD_REQUEST_HEADING.test(text) && !TEMPLATE_REQUEST_HEADING.test(text);
  if (!oldSections && (templateHeadings || overview2021 || cited.size > 0 || ARTICLE_20.test(text))) {
    if (cited.size === 1) return { template: [...cited][0], evidence, templateHeadings, decidedBy: "notice" };
    if (overview2021) return { template: "template-2021", evidence, templateHeadings, decidedBy: "sections" };
    if (year !== null && year >= 2021) return { template: "template-2021", evidence, templateHeadings, decidedBy: "year" };
    if (year !== null && year >= 2019) return { template: "template-2019", evidence, templateHeadings, decidedBy: "year" };
    return { template: "unknown", evidence, templateHeadings, decidedBy: null };
  }
  if (REPORT_WORDS.test(compact)) return { template: "free-text-2008", evidence, templateHeadings, decidedBy: null };
  return { template: best, evidence, templateHeadings, decidedBy: null };
}
