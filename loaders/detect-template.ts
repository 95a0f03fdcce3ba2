// Which template a report follows, decided from its labels, never from the year
// (a 2022 report may still print 2019 labels). report-formats.md §1.
import type { TemplateId } from "./types.ts";
import { templates } from "./templates/index.ts";
import { compactLabel } from "./normalise.ts";

export interface TemplateDetection {
  template: TemplateId;
  /** Signature labels found, per template id. */
  evidence: Record<string, string[]>;
  /** Template section headings present (a template report whose tables may be images). */
  templateHeadings: boolean;
}

const TEMPLATE_HEADINGS = ["收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"];
const REPORT_WORDS = /政府信息公开|政务公开|信息公开/;

export function detectTemplate(text: string): TemplateDetection {
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
  if (best === "unknown" && !templateHeadings && REPORT_WORDS.test(compact)) best = "free-text-2008";
  return { template: best, evidence, templateHeadings };
}
