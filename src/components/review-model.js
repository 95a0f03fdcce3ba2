// The 核查 of one county (or city) and one year, from the built tables: per township its report or
// 缺失, publication date and days late against the deadline chosen, copies with the shared passage,
// every open finding in words, its score and a short 需整改事项 list; the county's league table and
// its progress over the years. Pure (d3 only): the page renders it, notice.js writes it as DOCX and
// XLSX, the unit tests call it. The findings come with their decisions (review-state.js overlays).
import * as d3 from "npm:d3";
import {countyKey, compareZh} from "./place-keys.js";

/** The scope key of a city: "city:岚江省/岚州市" (a county's is its countyKey). */
export function cityScopeKey(r) {
  return `city:${[r.province, r.city].map((p) => p ?? "").join("/")}`;
}

/** Whether a row (report, coverage) lies in the scope: a county (countyKey) or a city (cityScopeKey). */
function scopeMatcher(scope) {
  return scope.startsWith("city:") ? (r) => cityScopeKey(r) === scope : (r) => countyKey(r) === scope;
}
import {ruleLabel, checkValue} from "./rules.js";

/** The deadline settings: by the rules in force for the report's year, or one fixed date. */
export const DEADLINES = [
  {value: "auto", label: "按现行规定（2019年度起1月31日，此前3月31日）"},
  {value: "01-31", label: "次年1月31日"},
  {value: "03-31", label: "次年3月31日"}
];

/** The report year from which the revised 条例 (2019) sets 31 January. */
const JAN31_FROM_YEAR = 2019;

export function deadlineOf(year, setting = "auto") {
  const md = setting === "01-31" || setting === "03-31" ? setting : year >= JAN31_FROM_YEAR ? "01-31" : "03-31";
  return {date: `${year + 1}-${md}`, label: md === "01-31" ? "次年1月31日" : "次年3月31日", md};
}

const DAY = 86_400_000;
function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : null;
}

/** Days after the deadline (≤ 0: on time); null when the date is unknown. */
export function daysLate(publishedOn, deadline) {
  const p = dayNumber(publishedOn);
  const d = dayNumber(deadline);
  return p === null || d === null ? null : p - d;
}

/** The lateness rule whose finding stands for the chosen deadline (timeliness.ts). */
const LATE_RULE = {"01-31": "published_by_jan31_local", "03-31": "published_by_mar31"};
const LATE_RULES = new Set(Object.values(LATE_RULE));
const COPY_RULES = new Set(["copy_other_township", "copy_previous_year"]);

/** The decisions' words on the pages (the loader's DECISION_WORDS labels; tests/review.test.ts keeps them equal). */
export const DECISION_LABELS = {confirmed: "确认（需整改）", dismissed: "排除（误报）", fixed: "已整改"};

/** What became of a correction (corrections.csv `state`; `pending`: in this browser, not yet built). */
export const CORRECTION_STATE_LABELS = {
  applied: "已应用", stale: "未应用：报告已更新，需重新核查", "not-found": "未应用：找不到报告", invalid: "未应用：无法识别",
  superseded: "已被更晚的更正取代", pending: "未保存（重新生成网站后生效）"
};

/** A finding still to be fixed: not dismissed, not fixed. */
export const isOpenDecision = (decision) => decision !== "dismissed" && decision !== "fixed";

/** What kind of problem a rule finds, for the notice's columns. */
export function findingKind(rule) {
  if (rule === "report_missing") return "缺失";
  if (LATE_RULES.has(rule) || rule === "published_after_year_end") return "逾期";
  if (COPY_RULES.has(rule)) return "雷同";
  if (rule === "approx_values") return "约数";
  if (rule === "duplicate_file" || rule === "template_current") return "其他";
  return "核对";
}


/** A finding as the notice lists it. */
function describe(f, year, reportsById) {
  let message = f.message;
  if (COPY_RULES.has(f.rule) && f.copy) {
    const other = reportsById.get(f.copy.other);
    const who = other ? `${other.township ?? other.unit ?? "?"}${other.year != null ? ` ${other.year} 年度` : ""}` : f.copy.other;
    message = `与${who}的年报雷同（相似度 ${d3.format(".0%")(f.copy.similarity)}）${f.copy.sample ? `，共有段落如：“${f.copy.sample}”` : ""}`;
  }
  return {
    finding_id: f.finding_id, kind: findingKind(f.rule), rule: f.rule, rule_label: ruleLabel(f.rule),
    status: f.status === "fail" ? "未通过" : "需核实", message,
    expected: checkValue(f.rule, f.expected, year), actual: checkValue(f.rule, f.actual, year), cells: cellsShown(f),
    decision: f.decision ? DECISION_LABELS[f.decision] : "", decision_id: f.decision ?? null,
    decision_note: f.decision_note ?? "", decided_by: f.decided_by ?? "", decided_on: f.decided_on ?? "",
    stale: f.review_state === "stale", pending: f.review_state === "pending", report_id: f.report_id
  };
}

/** Where a finding stands, for people: table cells by id, 发布日期; a copy names its other report in the message. */
function cellsShown(f) {
  if (COPY_RULES.has(f.rule) || !f.cells) return null;
  const cells = String(f.cells).split(" ").map((c) => (c === "published_on" ? "发布日期" : c));
  // a sum rule names a whole column: its first cells stand for it
  return cells.length > 4 ? `${cells.slice(0, 3).join(" ")} 等 ${cells.length} 格` : cells.join(" ");
}

/** 需整改事项: one short sentence per open problem kind. */
function fixesOf(t, deadline) {
  const out = [];
  const open = t.findings.filter((f) => isOpenDecision(f.decision_id));
  const has = (kind) => open.filter((f) => f.kind === kind);
  if (t.status === "缺失" && has("缺失").length) out.push(`补发 ${t.year} 年度政府信息公开工作年度报告，并在政府网站公开。`);
  if (has("逾期").some((f) => LATE_RULES.has(f.rule))) out.push(`年报 ${t.published_on} 发布，晚于期限（${deadline.label}，${deadline.date}）${t.days_late} 天：今后按期发布。`);
  if (has("逾期").some((f) => f.rule === "published_after_year_end")) out.push("落款或发布日期早于报告年度结束：核对并更正日期或年度。");
  if (has("雷同").length) out.push("年报内容与其他报告雷同：按本乡镇本年度的实际工作重新撰写。");
  const wrong = [...new Set(has("核对").map((f) => f.rule_label))];
  if (wrong.length) out.push(`核对并更正表格数据：${wrong.join("；")}。`);
  if (has("约数").length) out.push("用确切数字代替“约、余、多”等约数。");
  const other = [...new Set(has("其他").map((f) => f.rule_label))];
  if (other.length) out.push(`${other.join("；")}：按现行模板和要求整改。`);
  return out;
}

/**
 * The review model of a county and year (the notice's model, notice.js).
 * @param {{reports, findings, quality, coverage, similar}} tables  (findings with decisions overlaid; quality likewise)
 * @param {{county: string, year: number, deadline?: string, today?: string}} options  county: a countyKey, or a
 *   city's cityScopeKey (its counties' townships together, named with their county)
 */
export function reviewModel(tables, {county, year, deadline: setting = "auto", today = new Date().toISOString().slice(0, 10)}) {
  const deadline = deadlineOf(year, setting);
  const lateRule = LATE_RULE[deadline.md];
  const reportsById = new Map(tables.reports.map((r) => [r.report_id, r]));
  const inCounty = scopeMatcher(county);
  const isCity = county.startsWith("city:");
  const countyReports = tables.reports.filter((r) => r.township && inCounty(r));
  const one = countyReports[0] ?? {};
  const copies = new Map();
  for (const s of tables.similar ?? []) {
    if (!s.copy) continue;
    // the copy check fails on the report that copied (b_from_a: b), on both when unknown
    if (s.direction !== "a_from_b") copies.set(`${s.report_b}|${s.report_a}`, {other: s.report_a, similarity: s.similarity, sample: s.sample});
    if (s.direction !== "b_from_a") copies.set(`${s.report_a}|${s.report_b}`, {other: s.report_b, similarity: s.similarity, sample: s.sample});
  }
  const townshipYears = new Map(); // county|township → {reports, missing finding}
  const add = (r) => {
    const key = `${r.county}|${r.township}`;
    return townshipYears.get(key) ?? townshipYears.set(key, {township: r.township, county: r.county, reports: [], missing: false}).get(key);
  };
  const covered = tables.coverage.filter((c) => c.year === year && inCounty(c));
  for (const c of covered) {
    const t = add(c);
    if (c.status === "missing") t.missing = true;
  }
  for (const r of countyReports) if (r.year === year) add(r).reports.push(r);
  const findingsByReport = d3.group(tables.findings, (f) => f.report_id ?? f.finding_id);
  const qualityByReport = new Map(tables.quality.filter((q) => q.level === "report").map((q) => [q.report_id, q.score]));

  const townships = [...townshipYears.values()].map((t) => {
    // the best-read report stands for the township-year (as the cross-year rules choose)
    const rep = t.reports.slice().sort((a, b) => (a.status === "ok" ? 0 : 1) - (b.status === "ok" ? 0 : 1) || compareZh(b.published_on, a.published_on))[0] ?? null;
    const own = rep ? findingsByReport.get(rep.report_id) ?? [] : findingsByReport.get(`missing:${t.county}|${t.township}|${year}`) ?? [];
    // lateness: the finding of the rule for the deadline chosen (late by 31 March is late by 31 January too)
    const kept = own.filter((f) => !LATE_RULES.has(f.rule) || f.rule === lateRule);
    const findings = kept.map((f) => describe({...f, copy: COPY_RULES.has(f.rule) ? copies.get(`${f.report_id}|${String(f.cells ?? "").split(" ")[0]}`) : null}, year, reportsById));
    const late = rep ? daysLate(rep.published_on, deadline.date) : null;
    const row = {
      // in a city's notice a township is named with its county (names repeat across counties)
      township: isCity ? `${t.county}${t.township}` : t.township, year, status: rep ? "已发布" : "缺失", published_on: rep?.published_on ?? null, days_late: late,
      score: rep ? qualityByReport.get(rep.report_id) ?? null : t.missing ? (findings.some((f) => f.decision_id === "dismissed") ? null : 0) : null,
      completeness: rep ? {ok: "完整读取", partial: "部分读取", error: "无法读取", unsupported: "格式不支持", "needs-ocr": "需OCR"}[rep.status] ?? rep.status : null,
      n_findings: findings.length, n_open: findings.filter((f) => isOpenDecision(f.decision_id)).length,
      report_id: rep?.report_id ?? null, file: rep?.file ?? null, content_hash: rep?.content_hash ?? null,
      n_files: t.reports.length, findings
    };
    row.fixes = fixesOf(row, deadline);
    return row;
  }).sort((a, b) => compareZh(a.township, b.township));

  const present = townships.filter((t) => t.status === "已发布");
  const dated = present.filter((t) => t.days_late != null);
  const scores = townships.map((t) => t.score).filter((s) => s != null);
  const summary = [
    {label: "应报乡镇（街道）", value: townships.length, unit: "个"},
    {label: "已发布年报", value: present.length, unit: "个"},
    {label: "缺失年报", value: townships.length - present.length, unit: "个"},
    {label: "按期发布", value: dated.filter((t) => t.days_late <= 0).length, unit: "个"},
    {label: "逾期发布", value: dated.filter((t) => t.days_late > 0).length, unit: "个"},
    {label: "发布日期不明", value: present.length - dated.length, unit: "个"},
    {label: "平均质量分", value: scores.length ? Math.round(d3.mean(scores) * 10) / 10 : null, unit: "分"},
    {label: "发现问题", value: d3.sum(townships, (t) => t.n_findings), unit: "项"},
    {label: "待整改", value: d3.sum(townships, (t) => t.n_open), unit: "项"},
    {label: "已排除（误报）", value: d3.sum(townships, (t) => t.findings.filter((f) => f.decision_id === "dismissed").length), unit: "项"}
  ];
  return {
    county: isCity ? one.city ?? county.split("/").pop() : one.county ?? county.split("/").pop(), city: one.city ?? null, province: one.province ?? null, year,
    generatedOn: today, deadline: {label: deadline.label, date: deadline.date}, summary, townships,
    league: leagueTable(townships),
    progress: progressOverYears(tables, county, setting)
  };
}

/** The league table: townships by score (missing reports last), with rank. */
export function leagueTable(townships) {
  const rows = townships
    .map((t) => ({township: t.township, score: t.score, status: t.status, days_late: t.days_late, completeness: t.completeness, n_open: t.n_open, report_id: t.report_id}))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.days_late ?? 1e9) - (b.days_late ?? 1e9) || compareZh(a.township, b.township));
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}

/** Per year: townships expected (coverage) and published, on time against the deadline, mean score, open findings. */
export function progressOverYears(tables, county, setting = "auto") {
  const inCounty = scopeMatcher(county);
  const years = [...new Set(tables.coverage.filter(inCounty).map((c) => c.year).concat(tables.reports.filter((r) => r.township && inCounty(r) && r.year != null).map((r) => r.year)))].sort((a, b) => a - b);
  const scoreOf = new Map(tables.quality.filter((q) => q.level === "report").map((q) => [q.report_id, q.score]));
  return years.map((year) => {
    const cov = tables.coverage.filter((c) => c.year === year && inCounty(c));
    const reps = d3.rollup(tables.reports.filter((r) => r.township && r.year === year && inCounty(r)), (v) => v[0], (r) => `${r.county}|${r.township}`);
    const expected = cov.length || reps.size;
    const deadline = deadlineOf(year, setting).date;
    const onTime = [...reps.values()].filter((r) => {
      const d = daysLate(r.published_on, deadline);
      return d != null && d <= 0;
    }).length;
    const scores = [...reps.values()].map((r) => scoreOf.get(r.report_id)).filter((s) => s != null);
    const ids = new Set([...reps.values()].map((r) => r.report_id));
    const open = tables.findings.filter((f) => f.year === year && (ids.has(f.report_id) || (!f.report_id && cov.some((c) => c.county === f.county && c.township === f.township))) && isOpenDecision(f.decision)).length;
    return {year, expected, published: reps.size, on_time: onTime, mean_score: scores.length ? Math.round(d3.mean(scores) * 10) / 10 : null, open};
  });
}

