// The headline numbers of a template report, read from its table cells: the CLI contract's
// application and review totals, and the table 二 metrics supervisors compare across years
// (declared per template, because the two templates name their columns differently).
import type { Cell, ReportRecord, TemplateId } from "../types.ts";

type Summary = Pick<ReportRecord, "requests_new_total" | "requests_carried_total" | "requests_handled_total" | "requests_forward_total" | "review_total" | "litigation_total">;

type CellRef = [table: string, row: string, col: string];

/** Table 二 headline metrics: reports.csv column → the cell holding it in each template. */
export const T2_METRICS: Record<string, Partial<Record<TemplateId, CellRef>>> = {
  t2_normative_new: { "template-2019": ["t2", "normative", "made"], "template-2021": ["t2", "normative", "issued"] },
  t2_normative_in_force: { "template-2019": ["t2", "normative", "total_public"], "template-2021": ["t2", "normative", "in_force"] },
  t2_licensing_decisions: { "template-2019": ["t2", "licensing", "decisions"], "template-2021": ["t2", "licensing", "decisions"] },
  t2_penalty_decisions: { "template-2019": ["t2", "penalty", "decisions"], "template-2021": ["t2", "penalty", "decisions"] },
  t2_coercion_decisions: { "template-2019": ["t2", "coercion", "decisions"], "template-2021": ["t2", "coercion", "decisions"] },
  t2_fee_amount_wan: { "template-2021": ["t2", "admin_fees", "fee_amount"] },
};
export const T2_METRIC_COLUMNS = Object.keys(T2_METRICS) as (keyof typeof T2_METRICS)[];

function lookup(cells: Cell[]) {
  const index = new Map(cells.map((c) => [`${c.table}.${c.row}.${c.col}`, c.value]));
  return (table: string, row: string, col: string) => index.get(`${table}.${row}.${col}`) ?? null;
}

export function tableSummary(cells: Cell[]): Summary {
  const v = lookup(cells);
  const direct = v("t4", "lit_direct", "total");
  const afterReview = v("t4", "lit_after_review", "total");
  return {
    requests_new_total: v("t3", "new", "total"),
    requests_carried_total: v("t3", "carried", "total"),
    requests_handled_total: v("t3", "total", "total"),
    requests_forward_total: v("t3", "carry_forward", "total"),
    review_total: v("t4", "review", "total"),
    litigation_total: direct === null || afterReview === null ? null : direct + afterReview,
  };
}

export function table2Metrics(template: TemplateId, cells: Cell[]): Record<string, number | null> {
  const v = lookup(cells);
  return Object.fromEntries(Object.entries(T2_METRICS).map(([name, refs]) => {
    const ref = refs[template];
    return [name, ref ? v(...ref) : null];
  }));
}
