// The yearly numbers model: what each township "really" did each year, before any report is
// written. Proactive items follow a township-level trend with noise; applications are rare except
// in four busy 街道; table 三 is built column by column so that its 勾稽关系 hold, and the caller
// threads the carry-over (结转) and table-二 stocks from one year's written report to the next.
import { CATEGORY_WEIGHTS, labelsFor } from "./categories.ts";
import type { Category } from "../../loaders/categories.ts";
import { table3ApplicantColumns } from "../../loaders/templates/table3.ts";
import { rngFor, splitCount, type Rng } from "./rng.ts";
import type { Township } from "./places.ts";

export const FIRST_YEAR = 2008;
export const LAST_YEAR = 2025;
export const YEARS: number[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

/** Values of one table as rowId → colId → number (leaf rows only; ids from the schemas). */
export type TableValues = Record<string, Record<string, number>>;

export interface Profile {
  activeBase: number;
  activeGrowth: number;
  peakYear: number;
  requestRate: number;
  /** 0..1: how careless the township's office is (weights the planted defects). */
  sloppiness: number;
  /** Probability of attaching a 附表 to a 2014–2018 report. */
  appendixHabit: number;
  /** The category labels this township habitually uses (stable across years). */
  categoryLabels: { label: string; category: Category }[];
}

export interface ActiveData {
  total: number;
  categories: { label: string; category: Category; count: number }[];
  website: number;
  wechat: number;
  weibo: number;
  board: number;
  /** Items since 2008 up to and including this year. */
  cumulative: number;
}

export interface MiscData {
  consultations: number;
  meetings: number;
  trainings: number;
  trainees: number;
  staffFull: number;
  staffPart: number;
  readingPoints: number;
  boardIssues: number;
  interpretations: number;
  proposals: number;
}

export function profileFor(t: Township): Profile {
  const r = rngFor("profile", t.code);
  const base = t.busy ? r.int(90, 160) : t.kind === "街道" ? r.int(30, 90) : t.kind === "镇" ? r.int(22, 70) : r.int(14, 40);
  const rate = t.busy ? 0 : t.kind === "街道" ? 1.5 + r.next() * 3 : t.kind === "镇" ? 0.3 + r.next() * 2.2 : 0.1 + r.next() * 0.9;
  // Categories: 3–6 from the taxonomy, 工作动态 always among them.
  const cats = new Set<Category>(["工作动态"]);
  const n = r.int(3, 6);
  while (cats.size < n) cats.add(r.weighted(CATEGORY_WEIGHTS));
  const ordered = CATEGORY_WEIGHTS.map(([c]) => c).filter((c) => cats.has(c));
  const shuffled = r.chance(0.5) ? ordered : r.shuffle(ordered);
  return {
    activeBase: base,
    activeGrowth: 1.05 + r.next() * 0.13,
    peakYear: r.int(2015, 2020),
    requestRate: rate,
    sloppiness: r.next() ** 2,
    appendixHabit: r.chance(0.45) ? 0.55 + r.next() * 0.4 : r.next() * 0.15,
    categoryLabels: shuffled.map((category) => ({ category, label: r.pick(labelsFor(category)) })),
  };
}

const profiles = new Map<string, Profile>();
export function profile(t: Township): Profile {
  let p = profiles.get(t.code);
  if (!p) profiles.set(t.code, (p = profileFor(t)));
  return p;
}

/** The township's true number of proactive items in a year (trend × noise, clamped). */
export function activeTotal(t: Township, year: number): number {
  const p = profile(t);
  const r = rngFor("active", t.code, year);
  const growthYears = Math.min(year, p.peakYear) - FIRST_YEAR;
  const after = Math.max(0, year - p.peakYear);
  const trend = p.activeBase * p.activeGrowth ** growthYears * (1 + 0.015 * after * (t.busy ? 1 : -1));
  const noisy = trend * Math.exp(0.16 * r.normal());
  return Math.max(12, Math.min(t.busy ? 600 : 460, Math.round(noisy)));
}

export function cumulativeActive(t: Township, year: number): number {
  let s = 0;
  for (let y = FIRST_YEAR; y <= year; y++) s += activeTotal(t, y);
  return s;
}

export function activeData(t: Township, year: number): ActiveData {
  const p = profile(t);
  const r = rngFor("active-split", t.code, year);
  const total = activeTotal(t, year);
  const weights = p.categoryLabels.map(({ category }) =>
    (CATEGORY_WEIGHTS.find(([c]) => c === category)?.[1] ?? 5) * (0.6 + r.next() * 0.8));
  let counts = splitCount(r, total, weights);
  // Every named category has at least one item.
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) {
      const j = counts.indexOf(Math.max(...counts));
      counts[j]--;
      counts[i]++;
    }
  }
  counts = counts.map((c) => c);
  const wechatShare = year >= 2014 ? 0.2 + r.next() * 0.5 : 0;
  const wechat = Math.round(total * wechatShare);
  const weibo = year >= 2011 && year <= 2017 && r.chance(0.4) ? Math.round(total * r.next() * 0.2) : 0;
  const board = r.int(4, 24);
  return {
    total,
    categories: p.categoryLabels.map((c, i) => ({ ...c, count: counts[i] })),
    website: total - wechat,
    wechat,
    weibo,
    board,
    cumulative: cumulativeActive(t, year),
  };
}

export function miscData(t: Township, year: number): MiscData {
  const r = rngFor("misc", t.code, year);
  return {
    consultations: r.int(8, t.busy ? 400 : 120),
    meetings: r.int(1, 5),
    trainings: r.int(1, 3),
    trainees: r.int(8, 90),
    staffFull: r.int(0, 2),
    staffPart: r.int(1, 4),
    readingPoints: r.int(1, 3),
    boardIssues: r.int(4, 24),
    interpretations: r.int(1, 12),
    proposals: r.int(0, 9),
  };
}

/** Expected applications per year: busy 街道 climb to 100–600 in the template era. */
export function requestRate(t: Township, year: number): number {
  const p = profile(t);
  if (t.busy) {
    const r = rngFor("busy-rate", t.code);
    const peak = 180 + r.next() * 320;
    if (year < 2019) return 8 + (year - FIRST_YEAR) * (4 + r.next() * 3);
    return year <= 2021 ? peak * (0.75 + 0.12 * (year - 2019)) : peak * (1 - 0.07 * (year - 2021));
  }
  return p.requestRate * (year < 2014 ? 0.6 : 1);
}

/** New applications split by applicant column (自然人 dominates). */
export function newRequests(t: Township, year: number): Record<string, number> {
  const r = rngFor("requests", t.code, year);
  const n = r.poisson(requestRate(t, year));
  const w = t.busy ? [84, 8, 0.5, 0.7, 3, 3.8] : [88, 6, 0, 0.4, 2, 3.6];
  const parts = splitCount(r, n, w);
  return Object.fromEntries(table3ApplicantColumns.map((c, i) => [c, parts[i]]));
}

/** Leaf outcome rows of table 三 at the 2021 granularity and their weights. */
export const OUTCOME_LEAVES: [string, number][] = [
  ["granted", 52], ["partial", 5],
  ["refused_secret", 0.2], ["refused_law", 0.5], ["refused_safety", 0.2], ["refused_third_party", 1.5],
  ["refused_internal", 1], ["refused_process", 1.2], ["refused_enforcement", 0.6], ["refused_query", 0.8],
  ["unable_no_info", 20], ["unable_needs_creation", 3], ["unable_unclear", 2],
  ["declined_complaint", 5], ["declined_repeat", 3], ["declined_publication", 0.6], ["declined_mass", 0.5],
  ["declined_confirm", 0.8],
  ["other_no_correction", 2], ["other_no_fee", 0.1], ["other_other", 1.5],
];

/** Table 三 at full (2021) granularity, built so every 勾稽关系 holds. */
export function table3(t: Township, year: number, carried: Record<string, number>, newByCol?: Record<string, number>): TableValues {
  const r = rngFor("t3", t.code, year);
  const fresh = newByCol ?? newRequests(t, year);
  const v: TableValues = {};
  const rows = ["new", "carried", ...OUTCOME_LEAVES.map(([id]) => id), "total", "carry_forward"];
  for (const id of rows) v[id] = {};
  const weights = OUTCOME_LEAVES.map(([, w]) => w);
  for (const col of table3ApplicantColumns) {
    const nw = fresh[col] ?? 0;
    const cr = carried[col] ?? 0;
    const avail = nw + cr;
    let fwd = 0;
    if (avail > 0) {
      const p = t.busy ? 0.045 : 0.07;
      for (let i = 0; i < avail; i++) if (r.chance(p)) fwd++;
    }
    const handled = avail - fwd;
    const parts = splitCount(r, handled, weights);
    v.new[col] = nw;
    v.carried[col] = cr;
    OUTCOME_LEAVES.forEach(([id], i) => (v[id][col] = parts[i]));
    v.total[col] = handled;
    v.carry_forward[col] = fwd;
  }
  return v;
}

export interface ReviewBlock {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}

function reviewBlock(r: Rng, n: number): ReviewBlock {
  const [upheld, corrected, other, pending] = splitCount(r, n, [60, 15, 12, 13]);
  return { upheld, corrected, other, pending, total: n };
}

/** Table 四: reviews and lawsuits (rare outside the busy 街道). */
export function table4(t: Township, year: number): TableValues {
  const r = rngFor("t4", t.code, year);
  const apps = requestRate(t, year);
  const reviews = t.busy ? r.poisson(apps / 120) : r.chance(0.02) ? 1 : 0;
  const direct = t.busy ? r.poisson(apps / 300) : r.chance(0.006) ? 1 : 0;
  const after = t.busy ? r.poisson(apps / 700) : 0;
  return {
    review: { ...reviewBlock(r, reviews) },
    lit_direct: { ...reviewBlock(r, direct) },
    lit_after_review: { ...reviewBlock(r, after) },
  };
}

/** Information-disclosure fees in yuan (almost always none). */
export function giFees(t: Township, year: number): number {
  const r = rngFor("fees", t.code, year);
  if (year >= 2019 || !r.chance(0.03)) return 0;
  return r.pick([6, 12.5, 20, 35, 48]);
}

/** State carried from one year's written report to the next one's table 二. */
export interface T2State {
  normativeStock: number;
  items: Record<string, number>; // 2019 上一年项目数量 per row
  inForce: number | null; // 2021 现行有效件数
}

export function initialT2State(t: Township): T2State {
  const r = rngFor("t2-init", t.code);
  return {
    normativeStock: r.int(0, 6),
    items: {
      licensing: r.chance(0.5) ? 0 : r.int(1, 12),
      other_services: r.int(0, 25),
      penalty: r.chance(0.4) ? 0 : r.int(1, 18),
      coercion: r.chance(0.7) ? 0 : r.int(1, 4),
      admin_fees: r.chance(0.8) ? 0 : r.int(1, 3),
    },
    inForce: null,
  };
}

/** Table 二 in the 2019 layout; returns the values and the state the next year starts from. */
export function table2For2019(t: Township, year: number, s: T2State): { values: TableValues; next: T2State } {
  const r = rngFor("t2", t.code, year);
  const made = r.chance(0.55) ? 0 : r.int(1, 3);
  const stock = s.normativeStock + made;
  const values: TableValues = {
    rules: { made: 0, published: 0, total_public: 0 },
    normative: { made, published: made, total_public: stock },
  };
  const nextItems: Record<string, number> = {};
  for (const row of ["licensing", "other_services", "penalty", "coercion", "admin_fees"]) {
    const prev = s.items[row] ?? 0;
    const delta = r.chance(0.7) ? 0 : Math.max(-prev, r.int(-2, 3));
    const decisions = row === "admin_fees" ? undefined
      : prev + delta === 0 ? 0 : r.int(0, t.busy ? 80 : row === "other_services" ? 60 : 25);
    values[row] = decisions === undefined ? { prev_count: prev, delta } : { prev_count: prev, delta, decisions };
    nextItems[row] = prev + delta;
  }
  const procCount = r.chance(0.6) ? 0 : r.int(1, 4);
  values.procurement = { proc_count: procCount, proc_amount: procCount === 0 ? 0 : r.int(3, 90) * 5000 };
  return { values, next: { normativeStock: stock, items: nextItems, inForce: stock } };
}

/** Table 二 in the 2021 layout (stock-flow 现行有效 = previous + 制发 − 废止). */
export function table2For2021(t: Township, year: number, s: T2State): { values: TableValues; next: T2State } {
  const r = rngFor("t2", t.code, year);
  const before = s.inForce ?? s.normativeStock;
  const issued = r.chance(0.55) ? 0 : r.int(1, 3);
  const repealed = before > 0 && r.chance(0.2) ? r.int(1, Math.min(2, before)) : 0;
  const inForce = before + issued - repealed;
  const decisions = (hi: number, p0: number) => (r.chance(p0) ? 0 : r.int(1, hi));
  const fee = r.chance(0.88) ? 0 : r.int(1, 250) / 100;
  const values: TableValues = {
    rules: { issued: 0, repealed: 0, in_force: 0 },
    normative: { issued, repealed, in_force: inForce },
    licensing: { decisions: decisions(t.busy ? 120 : 30, 0.45) },
    penalty: { decisions: decisions(t.busy ? 60 : 20, 0.5) },
    coercion: { decisions: decisions(5, 0.85) },
    admin_fees: { fee_amount: fee },
  };
  return { values, next: { ...s, normativeStock: inForce, inForce } };
}
