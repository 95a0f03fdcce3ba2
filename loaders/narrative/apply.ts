// The narrative stage of parseReport: runs parseNarrative on the normalised text and puts its
// numbers into the record without ever overwriting a table value (template reports keep tables
// 三/四 for requests, reviews and litigation; the prose about them only feeds narrative_vs_table).
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
  return n;
}
