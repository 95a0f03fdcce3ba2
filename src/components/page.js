// Page furniture shared by the pages: the demo banner, the current-filter line, loading notes.
import {html} from "npm:htl";
import {formatNumber} from "./format.js";

/** The 示例数据 banner when the corpus holds the simulated demo (nothing otherwise); on one report's page,
 * only when that report is simulated (a file of the demo folder, loaders/site-corpus.ts). */
export function demoBanner(corpus, report) {
  const simulated = report ? String(report.file ?? "").split(/[\\/]/).includes("demo") : corpus?.demo;
  return simulated
    ? html`<div class="warning demo-banner" label="注意" data-demo-banner>${report ? "示例数据，模拟生成：这份报告是虚构的，不是任何真实乡镇的报告。" : "示例数据，模拟生成：以下图表不反映任何真实乡镇的情况。"}</div>`
    : html`<span></span>`;
}

/** "当前筛选：岚东区 · 2019–2024年 · …（共 123 条数据）" — also printed, so a printout says what it shows. */
export function filterSummary(text, count, unit = "条数据") {
  return html`<p class="filter-summary" data-filter-summary><strong>当前筛选：</strong>${text}${
    count == null ? "" : html`<span class="muted">（共 <span data-filter-count>${formatNumber(count)}</span> ${unit}）</span>`
  }</p>`;
}

export function loadingNote(text) {
  return html`<p class="loading-note" role="status">${text}</p>`;
}
