// Column types of the corpus tables; first data/corpus/reports.csv (member of src/data/corpus.zip.ts; the loader contract), for DuckDB's read_csv.
// Explicit types keep queries stable when a column happens to be empty in every row
// (type sniffing would then make it VARCHAR and sum() would fail).
export const REPORTS_COLUMN_TYPES = {
  report_id: "VARCHAR",
  file: "VARCHAR",
  status: "VARCHAR",
  error: "VARCHAR",
  township: "VARCHAR",
  county: "VARCHAR",
  city: "VARCHAR",
  province: "VARCHAR",
  year: "INTEGER",
  published_on: "VARCHAR",
  template: "VARCHAR",
  active_total: "DOUBLE",
  active_total_approx: "BOOLEAN",
  requests_new_total: "DOUBLE",
  requests_carried_total: "DOUBLE",
  requests_handled_total: "DOUBLE",
  requests_forward_total: "DOUBLE",
  review_total: "DOUBLE",
  litigation_total: "DOUBLE",
  fees: "DOUBLE",
  t2_normative_new: "DOUBLE",
  t2_normative_in_force: "DOUBLE",
  t2_licensing_decisions: "DOUBLE",
  t2_penalty_decisions: "DOUBLE",
  t2_coercion_decisions: "DOUBLE",
  t2_fee_amount_wan: "DOUBLE",
  n_cells: "INTEGER",
  n_checks_failed: "INTEGER",
  n_warnings: "INTEGER",
  warnings: "VARCHAR"
};

// data/corpus/cells.csv (loaders/output/detail-tables.ts)
export const CELLS_COLUMN_TYPES = {
  report_id: "VARCHAR",
  table: "VARCHAR",
  row: "VARCHAR",
  col: "VARCHAR",
  row_label: "VARCHAR",
  col_label: "VARCHAR",
  value: "DOUBLE",
  raw: "VARCHAR",
  unit: "VARCHAR",
  source: "VARCHAR"
};

// data/corpus/checks.csv (loaders/output/detail-tables.ts)
export const CHECKS_COLUMN_TYPES = {
  report_id: "VARCHAR",
  rule: "VARCHAR",
  status: "VARCHAR",
  expected: "DOUBLE",
  actual: "DOUBLE",
  cells: "VARCHAR",
  message: "VARCHAR"
};
