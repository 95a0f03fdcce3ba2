// The levels of the units reports are about (reports.csv `level`: township, county, city, province,
// department) and the filter every page has for them. Township comparisons stay township-only by
// default; the control shows how many reports each level has, so reports of other levels are seen
// (and one click away), never dropped silently. Every chart and KPI line says which levels it counts.
//
// Two more buckets keep every file in exactly one: `other` (a unit is named but its level is not
// known: an unlisted zone) and `none` (no unit at all: unreadable files, reports that name nobody).
import {FileAttachment} from "observablehq:stdlib";
import * as d3 from "npm:d3";
import {html} from "npm:htl";
import {checkboxRowInput} from "./controls.js";

const schema = await FileAttachment("../data/schema.json").json();

/** Every level bucket, in order: {id, label}; the labels of the five levels come from the parser (loaders/types.ts). */
export const LEVELS = [
  ...schema.levels,
  {id: "other", label: "级别不明的单位"},
  {id: "none", label: "未识别单位"}
];

const LABELS = new Map(LEVELS.map((l) => [l.id, l.label]));

/** The default of the comparison pages: township reports (and files whose unit is unknown, which are charted nowhere). */
export const TOWNSHIP_LEVELS = ["township", "none"];
export const ALL_LEVELS = LEVELS.map((l) => l.id);

/** A report's bucket. */
export function levelOf(r) {
  return r.level ?? (r.unit ? "other" : "none");
}

export function levelLabel(id) {
  return LABELS.get(id) ?? id;
}

/**
 * The level filter: one check box per level present in `reports` (plus the default's and the URL's),
 * each with its number of reports; 全部 and 只看乡镇 buttons; URL parameter `level` (also by Chinese
 * name: ?level=县区). Its value: the checked level ids.
 */
export function levelInput(reports, {value = TOWNSHIP_LEVELS} = {}) {
  const counts = d3.rollup(reports, (v) => v.length, levelOf);
  const shown = LEVELS.filter((l) => counts.has(l.id) || l.id === "township" || (value.includes(l.id) && l.id !== "none"));
  const all = shown.map((l) => l.id);
  const buttons = all.length > 1 ? [{label: "全部", values: all}, {label: "只看乡镇", values: ["township", "none"]}] : [];
  const options = shown.map((l) => ({value: l.id, label: l.label, count: counts.get(l.id) ?? 0, aliases: [l.label]}));
  // every level shown is every level there is (the others have no report): the value says so
  const valueOf = (checked) => (all.every((id) => checked.includes(id)) ? ALL_LEVELS : checked);
  return checkboxRowInput({name: "level", label: "单位级别", options, value: value.filter((v) => all.includes(v)), buttons, valueOf});
}

/** "乡镇/街道", "县区、地市", "全部级别"; `units`: only the buckets a chart of units can show (no `none`). */
export function describeLevels(levels, reports, {units = false} = {}) {
  const present = new Set(reports.map(levelOf));
  const chosen = LEVELS.filter((l) => levels.includes(l.id) && present.has(l.id) && !(units && l.id === "none"));
  const possible = LEVELS.filter((l) => present.has(l.id) && !(units && l.id === "none"));
  if (chosen.length === 0) return "未选任何级别";
  if (chosen.length === possible.length && possible.length > 1) return "全部级别";
  return chosen.map((l) => l.label).join("、");
}

/** Reports of the levels not chosen, by level: for the note under the filter. */
export function otherLevels(reports, levels) {
  const rest = reports.filter((r) => !levels.includes(levelOf(r)));
  return {n: rest.length, byLevel: d3.rollups(rest, (v) => v.length, levelOf).sort((a, b) => ALL_LEVELS.indexOf(a[0]) - ALL_LEVELS.indexOf(b[0]))};
}

/**
 * "另有 3 份其他级别的报告未计入（县区 2 份、地市 1 份），可在“单位级别”中勾选查看。" — nothing when all are in.
 * On a page that sums figures (`sums`), several levels chosen add a caution: a city's report may
 * already count its districts'.
 */
export function levelNote(reports, levels, {sums = true} = {}) {
  const {n, byLevel} = otherLevels(reports, levels);
  const chosen = new Set(reports.filter((r) => levels.includes(levelOf(r))).map(levelOf));
  chosen.delete("none");
  const mixed = sums && chosen.size > 1;
  if (!n && !mixed) return html`<span></span>`;
  return html`<p class="level-note muted" data-level-note>${
    n ? html`另有 <strong data-other-levels>${n.toLocaleString("zh-CN")}</strong> 份其他级别的报告未计入（${byLevel.map(([id, k]) => `${levelLabel(id)} ${k.toLocaleString("zh-CN")} 份`).join("、")}），可在上方“单位级别”中勾选查看。` : ""
  }${mixed ? "所选范围含不同级别的单位：上级单位的报告可能已包含下级单位的数字，合计仅供参考。" : ""}</p>`;
}

/** The level filter as a SQL condition on the reports table (its `level` and `unit` columns); null for all. */
export function levelSql(levels, {prefix = ""} = {}) {
  if (ALL_LEVELS.every((l) => levels.includes(l))) return null;
  const named = levels.filter((l) => l !== "other" && l !== "none");
  const parts = [
    named.length ? `${prefix}level IN (${named.map((l) => `'${l.replaceAll("'", "''")}'`).join(", ")})` : null,
    levels.includes("other") ? `(${prefix}level IS NULL AND ${prefix}unit IS NOT NULL)` : null,
    levels.includes("none") ? `(${prefix}level IS NULL AND ${prefix}unit IS NULL)` : null
  ].filter(Boolean);
  return parts.length ? `(${parts.join(" OR ")})` : "FALSE";
}

/**
 * Writes which levels a chart or a KPI line counts into it, as its first line
 * (`<p class="chart-scope" data-chart-scope>`): "统计范围：乡镇/街道".
 */
export function withScope(element, text) {
  element.prepend(html`<p class="chart-scope" data-chart-scope>统计范围：${text}</p>`);
  return element;
}
