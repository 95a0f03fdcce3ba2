// evidence.csv: one row per number read from prose — where it stands in the report's normalised
// text (line, characters start..end of that line, 1-based inclusive) and the sentence around it.
// `field` is a record field, a part of one (active_categories.工作动态) or a prose quote of a table
// value (narrative.requests_new_total). Not in the CLI's JSON contract.
import type { ReportRecord } from "../types.ts";
import { reportId } from "./report-id.ts";

export const EVIDENCE_COLUMNS = ["report_id", "field", "value", "line", "start", "end", "snippet"] as const;

export function evidenceRows(r: ReportRecord) {
  const id = reportId(r.file);
  return (r.evidence ?? []).map((e) => ({ report_id: id, field: e.field, value: e.value, line: e.line, start: e.start, end: e.end, snippet: e.snippet }));
}
