// The headline numbers of the CLI contract, read from the table cells.
import type { Cell, ReportRecord } from "../types.ts";

type Summary = Pick<ReportRecord, "requests_new_total" | "requests_carried_total" | "requests_handled_total" | "requests_forward_total" | "review_total" | "litigation_total">;

export function tableSummary(cells: Cell[]): Summary {
  const v = (table: string, row: string, col: string) => cells.find((c) => c.table === table && c.row === row && c.col === col)?.value ?? null;
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
