// Decisions (核查记录.csv) on findings. A finding is a failed or warned check row of a report, or a
// township-year without a report (finding-id.ts). For each finding the file's last row counts.
//
//   dismissed (排除)  the finding was checked and is not an error: it no longer deducts from the
//                     quality score nor counts in n_checks_failed, and is listed as dismissed;
//   confirmed (确认)  it is an error the township must fix (listed under 需整改事项);
//   fixed (已整改)    the township fixed it (listed, no longer open).
// A decision whose report changed since (its hash is no report's now, but its report id is) is
// `stale`: not applied, and the finding says 报告已更新，需重新核查.
import type { ReportRecord } from "../types.ts";
import { reportId } from "../output/report-id.ts";
import type { CorpusAnalysis } from "../corpus-checks/types.ts";
import { findingId, missingFindingId, parseFindingId, rowKey } from "./finding-id.ts";
import { DECISION_WORDS, type Decision, type DecisionRow } from "./review-files.ts";

export type DecisionState = "applied" | "stale" | "gone" | "superseded" | "invalid";

export interface ResolvedDecisions {
  /** Finding key (rowKey, or the missing finding's id) → the decision in force. */
  current: Map<string, DecisionRow>;
  /** Finding key in today's reports → the decision taken on the report's earlier content. */
  stale: Map<string, DecisionRow>;
  /** Per row of the file: the key it resolved to (null: none) and its state so far. */
  rows: { row: DecisionRow; key: string | null; state: DecisionState }[];
}

/** Resolves the decisions against today's reports (their ids and content hashes). */
export function resolveDecisions(decisions: DecisionRow[], records: ReportRecord[]): ResolvedDecisions {
  const idsByHash = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const r of records) {
    const id = reportId(r.file);
    ids.add(id);
    if (r.content_hash) (idsByHash.get(r.content_hash) ?? idsByHash.set(r.content_hash, []).get(r.content_hash)!).push(id);
  }
  const lastOf = new Map<string, number>();
  decisions.forEach((d, i) => lastOf.set(d.finding_id, i));
  const current = new Map<string, DecisionRow>();
  const stale = new Map<string, DecisionRow>();
  const rows: ResolvedDecisions["rows"] = [];
  decisions.forEach((d, i) => {
    if (lastOf.get(d.finding_id) !== i) return rows.push({ row: d, key: null, state: "superseded" });
    if (d.finding_id.startsWith("missing:")) {
      current.set(d.finding_id, d);
      return rows.push({ row: d, key: d.finding_id, state: "applied" });
    }
    const parsed = parseFindingId(d.finding_id);
    if (!parsed) return rows.push({ row: d, key: null, state: "invalid" });
    const now = idsByHash.get(parsed.hash);
    if (now) {
      for (const id of now) current.set(rowKey(id, parsed.rule, parsed.cells), d);
      return rows.push({ row: d, key: rowKey(now[0], parsed.rule, parsed.cells), state: "applied" });
    }
    if (ids.has(d.report_id)) {
      const key = rowKey(d.report_id, parsed.rule, parsed.cells);
      stale.set(key, d);
      return rows.push({ row: d, key, state: "stale" });
    }
    rows.push({ row: d, key: null, state: "gone" });
  });
  return { current, stale, rows };
}

/** The keys of dismissed findings (what the quality score and n_checks_failed leave out). */
export function dismissedKeys(resolved: ResolvedDecisions): Set<string> {
  return new Set([...resolved.current].filter(([, d]) => d.decision === "dismissed").map(([k]) => k));
}

export const FINDINGS_COLUMNS = [
  "finding_id", "report_id", "rule", "status", "expected", "actual", "cells", "message", "county", "township", "year",
  "decision", "decision_note", "decided_by", "decided_on", "review_state",
] as const;

export interface FindingRow {
  finding_id: string;
  report_id: string | null;
  rule: string;
  status: string;
  expected: number | null;
  actual: number | null;
  cells: string | null;
  message: string;
  county: string | null;
  township: string | null;
  year: number | null;
  /** confirmed · dismissed · fixed; null: not decided. */
  decision: Decision | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_on: string | null;
  /** decided · stale (报告已更新，需重新核查) · null (not decided). */
  review_state: "decided" | "stale" | null;
}

export const DECISION_RESULT_COLUMNS = ["finding_id", "report_id", "file", "township", "year", "rule", "decision", "note", "by", "date", "state"] as const;

/** Every finding of the corpus with its decision, and the file's rows with their final state. */
export function findingsTables(records: ReportRecord[], analysis: CorpusAnalysis, resolved: ResolvedDecisions): {
  findings: FindingRow[];
  decisions: Record<(typeof DECISION_RESULT_COLUMNS)[number], string | null>[];
} {
  const byId = new Map(records.map((r) => [reportId(r.file), r]));
  const findings: FindingRow[] = [];
  const seen = new Set<string>();
  const push = (key: string, f: Omit<FindingRow, "decision" | "decision_note" | "decided_by" | "decided_on" | "review_state">) => {
    seen.add(key);
    const d = resolved.current.get(key);
    const old = d ? null : resolved.stale.get(key);
    findings.push({
      ...f, decision: d?.decision ?? null, decision_note: d?.note || null, decided_by: d?.by || null, decided_on: d?.date || null,
      review_state: d ? "decided" : old ? "stale" : null,
    });
  };
  type CheckRow = Pick<FindingRow, "report_id" | "rule" | "status" | "expected" | "actual" | "cells" | "message"> & { report_id: string };
  const found = (c: CheckRow) => {
    const r = byId.get(c.report_id);
    const key = rowKey(c.report_id, c.rule, c.cells);
    push(key, {
      finding_id: findingId(r?.content_hash ?? c.report_id, c.rule, c.cells), report_id: c.report_id, rule: c.rule, status: c.status,
      expected: c.expected, actual: c.actual, cells: c.cells, message: c.message,
      county: r?.county ?? null, township: r?.township ?? null, year: r?.year ?? null,
    });
  };
  // only the failed and doubtful checks become rows (a national corpus has millions of checks)
  for (const r of records) {
    let id: string | null = null;
    for (const c of r.checks) {
      const status: string = c.status;
      if (status !== "fail" && status !== "warn") continue;
      id ??= reportId(r.file);
      found({ report_id: id, rule: c.rule, status, expected: c.expected ?? null, actual: c.actual ?? null, cells: c.cells?.join(" ") || null, message: c.message });
    }
  }
  for (const c of analysis.checks) if (c.status === "fail" || c.status === "warn") found(c);
  for (const c of analysis.coverage) {
    if (c.status !== "missing") continue;
    const id = missingFindingId(c.county, c.township, c.year);
    push(id, {
      finding_id: id, report_id: null, rule: "report_missing", status: "fail", expected: null, actual: null, cells: null,
      message: `${c.county}${c.township}没有 ${c.year} 年度的年报`, county: c.county, township: c.township, year: c.year,
    });
  }
  const decisions = resolved.rows.map(({ row, key, state }) => ({
    finding_id: row.finding_id, report_id: row.report_id || null, file: row.file || null, township: row.township || null, year: row.year || null,
    rule: row.rule || null, decision: DECISION_WORDS[row.decision].word, note: row.note || null, by: row.by || null, date: row.date || null,
    // a decision on a finding that no longer appears (the check passes now, the report came) is gone
    state: state === "applied" && key !== null && !seen.has(key) ? "gone" : state,
  }));
  return { findings, decisions };
}
