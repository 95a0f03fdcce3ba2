// The ground truth: one record per generated file (sorted by path), the consistency checks a
// parser should reach on each (computed from the cells as written, not from the plan), and the
// corpus summary. Field order is fixed here; JSON.stringify keeps it.
import type { TemplateId } from "../../loaders/types.ts";
import { table3ApplicantColumns, table3OrgColumns } from "../../loaders/templates/table3.ts";
import type { CategoryFact, Fact, ReviewOutcomes, TruthCell } from "./doc.ts";
import type { DefectKind, DocLayout, Rendering } from "./plan.ts";
import type { TableLayout } from "./render/flatten.ts";

export type CheckStatus = "pass" | "fail" | "skip";

export interface TruthDefect {
  kind: DefectKind;
  [detail: string]: unknown;
}

export interface TruthRecord {
  file: string;
  township: string;
  county: string;
  city: string;
  province: string;
  code: string;
  year: number | null;
  published_on: string | null;
  template: TemplateId;
  rendering: Rendering;
  table_layout: "html" | TableLayout | DocLayout | null;
  format: "html" | "txt" | "md" | "js";
  edge: "empty_file" | "not_report" | null;
  title: string | null;
  /** The page chrome as printed: a field the file does not print is null. */
  page: { date: string; time: string | null; source: string | null; views: number | null; index_no: string | null; icp: string | null } | null;
  signature: { name: string; date: string | null; raw: string | null } | null;
  stat_period_raw: string | null;
  active_total: number | null;
  active_total_approx: boolean | null;
  active_total_raw: string | null;
  active_categories: CategoryFact[];
  active_channels: { items: { label: string; count: number }[]; overlapping: boolean; raw: string } | null;
  percentages: { label: string; percent: number; raw: string }[];
  cumulative: Fact[];
  requests_new_total: number | null;
  requests_carried_total: number | null;
  requests_handled_total: number | null;
  requests_forward_total: number | null;
  requests_raw: string | null;
  request_outcomes: Fact[];
  review_total: number | null;
  litigation_total: number | null;
  review_outcomes: ReviewOutcomes | null;
  litigation_outcomes: ReviewOutcomes | null;
  review_raw: string | null;
  fees: number | null;
  fees_raw: string | null;
  tables_printed: string[];
  cells: TruthCell[];
  table_variants: {
    merged_other: boolean;
    subtotal_column: boolean;
    extra_row: string | null;
    label_variants: { table: string; kind: "row" | "col"; id: string; official: string; written: string }[];
    zero_tokens: { t2: string; t3: string };
  } | null;
  mangles: string[];
  newline: "lf" | "crlf";
  narrative_quotes: Fact[];
  other_numbers: Fact[];
  expected_checks: Record<string, CheckStatus>;
  defects: TruthDefect[];
  bytes: number;
  sha1: string;
}

// -------------------------------------------------------------------------------------------
// Checks (report-formats.md §5), evaluated on the cells as written; null cells make a rule skip.

type Grid = Map<string, Map<string, number | null>>;

function grid(cells: TruthCell[], table: string): Grid {
  const g: Grid = new Map();
  for (const c of cells) {
    if (c.table !== table) continue;
    if (!g.has(c.row)) g.set(c.row, new Map());
    g.get(c.row)!.set(c.col, c.value);
  }
  return g;
}

/** Combine per-unit results: any fail → fail; all skipped (or none) → skip; else pass. */
function combine(results: (boolean | null)[]): CheckStatus {
  if (results.some((x) => x === false)) return "fail";
  return results.some((x) => x === true) ? "pass" : "skip";
}

function sumOrNull(values: (number | null | undefined)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

const eq = (a: number | null | undefined, b: number | null | undefined): boolean | null =>
  a === null || a === undefined || b === null || b === undefined ? null : a === b;

const T3_NON_RESULT = new Set(["new", "carried", "total", "carry_forward"]);

export function tableChecks(rec: TruthRecord): Record<string, CheckStatus> {
  const out: Record<string, CheckStatus> = {};
  const t3 = grid(rec.cells, "t3");
  if (t3.size) {
    // A table cut off part-way lacks rows: a rule needing them skips (get → undefined).
    const get = (row: string, col: string) => t3.get(row)?.get(col);
    const cols = [...t3.values().next().value!.keys()];
    const resultRows = [...t3.keys()].filter((r) => !T3_NON_RESULT.has(r));
    out.t3_balance = combine(cols.map((c) => {
      const left = sumOrNull([get("new", c), get("carried", c)]);
      const right = sumOrNull([get("total", c), get("carry_forward", c)]);
      return eq(left, right);
    }));
    out.t3_outcome_sum = combine(cols.map((c) => eq(get("total", c), sumOrNull(resultRows.map((r) => get(r, c))))));
    out.t3_applicant_sum = combine([...t3.values()].map((row) => eq(row.get("total"), sumOrNull(table3ApplicantColumns.map((c) => row.get(c))))));
    if (cols.includes("org_subtotal")) {
      out.t3_subtotal_sum = combine([...t3.values()].map((row) => eq(row.get("org_subtotal"), sumOrNull(table3OrgColumns.map((c) => row.get(c))))));
    }
  }
  const t4 = grid(rec.cells, "t4");
  if (t4.size) {
    out.t4_sum = combine([...t4.values()].map((b) => eq(b.get("total"), sumOrNull(["upheld", "corrected", "other", "pending"].map((c) => b.get(c))))));
  }
  const t2 = grid(rec.cells, "t2");
  if (t2.size) {
    const rules = [...(t2.get("rules")?.values() ?? [])];
    out.rules_zero = combine(rules.map((v) => (v === null ? null : v === 0)));
  }
  if (rec.active_total !== null && rec.active_categories.length) {
    const s = rec.active_categories.reduce((a, c) => a + c.count, 0);
    out.total_vs_categories = rec.active_total_approx ? (s >= rec.active_total ? "pass" : "fail") : s === rec.active_total ? "pass" : "fail";
  }
  if (rec.narrative_quotes.length) {
    // Against the tables as printed: an empty table's totals (taken from the prose) compare nothing.
    const printed = (table: string, v: number | null) => (rec.tables_printed.includes(table) ? v : null);
    const table: Record<string, number | null> = {
      requests_new_total: printed("t3", rec.requests_new_total), requests_carried_total: printed("t3", rec.requests_carried_total),
      requests_handled_total: printed("t3", rec.requests_handled_total), requests_forward_total: printed("t3", rec.requests_forward_total),
      review_total: printed("t4", rec.review_total), litigation_total: printed("t4", rec.litigation_total),
    };
    out.narrative_vs_table = combine(rec.narrative_quotes.map((q) => eq(q.value, table[q.key])));
  }
  if (rec.published_on && rec.year !== null) {
    out.published_by_mar31 = rec.published_on <= `${rec.year + 1}-03-31` ? "pass" : "fail";
    out.published_after_year_end = rec.published_on > `${rec.year}-12-31` ? "pass" : "fail";
  }
  return out;
}

/** Cross-year checks: carry-over chain and the 2021 stock-flow, against the previous year's main file. */
export function crossYearChecks(rec: TruthRecord, prev: TruthRecord | undefined): Record<string, CheckStatus> {
  const out: Record<string, CheckStatus> = {};
  const t3 = grid(rec.cells, "t3");
  const p3 = prev ? grid(prev.cells, "t3") : new Map();
  if (t3.size) {
    out.carry_over = !p3.size ? "skip" : combine([...table3ApplicantColumns, "total"].map((c) =>
      eq(t3.get("carried")?.get(c), p3.get("carry_forward")?.get(c))));
  }
  if (rec.template === "template-2021" && grid(rec.cells, "t2").get("normative")) {
    const t2 = grid(rec.cells, "t2").get("normative")!;
    const p2 = prev?.template === "template-2021" ? grid(prev.cells, "t2").get("normative") : undefined;
    out.stock_flow = !p2 ? "skip" : (() => {
      const expected = sumOrNull([p2.get("in_force"), t2.get("issued")]);
      const rep = t2.get("repealed");
      return combine([eq(t2.get("in_force"), expected === null || rep === null || rep === undefined ? null : expected - rep)]);
    })();
  }
  return out;
}

export function truthJsonl(records: TruthRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + "\n";
}
