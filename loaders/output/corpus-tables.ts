// The tables of the corpus-wide stage (loaders/corpus-checks): similar_reports.csv, coverage.csv,
// quality.csv. Its check rows go into checks.csv with the per-report rules' columns.
import type { CorpusAnalysis } from "../corpus-checks/index.ts";

export const SIMILAR_COLUMNS = [
  "report_a", "report_b", "similarity", "shared_chars", "sample", "kind", "containment", "figures_compared", "figures_same",
  "copy", "direction", "evidence", "file_a", "file_b", "township_a", "county_a", "year_a", "township_b", "county_b", "year_b",
] as const;

export const COVERAGE_COLUMNS = [
  "province", "city", "county", "township", "code", "year", "status", "n_reports", "report_ids", "listed_in",
] as const;

export const QUALITY_COLUMNS = [
  "level", "unit_id", "report_id", "county", "township", "year", "score", "rule", "status", "weight", "points", "message",
] as const;

export function similarRows(a: CorpusAnalysis) {
  return a.similar;
}

export function coverageRows(a: CorpusAnalysis) {
  return a.coverage;
}

export function qualityRows(a: CorpusAnalysis) {
  return a.quality;
}
