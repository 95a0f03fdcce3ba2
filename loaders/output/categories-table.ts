// categories.csv: one row per proactive-disclosure category a report lists — the label as
// written and the taxonomy category the parser mapped it to (loaders/categories.ts). Pages read
// the mapping from here rather than repeating it.
import type { ReportRecord } from "../types.ts";
import { reportId } from "./report-id.ts";

export const CATEGORY_COLUMNS = ["report_id", "label", "category", "count", "approx"] as const;

export function categoryRows(r: ReportRecord) {
  const id = reportId(r.file);
  return r.active_categories.map((c) => ({ report_id: id, label: c.label, category: c.category, count: c.count, approx: c.approx }));
}
