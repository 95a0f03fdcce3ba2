// An HTML legend of colour swatches (htl escapes the labels).
import {html} from "npm:htl";

/** @param {{label: string, color: string, outline?: boolean}[]} items */
export function legend(items) {
  return html`<div class="chart-legend">${items.map(
    ({label, color}) => html`<span><span class="swatch" style=${{background: color}}></span>${label}</span>`
  )}</div>`;
}
