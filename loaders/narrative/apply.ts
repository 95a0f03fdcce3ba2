// The narrative stage of parseReport: runs parseNarrative on the normalised text and puts its
// numbers into the record without ever overwriting a table value (template reports keep tables
// 三/四 for requests, reviews and litigation; the prose about them only feeds narrative_vs_table,
// unless the table was not read at all).
import type { ReportRecord } from "../types.ts";
import { narrativeChecks } from "../checks/narrative-checks.ts";
import { detectTemplate } from "../detect-template.ts";
import { parseNarrative, type NarrativeResult } from "./index.ts";

const PROSE_FIELDS = [
  "requests_new_total", "requests_carried_total", "requests_handled_total", "requests_forward_total", "review_total", "litigation_total",
] as const;

export function applyNarrative(record: ReportRecord, text: string): NarrativeResult | null {
  // A file that is not recognisably a report is not read for numbers (a notice page has "条" too).
  // A template report whose tables are images (headings, no table labels) is still read for its
  // 一、总体情况, as a template report: no request/review figure is taken from prose.
  let template = record.template;
  if (template === "unknown") {
    if (!detectTemplate(text).templateHeadings) return null;
    template = "template-2021";
  }
  const n = parseNarrative(text, template, undefined, { year: record.year });
  const isTemplate = template === "template-2019" || template === "template-2021";
  record.active_total = n.active_total;
  record.active_total_approx = n.active_total_approx;
  record.active_categories = n.active_categories;
  record.fees = n.fees;
  if (!isTemplate) for (const f of PROSE_FIELDS) record[f] = n[f];
  record.evidence = n.evidence;
  record.warnings.push(...n.warnings);
  record.checks.push(...narrativeChecks(record, n));
  // After the checks: a prose figure compared with itself would pass.
  if (isTemplate) fillFromProse(record, n);
  return n;
}

/**
 * A table that was not read (an image, or lost) leaves the prose as the only source of its totals;
 * so does a table whose cell for that total was not read (a row left empty when its cells could
 * not be aligned). A value the table gives is never replaced.
 */
function fillFromProse(record: ReportRecord, n: NarrativeResult): void {
  const noted = new Set<string>();
  for (const q of n.quotes) {
    if (!(PROSE_FIELDS as readonly string[]).includes(q.field)) continue;
    const field = q.field as (typeof PROSE_FIELDS)[number];
    if (record[field] !== null) continue;
    const table = field.startsWith("requests") ? "t3" : "t4";
    record[field] = q.value;
    record.evidence?.push({ ...q.evidence, field });
    if (!record.cells.some((c) => c.table === table)) {
      if (!noted.has(table)) record.warnings.push(`没有读到表${table === "t3" ? "三" : "四"}（可能是图片），${table === "t3" ? "申请数" : "复议、诉讼数"}取自正文`);
      noted.add(table);
    } else {
      record.warnings.push(`表${table === "t3" ? "三" : "四"}中没有读到${FIELD_NAMES[field]}，该数取自正文（${q.value}）`);
    }
  }
}

const FIELD_NAMES: Record<(typeof PROSE_FIELDS)[number], string> = {
  requests_new_total: "本年新收申请的总计",
  requests_carried_total: "上年结转申请的总计",
  requests_handled_total: "办理结果的总计",
  requests_forward_total: "结转下年度继续办理的总计",
  review_total: "行政复议的总计",
  litigation_total: "行政诉讼的总计",
};
