// A line of key figures (label above a big number), e.g. 报告数 / 乡镇数 above the charts.
import {html} from "npm:htl";

/** @param {{key: string, label: string, value: string | number, note?: string}[]} items */
export function kpiLine(items) {
  return html`<div class="kpi-line">${items.map(
    ({key, label, value, note}) => html`<div class="kpi" data-kpi=${key}>
      <span class="kpi-label">${label}</span>
      <span class="kpi-value">${typeof value === "number" ? value.toLocaleString("zh-CN") : value}</span>
      ${note ? html`<span class="kpi-note">${note}</span>` : null}
    </div>`
  )}</div>`;
}
