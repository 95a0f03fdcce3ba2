// analyseCorpus: the rules across reports, run once after every report of the corpus is parsed.
//
//   records, texts (each record's normalised text, same order; null when unreadable), places
//     → checks      rows for checks.csv (same columns as the per-report rules):
//                   carry_over, stock_flow_2021 (cross-year.ts) · extreme_jump (jumps.ts) ·
//                   copy_previous_year, copy_other_township (similarity/) · duplicate_file
//                   (coverage.ts) · published_by_mar31, published_by_jan31_local,
//                   published_after_year_end (timeliness.ts)
//     → similar     similar_reports.csv
//     → coverage    coverage.csv (county × township × year: present / missing / duplicated)
//     → quality     quality.csv (score per report and per township-year, one row per deduction)
import type { ReportRecord } from "../types.ts";
import type { Place, PlaceIndex } from "../identity/places.ts";
import type { CorpusAnalysis, CorpusCheckRow, ReportTexts } from "./types.ts";
import { groupTownshipYears } from "./township-years.ts";
import { crossYearChecks } from "./cross-year.ts";
import { jumpChecks } from "./jumps.ts";
import { timelinessChecks } from "./timeliness.ts";
import { coverage, type UnitSource } from "./coverage.ts";
import { similarityStage } from "./similarity/index.ts";
import { PlaceNames } from "./similarity/content.ts";
import { qualityRows } from "./quality.ts";
import { WEIGHTS, type RuleWeight } from "./weights.ts";
import { pushAll } from "../push-all.ts";

export type { CorpusAnalysis, CorpusCheckRow, SimilarRow, CoverageRow, QualityRow } from "./types.ts";
export type { UnitSource } from "./coverage.ts";

export interface AnalyseOptions {
  /** The places files' units (or their index, as loadPlaces returns it). */
  places?: Place[] | PlaceIndex;
  /** The gazetteer: every township-level unit of a county (coverage lists them all). */
  gazetteer?: UnitSource | null;
  /** Years of the coverage grid; default: the corpus's smallest to largest report year. */
  years?: [number, number];
  weights?: Record<string, RuleWeight>;
  /** Findings dismissed on review (loaders/review/decisions.ts): they deduct nothing from the quality score. */
  dismissed?: ReadonlySet<string>;
}

export function analyseCorpus(
  records: ReportRecord[], texts: ReportTexts = [], options: AnalyseOptions = {},
): CorpusAnalysis {
  const t0 = performance.now();
  // Township-level units only: places rows above the township level (empty township) list no township.
  const places = (options.places instanceof Map ? [...options.places.values()].flat() : options.places ?? []).filter((p) => p.township !== "");
  // A county-less report is grouped by name only when the name is not shared by several listed units.
  const counties = new Map<string, Set<string>>();
  for (const p of places) (counties.get(p.township) ?? counties.set(p.township, new Set()).get(p.township)!).add(p.county);
  const ambiguous = (name: string) => {
    const where = new Set(counties.get(name) ?? []);
    for (const p of options.gazetteer?.lookup?.(name) ?? []) where.add(p.county);
    return where.size > 1;
  };
  const ty = groupTownshipYears(records, ambiguous);
  const t1 = performance.now();

  const checks: CorpusCheckRow[] = [];
  pushAll(checks, crossYearChecks(ty.places.values()));
  const t2 = performance.now();
  pushAll(checks, jumpChecks(ty.places.values()));
  const t3 = performance.now();
  for (const ref of ty.refs) pushAll(checks, timelinessChecks(ref.id, ref.record));
  const cov = coverage(ty, { places, gazetteer: options.gazetteer, years: options.years });
  pushAll(checks, cov.checks);
  const t4 = performance.now();
  const names = new PlaceNames([...records.flatMap((r) => [r.township, r.county, r.city]), ...places.flatMap((p) => [p.township, p.county, p.city])]);
  const sim = similarityStage(ty, texts, names);
  pushAll(checks, sim.checks);
  const t5 = performance.now();
  const quality = qualityRows(ty, checks, cov.rows, options.weights ?? WEIGHTS, options.dismissed);
  const t6 = performance.now();

  // Report order, then rule order within a report, as checks.csv lists the per-report rules.
  const order = new Map(ty.refs.map((r) => [r.id, r.index]));
  checks.sort((a, b) => (order.get(a.report_id) ?? 0) - (order.get(b.report_id) ?? 0));
  return {
    checks, similar: sim.rows, coverage: cov.rows, quality,
    stats: {
      reports: records.length, places: ty.places.size, ...sim.stats,
      ms_group: t1 - t0, ms_cross_year: t2 - t1, ms_jumps: t3 - t2, ms_timeliness_coverage: t4 - t3, ms_similarity: t5 - t4,
      ms_quality: t6 - t5, ms_total: performance.now() - t0,
    },
  };
}
