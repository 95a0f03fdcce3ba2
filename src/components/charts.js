// Observable Plot charts shared by the pages. Every chart:
//  - has Chinese axis titles with units, zh-CN numbers and years without separators;
//  - uses colour-blind-safe colours (palette.js) and, for lines, marker symbols as well;
//  - has tooltips (Plot's tip mark; Plot writes text with textContent, so report text is escaped);
//  - is wrapped in <figure class="chart" data-chart=…> so tests and print styles can find it.
import * as Plot from "npm:@observablehq/plot";
import * as d3 from "npm:d3";
import {html} from "npm:htl";
import {formatNumber, formatPercent, formatSigned, isMissing} from "./format.js";
import {legend} from "./legend.js";
import {categoryRows, changeRows, compositionByPlace, compositionByYear, gridRows, rankedRows, seriesOverYears, spreadRows} from "./chart-data.js";
import {chartExport} from "./export.js";
import {DIVERGING, HIGHLIGHT, MUTED, OKABE_ITO, SEQUENTIAL, SYMBOLS} from "./palette.js";

const STYLE = {fontSize: "12px", fontFamily: "var(--sans-serif)", overflow: "visible", background: "transparent"};
const TIP_STYLE = {fontSize: 12, fontFamily: "var(--sans-serif)"};

/** Link to the report a data point comes from (rows with a report_id), for Plot's href channel. */
const hrefOf = (d) => (d.report_id ? `./report?id=${encodeURIComponent(d.report_id)}` : null);

/** Axis title with unit: "申请数（件）". */
export function axisTitle(label, unit) {
  return unit ? `${label}（${unit}）` : label;
}

/**
 * The y axis title above the frame's top-left corner. Plot writes it on the row of the top tick label,
 * which it then overlaps ("↑ 申请数（件）" over "1,600"); this mark stands clear of it (marginTop ≥ 30).
 */
function yTitle(text, marginLeft) {
  return Plot.text([text], {frameAnchor: "top-left", text: (d) => d, dx: 2 - marginLeft, dy: -16, textAnchor: "start", lineAnchor: "bottom", ariaLabel: "y-axis label"});
}

/** A y scale option without its label (written by yTitle instead), and the label. */
function splitYLabel(y) {
  const {label, ...rest} = y;
  return [{...rest, label: null}, label];
}

/**
 * <figure class="chart" data-chart=name> with an optional legend and caption, and the export
 * buttons of its data when `data` (() => sheets, see chart-data.js) is given.
 */
export function figure(name, content, {legendItems, caption, empty, data} = {}) {
  return html`<figure class="chart" data-chart=${name}>
    ${legendItems?.length ? legend(legendItems) : null}
    ${empty ? html`<div class="chart-empty" data-empty>${empty}</div>` : content}
    ${caption ? html`<figcaption>${caption}</figcaption>` : null}
    ${data && !empty ? chartExport(name, data) : null}
  </figure>`;
}

/**
 * y scale for counts: linear from 0, or "symlog" (like a log scale but defined at 0) so that a few
 * large values do not flatten all the small ones.
 */
function yScale(scale, label, unit, max) {
  return scale === "symlog"
    ? {type: "symlog", label: `↑ ${axisTitle(label, unit)}（对数刻度）`, grid: true, tickFormat: formatNumber, ticks: 6}
    : {label: `↑ ${axisTitle(label, unit)}`, grid: true, zero: true, tickFormat: formatNumber, nice: true, ticks: integerTicks(max, unit)};
}

const COUNT_UNITS = new Set(["件", "条", "项", "份", "个", "次"]);

/** Whole-number ticks (0, 1, 2 …) for small counts, instead of 0.1, 0.2 …; undefined otherwise. */
function integerTicks(max, unit) {
  if (!COUNT_UNITS.has(unit) || !(max >= 0) || max > 10) return undefined;
  return d3.range(0, Math.max(1, Math.ceil(max)) + 1);
}

/** Years for an x axis: every year, or every other one when narrow. */
function yearTicks(years, width) {
  const step = Math.ceil((years.length * 38) / Math.max(200, width));
  return years.filter((_, i) => i % step === 0);
}

/** Stable colour and symbol per series name (the order given). */
export function seriesStyle(names) {
  return {
    color: {domain: names, range: names.map((_, i) => OKABE_ITO[i % OKABE_ITO.length])},
    // after every 8 series the colours repeat; shift the symbols so that no two series look alike
    symbol: {domain: names, range: names.map((_, i) => SYMBOLS[(i + Math.floor(i / OKABE_ITO.length)) % SYMBOLS.length])}
  };
}

/**
 * Lines over years, one per series (e.g. township). Gaps where a value is missing.
 * @param {{series: string, year: number, value: number|null, report_id?: string}[]} rows
 */
export function linesOverYears(rows, {width, years, label, unit, seriesNames, height = 320, name = "lines", scale = "linear", seriesLabel}) {
  const names = seriesNames ?? [...new Set(rows.map((r) => r.series))];
  const {color, symbol} = seriesStyle(names);
  const defined = rows.filter((r) => !isMissing(r.value));
  if (!defined.length) return figure(name, null, {empty: "所选范围内没有该指标的数值。"});
  const longest = d3.max(names, (n) => n.length) ?? 4;
  const options = {
    width,
    height,
    // room between the y axis title (↑ …) and the top tick label
    marginTop: 30,
    marginLeft: 56,
    marginRight: Math.min(180, 14 + longest * 12),
    style: STYLE,
    marginBottom: 40,
    x: {domain: [years[0], years.at(-1)], label: "年份", tickFormat: "d", ticks: yearTicks(years, width), labelAnchor: "right", labelOffset: 36},
    y: yScale(scale, label, unit, d3.max(defined, (d) => d.value)),
    color,
    symbol
  };
  const [yOptions, yLabel] = splitYLabel(options.y);
  options.y = yOptions;
  const marks = [
    Plot.ruleY([0]),
    Plot.lineY(rows, {x: "year", y: "value", z: "series", stroke: "series", strokeWidth: 2, curve: "linear"}),
    Plot.dot(defined, {x: "year", y: "value", stroke: "series", fill: "series", symbol: "series", r: 3.5, href: hrefOf, ariaLabel: (d) => `${d.series}|${d.year}：${d.value}`, ariaDescription: "points"}),
    Plot.tip(defined, Plot.pointer({
      x: "year", y: "value",
      title: (d) => `${d.series}\n${d.year}年：${formatNumber(d.value)}${unit ? ` ${unit}` : ""}`,
      ...TIP_STYLE
    }))
  ];
  // The series' names at their last points, moved apart where they would overlap (上年结转 and 结转下年度
  // run close together): placed in pixels on the scale of a first rendering, then written back in data units.
  const y = Plot.plot({...options, marks}).scale("y");
  const labels = endLabels(defined, y);
  const plot = Plot.plot({
    ...options,
    y: {...options.y, domain: y.domain, nice: false},
    marks: [...marks.slice(0, 3), Plot.text(labels, {x: "year", y: "labelY", text: "series", fill: "series", dx: 8, textAnchor: "start", fontWeight: 600}), yTitle(yLabel, options.marginLeft), marks[3]]
  });
  return figure(name, plot, {
    legendItems: names.length > 1 ? names.map((n) => ({label: n, color: color.range[names.indexOf(n)]})) : null,
    data: () => seriesOverYears(rows, {years, label, unit, seriesLabel, seriesNames: names})
  });
}

/** Minimum distance in pixels between two end labels (a 12 px font takes about 17 px of line). */
const LABEL_GAP = 17;

/** The last point of each series with a label position `labelY` (data units) that keeps the labels
 * LABEL_GAP px apart, within the plot's range. */
function endLabels(defined, y) {
  const last = [...d3.group(defined, (d) => d.series).values()].map((rows) => rows.reduce((a, b) => (b.year > a.year ? b : a)));
  const placed = last.map((d) => ({...d, px: y.apply(d.value)})).sort((a, b) => a.px - b.px);
  const [top, bottom] = d3.extent(y.range);
  for (let i = 1; i < placed.length; i++) placed[i].px = Math.max(placed[i].px, placed[i - 1].px + LABEL_GAP);
  // pushed below the bottom: back up from there, moving the ones above only as far as they must
  if (placed.length) placed.at(-1).px = Math.min(placed.at(-1).px, bottom);
  for (let i = placed.length - 2; i >= 0; i--) placed[i].px = Math.min(placed[i].px, placed[i + 1].px - LABEL_GAP);
  return placed.map((p) => ({...p, labelY: y.invert(Math.max(top, p.px))}));
}

/**
 * Horizontal bars for one year, ranked, with the value written at each bar. Every series stays on
 * the chart: zeros as "0", missing as "无数据" (small counts must not disappear).
 * @param {{series: string, value: number|null, highlight?: boolean}[]} rows
 */
export function rankedBars(rows, {width, label, unit, year, seriesLabel}) {
  const sorted = rows
    .slice()
    .sort((a, b) => (isMissing(a.value) ? 1 : 0) - (isMissing(b.value) ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0) || a.series.localeCompare(b.series, "zh-CN"));
  if (!sorted.length) return figure("ranked-bars", null, {empty: "没有可比较的乡镇。"});
  const longest = d3.max(sorted, (r) => r.series.length) ?? 4;
  const max = d3.max(sorted, (r) => r.value) ?? 0;
  const plot = Plot.plot({
    width,
    height: 46 + sorted.length * 22,
    marginLeft: Math.min(width * 0.4, 16 + longest * 12),
    marginRight: 64,
    style: STYLE,
    marginBottom: 40,
    x: {label: `${axisTitle(label, unit)} →`, labelOffset: 36, grid: true, tickFormat: formatNumber, domain: [Math.min(0, d3.min(sorted, (r) => r.value) ?? 0), max > 0 ? max : 1], nice: true, ticks: integerTicks(max, unit)},
    y: {domain: sorted.map((r) => r.series), label: null, axis: null},
    marks: [
      // the names as a text mark (not the axis) so that highlighted ones can be bold and coloured
      Plot.text(sorted.filter((r) => !r.highlight), {frameAnchor: "left", y: "series", text: "series", textAnchor: "end", dx: -6, ariaDescription: "names"}),
      Plot.text(sorted.filter((r) => r.highlight), {frameAnchor: "left", y: "series", text: "series", textAnchor: "end", dx: -6, fill: HIGHLIGHT, fontWeight: 700, ariaDescription: "highlighted-names"}),
      Plot.barX(sorted.filter((r) => !isMissing(r.value)), {
        x: "value",
        y: "series",
        href: hrefOf,
        fill: (r) => (r.highlight ? HIGHLIGHT : "#0072b2"),
        insetTop: 3,
        insetBottom: 3
      }),
      Plot.ruleX([0]),
      Plot.text(sorted, {
        x: (r) => (isMissing(r.value) ? 0 : Math.max(0, r.value)),
        y: "series",
        text: (r) => (isMissing(r.value) ? "无数据" : formatNumber(r.value)),
        // series and value, machine-readable (the tests and screen readers use it)
        ariaLabel: (r) => `${r.series}：${isMissing(r.value) ? "无数据" : r.value}`,
        textAnchor: "start",
        dx: 4,
        fill: (r) => (isMissing(r.value) ? "#767676" : "currentColor"),
        ariaDescription: "value-labels"
      }),
      Plot.tip(sorted, Plot.pointerY({
        x: (r) => r.value ?? 0,
        y: "series",
        title: (r) => `${r.series}\n${year}年：${isMissing(r.value) ? "无数据" : `${formatNumber(r.value)}${unit ? ` ${unit}` : ""}`}`,
        ...TIP_STYLE
      }))
    ]
  });
  return figure("ranked-bars", plot, {data: () => rankedRows(sorted, {label, unit, year, seriesLabel})});
}

/** A small deterministic jitter in [-1, 1] from a string (so dots do not sit on one line). */
function jitter(key) {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

/**
 * The spread of all series per year: a box (25–75 %), the median, whiskers to min/max, and one dot
 * per township (highlighted ones in colour) so outliers can be identified by their tooltip.
 * @param {{series: string, year: number, value: number|null, highlight?: boolean}[]} rows
 */
export function spreadByYear(rows, {width, years, label, unit, highlightNames = [], scale = "linear", seriesLabel}) {
  const defined = rows.filter((r) => !isMissing(r.value));
  if (!defined.length) return figure("spread", null, {empty: "所选范围内没有该指标的数值。"});
  const stats = d3
    .rollups(defined, (v) => {
      const values = v.map((d) => d.value).sort(d3.ascending);
      return {n: values.length, min: values[0], q1: d3.quantileSorted(values, 0.25), median: d3.quantileSorted(values, 0.5), q3: d3.quantileSorted(values, 0.75), max: values.at(-1)};
    }, (d) => d.year)
    .map(([year, s]) => ({year, ...s}));
  const {color, symbol} = seriesStyle(highlightNames);
  const highlighted = defined.filter((d) => highlightNames.includes(d.series));
  const others = defined.filter((d) => !highlightNames.includes(d.series));
  const plot = Plot.plot({
    marginTop: 30,
    width,
    height: 320,
    marginLeft: 56,
    style: STYLE,
    marginBottom: 40,
    x: {domain: [years[0] - 0.5, years.at(-1) + 0.5], label: "年份", tickFormat: "d", ticks: yearTicks(years, width), labelAnchor: "right", labelOffset: 36},
    y: splitYLabel(yScale(scale, label, unit, d3.max(defined, (d) => d.value)))[0],
    color,
    symbol,
    marks: [
      yTitle(splitYLabel(yScale(scale, label, unit, 0))[1], 56),
      Plot.ruleX(stats, {x: "year", y1: "min", y2: "max", stroke: "#767676"}),
      Plot.rectY(stats, {x1: (d) => d.year - 0.3, x2: (d) => d.year + 0.3, y1: "q1", y2: "q3", fill: "#cfe3f3", stroke: "#0072b2", strokeWidth: 0.8}),
      Plot.ruleY(stats, {x1: (d) => d.year - 0.3, x2: (d) => d.year + 0.3, y: "median", stroke: "#0072b2", strokeWidth: 2}),
      Plot.dot(others, {x: (d) => d.year + jitter(d.series) * 0.22, y: "value", r: 2.5, fill: MUTED, fillOpacity: 0.8, href: hrefOf}),
      Plot.dot(highlighted, {x: (d) => d.year + jitter(d.series) * 0.22, y: "value", r: 4.5, fill: "series", symbol: "series", stroke: "white", strokeWidth: 0.8, href: hrefOf}),
      Plot.tip(defined, Plot.pointer({
        x: (d) => d.year + jitter(d.series) * 0.22,
        y: "value",
        title: (d) => {
          const s = stats.find((x) => x.year === d.year);
          return `${d.series}\n${d.year}年：${formatNumber(d.value)}${unit ? ` ${unit}` : ""}\n同年 ${s.n} 个乡镇：中位数 ${formatNumber(s.median)}，四分位 ${formatNumber(s.q1)}–${formatNumber(s.q3)}`;
        },
        ...TIP_STYLE
      }))
    ]
  });
  const legendItems = [
    {label: "中间50%的乡镇（方框）与中位数（粗线）", color: "#cfe3f3"},
    {label: "其他乡镇", color: MUTED},
    ...highlightNames.map((n, i) => ({label: n, color: color.range[i]}))
  ];
  return figure("spread", plot, {legendItems, data: () => spreadRows(rows, stats.slice().sort((a, b) => a.year - b.year), {years, label, unit, seriesLabel})});
}

/**
 * Year-over-year change as a grid: one row per series, one column per year, coloured by the change
 * (purple = decrease, orange = increase) and labelled with it.
 * @param {{series: string, year: number, value: number|null}[]} rows
 */
export function changeGrid(rows, {width, years, label, unit, seriesNames, seriesLabel}) {
  const names = seriesNames ?? [...new Set(rows.map((r) => r.series))];
  const byKey = new Map(rows.map((r) => [`${r.series}\u0001${r.year}`, r.value]));
  const changes = [];
  for (const series of names) {
    for (const year of years.slice(1)) {
      const now = byKey.get(`${series}\u0001${year}`);
      const before = byKey.get(`${series}\u0001${year - 1}`);
      if (!isMissing(now) && !isMissing(before)) changes.push({series, year, change: now - before, now, before});
    }
  }
  if (!changes.length) return figure("change", null, {empty: "没有相邻两年都有数值的乡镇，无法计算同比变化。"});
  const extent = d3.max(changes, (d) => Math.abs(d.change)) || 1;
  const longest = d3.max(names, (n) => n.length) ?? 4;
  const cellWidth = (width - Math.min(width * 0.35, 16 + longest * 12)) / (years.length - 1);
  const plot = Plot.plot({
    width,
    height: 40 + names.length * 26,
    marginLeft: Math.min(width * 0.35, 16 + longest * 12),
    style: STYLE,
    padding: 0.05,
    x: {domain: years.slice(1), label: null, tickFormat: "d", axis: "top", ticks: yearTicks(years.slice(1), width)},
    y: {domain: names, label: null, tickSize: 0},
    color: {type: "linear", scheme: DIVERGING, domain: [-extent, extent], reverse: false},
    marks: [
      Plot.cell(changes, {x: "year", y: "series", fill: "change", inset: 0.5}),
      cellWidth >= 26
        ? Plot.text(changes, {x: "year", y: "series", text: (d) => formatSigned(d.change), fill: (d) => (Math.abs(d.change) > extent * 0.6 ? "white" : "black"), fontSize: 11})
        : null,
      Plot.tip(changes, Plot.pointer({
        x: "year", y: "series",
        title: (d) => `${d.series}\n${d.year - 1}年 ${formatNumber(d.before)} → ${d.year}年 ${formatNumber(d.now)}${unit ? ` ${unit}` : ""}\n变化 ${formatSigned(d.change)}${d.before ? `（${formatSigned(Math.round((d.change / d.before) * 1000) / 10)}%）` : ""}`,
        ...TIP_STYLE
      }))
    ]
  });
  return figure("change", plot, {caption: "每格为该年与上一年相比的变化（两年都有数值时）。", data: () => changeRows(changes, {years, label, unit, seriesNames: names, seriesLabel}), legendItems: [
    {label: `减少（${axisTitle(label, unit)}）`, color: d3.interpolatePuOr(0.15)},
    {label: "不变", color: d3.interpolatePuOr(0.5)},
    {label: "增加", color: d3.interpolatePuOr(0.85)}
  ].reverse()});
}

/**
 * Stacked bars per year (composition): absolute counts or shares of each year's total.
 * @param {{year: number, group: string, value: number}[]} rows  group: id from `groups`
 * @param {{groups: {id: string, label: string, color: string}[], mode: "absolute"|"share"}} options
 */
export function stackedByYear(rows, {width, years, groups, mode = "absolute", label, unit, name = "stacked", height = 300}) {
  const labelOf = new Map(groups.map((g) => [g.id, g.label]));
  const data = rows.filter((r) => !isMissing(r.value) && r.value > 0 && labelOf.has(r.group));
  if (!data.length) return figure(name, null, {empty: "所选范围内没有数据。"});
  const totals = d3.rollups(data, (v) => d3.sum(v, (d) => d.value), (d) => d.year).map(([year, total]) => ({year, total}));
  const totalOf = new Map(totals.map((t) => [t.year, t.total]));
  const share = mode === "share";
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginTop: 30,
    style: STYLE,
    marginBottom: 40,
    x: {domain: years, label: "年份", labelAnchor: "right", labelArrow: "right", labelOffset: 36, tickFormat: "d", ticks: yearTicks(years, width), padding: 0.2},
    y: {label: null, ...(share
      ? {grid: true, tickFormat: (d) => formatPercent(d), domain: [0, 1]}
      : {grid: true, tickFormat: formatNumber, nice: true, ticks: integerTicks(d3.max(totals, (t) => t.total), unit)})},
    color: {domain: groups.map((g) => g.id), range: groups.map((g) => g.color)},
    marks: [
      yTitle(share ? "↑ 占当年合计的比例" : `↑ ${axisTitle(label, unit)}`, 56),
      Plot.barY(data, {x: "year", y: "value", fill: "group", offset: share ? "normalize" : null, order: groups.map((g) => g.id)}),
      share ? null : Plot.text(totals, {x: "year", y: "total", text: (d) => formatNumber(d.total), ariaLabel: (d) => `${d.year}：${d.total}`, dy: -7, fontSize: 11, ariaDescription: "totals"}),
      Plot.ruleY([0]),
      Plot.tip(data, Plot.pointer(Plot.stackY({
        x: "year", y: "value", z: "group", offset: share ? "normalize" : null, order: groups.map((g) => g.id),
        title: (d) => `${d.year}年 · ${labelOf.get(d.group)}\n${formatNumber(d.value)}${unit ? ` ${unit}` : ""}（占 ${formatPercent(d.value / totalOf.get(d.year))}）`,
        ...TIP_STYLE
      })))
    ]
  });
  return figure(name, plot, {legendItems: groups.filter((g) => data.some((d) => d.group === g.id)), data: () => compositionByYear(rows, {years, groups, label, unit})});
}

/**
 * A grid of counts (e.g. failed checks per township and year), coloured by a sequential scheme
 * and labelled. Zero cells are drawn pale; missing cells are left blank.
 * @param {{x: number|string, y: string, value: number, title?: string}[]} rows
 */
export function countGrid(rows, {width, xDomain, yDomain, xLabel, label, unit, name = "count-grid", yLabel}) {
  if (!rows.length) return figure(name, null, {empty: "没有数据。"});
  const longest = d3.max(yDomain, (n) => String(n).length) ?? 4;
  const marginLeft = Math.min(width * 0.35, 16 + longest * 12);
  const cellWidth = (width - marginLeft) / xDomain.length;
  const max = d3.max(rows, (d) => d.value) || 1;
  const plot = Plot.plot({
    width,
    height: 40 + yDomain.length * 22,
    marginLeft,
    style: STYLE,
    padding: 0.06,
    x: {domain: xDomain, label: xLabel, axis: "top", tickFormat: (d) => (typeof d === "number" ? String(d) : d), ticks: typeof xDomain[0] === "number" ? yearTicks(xDomain, width) : undefined},
    y: {domain: yDomain, label: null, tickSize: 0},
    color: {type: "linear", scheme: SEQUENTIAL, domain: [0, max], reverse: true},
    marks: [
      // with an href per row, each cell links (e.g. to the report)
      Plot.cell(rows, {x: "x", y: "y", fill: (d) => (d.value > 0 ? d.value : null), stroke: "#ddd", strokeWidth: 0.5, href: rows[0]?.href !== undefined ? "href" : undefined}),
      Plot.cell(rows.filter((d) => !(d.value > 0)), {x: "x", y: "y", fill: "#f4f4f4", stroke: "#ddd", strokeWidth: 0.5}),
      cellWidth >= 22
        ? Plot.text(rows.filter((d) => d.value > 0), {x: "x", y: "y", text: (d) => formatNumber(d.value), fill: (d) => (d.value > max * 0.55 ? "white" : "black"), fontSize: 11})
        : null,
      Plot.tip(rows, Plot.pointer({x: "x", y: "y", title: (d) => d.title ?? `${d.y} · ${d.x}：${formatNumber(d.value)}${unit ? ` ${unit}` : ""}`, ...TIP_STYLE}))
    ]
  });
  return figure(name, plot, {
    legendItems: [{label: `颜色越深：${axisTitle(label, unit)}越多`, color: d3.interpolateCividis(0.15)}, {label: "0", color: "#f4f4f4"}],
    data: () => gridRows(rows, {xDomain, yDomain, label, unit, yLabel, missingNote: "空白 = 该年没有报告"})
  });
}

/**
 * Simple bars per category (e.g. failed checks per rule), horizontal, labelled with values.
 * @param {{label: string, value: number, color?: string}[]} rows
 */
export function categoryBars(rows, {width, label, unit, name = "category-bars", sort = true}) {
  const data = sort ? rows.slice().sort((a, b) => b.value - a.value) : rows;
  if (!data.length) return figure(name, null, {empty: "没有数据。"});
  const longest = d3.max(data, (r) => r.label.length) ?? 4;
  const max = d3.max(data, (r) => r.value) ?? 0;
  const plot = Plot.plot({
    width,
    height: 46 + data.length * 24,
    marginLeft: Math.min(width * 0.45, 16 + longest * 12),
    marginRight: 56,
    marginBottom: 40,
    style: STYLE,
    // all zeros: the axis still starts at 0 on the left (Plot would centre a [0, 0] domain)
    x: {label: `${axisTitle(label, unit)} →`, labelOffset: 36, grid: true, tickFormat: formatNumber, nice: true, ticks: integerTicks(Math.max(1, max), unit), ...(max > 0 ? {} : {domain: [0, 1]})},
    y: {domain: data.map((r) => r.label), label: null, tickSize: 0},
    marks: [
      Plot.barX(data, {x: "value", y: "label", fill: (r) => r.color ?? "#0072b2", insetTop: 3, insetBottom: 3}),
      Plot.ruleX([0]),
      Plot.text(data, {x: "value", y: "label", text: (r) => formatNumber(r.value), ariaLabel: (r) => `${r.label}：${r.value}`, textAnchor: "start", dx: 4, ariaDescription: "value-labels"}),
      Plot.tip(data, Plot.pointerY({x: "value", y: "label", title: (r) => r.title ?? `${r.label}：${formatNumber(r.value)}${unit ? ` ${unit}` : ""}`, ...TIP_STYLE}))
    ]
  });
  return figure(name, plot, {data: () => categoryRows(data, {label, unit}), ...(max > 0 ? {} : {caption: "各项均为 0。"})});
}

/**
 * Horizontal stacked bars, one per place (township), composition of groups; every place in
 * `places` keeps its row (total 0 → "0", no data → "无数据"). Sorted by total, largest first.
 * @param {{place: string, group: string, value: number}[]} rows
 */
export function stackedByPlace(rows, {width, places, groups, mode = "absolute", label, unit, name = "stacked-places", placeLabel}) {
  const labelOf = new Map(groups.map((g) => [g.id, g.label]));
  const data = rows.filter((r) => !isMissing(r.value) && r.value > 0 && labelOf.has(r.group));
  const totals = new Map(places.map((p) => [p, null]));
  for (const r of rows) if (!isMissing(r.value) && labelOf.has(r.group)) totals.set(r.place, (totals.get(r.place) ?? 0) + r.value);
  const order = [...totals.entries()].sort((a, b) => (b[1] ?? -1) - (a[1] ?? -1) || a[0].localeCompare(b[0], "zh-CN")).map(([p]) => p);
  if (!order.length) return figure(name, null, {empty: "没有数据。"});
  const share = mode === "share";
  const longest = d3.max(order, (p) => p.length) ?? 4;
  const plot = Plot.plot({
    width,
    height: 60 + order.length * 22,
    marginLeft: Math.min(width * 0.35, 16 + longest * 12),
    marginRight: 64,
    // the axis title on a row of its own, below the tick labels
    marginBottom: 40,
    style: STYLE,
    x: share
      ? {label: "占该乡镇合计的比例 →", labelOffset: 36, grid: true, tickFormat: (d) => formatPercent(d), domain: [0, 1]}
      : {label: `${axisTitle(label, unit)} →`, labelOffset: 36, grid: true, tickFormat: formatNumber, nice: true},
    y: {domain: order, label: null, tickSize: 0},
    color: {domain: groups.map((g) => g.id), range: groups.map((g) => g.color)},
    marks: [
      Plot.barX(data, {y: "place", x: "value", fill: "group", offset: share ? "normalize" : null, order: groups.map((g) => g.id), insetTop: 3, insetBottom: 3}),
      Plot.ruleX([0]),
      Plot.text(order, {
        y: (p) => p,
        x: (p) => (share ? (totals.get(p) ? 1 : 0) : totals.get(p) ?? 0),
        text: (p) => (totals.get(p) == null ? "无数据" : `${share ? "共 " : ""}${formatNumber(totals.get(p))}`),
        ariaLabel: (p) => `${p}：${totals.get(p) ?? "无数据"}`,
        textAnchor: "start",
        dx: 4,
        fill: (p) => (totals.get(p) == null ? "#767676" : "currentColor"),
        ariaDescription: "totals"
      }),
      Plot.tip(data, Plot.pointer(Plot.stackX({
        y: "place", x: "value", z: "group", offset: share ? "normalize" : null, order: groups.map((g) => g.id),
        title: (d) => `${d.place} · ${labelOf.get(d.group)}\n${formatNumber(d.value)}${unit ? ` ${unit}` : ""}（占 ${formatPercent(d.value / totals.get(d.place))}）`,
        ...TIP_STYLE
      })))
    ]
  });
  return figure(name, plot, {legendItems: groups.filter((g) => data.some((d) => d.group === g.id)), data: () => compositionByPlace(rows, {places: order, groups, label, unit, placeLabel})});
}

/**
 * Quality scores (0–100) per township and year: darker = lower score; a missing report is a cell
 * marked 缺 (score 0). Cells link to the report when `href` is given.
 * @param {{x: number, y: string, score: number, missing?: boolean, href?: string, title: string}[]} rows
 */
export function scoreGrid(rows, {width, xDomain, yDomain, name = "score-grid", yLabel}) {
  if (!rows.length) return figure(name, null, {empty: "没有数据。"});
  const longest = d3.max(yDomain, (n) => String(n).length) ?? 4;
  const marginLeft = Math.min(width * 0.35, 16 + longest * 12);
  const cellWidth = (width - marginLeft) / xDomain.length;
  const plot = Plot.plot({
    width,
    height: 40 + yDomain.length * 22,
    marginLeft,
    style: STYLE,
    padding: 0.06,
    x: {domain: xDomain, label: null, axis: "top", tickFormat: (d) => String(d), ticks: yearTicks(xDomain, width)},
    y: {domain: yDomain, label: null, tickSize: 0},
    color: {type: "linear", scheme: SEQUENTIAL, domain: [0, 100]},
    marks: [
      Plot.cell(rows, {x: "x", y: "y", fill: "score", stroke: "#ddd", strokeWidth: 0.5, href: rows.some((d) => d.href) ? "href" : undefined}),
      cellWidth >= 22
        ? Plot.text(rows, {x: "x", y: "y", text: (d) => (d.missing ? "缺" : formatNumber(d.score)), fill: (d) => (d.score < 55 ? "white" : "black"), fontSize: 11})
        : null,
      Plot.tip(rows, Plot.pointer({x: "x", y: "y", title: "title", ...TIP_STYLE}))
    ]
  });
  return figure(name, plot, {data: () => gridRows(rows, {xDomain, yDomain, label: "质量分", unit: "分", value: "score", yLabel, missingNote: "没有年报的年份计 0 分；空白 = 不在评分范围"}), legendItems: [
    {label: "100 分：没有扣分", color: d3.interpolateCividis(1)},
    {label: "50 分", color: d3.interpolateCividis(0.5)},
    {label: "0 分 / 缺：没有年报", color: d3.interpolateCividis(0)}
  ]});
}
