// Unusual year-over-year changes (rule `extreme_jump`, status `warn`: a figure to verify, not a
// proven error). One row per report × metric, with the numbers behind it.
//
// Counts are compared on the Anscombe scale A(x) = 2·√(x + 3/8), on which a Poisson count has
// standard deviation ≈ 1 whatever its size; so 0 → 3 is a change of 2.4 (ordinary), while 100 →
// 900 is a change of 40 (extreme). Spread is the robust MAD (× 1.4826, the normal-consistent
// factor), never below FLOOR = 1 (Poisson noise): a township whose history is all zeros does not
// get an infinitely narrow band. A value is flagged only when ALL of these hold, in one direction:
//  1. own history: |A(x) − median of the township's other years| ≥ K × spread (≥ MIN_HISTORY years);
//  2. county that year: |A(x) − median of the county's other townships| ≥ K × spread (≥ MIN_PEERS
//     townships; with fewer, every township of the corpus that year is the reference);
//  3. year over year: the change from the township's previous reported year is itself ≥ K × the
//     own-history spread (so the year after a spike, back to normal, is not flagged).
// K = 4 robust standard deviations: under a normal model a two-sided false-alarm rate of 6e-5
// per test before requiring three conditions at once.
import type { ReportRecord } from "../types.ts";
import type { CorpusCheckRow } from "./types.ts";
import { placeLabel, type PlaceGroup } from "./township-years.ts";

export const JUMP_K = 4;
export const JUMP_FLOOR = 1;
export const MIN_HISTORY = 3;
export const MIN_PEERS = 4;

/**
 * Metrics compared across years: the volumes an annual report is about. Table 二's decision
 * counts (行政许可/处罚/强制) are not compared: they count enforcement actions, are zero in most
 * township-years and lumpy by nature (a campaign year), so a band around a mostly-zero history
 * would flag ordinary years.
 */
export const JUMP_METRICS: Record<string, { label: string; value: (r: ReportRecord) => number | null }> = {
  active_total: { label: "主动公开信息数", value: activeVolume },
  requests_new_total: { label: "本年新收申请数", value: (r) => tableOrQuote(r, "requests_new_total") },
  review_total: { label: "行政复议数", value: (r) => tableOrQuote(r, "review_total") },
  litigation_total: { label: "行政诉讼数", value: (r) => tableOrQuote(r, "litigation_total") },
};

/**
 * A table value, else — when the table could not be read (an image, glued digits) — the same
 * figure quoted in the report's own prose (evidence field narrative.<field>), when it is quoted one way only.
 */
function tableOrQuote(r: ReportRecord, field: "requests_new_total" | "review_total" | "litigation_total"): number | null {
  if (r[field] !== null) return r[field];
  const quotes = (r.evidence ?? []).filter((e) => e.field === `narrative.${field}`);
  const values = new Set(quotes.map((e) => e.value));
  return values.size === 1 ? quotes[0].value : null;
}

/**
 * The year's proactive-disclosure volume: the stated total, else — when the report only splits
 * it by channel ("门户网站公开924条") — the largest channel count, a lower bound of the total
 * (the narrative stage records channels as evidence fields active_channels.<渠道>).
 */
export function activeVolume(r: ReportRecord): number | null {
  if (r.active_total !== null) return r.active_total;
  const evidence = (r as { evidence?: { field: string; value: number }[] }).evidence ?? [];
  let best: number | null = null;
  for (const e of evidence) if (e.field.startsWith("active_channels.") && (best === null || e.value > best)) best = e.value;
  return best;
}

export const anscombe = (x: number) => 2 * Math.sqrt(Math.max(0, x) + 3 / 8);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Robust centre and spread on the Anscombe scale. */
export function robust(xs: number[]): { centre: number; spread: number } {
  const a = xs.map(anscombe);
  const centre = median(a);
  const mad = median(a.map((v) => Math.abs(v - centre)));
  return { centre, spread: Math.max(1.4826 * mad, JUMP_FLOOR) };
}

/** Back from the Anscombe scale to a count, for messages. */
const count = (a: number) => Math.max(0, Math.round((a / 2) ** 2 - 3 / 8));

interface Point { group: PlaceGroup; year: number; id: string; value: number }

export function jumpChecks(places: Iterable<PlaceGroup>): CorpusCheckRow[] {
  const groups = [...places];
  const rows: CorpusCheckRow[] = [];
  /** report id → metrics compared (a report with no flag gets one `pass` row naming them). */
  const evaluated = new Map<string, string[]>();
  for (const [metric, def] of Object.entries(JUMP_METRICS)) {
    // Collect each township-year's representative value once.
    const series = new Map<PlaceGroup, Point[]>();
    const byCountyYear = new Map<string, Point[]>();
    const byYear = new Map<number, Point[]>();
    for (const g of groups) {
      const pts: Point[] = [];
      for (const [year, ref] of g.rep) {
        const v = def.value(ref.record);
        if (v === null || !Number.isFinite(v)) continue;
        const p = { group: g, year, id: ref.id, value: v };
        pts.push(p);
        if (g.county) (byCountyYear.get(`${g.county}|${year}`) ?? byCountyYear.set(`${g.county}|${year}`, []).get(`${g.county}|${year}`)!).push(p);
        (byYear.get(year) ?? byYear.set(year, []).get(year)!).push(p);
      }
      pts.sort((a, b) => a.year - b.year);
      if (pts.length > MIN_HISTORY) series.set(g, pts);
    }
    for (const [g, pts] of series) {
      pts.forEach((p, i) => {
        if (i === 0) return; // no previous year to jump from
        (evaluated.get(p.id) ?? evaluated.set(p.id, []).get(p.id)!).push(def.label);
        const others = pts.filter((q) => q !== p).map((q) => q.value);
        const own = robust(others);
        const a = anscombe(p.value);
        const zOwn = (a - own.centre) / own.spread;
        if (Math.abs(zOwn) < JUMP_K) return;
        const prev = pts[i - 1];
        const zYoy = (a - anscombe(prev.value)) / own.spread;
        if (Math.abs(zYoy) < JUMP_K || Math.sign(zYoy) !== Math.sign(zOwn)) return;
        let peers = (g.county ? byCountyYear.get(`${g.county}|${p.year}`) ?? [] : []).filter((q) => q.group !== g);
        let scope = `${g.county}同年其他乡镇`;
        if (peers.length < MIN_PEERS) {
          peers = (byYear.get(p.year) ?? []).filter((q) => q.group !== g);
          scope = "全部乡镇同年";
        }
        if (peers.length < MIN_PEERS) return;
        const county = robust(peers.map((q) => q.value));
        const zCounty = (a - county.centre) / county.spread;
        if (Math.abs(zCounty) < JUMP_K || Math.sign(zCounty) !== Math.sign(zOwn)) return;
        const dir = zOwn > 0 ? "骤增" : "骤降";
        rows.push({
          report_id: p.id, rule: "extreme_jump", status: "warn", expected: count(own.centre), actual: p.value, cells: metric,
          message: `${def.label}${dir}：${p.year} 年 ${p.value}（${prev.year} 年 ${prev.value}）；`
            + `${placeLabel(g)}其他 ${others.length} 个年度中位数 ${count(own.centre)}，偏离 ${zOwn.toFixed(1)} 个稳健标准差；`
            + `${scope}（${peers.length} 个）中位数 ${count(county.centre)}，偏离 ${zCounty.toFixed(1)} 个稳健标准差`,
        });
      });
    }
  }
  const flagged = new Set(rows.map((r) => r.report_id));
  for (const [id, labels] of evaluated) {
    if (flagged.has(id)) continue;
    rows.push({
      report_id: id, rule: "extreme_jump", status: "pass", expected: null, actual: null, cells: null,
      message: `与本乡镇往年和同年同县相比没有异常跳变（${labels.join("、")}）`,
    });
  }
  return rows;
}
