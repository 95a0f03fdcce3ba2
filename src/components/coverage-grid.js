// Coverage grid: one row per township, one column per year; a cell is coloured by the template
// of that year's report, or marked 缺失 when there is none and coverage.csv counts it missing. A year
// coverage does not count (a county the folder barely covers, a year outside the county's own span)
// stays blank: 不计, not 缺失.
import * as d3 from "npm:d3";
import {html} from "npm:htl";
import {legend} from "./legend.js";
import {gridRows} from "./chart-data.js";
import {chartExport} from "./export.js";
import {MISSING_COLOR, TEMPLATES, templateOf} from "./templates.js";

const ROW_HEIGHT = 20;
const HEADER_HEIGHT = 24;
const collator = new Intl.Collator("zh-CN");

/**
 * @param {{province: string|null, city: string|null, county: string|null, township: string,
 *          year: number, template: string|null, n: number, report_ids?: string[]}[]} counts
 *   one row per township × year × template; with report_ids, cells link to the report page
 * @param {{width: number, years: number[], missing?: Set<string>}} options  missing: "province/city/county/township|year"
 *   of coverage.csv's missing rows; without it every year with no report is 缺失
 */
export function coverageGrid(counts, {width, years, missing}) {
  const statusOf = (d) => (d.n ? d.template.key : !missing || missing.has(`${d.township.placeKey}|${d.year}`) ? "missing" : "not-counted");
  const townships = groupByTownship(counts);
  // wide enough for the longest "county · township" (CJK glyphs are ~12px at 12px), within limits
  const longestLabel = d3.max(townships, (t) => t.label.length) ?? 0;
  const labelWidth = Math.round(Math.min(width * 0.35, Math.max(100, longestLabel * 12 + 16)));
  const cellWidth = Math.max(14, (width - labelWidth) / years.length);
  const height = HEADER_HEIGHT + townships.length * ROW_HEIGHT;
  const x = (year) => labelWidth + years.indexOf(year) * cellWidth;
  const shortYears = cellWidth < 36;

  const svg = d3
    .create("svg")
    .attr("width", labelWidth + cellWidth * years.length)
    .attr("height", height)
    .attr("viewBox", [0, 0, labelWidth + cellWidth * years.length, height])
    .attr("role", "img")
    .attr("aria-label", "各乡镇各年份报告覆盖情况");

  svg
    .append("g")
    .attr("class", "year-labels")
    .selectAll("text")
    .data(years)
    .join("text")
    .attr("x", (year) => x(year) + cellWidth / 2)
    .attr("y", HEADER_HEIGHT - 8)
    .attr("text-anchor", "middle")
    .attr("fill", "currentColor")
    .text((year) => (shortYears ? String(year).slice(2) : String(year)));

  const rows = svg
    .append("g")
    .selectAll("g")
    .data(townships)
    .join("g")
    .attr("class", "grid-row")
    .attr("transform", (_, i) => `translate(0,${HEADER_HEIGHT + i * ROW_HEIGHT})`);

  // A rule between counties makes long lists easier to scan.
  rows
    .filter((t, i) => i > 0 && t.countyKey !== townships[i - 1].countyKey)
    .append("line")
    .attr("x1", 0)
    .attr("x2", labelWidth + cellWidth * years.length)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.35);

  rows
    .append("text")
    .attr("x", labelWidth - 8)
    .attr("y", ROW_HEIGHT / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "end")
    .attr("fill", "currentColor")
    .text((t) => truncate(t.label, Math.floor((labelWidth - 12) / 12)))
    .append("title")
    .text((t) => t.fullName);

  // a cell with a known report links to its 报告详情 page
  const cells = rows
    .selectAll(".cell")
    .data((t) => years.map((year) => ({township: t, year, ...(t.years.get(year) ?? {n: 0})})))
    .join((enter) => enter.append((d) => document.createElementNS("http://www.w3.org/2000/svg", d.reportIds?.length ? "a" : "g")))
    .attr("class", "cell")
    .attr("href", (d) => (d.reportIds?.length ? `./report?id=${encodeURIComponent(d.reportIds[0])}` : null))
    .attr("data-status", statusOf)
    .attr("transform", (d) => `translate(${x(d.year)},0)`);

  cells
    .append("rect")
    .attr("x", 1)
    .attr("y", 1)
    .attr("width", cellWidth - 2)
    .attr("height", ROW_HEIGHT - 2)
    .attr("fill", (d) => (d.n ? d.template.color : statusOf(d) === "missing" ? MISSING_COLOR : "none"))
    .attr("stroke", (d) => (d.n ? "none" : statusOf(d) === "missing" ? "#d0d0d0" : "#eeeeee"));

  cells
    .filter((d) => statusOf(d) === "missing" && cellWidth >= 30)
    .append("text")
    .attr("x", cellWidth / 2)
    .attr("y", ROW_HEIGHT / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "middle")
    .attr("font-size", 10)
    .attr("fill", "#8a8a8a")
    .text("缺失");

  // Several reports for one township and year (e.g. duplicates, or a report and its correction).
  cells
    .filter((d) => d.n > 1)
    .append("text")
    .attr("x", cellWidth / 2)
    .attr("y", ROW_HEIGHT / 2)
    .attr("dy", "0.35em")
    .attr("text-anchor", "middle")
    .attr("font-size", 11)
    .attr("font-weight", 700)
    .attr("fill", (d) => (d3.lab(d.template.color).l > 60 ? "#000" : "#fff"))
    .text((d) => `×${d.n}`);

  cells.append("title").text((d) => (statusOf(d) === "not-counted" ? `${d.township.fullName} ${d.year}年：无报告（该县区在这一年不计覆盖：文件夹只收了它的零星报告，或不在它有报告的年份内）` : cellTitle(d)));

  // the grid as a table: the template of each township's report per year, or 缺失; and the counts
  const data = () => {
    const cells = townships.flatMap((t) => years.map((year) => ({t, year, cell: t.years.get(year)})));
    const text = cells.map(({t, year, cell}) => ({y: t.label, x: year, value: !cell?.n ? (statusOf({township: t, year, n: 0}) === "missing" ? "缺失" : "不计") : cell.n > 1 ? `${cell.n} 份：${[...cell.byTemplate].map(([tp, k]) => `${tp.label}×${k}`).join("、")}` : cell.template.label}));
    const counts = cells.map(({t, year, cell}) => ({y: t.label, x: year, value: cell?.n ?? 0}));
    const yDomain = townships.map((t) => t.label);
    return [
      ...gridRows(text, {xDomain: years, yDomain, label: "报告的模板", yLabel: "县区 · 乡镇", kind: "text", name: "模板"}),
      ...gridRows(counts, {xDomain: years, yDomain, label: "报告数", unit: "份", yLabel: "县区 · 乡镇", name: "报告数"})
    ];
  };
  return html`<figure class="chart" data-chart="coverage-grid">
    ${legend([...TEMPLATES, {label: "缺失（无报告）", color: MISSING_COLOR}, ...(missing ? [{label: "空白：不计覆盖（只有零星报告的县区，或该县区没有报告的年份）", color: "#ffffff"}] : [])])}
    <div class="coverage-grid-scroll">${svg.node()}</div>
    ${chartExport("coverage-grid", data)}
  </figure>`;
}

/** Rows of the grid, sorted by place; the template shown for a year is its most frequent one. */
function groupByTownship(counts) {
  const byKey = new Map();
  for (const c of counts) {
    const key = [c.province, c.city, c.county, c.township].map((p) => p ?? "").join("\u0001");
    let t = byKey.get(key);
    if (!t) {
      t = {
        key,
        countyKey: [c.province, c.city, c.county].map((p) => p ?? "").join("\u0001"),
        sortKey: [c.province ?? "", c.city ?? "", c.county ?? "", c.township],
        label: `${c.county ?? "（县区未知）"} · ${c.township}`,
        fullName: [c.province, c.city, c.county, c.township].filter(Boolean).join(" "),
        placeKey: [c.province, c.city, c.county, c.township].map((p) => p ?? "").join("/"),
        years: new Map()
      };
      byKey.set(key, t);
    }
    const cell = t.years.get(c.year) ?? {n: 0, byTemplate: new Map(), reportIds: []};
    cell.n += c.n;
    if (c.report_ids) cell.reportIds.push(...c.report_ids);
    const template = templateOf(c.template);
    cell.byTemplate.set(template, (cell.byTemplate.get(template) ?? 0) + c.n);
    t.years.set(c.year, cell);
  }
  for (const t of byKey.values()) {
    for (const cell of t.years.values()) {
      // most reports wins; ties go to the template listed first (a recognised one before 无法识别)
      cell.template = d3.greatest(TEMPLATES.filter((tp) => cell.byTemplate.has(tp)), (tp) => cell.byTemplate.get(tp));
    }
  }
  return [...byKey.values()].sort((a, b) => compareKeys(a.sortKey, b.sortKey));
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) {
    const order = collator.compare(a[i], b[i]);
    if (order) return order;
  }
  return 0;
}

function cellTitle({township, year, n, template, byTemplate}) {
  if (!n) return `${township.fullName} ${year}年：缺失（无报告）`;
  const parts = [...byTemplate].map(([tp, k]) => `${tp.label} ${k} 份`);
  return `${township.fullName} ${year}年：${n > 1 ? `共 ${n} 份（${parts.join("，")}）` : template.label}`;
}

function truncate(text, maxChars) {
  return text.length > maxChars ? `${text.slice(0, Math.max(1, maxChars - 1))}…` : text;
}
