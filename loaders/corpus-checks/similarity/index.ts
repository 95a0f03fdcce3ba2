// Copied reports (内容雷同) across the whole corpus: the same township in different years and
// different townships in any year. Pipeline, linear in the corpus size except for the few
// candidate pairs:
//   content.ts  → own prose of each report (tables, fixed wording, page furniture, digits removed;
//                 place names and 镇/乡/街道 masked)
//   hashing.ts  → 8-character shingles, 32-bit hashes
//   here        → corpus boilerplate: shingles in the reports of at least 80% of the townships
//   minhash.ts  → one-permutation MinHash signatures, LSH banding → candidate pairs
//   here        → signature estimate, then exact Jaccard on the shingle sets; shared characters
//                 and the longest shared passage; figures (figures.ts); who copied whom; checks.
//
// Thresholds (Jaccard J of own-content shingle sets; for two reports of similar length J = 0.5
// means two thirds of each one's own content is shared, J = 0.7 about 82%):
//   LIST_MIN = 0.5  pairs listed in similar_reports.csv ("most of the wording is shared");
//   COPY_MIN = 0.7  a copy when, in addition, the figures were carried over (figures.ts): the
//                   same wording with the report's own figures is shared wording (listed, with
//                   copy = false), not a copied report.
//
// Rules (checks.csv):
//   copy_previous_year   fail on the later report of a township that copied one of its earlier
//                        years' reports;
//   copy_other_township  fail on the report that copied another township's report. Direction: the
//                        later year copied the earlier; in the same year, a report that still names
//                        the other township (a leftover after swapping names) copied it; otherwise the
//                        township whose other years' reports contain the shared passages wrote them
//                        (own_history); when nothing tells, both reports get a warning (direction unknown).
//   Reports with less own content than MIN_SHINGLES shingles are `skip` (too little to judge).
import type { CorpusCheckRow, ReportTexts, SimilarRow } from "../types.ts";
import type { TownshipYears } from "../township-years.ts";
import { extractContent, passage, type PlaceNames } from "./content.ts";
import { compareFigures, figures, figuresCarriedOver, type Figures } from "./figures.ts";
import { SHINGLE_CHARS, U32Set, hasSorted, intersectCount, shingles, sortU32, uniqueSorted } from "./hashing.ts";
import { SIGNATURE_BINS, atLeast, lshCandidates, signature } from "./minhash.ts";

export const LIST_MIN = 0.5;
export const COPY_MIN = 0.7;
export const DF_SHARE = 0.8;
export const DF_MIN_PLACES = 5;
/** About 37 characters of own prose (two short sentences): less is too little to call a copy. */
export const MIN_SHINGLES = 30;
/** A candidate whose signature estimate is this far below LIST_MIN is dropped (≈ 3.4 standard errors at 256 bins). */
export const ESTIMATE_MARGIN = 0.15;
/** Own-history authorship needs this lead (share of the shared passages found in a side's other years). */
export const OWN_HISTORY_MARGIN = 0.25;
export const SAMPLE_CHARS = 120;
/** Reports whose figures are kept at once while the pairs are described (pairs are met report by report, mostly within a county). */
const FIGURES_KEPT = 4096;

export interface SimilarityResult {
  rows: SimilarRow[];
  checks: CorpusCheckRow[];
  stats: Record<string, number>;
}

export function similarityStage(ty: TownshipYears, texts: ReportTexts, names?: PlaceNames): SimilarityResult {
  const t0 = performance.now();
  const n = ty.refs.length;
  const raw: (Uint32Array | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const text = texts.at(i);
    if (!text) continue;
    raw[i] = shingles(extractContent(text, ty.refs[i].record.township, false, names));
  }
  const t1 = performance.now();

  // Corpus boilerplate: document frequency counted over townships, not reports, so a township
  // repeating its own wording every year does not make that wording "common".
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (!raw[i] || raw[i]!.length === 0) continue;
    const key = ty.keyOf[i] ?? `#${i}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
  }
  const perGroup: Uint32Array[] = [];
  let total = 0;
  for (const members of groups.values()) {
    const len = members.reduce((s, i) => s + raw[i]!.length, 0);
    const all = new Uint32Array(len);
    let at = 0;
    for (const i of members) {
      all.set(raw[i]!, at);
      at += raw[i]!.length;
    }
    const u = uniqueSorted(all).slice();
    perGroup.push(u);
    total += u.length;
  }
  const df = new Uint32Array(total);
  let at = 0;
  for (const u of perGroup) {
    df.set(u, at);
    at += u.length;
  }
  perGroup.length = 0;
  const dfThreshold = Math.max(DF_MIN_PLACES, Math.ceil(DF_SHARE * groups.size));
  const common: number[] = [];
  uniqueRuns(df, dfThreshold, common);
  const boiler = new U32Set(common.length);
  for (const h of common) boiler.add(h);
  const keep = (h: number) => !boiler.has(h);
  const t2 = performance.now();

  // Signatures and candidates.
  const sigs = new Uint32Array(n * SIGNATURE_BINS);
  const members: number[] = [];
  const evaluated = new Uint8Array(n); // 0 no text · 1 too short · 2 compared
  for (let i = 0; i < n; i++) {
    if (!raw[i]) continue;
    evaluated[i] = 1;
    const used = signature(raw[i]!, keep, sigs.subarray(i * SIGNATURE_BINS, (i + 1) * SIGNATURE_BINS));
    if (used >= MIN_SHINGLES) {
      members.push(i);
      evaluated[i] = 2;
    }
  }
  const candidates = lshCandidates(sigs, members);
  const t3 = performance.now();

  // Verification on exact shingle sets (own content only).
  const sets = new Map<number, Uint32Array>();
  const setOf = (i: number) => {
    let s = sets.get(i);
    if (!s) {
      const u = uniqueSorted(raw[i]!.slice());
      let m = 0;
      for (let x = 0; x < u.length; x++) if (keep(u[x])) u[m++] = u[x];
      s = u.slice(0, m);
      sets.set(i, s);
    }
    return s;
  };
  const pairs: { a: number; b: number; j: number; inter: number }[] = [];
  let estimated = 0;
  for (let c = 0; c < candidates.length; c += 2) {
    const i = candidates[c];
    const k = candidates[c + 1];
    if (!atLeast(sigs, i, k, LIST_MIN - ESTIMATE_MARGIN)) continue;
    estimated++;
    const A = setOf(i);
    const B = setOf(k);
    const inter = intersectCount(A, B);
    const j = inter / (A.length + B.length - inter);
    if (j < LIST_MIN) continue;
    const [a, b] = ordered(ty, i, k);
    pairs.push({ a, b, j, inter });
  }
  const t4 = performance.now();

  pairs.sort((x, y) => y.j - x.j || x.a - y.a || x.b - y.b);
  // The shared passages and figures, visited report by report (b, then a): each later report's
  // content is extracted once for all its pairs, and figures come from a small cache.
  const sharedOf: { chars: number; sample: string }[] = new Array(pairs.length);
  const figsOf: { compared: number; same: number }[] = new Array(pairs.length);
  const figuresKept = limitedMemo(FIGURES_KEPT, (i: number): Figures => figures(texts.at(i)!, ty.refs[i].record.cells));
  const visit = pairs.map((_, x) => x).sort((x, y) => pairs[x].b - pairs[y].b || pairs[x].a - pairs[y].a);
  let current = -1;
  let text = "";
  let content: OwnContent | null = null;
  for (const x of visit) {
    const p = pairs[x];
    if (p.b !== current) {
      current = p.b;
      text = texts.at(p.b)!;
      content = ownContent(text, ty.refs[p.b].record.township, names);
    }
    sharedOf[x] = sharedPassage(text, content!, setOf(p.a), keep);
    figsOf[x] = compareFigures(figuresKept(p.a), figuresKept(p.b));
  }
  content = null;

  const rows: SimilarRow[] = [];
  const fails = new Map<number, CorpusCheckRow[]>();
  const notes = new Map<number, string[]>();
  const addFail = (i: number, row: CorpusCheckRow) => (fails.get(i) ?? fails.set(i, []).get(i)!).push(row);
  for (const [x, p] of pairs.entries()) {
    const ra = ty.refs[p.a];
    const rb = ty.refs[p.b];
    const A = setOf(p.a);
    const B = setOf(p.b);
    const shared = sharedOf[x];
    const ka = ty.keyOf[p.a];
    const kb = ty.keyOf[p.b];
    const samePlace = ka !== null && ka === kb;
    const sameYear = ra.record.year !== null && ra.record.year === rb.record.year;
    const kind = samePlace ? (sameYear ? "same_township_same_year" : "same_township_other_year") : "other_township";
    const figs = figsOf[x];
    // Two files of one township-year are a duplicate (duplicate_file), not a copy.
    const copy = kind !== "same_township_same_year" && p.j >= COPY_MIN && figuresCarriedOver(figs);
    let direction = "";
    let evidence = "";
    if (copy) {
      ({ direction, evidence } = kind === "same_township_other_year" || !sameYear
        ? { direction: "b_from_a", evidence: "later_year" }
        : whoCopied(ty, texts, (i) => raw[i] !== null, p.a, p.b, A, B, setOf));
    }
    const row: SimilarRow = {
      report_a: ra.id, report_b: rb.id, similarity: round(p.j), shared_chars: shared.chars, sample: shared.sample, kind,
      containment: round(p.inter / Math.min(A.length, B.length)), figures_compared: figs.compared, figures_same: figs.same,
      copy, direction, evidence,
      file_a: ra.record.file, file_b: rb.record.file, township_a: ra.record.township, county_a: ra.record.county,
      year_a: ra.record.year, township_b: rb.record.township, county_b: rb.record.county, year_b: rb.record.year,
    };
    rows.push(row);
    if (!copy) continue;
    const describe = (self: number, other: number) => {
      const o = ty.refs[other].record;
      const whom = kind === "same_township_other_year" ? `本乡镇 ${o.year ?? "?"} 年度报告` : `${o.county ?? ""}${o.township ?? "（乡镇未知）"} ${o.year ?? "?"} 年度报告`;
      const how = { later_year: "", leftover_name: "（依据：正文仍留有对方乡镇名称）", own_history: "（依据：雷同段落见于对方其他年度的报告）", none: "（无法判断谁抄谁）" }[evidence] ?? "";
      const fig = figs.compared ? `，同处数字 ${figs.same}/${figs.compared} 个相同` : "";
      return `与${whom}（${ty.refs[other].id}）内容雷同${how}：相似度 ${round(p.j)}，共有 ${shared.chars} 字${fig}，如“${shared.sample}”`;
    };
    const rule = kind === "same_township_other_year" ? "copy_previous_year" : "copy_other_township";
    const failOn = direction === "b_from_a" ? [p.b] : direction === "a_from_b" ? [p.a] : [p.a, p.b];
    // When nothing tells who copied whom, both reports get a warning (one of them is the
    // original): an unproven accusation is not a failure.
    const status = failOn.length === 1 ? "fail" : "warn";
    for (const self of failOn) {
      const other = self === p.a ? p.b : p.a;
      addFail(self, { report_id: ty.refs[self].id, rule, status, expected: COPY_MIN, actual: round(p.j), cells: ty.refs[other].id, message: describe(self, other) });
    }
    if (failOn.length === 1) {
      const source = failOn[0] === p.a ? p.b : p.a;
      (notes.get(source) ?? notes.set(source, []).get(source)!).push(`${rule}:${ty.refs[failOn[0]].id}`);
    }
  }

  const checks: CorpusCheckRow[] = [];
  for (let i = 0; i < n; i++) {
    if (evaluated[i] === 0) continue;
    const id = ty.refs[i].id;
    for (const rule of ["copy_previous_year", "copy_other_township"]) {
      const mine = (fails.get(i) ?? []).filter((r) => r.rule === rule);
      if (mine.length) {
        checks.push(...mine);
      } else if (evaluated[i] === 1) {
        checks.push({ report_id: id, rule, status: "skip", expected: null, actual: null, cells: null, message: `本报告自有文字太少（少于 ${MIN_SHINGLES} 个 ${SHINGLE_CHARS} 字片段），无法判断是否雷同` });
      } else {
        const copiedBy = (notes.get(i) ?? []).filter((x) => x.startsWith(rule + ":")).map((x) => x.slice(rule.length + 1));
        checks.push({
          report_id: id, rule, status: "pass", expected: null, actual: null, cells: copiedBy.length ? copiedBy.join(" ") : null,
          message: `没有发现与${rule === "copy_previous_year" ? "本乡镇往年" : "其他乡镇"}报告雷同的内容${copiedBy.length ? `（本报告的内容被 ${copiedBy.join("、")} 雷同使用）` : ""}`,
        });
      }
    }
  }
  const t5 = performance.now();
  return {
    rows, checks,
    stats: {
      similarity_texts: raw.filter((r) => r !== null).length,
      similarity_compared: members.length, similarity_boilerplate_shingles: common.length, similarity_df_threshold: dfThreshold,
      similarity_candidates: candidates.length / 2, similarity_verified: estimated, similarity_pairs: rows.length,
      ms_shingles: t1 - t0, ms_boilerplate: t2 - t1, ms_minhash_lsh: t3 - t2, ms_verify: t4 - t3, ms_passages: t5 - t4,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Pushes every value occurring at least `min` times in the array (sorts it in place). */
function uniqueRuns(a: Uint32Array, min: number, out: number[]): void {
  sortU32(a);
  for (let i = 0; i < a.length;) {
    let j = i + 1;
    while (j < a.length && a[j] === a[i]) j++;
    if (j - i >= min) out.push(a[i]);
    i = j;
  }
}

/** Earlier report first: by year, then publication date, then file. */
function ordered(ty: TownshipYears, i: number, k: number): [number, number] {
  const a = ty.refs[i].record;
  const b = ty.refs[k].record;
  const key = (r: typeof a) => [r.year ?? 99999, r.published_on ?? "9999", r.file] as const;
  const ka = key(a);
  const kb = key(b);
  for (let x = 0; x < 3; x++) if (ka[x] !== kb[x]) return ka[x] < kb[x] ? [i, k] : [k, i];
  return [i, k];
}

/** `fn` memoised for the `limit` most recently used arguments. */
function limitedMemo<K, V>(limit: number, fn: (k: K) => V): (k: K) => V {
  const kept = new Map<K, V>();
  return (k) => {
    let v = kept.get(k);
    if (v !== undefined) {
      kept.delete(k);
    } else {
      v = fn(k);
      if (kept.size >= limit) kept.delete(kept.keys().next().value as K);
    }
    kept.set(k, v);
    return v;
  };
}

/** A report's own content with character offsets, and its shingles with their end offsets. */
interface OwnContent {
  c: ReturnType<typeof extractContent>;
  hs: Uint32Array;
  ends: Int32Array;
}

function ownContent(text: string, township: string | null, names?: PlaceNames): OwnContent {
  const c = extractContent(text, township, true, names);
  const ends: Int32Array[] = [];
  const hs = shingles(c, ends);
  return { c, hs, ends: ends[0] };
}

/** Characters of report b's own content inside passages it shares with a, and the longest such passage. */
function sharedPassage(text: string, own: OwnContent, A: Uint32Array, keep: (h: number) => boolean): { chars: number; sample: string } {
  const { c, hs } = own;
  const mark = new Uint8Array(c.length);
  for (let m = 0; m < hs.length; m++) {
    if (!keep(hs[m]) || !hasSorted(A, hs[m])) continue;
    const e = own.ends[m];
    mark.fill(1, e - SHINGLE_CHARS + 1, e + 1);
  }
  let chars = 0;
  let best = [-1, -1];
  let runStart = -1;
  for (let i = 0; i <= c.length; i++) {
    if (i < c.length && mark[i]) {
      chars++;
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - 1 - runStart > best[1] - best[0]) best = [runStart, i - 1];
      runStart = -1;
    }
  }
  if (best[0] < 0) return { chars, sample: "" };
  let sample = passage(text, c, best[0], best[1]);
  if (sample.length > SAMPLE_CHARS) sample = sample.slice(0, SAMPLE_CHARS) + "…";
  return { chars, sample };
}

/** Same-year pair of two townships: who copied whom (see the header). */
function whoCopied(
  ty: TownshipYears, texts: ReportTexts, hasText: (i: number) => boolean, a: number, b: number,
  A: Uint32Array, B: Uint32Array, setOf: (i: number) => Uint32Array,
): { direction: string; evidence: string } {
  const ra = ty.refs[a].record;
  const rb = ty.refs[b].record;
  const ta = texts.at(a)!;
  const tb = texts.at(b)!;
  const bNamesA = !!ra.township && ra.township.length >= 2 && tb.includes(ra.township);
  const aNamesB = !!rb.township && rb.township.length >= 2 && ta.includes(rb.township);
  if (bNamesA !== aNamesB) return { direction: bNamesA ? "b_from_a" : "a_from_b", evidence: "leftover_name" };
  // Own history: share of the shared shingles found in each township's reports of other years.
  const shared: number[] = [];
  for (let i = 0, j = 0; i < A.length && j < B.length;) {
    if (A[i] === B[j]) {
      shared.push(A[i]);
      i++;
      j++;
    } else if (A[i] < B[j]) i++;
    else j++;
  }
  const ownShare = (self: number): number | null => {
    const key = ty.keyOf[self];
    const place = key ? ty.places.get(key) : undefined;
    const year = ty.refs[self].record.year;
    if (!place) return null;
    const others = [...place.byYear].filter(([y]) => y !== year).flatMap(([, list]) => list.map((r) => r.index)).filter(hasText);
    if (others.length === 0) return null;
    const seen = new Uint8Array(shared.length);
    for (const o of others) {
      const s = setOf(o);
      for (let x = 0; x < shared.length; x++) if (!seen[x] && hasSorted(s, shared[x])) seen[x] = 1;
    }
    return seen.reduce((s, v) => s + v, 0) / Math.max(1, shared.length);
  };
  const oa = ownShare(a);
  const ob = ownShare(b);
  if (oa !== null && ob !== null && Math.abs(oa - ob) >= OWN_HISTORY_MARGIN) {
    return { direction: oa > ob ? "b_from_a" : "a_from_b", evidence: "own_history" };
  }
  return { direction: "unknown", evidence: "none" };
}
