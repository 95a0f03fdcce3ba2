// Stacked bar chart: reports per year, split by template.
import * as d3 from "npm:d3";
import {html} from "npm:htl";
import {legend} from "./legend.js";
import {compositionByYear} from "./chart-data.js";
import {chartExport} from "./export.js";
import {TEMPLATES, templateOf} from "./templates.js";

/**
 * @param {{year: number, template: string | null, n: number}[]} counts  one row per year × template
 * @param {{width: number, years: number[], height?: number}} options  years: the x-axis, in order
 */
export function yearlyBars(counts, {width, years, height = 300}) {
  const keys = TEMPLATES.map((t) => t.key);
  const totals = new Map(years.map((year) => [year, Object.fromEntries(keys.map((k) => [k, 0]))]));
  for (const {year, template, n} of counts) {
    const row = totals.get(year);
    if (row) row[templateOf(template).key] += n;
  }
  const rows = years.map((year) => ({year, ...totals.get(year)}));
  const series = d3.stack().keys(keys)(rows);

  const margin = {top: 26, right: 8, bottom: 28, left: 48};
  const x = d3.scaleBand(years, [margin.left, width - margin.right]).padding(0.18);
  const maxTotal = d3.max(rows, (r) => d3.sum(keys, (k) => r[k])) || 1;
  const y = d3.scaleLinear([0, maxTotal], [height - margin.bottom, margin.top]).nice();
  const everyNthYear = Math.ceil(32 / x.step()); // keep year labels from overlapping on narrow screens

  const svg = d3
    .create("svg")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", [0, 0, width, height])
    .attr("role", "img")
    .attr("aria-label", "各年份报告数量（按模板分类）");

  svg
    .append("g")
    .attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(Math.min(6, maxTotal), "d").tickSize(-(width - margin.left - margin.right)))
    .call((g) => g.select(".domain").remove())
    .call((g) => g.selectAll(".tick line").attr("stroke-opacity", 0.12))
    .call((g) =>
      g
        .append("text")
        .attr("x", -margin.left)
        .attr("y", margin.top - 14)
        .attr("fill", "currentColor")
        .attr("text-anchor", "start")
        .text("↑ 报告数（份）")
    );

  svg
    .append("g")
    .attr("transform", `translate(0,${height - margin.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickSizeOuter(0)
        .tickValues(years.filter((_, i) => i % everyNthYear === 0))
        .tickFormat(String)
    );

  svg
    .append("g")
    .attr("class", "bars")
    .selectAll("g")
    .data(series)
    .join("g")
    .attr("fill", (s) => templateOf(s.key).color)
    .attr("data-template", (s) => s.key)
    .selectAll("rect")
    .data((s) => s.filter((d) => d[1] > d[0]).map((d) => ({year: d.data.year, y0: d[0], y1: d[1], key: s.key})))
    .join("rect")
    .attr("x", (d) => x(d.year))
    .attr("width", x.bandwidth())
    .attr("y", (d) => y(d.y1))
    .attr("height", (d) => y(d.y0) - y(d.y1))
    .append("title")
    .text((d) => `${d.year}年 · ${templateOf(d.key).label}：${d.y1 - d.y0} 份`);

  const data = () => compositionByYear(
    rows.flatMap((r) => keys.map((k) => ({year: r.year, group: k, value: r[k]}))),
    {years, groups: TEMPLATES.map((t) => ({id: t.key, label: t.label})), label: "报告数", unit: "份"}
  );
  return html`<figure class="chart" data-chart="yearly-bars">
    ${legend(TEMPLATES)}
    ${svg.node()}
    ${chartExport("yearly-bars", data)}
  </figure>`;
}
