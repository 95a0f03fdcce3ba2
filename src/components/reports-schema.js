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
  code: "VARCHAR",
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
  warnings: "VARCHAR",
  level: "VARCHAR",
  unit: "VARCHAR",
  content_hash: "VARCHAR",
  // true when the report's text (all or some pages) was read from page images by OCR (a scan)
  ocr: "BOOLEAN"
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

// data/corpus/evidence.csv (loaders/output/evidence-table.ts): numbers read from prose
export const EVIDENCE_COLUMN_TYPES = {
  report_id: "VARCHAR",
  field: "VARCHAR",
  value: "DOUBLE",
  line: "INTEGER",
  start: "INTEGER",
  end: "INTEGER",
  snippet: "VARCHAR"
};

// data/corpus/categories.csv (loaders/output/categories-table.ts): the 主动公开 categories each report lists
export const CATEGORIES_COLUMN_TYPES = {
  report_id: "VARCHAR",
  label: "VARCHAR",
  category: "VARCHAR",
  count: "DOUBLE",
  approx: "BOOLEAN"
};

// data/corpus/similar_reports.csv (loaders/output/corpus-tables.ts): pairs of reports with copied content
export const SIMILAR_COLUMN_TYPES = {
  report_a: "VARCHAR",
  report_b: "VARCHAR",
  similarity: "DOUBLE",
  shared_chars: "INTEGER",
  sample: "VARCHAR",
  kind: "VARCHAR",
  containment: "DOUBLE",
  figures_compared: "INTEGER",
  figures_same: "INTEGER",
  copy: "BOOLEAN",
  direction: "VARCHAR",
  evidence: "VARCHAR",
  file_a: "VARCHAR",
  file_b: "VARCHAR",
  township_a: "VARCHAR",
  county_a: "VARCHAR",
  year_a: "INTEGER",
  township_b: "VARCHAR",
  county_b: "VARCHAR",
  year_b: "INTEGER"
};

// data/corpus/coverage.csv: one row per listed township and year (present / missing / duplicated)
export const COVERAGE_COLUMN_TYPES = {
  province: "VARCHAR",
  city: "VARCHAR",
  county: "VARCHAR",
  township: "VARCHAR",
  code: "VARCHAR",
  year: "INTEGER",
  status: "VARCHAR",
  n_reports: "INTEGER",
  report_ids: "VARCHAR",
  listed_in: "VARCHAR"
};

// data/corpus/quality.csv: quality score per report and per township-year, one row per deduction
export const QUALITY_COLUMN_TYPES = {
  level: "VARCHAR",
  unit_id: "VARCHAR",
  report_id: "VARCHAR",
  county: "VARCHAR",
  township: "VARCHAR",
  year: "INTEGER",
  score: "DOUBLE",
  rule: "VARCHAR",
  status: "VARCHAR",
  weight: "DOUBLE",
  points: "DOUBLE",
  message: "VARCHAR"
};

// data/corpus/findings.csv, decisions.csv, corrections.csv (loaders/review: the supervisor's review)
export const FINDINGS_COLUMN_TYPES = {
  finding_id: "VARCHAR",
  // a finding is a check row (checks.csv's columns) with its place and decision
  ...CHECKS_COLUMN_TYPES,
  county: "VARCHAR",
  township: "VARCHAR",
  year: "INTEGER",
  decision: "VARCHAR",
  decision_note: "VARCHAR",
  decided_by: "VARCHAR",
  decided_on: "VARCHAR",
  review_state: "VARCHAR"
};

export const DECISIONS_COLUMN_TYPES = {
  finding_id: "VARCHAR",
  report_id: "VARCHAR",
  file: "VARCHAR",
  township: "VARCHAR",
  year: "VARCHAR",
  rule: "VARCHAR",
  decision: "VARCHAR",
  note: "VARCHAR",
  by: "VARCHAR",
  date: "VARCHAR",
  state: "VARCHAR"
};

export const CORRECTIONS_COLUMN_TYPES = {
  report_id: "VARCHAR",
  content_hash: "VARCHAR",
  file: "VARCHAR",
  target: "VARCHAR",
  target_label: "VARCHAR",
  original_value: "VARCHAR",
  original_source: "VARCHAR",
  value: "VARCHAR",
  reason: "VARCHAR",
  by: "VARCHAR",
  date: "VARCHAR",
  state: "VARCHAR",
  message: "VARCHAR"
};

/** Column types of each table by name (reports, cells, …): the site's read_csv and JS parser
 * (corpus.js) and the Parquet writer (loaders/output/parquet.ts) both take them from here. */
export const TABLE_COLUMN_TYPES = {
  reports: REPORTS_COLUMN_TYPES,
  cells: CELLS_COLUMN_TYPES,
  checks: CHECKS_COLUMN_TYPES,
  evidence: EVIDENCE_COLUMN_TYPES,
  categories: CATEGORIES_COLUMN_TYPES,
  similar_reports: SIMILAR_COLUMN_TYPES,
  coverage: COVERAGE_COLUMN_TYPES,
  quality: QUALITY_COLUMN_TYPES,
  findings: FINDINGS_COLUMN_TYPES,
  decisions: DECISIONS_COLUMN_TYPES,
  corrections: CORRECTIONS_COLUMN_TYPES
};
