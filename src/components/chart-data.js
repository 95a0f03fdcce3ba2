// The data behind each kind of chart, as sheets to export (export.js): what the chart draws, in
// the layout a reader expects — series (townships) × years for charts over years, one row per bar
// for bar charts — with the chart's own label and unit. The charts call these when the user exports.
import {isMissing} from "./format.js";
import {townshipYearSheet} from "./export.js";

const header = (label, unit) => (unit ? `${label}（${unit}）` : label);
const valueColumn = (label, unit, key = "value") => ({key, label: header(label, unit), kind: "number"});
const REPORT_COLUMN = {key: "report_id", label: "报告编号", name: "report_id", kind: "text"};

/** Series × years (wide) and the points one per row (with the report each comes from). */
export function seriesOverYears(rows, {years, label, unit, seriesLabel = "系列", seriesNames}) {
  const names = seriesNames ?? [...new Set(rows.map((r) => r.series))];
  const kept = rows.filter((r) => names.includes(r.series));
  const wide = townshipYearSheet(`${seriesLabel}×年份`, kept, {
    place: (r) => [r.series], placeColumns: [seriesLabel], years, valueLabel: label, unit, places: names.map((n) => [n])
  });
  const points = kept.filter((r) => !isMissing(r.value)).sort((a, b) => names.indexOf(a.series) - names.indexOf(b.series) || a.year - b.year);
  const long = {
    name: "明细",
    rows: points,
    columns: [{key: "series", label: seriesLabel, kind: "text"}, {key: "year", label: "年份", name: "year", kind: "year"}, valueColumn(label, unit), ...(points.some((r) => r.report_id) ? [REPORT_COLUMN] : [])]
  };
  return [wide, long];
}

/** Ranked bars of one year: rank, series, value (无数据 left empty), highlighted or not, report. */
export function rankedRows(sorted, {label, unit, year, seriesLabel = "乡镇"}) {
  let rank = 0;
  const rows = sorted.map((r) => ({rank: isMissing(r.value) ? null : ++rank, series: r.series, year, value: r.value, highlight: !!r.highlight, report_id: r.report_id ?? null}));
  return [{
    name: `${year}年排名`,
    rows,
    note: "空白 = 该年没有报告或报告中没有这一项（图中“无数据”）",
    columns: [
      {key: "rank", label: "名次", kind: "number"},
      {key: "series", label: seriesLabel, kind: "text"},
      {key: "year", label: "年份", kind: "year"},
      valueColumn(label, unit),
      {key: "highlight", label: "重点乡镇", kind: "boolean"},
      REPORT_COLUMN
    ]
  }];
}

/** Every series × years and the yearly spread (box plot figures). */
export function spreadRows(rows, stats, {years, label, unit, seriesLabel = "乡镇"}) {
  const [wide, long] = seriesOverYears(rows, {years, label, unit, seriesLabel});
  const statColumns = [
    ["n", "乡镇数"], ["min", "最小值"], ["q1", "下四分位数"], ["median", "中位数"], ["q3", "上四分位数"], ["max", "最大值"]
  ].map(([key, words]) => ({key, label: key === "n" ? words : header(words, unit), kind: "number"}));
  return [wide, {name: "各年分布", rows: stats, columns: [{key: "year", label: "年份", kind: "year"}, ...statColumns]}, long];
}

/** Year-over-year changes: series × years (change) and one row per change with both values. */
export function changeRows(changes, {years, label, unit, seriesNames, seriesLabel = "乡镇"}) {
  const wide = townshipYearSheet(`${seriesLabel}×年份（变化）`, changes, {
    place: (r) => [r.series], placeColumns: [seriesLabel], years: years.slice(1), value: "change",
    valueLabel: `${label}较上一年的变化`, unit, places: seriesNames.map((n) => [n])
  });
  const rows = changes.map((d) => ({...d, previous: d.year - 1, pct: d.before ? Math.round((d.change / d.before) * 1000) / 10 : null}));
  return [wide, {
    name: "明细",
    rows,
    columns: [
      {key: "series", label: seriesLabel, kind: "text"},
      {key: "previous", label: "上一年", kind: "year"},
      valueColumn(`上一年${label}`, unit, "before"),
      {key: "year", label: "年份", kind: "year"},
      valueColumn(label, unit, "now"),
      valueColumn("变化", unit, "change"),
      {key: "pct", label: "变化（%）", kind: "number"}
    ]
  }];
}

/** Composition per year: one row per year, one column per group, and the total. */
export function compositionByYear(rows, {years, groups, label, unit}) {
  return [compositionSheet("按年份", rows, {keys: years, keyOf: (r) => r.year, keyColumn: {key: "key", label: "年份", kind: "year"}, groups, label, unit})];
}

/** Composition per place: one row per place (every place kept), one column per group, and the total. */
export function compositionByPlace(rows, {places, groups, label, unit, placeLabel = "乡镇"}) {
  return [compositionSheet(`按${placeLabel}`, rows, {keys: places, keyOf: (r) => r.place, keyColumn: {key: "key", label: placeLabel, kind: "text"}, groups, label, unit})];
}

function compositionSheet(name, rows, {keys, keyOf, keyColumn, groups, label, unit}) {
  const byKey = new Map(keys.map((k) => [k, new Map()]));
  for (const r of rows) {
    if (isMissing(r.value) || !byKey.has(keyOf(r))) continue;
    const m = byKey.get(keyOf(r));
    m.set(r.group, (m.get(r.group) ?? 0) + r.value);
  }
  const out = [...byKey].map(([key, m]) => ({
    key,
    ...Object.fromEntries(groups.map((g) => [`g:${g.id}`, m.has(g.id) ? m.get(g.id) : null])),
    total: m.size ? [...m.values()].reduce((a, b) => a + b, 0) : null
  }));
  return {
    name,
    rows: out,
    note: `${header(label, unit)}；空白 = 没有数据`,
    columns: [keyColumn, ...groups.map((g) => ({key: `g:${g.id}`, label: g.label, name: g.id, kind: "number", description: header(label, unit)})), {key: "total", label: "合计", kind: "number"}]
  };
}

/** A grid (rows × columns) of values, e.g. failed checks per township and year. */
export function gridRows(rows, {xDomain, yDomain, label, unit, value = "value", yLabel = "乡镇", missingNote, kind = "number", name}) {
  const years = typeof xDomain[0] === "number";
  const out = yDomain.map((y) => {
    const row = {y};
    for (const x of xDomain) row[`x:${x}`] = null;
    return row;
  });
  const index = new Map(out.map((r) => [r.y, r]));
  for (const d of rows) if (index.has(d.y)) index.get(d.y)[`x:${d.x}`] = d[value];
  return [{
    name: name ?? `${yLabel}×${years ? "年份" : "列"}`,
    rows: out,
    note: `每格：${header(label, unit)}${missingNote ? `；${missingNote}` : ""}`,
    columns: [{key: "y", label: yLabel, kind: "text"}, ...xDomain.map((x) => ({key: `x:${x}`, label: years ? `${x}年` : String(x), name: String(x), kind}))]
  }];
}

/** Bars per category: label and value. */
export function categoryRows(rows, {label, unit}) {
  return [{name: "数据", rows, columns: [{key: "label", label: "类别", kind: "text"}, valueColumn(label, unit)]}];
}
