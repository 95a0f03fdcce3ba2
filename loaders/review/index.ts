// The supervisor's review after parsing, the same for the CLI and the site:
//   records → applyCorrections (更正记录.csv; the records change in place, their checks run again)
//           → resolveDecisions (核查记录.csv) → analyseCorpus with the dismissed findings
//           → findingsTables: findings.csv, decisions.csv, corrections.csv
import type { ReportRecord } from "../types.ts";
import type { ReportTexts } from "../corpus-checks/types.ts";
import { analyseCorpus, type AnalyseOptions, type CorpusAnalysis } from "../corpus-checks/index.ts";
import { applyCorrections, type CorrectionResult } from "./corrections.ts";
import { dismissedKeys, findingsTables, resolveDecisions, type FindingRow } from "./decisions.ts";
import type { CorrectionRow, DecisionRow, ReviewFileProblem } from "./review-files.ts";
import { rowKey } from "./finding-id.ts";
import { reportId } from "../output/report-id.ts";

export interface ReviewInputs {
  decisions: DecisionRow[];
  corrections: CorrectionRow[];
  /** Rows that could not be used, and unreadable files. */
  problems: ReviewFileProblem[];
  /** The review files read (for messages). */
  files: string[];
}

export const NO_REVIEW: ReviewInputs = { decisions: [], corrections: [], problems: [], files: [] };

export interface ReviewTables {
  findings: FindingRow[];
  decisions: ReturnType<typeof findingsTables>["decisions"];
  corrections: CorrectionResult[];
  /** Per report id: its failed check rows that were dismissed (reports.csv's n_checks_failed leaves them out). */
  dismissedFails: Map<string, number>;
  problems: ReviewFileProblem[];
}

/** Corrections, the checks across reports with the decisions, and the review's tables. */
export function analyseWithReview(
  records: ReportRecord[], texts: ReportTexts, options: AnalyseOptions, review: ReviewInputs = NO_REVIEW,
): { analysis: CorpusAnalysis; review: ReviewTables } {
  const corrections = applyCorrections(records, records.map((r) => r.content_hash ?? null), review.corrections);
  const resolved = resolveDecisions(review.decisions, records);
  const dismissed = dismissedKeys(resolved);
  const analysis = analyseCorpus(records, texts, { ...options, dismissed });
  const tables = findingsTables(records, analysis, resolved);
  const dismissedFails = new Map<string, number>();
  const count = (id: string, rule: string, cells: string | null) => {
    if (dismissed.has(rowKey(id, rule, cells))) dismissedFails.set(id, (dismissedFails.get(id) ?? 0) + 1);
  };
  for (const r of records) for (const c of r.checks) if (c.status === "fail") count(reportId(r.file), c.rule, c.cells?.join(" ") || null);
  for (const c of analysis.checks) if (c.status === "fail") count(c.report_id, c.rule, c.cells);
  return { analysis, review: { ...tables, corrections, dismissedFails, problems: review.problems } };
}
