// Scores analyseCorpus against the demo corpus's ground truth (data/demo-truth): for every planted
// cross-report defect, was it found by its rule; and how many alarms (fail/warn rows of the
// cross-report rules, coverage rows marked missing or duplicated) fall on township-years where
// nothing was planted. Shared by tests/demo-corpus-checks.test.ts and tools/bench-corpus.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell, ReportRecord } from "../../loaders/types.ts";
import { reportId } from "../../loaders/output/report-id.ts";
import type { CorpusAnalysis } from "../../loaders/corpus-checks/index.ts";

export interface TruthDefect {
  kind: string;
  [k: string]: unknown;
}

export interface TruthRecord {
  file: string;
  code: string;
  township: string;
  county: string;
  city: string;
  province: string;
  year: number | null;
  published_on: string | null;
  template: string;
  cells: { table: string; row: string; col: string; value: number | null; raw: string }[];
  active_total: number | null;
  active_total_approx: boolean | null;
  requests_new_total: number | null;
  requests_carried_total: number | null;
  requests_handled_total: number | null;
  requests_forward_total: number | null;
  review_total: number | null;
  litigation_total: number | null;
  fees: number | null;
  active_channels?: { items: { label: string; count: number }[] } | null;
  defects: TruthDefect[];
}

export interface Truth {
  records: TruthRecord[];
  summary: { missing: { code: string; township: string; county: string; year: number }[]; [k: string]: unknown };
}

export function loadTruth(dir: string): Truth {
  const records = readFileSync(join(dir, "truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
  return { records, summary };
}

/** The rule that should find each cross-report defect kind (report-level kinds). */
export const DEFECT_RULE: Record<string, string> = {
  carry_over_break: "carry_over",
  copied_previous_year: "copy_previous_year",
  copied_neighbour: "copy_other_township",
  late: "published_by_mar31",
  pre_year_end: "published_after_year_end",
  extreme_jump: "extreme_jump",
  duplicate_file: "duplicate_file",
};

/** Cross-report rules whose fail/warn rows are alarms (published_by_jan31_local is informational by design). */
export const ALARM_RULES = [
  "carry_over", "stock_flow_2021", "extreme_jump", "copy_previous_year", "copy_other_township", "duplicate_file",
  "published_by_mar31", "published_after_year_end",
];

function expectsRule(d: TruthDefect): string | null {
  return DEFECT_RULE[d.kind] ?? null;
}

/** Records as a perfect parser would give them (identity, dates and numbers from the truth). */
export function truthRecords(truth: Truth): ReportRecord[] {
  return truth.records.map((t) => ({
    file: t.file, status: "ok", error: null, level: "township", unit: t.township, township: t.township, county: t.county, city: t.city, province: t.province,
    year: t.year, published_on: t.published_on,
    template: (["free-text-2008", "template-2019", "template-2021"].includes(t.template) ? t.template : "unknown") as ReportRecord["template"],
    active_total: t.active_total, active_total_approx: t.active_total_approx, active_categories: [],
    requests_new_total: t.requests_new_total, requests_carried_total: t.requests_carried_total,
    requests_handled_total: t.requests_handled_total, requests_forward_total: t.requests_forward_total,
    review_total: t.review_total, litigation_total: t.litigation_total, fees: t.fees,
    cells: t.cells.filter((c) => c.table === "t2" || c.table === "t3" || c.table === "t4").map((c) => ({
      table: c.table as Cell["table"], row: c.row, col: c.col, row_label: c.row, col_label: c.col, value: c.value, raw: c.raw,
      unit: null, source: "truth",
    })),
    checks: [], warnings: [],
    // What the narrative stage records for a channel split (loaders/narrative: evidence active_channels.<渠道>).
    evidence: (t.active_channels?.items ?? []).map((c) => ({ field: `active_channels.${c.label}`, value: c.count, line: 0, start: 0, end: 0, snippet: "" })),
  } as ReportRecord));
}

export interface RuleScore {
  rule: string;
  planted: number;
  found: number;
  missed: string[];
  /** Alarms of this rule on township-years with no planted cross-report defect. */
  cleanAlarms: string[];
  /** Alarms of this rule on reports carrying other planted defects (not the one this rule finds). */
  otherAlarms: string[];
}

export interface Score {
  rules: RuleScore[];
  missing: { planted: number; found: number; missed: string[]; falseMissing: string[]; falseDuplicated: string[] };
  cleanTownshipYears: number;
  cleanAlarmTotal: number;
  copyRecall: { planted: number; found: number; pairsListed: number };
  /** Signatures with lost characters: the date must be unknown (timeliness `skip`), never guessed. */
  lostDates: { planted: number; unknown: number; guessed: string[] };
}

export function score(analysis: CorpusAnalysis, truth: Truth): Score {
  const byId = new Map(truth.records.map((t) => [reportId(t.file), t]));
  const ty = (t: TruthRecord) => `${t.county}|${t.township}|${t.year}`;
  // Township-years with a planted cross-report defect (any report of it).
  const dirty = new Set<string>();
  for (const t of truth.records) if (t.defects.some((d) => expectsRule(d))) dirty.add(ty(t));
  for (const m of truth.summary.missing) dirty.add(`${m.county}|${m.township}|${m.year}`);
  const allTy = new Set(truth.records.filter((t) => t.year !== null).map(ty));
  const alarms = analysis.checks.filter((c) => ALARM_RULES.includes(c.rule) && (c.status === "fail" || c.status === "warn"));
  const rules: RuleScore[] = [];
  for (const rule of ALARM_RULES) {
    const mine = alarms.filter((c) => c.rule === rule);
    const hit = new Set(mine.map((c) => c.report_id));
    const s: RuleScore = { rule, planted: 0, found: 0, missed: [], cleanAlarms: [], otherAlarms: [] };
    for (const t of truth.records) {
      for (const d of t.defects) {
        if (expectsRule(d) !== rule) continue;
        s.planted++;
        if (hit.has(reportId(t.file))) s.found++;
        else s.missed.push(`${t.file} ${JSON.stringify(d)}`);
      }
    }
    for (const c of mine) {
      const t = byId.get(c.report_id);
      if (!t) continue;
      if (t.defects.some((d) => expectsRule(d) === rule)) continue;
      const what = `${t.file}: ${c.message}`;
      // A cross-year alarm whose compared report (named in `cells`) carries a planted defect is a
      // consequence of that defect (e.g. last year's 规章 1, this year's 0), not a false alarm.
      const compared = (c.cells ?? "").split(" ").map((x) => byId.get(x.split(":")[0])).filter((x) => x && x !== t);
      const crossYear = rule === "carry_over" || rule === "stock_flow_2021" || rule === "extreme_jump";
      if (dirty.has(ty(t)) || (crossYear && compared.some((o) => o!.defects.length > 0))) s.otherAlarms.push(what);
      else s.cleanAlarms.push(what);
    }
    rules.push(s);
  }
  const missingTruth = new Set(truth.summary.missing.map((m) => `${m.county}|${m.township}|${m.year}`));
  const covMissing = new Set(analysis.coverage.filter((c) => c.status === "missing").map((c) => `${c.county}|${c.township}|${c.year}`));
  const dupTruth = new Set(truth.records.filter((t) => t.defects.some((d) => d.kind === "duplicate_file")).map(ty));
  const missing = {
    planted: missingTruth.size,
    found: [...missingTruth].filter((k) => covMissing.has(k)).length,
    missed: [...missingTruth].filter((k) => !covMissing.has(k)),
    falseMissing: [...covMissing].filter((k) => !missingTruth.has(k)),
    falseDuplicated: analysis.coverage.filter((c) => c.status === "duplicated" && !dupTruth.has(`${c.county}|${c.township}|${c.year}`)).map((c) => `${c.county}|${c.township}|${c.year}`),
  };
  const copies = truth.records.flatMap((t) => t.defects.filter((d) => d.kind === "copied_previous_year" || d.kind === "copied_neighbour").map((d) => [reportId(d.source_file as string), reportId(t.file)]));
  const pairKey = (a: string, b: string) => [a, b].sort().join("~");
  const copyPairs = new Set(analysis.similar.filter((r) => r.copy).map((r) => pairKey(r.report_a, r.report_b)));
  const cleanTownshipYears = [...allTy].filter((k) => !dirty.has(k)).length;
  const cleanAlarmTotal = rules.reduce((s, r) => s + r.cleanAlarms.length, 0) + missing.falseMissing.length + missing.falseDuplicated.length;
  const lost = truth.records.filter((t) => t.defects.some((d) => d.kind === "lost_date_chars" && d.field === "signature"));
  const skipped = new Set(analysis.checks.filter((c) => c.rule === "published_by_mar31" && c.status === "skip").map((c) => c.report_id));
  const lostDates = {
    planted: lost.length,
    unknown: lost.filter((t) => skipped.has(reportId(t.file))).length,
    guessed: lost.filter((t) => !skipped.has(reportId(t.file))).map((t) => t.file),
  };
  return {
    rules, missing, cleanTownshipYears, cleanAlarmTotal, lostDates,
    copyRecall: { planted: copies.length, found: copies.filter(([a, b]) => copyPairs.has(pairKey(a, b))).length, pairsListed: analysis.similar.length },
  };
}

export function formatScore(s: Score): string {
  const lines = ["rule                        planted found  clean-alarms  alarms-on-other-defects"];
  for (const r of s.rules) {
    lines.push(`${r.rule.padEnd(28)}${String(r.planted).padStart(7)}${String(r.found).padStart(6)}${String(r.cleanAlarms.length).padStart(14)}${String(r.otherAlarms.length).padStart(25)}`);
  }
  lines.push(`${"coverage: missing_year".padEnd(28)}${String(s.missing.planted).padStart(7)}${String(s.missing.found).padStart(6)}${String(s.missing.falseMissing.length + s.missing.falseDuplicated.length).padStart(14)}`);
  lines.push(`clean township-years: ${s.cleanTownshipYears}, alarms on them: ${s.cleanAlarmTotal}`);
  lines.push(`lost date characters: ${s.lostDates.unknown}/${s.lostDates.planted} left unknown (timeliness skip)`);
  lines.push(`copy detector: ${s.copyRecall.found}/${s.copyRecall.planted} planted copies found as copy pairs; ${s.copyRecall.pairsListed} pairs listed`);
  return lines.join("\n");
}

/**
 * Where a parsed record differs from the truth in what `rule` reads (identity, date, the metric,
 * table 三's carry-over rows): a miss or an alarm there is the parser's, not the corpus checks'.
 */
export function upstreamGaps(rule: string, parsed: ReportRecord | undefined, t: TruthRecord, metric?: string): string[] {
  if (!parsed) return ["not parsed"];
  const gaps: string[] = [];
  const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
  for (const f of ["township", "county", "year"] as const) if (!same(parsed[f], t[f])) gaps.push(`${f}: ${parsed[f]} ≠ ${t[f]}`);
  if (rule.startsWith("published_") && !same(parsed.published_on, t.published_on)) gaps.push(`published_on: ${parsed.published_on} ≠ ${t.published_on}`);
  if (rule === "extreme_jump" && metric) {
    const truthRec = truthRecords({ records: [t], summary: { missing: [] } })[0];
    const pv = metric === "active_total" ? activeOf(parsed) : (parsed as unknown as Record<string, number | null>)[metric];
    const tv = metric === "active_total" ? activeOf(truthRec) : (truthRec as unknown as Record<string, number | null>)[metric];
    if (!same(pv, tv)) gaps.push(`${metric}: ${pv} ≠ ${tv}`);
  }
  if (rule === "carry_over" || rule === "stock_flow_2021") {
    const rows = rule === "carry_over" ? ["carried", "carry_forward"] : ["rules", "normative"];
    const table = rule === "carry_over" ? "t3" : "t2";
    const key = (c: { table: string; row: string; col: string }) => `${c.table}.${c.row}.${c.col}`;
    const pv = new Map(parsed.cells.filter((c) => c.table === table && rows.includes(c.row)).map((c) => [key(c), c.value]));
    for (const c of t.cells) if (c.table === table && rows.includes(c.row) && !same(pv.get(key(c)), c.value)) gaps.push(`${key(c)}: ${pv.get(key(c))} ≠ ${c.value}`);
  }
  return gaps;
}

function activeOf(r: ReportRecord): number | null {
  if (r.active_total !== null) return r.active_total;
  const ev = (r as { evidence?: { field: string; value: number }[] }).evidence ?? [];
  const ch = ev.filter((e) => e.field.startsWith("active_channels.")).map((e) => e.value);
  return ch.length ? Math.max(...ch) : null;
}
