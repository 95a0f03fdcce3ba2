// A parsed record cut to what the checks across reports and the small tables read (reports.csv,
// checks.csv, categories.csv, the corpus checks), so a national run can keep one per report in
// memory: cells keep their place, value and unit but not their labels, raw text or source; evidence
// keeps only the prose figures the corpus checks compare (narrative.*, active_channels.*) without
// their sentence; identity sources go. What the whole record gives cells.csv, evidence.csv and
// checks.csv goes to them as CSV rows through a DetailSpill (detail-rows.ts, detail-spill.ts). Labels and keys repeat across reports: they are interned, so
// 100,000 reports hold one copy of "t3", "r1", "c5"…
import type { Cell, Evidence, ReportRecord } from "../types.ts";
import { detailRows, type DetailRows } from "./detail-rows.ts";

/** Evidence fields the checks across reports read (loaders/corpus-checks/jumps.ts). */
const KEPT_EVIDENCE = /^(narrative|active_channels)\./;

export class Interner {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    this.seen.set(s, s);
    return s;
  }
}

export function compactRecord(r: ReportRecord, intern: Interner = new Interner()): ReportRecord {
  const cells: Cell[] = r.cells.map((c) => ({
    table: intern.get(c.table) as Cell["table"], row: intern.get(c.row), col: intern.get(c.col),
    row_label: "", col_label: "", value: c.value, raw: "", unit: c.unit === null ? null : intern.get(c.unit), source: "",
  }));
  const evidence: Evidence[] = [];
  for (const e of r.evidence ?? []) {
    if (KEPT_EVIDENCE.test(e.field)) evidence.push({ field: intern.get(e.field), value: e.value, line: e.line, start: e.start, end: e.end, snippet: "" });
  }
  const { identity_sources: _dropped, ...rest } = r;
  return { ...rest, cells, evidence, checks: r.checks.map((c) => ({ ...c, rule: intern.get(c.rule) })) };
}

/** What a parse hands on when the long tables' rows go to a spill: the compact record and those rows. */
export function compactWithDetails(r: ReportRecord): { record: ReportRecord; details: DetailRows } {
  return { record: compactRecord(r), details: detailRows(r) };
}
