// Quality score (0–100) per report and per township-year, fully traceable: each deduction is one
// rule that failed (or warned) for that report, with its weight from weights.ts (the only place
// weights live). See weights.ts for the scoring rules.
import type { CorpusCheckRow, CoverageRow, QualityRow } from "./types.ts";
import { representative, type ReportRef, type TownshipYears } from "./township-years.ts";
import { WEIGHTS, weightOf, type RuleWeight } from "./weights.ts";
import { missingFindingId, rowKey } from "../review/finding-id.ts";

interface Deduction {
  rule: string;
  status: string;
  weight: number;
  message: string;
}

/** Per report id: the deductions of its failed/warned rules, one per rule, in rule order of first appearance.
 * A row dismissed on review (核查记录.csv, `dismissed`: finding keys) deducts nothing; a rule deducts
 * while any of its rows is not dismissed. */
export function deductions(
  refs: ReportRef[], corpusChecks: CorpusCheckRow[], weights: Record<string, RuleWeight> = WEIGHTS, dismissed: ReadonlySet<string> = new Set(),
): Map<string, Deduction[]> {
  const rows = new Map<string, { rule: string; status: string; message: string }[]>();
  const push = (id: string, r: { rule: string; status: string; message: string }, cells: string | null) => {
    if (dismissed.size && dismissed.has(rowKey(id, r.rule, cells))) return;
    (rows.get(id) ?? rows.set(id, []).get(id)!).push(r);
  };
  for (const ref of refs) for (const c of ref.record.checks) push(ref.id, c, c.cells?.join(" ") || null);
  for (const c of corpusChecks) push(c.report_id, c, c.cells);
  const out = new Map<string, Deduction[]>();
  for (const ref of refs) {
    const byRule = new Map<string, { status: string; messages: string[] }>();
    for (const r of rows.get(ref.id) ?? []) {
      if (r.status !== "fail" && r.status !== "warn") continue;
      const d = byRule.get(r.rule) ?? { status: r.status, messages: [] };
      if (r.status === "fail") d.status = "fail";
      d.messages.push(r.message);
      byRule.set(r.rule, d);
    }
    out.set(ref.id, [...byRule].map(([rule, d]) => ({
      rule, status: d.status, weight: weightOf(rule, weights),
      message: d.messages[0] + (d.messages.length > 1 ? `（另有 ${d.messages.length - 1} 处）` : ""),
    })));
  }
  return out;
}

function rowsFor(
  base: Omit<QualityRow, "score" | "rule" | "status" | "weight" | "points" | "message">, ds: Deduction[],
): QualityRow[] {
  const score = Math.max(0, 100 - ds.reduce((s, d) => s + d.weight, 0));
  if (ds.length === 0) return [{ ...base, score, rule: null, status: null, weight: null, points: 0, message: null }];
  return ds.map((d) => ({ ...base, score, rule: d.rule, status: d.status, weight: d.weight, points: d.weight, message: d.message }));
}

export function qualityRows(
  ty: TownshipYears, corpusChecks: CorpusCheckRow[], coverage: CoverageRow[], weights: Record<string, RuleWeight> = WEIGHTS,
  dismissed: ReadonlySet<string> = new Set(),
): QualityRow[] {
  const ded = deductions(ty.refs, corpusChecks, weights, dismissed);
  const out: QualityRow[] = [];
  for (const ref of ty.refs) {
    const r = ref.record;
    out.push(...rowsFor({ level: "report", unit_id: ref.id, report_id: ref.id, county: r.county, township: r.township, year: r.year }, ded.get(ref.id)!));
  }
  const byId = new Map(ty.refs.map((r) => [r.id, r]));
  const placed = new Set<string>();
  for (const c of coverage) {
    const base = { level: "township_year" as const, unit_id: `${c.county}|${c.township}|${c.year}`, county: c.county, township: c.township, year: c.year };
    if (c.status === "missing") {
      // a missing report dismissed on review (the unit was merged, say) is scored without it
      if (dismissed.has(missingFindingId(c.county, c.township, c.year))) {
        out.push(...rowsFor({ ...base, report_id: null }, []));
        continue;
      }
      out.push(...rowsFor({ ...base, report_id: null }, [{
        rule: "report_missing", status: "fail", weight: weightOf("report_missing", weights),
        message: `${c.county}${c.township}没有 ${c.year} 年度的年报`,
      }]));
      continue;
    }
    const refs = c.report_ids!.split(" ").map((id) => byId.get(id)!);
    for (const r of refs) placed.add(r.id);
    const rep = representative(refs);
    out.push(...rowsFor({ ...base, report_id: rep.id }, ded.get(rep.id)!));
  }
  // Township-years outside the grid (county unknown): scored as their representative report.
  for (const g of ty.places.values()) {
    for (const [year, rep] of g.rep) {
      if (g.byYear.get(year)!.some((r) => placed.has(r.id))) continue;
      out.push(...rowsFor({
        level: "township_year", unit_id: `${g.key}|${year}`, report_id: rep.id,
        county: g.county, township: g.township, year,
      }, ded.get(rep.id)!));
    }
  }
  return out;
}
