// ReportRecord → one row of reports.csv (flat columns; nested parts are counted here and
// written out in full by their own tables).
import type { ReportRecord } from "../types.ts";
import { reportId } from "./report-id.ts";
import { T2_METRIC_COLUMNS, table2Metrics } from "../template/summary.ts";

export const REPORTS_COLUMNS = [
  "report_id", "file", "status", "error", "township", "county", "city", "province", "code", "year", "published_on",
  "template", "active_total", "active_total_approx", "requests_new_total", "requests_carried_total",
  "requests_handled_total", "requests_forward_total", "review_total", "litigation_total", "fees",
  ...T2_METRIC_COLUMNS, "n_cells", "n_checks_failed", "n_warnings", "warnings",
  // Added after the first release, appended so that the earlier columns keep their position.
  "level", "unit", "content_hash", "ocr",
] as const;

export type ReportsRow = Record<(typeof REPORTS_COLUMNS)[number], string | number | boolean | null>;

/** `corpusFails`: the report's failed checks across reports (carry_over, copies, lateness …), less its
 * failed rows dismissed on review (核查记录.csv): n_checks_failed
 * counts every failed check of the report in checks.csv, so one figure has one definition on every page. */
export function reportsRow(r: ReportRecord, corpusFails = 0): ReportsRow {
  return {
    report_id: reportId(r.file), file: r.file, status: r.status, error: r.error, township: r.township,
    county: r.county, city: r.city, province: r.province, code: r.code ?? null, year: r.year, published_on: r.published_on,
    template: r.template, active_total: r.active_total, active_total_approx: r.active_total_approx,
    requests_new_total: r.requests_new_total, requests_carried_total: r.requests_carried_total,
    requests_handled_total: r.requests_handled_total, requests_forward_total: r.requests_forward_total,
    review_total: r.review_total, litigation_total: r.litigation_total, fees: r.fees,
    ...table2Metrics(r.template, r.cells), n_cells: r.cells.length,
    n_checks_failed: r.checks.filter((c) => c.status === "fail").length + corpusFails, n_warnings: r.warnings.length,
    warnings: r.warnings.join(" | "), level: r.level, unit: r.unit, content_hash: r.content_hash ?? null,
    ocr: r.ocr === true,
  };
}
