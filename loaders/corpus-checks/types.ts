// Row types of the corpus-wide stage (analyseCorpus). Check rows have exactly the columns of
// checks.csv, so they are appended to the per-report rules' rows.

/** pass · fail · skip as for the per-report rules; `warn` for soft rules (a finding to verify, not a proven error). */
/** Each record's normalised text, by the record's index (null or undefined when it had none): an
 * array, or texts kept on disk (output/text-spill.ts) and read when the copy check needs them. */
export interface ReportTexts {
  readonly length: number;
  at(index: number): string | null | undefined;
}

export type CorpusStatus = "pass" | "fail" | "warn" | "skip";

/** One row of checks.csv produced across reports. `cells` is space-separated; a cell of another report is `<report_id>:<table>.<row>.<col>`. */
export interface CorpusCheckRow {
  report_id: string;
  rule: string;
  status: CorpusStatus;
  expected: number | null;
  actual: number | null;
  cells: string | null;
  message: string;
}

export type SimilarKind = "same_township_other_year" | "same_township_same_year" | "other_township";

/** One row of similar_reports.csv: a pair of reports with near-duplicate content (a = earlier, b = later). */
export interface SimilarRow {
  report_a: string;
  report_b: string;
  /** Jaccard similarity of the two reports' own-content shingle sets, boilerplate excluded (0–1). */
  similarity: number;
  /** Characters of report b's own content covered by passages it shares with report a. */
  shared_chars: number;
  /** The longest shared passage, as printed in report b (shortened to SAMPLE_CHARS). */
  sample: string;
  kind: SimilarKind;
  /** Shared shingles / the smaller report's shingles (high when a short report is contained in a longer one). */
  containment: number;
  /** Figures both reports print in the same place (both-zero places left out), and how many are identical. */
  figures_compared: number;
  figures_same: number;
  /** True when the wording reaches the copy threshold and the figures were carried over (a copy check fails). */
  copy: boolean;
  /** Who copied whom: `b_from_a`, `a_from_b`, `unknown` (both flagged), or empty for duplicates. */
  direction: string;
  /** Why: later_year · leftover_name · own_history · none. */
  evidence: string;
  file_a: string;
  file_b: string;
  township_a: string | null;
  county_a: string | null;
  year_a: number | null;
  township_b: string | null;
  county_b: string | null;
  year_b: number | null;
}

export type CoverageStatus = "present" | "missing" | "duplicated";

/** One row of coverage.csv: a township-level unit × a year in range. */
export interface CoverageRow {
  province: string | null;
  city: string | null;
  county: string;
  township: string;
  code: string | null;
  year: number;
  status: CoverageStatus;
  n_reports: number;
  report_ids: string | null;
  /** Where the unit is listed: gazetteer · places · reports (seen only in reports). */
  listed_in: string;
}

/** One row of quality.csv: a scored unit (a report or a township-year) × one deduction (or none). */
export interface QualityRow {
  level: "report" | "township_year";
  unit_id: string;
  report_id: string | null;
  county: string | null;
  township: string | null;
  year: number | null;
  score: number;
  rule: string | null;
  status: string | null;
  weight: number | null;
  points: number;
  message: string | null;
}

export interface CorpusAnalysis {
  checks: CorpusCheckRow[];
  similar: SimilarRow[];
  coverage: CoverageRow[];
  quality: QualityRow[];
  /** What was compared and how long each stage took (for logs and the benchmark). */
  stats: Record<string, number>;
}
