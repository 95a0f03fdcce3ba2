// A sortable, paged table (htl: every value is escaped). Click a header to sort (again to reverse);
// missing values always sort last. `table.rows` holds all rows in the current order, which is
// what its export buttons (CSV/XLSX, under the table) write.
// The columns linking to 报告详情 come first and stay in view when a wide table scrolls sideways.
// Printing prints every row (up to PRINT_MAX_ROWS, with a note saying so), not the current page.
import {html} from "npm:htl";
import {exportButtons, headingOf, sheet} from "./export.js";
import {MISSING, formatNumber, isMissing} from "./format.js";
import {pageLink} from "./url-state.js";

/** At most this many rows are printed; the printout says how many there are in all. */
export const PRINT_MAX_ROWS = 500;

const collator = new Intl.Collator("zh-CN", {numeric: true});

/** Default cell rendering: links for report ids, zh-CN numbers, years without separators. */
export function defaultFormat(column, value) {
  if (isMissing(value)) return html`<span class="missing">${MISSING}</span>`;
  if (column === "report_id") return html`<a href=${pageLink("report", {id: value})}>${value}</a>`;
  if (typeof value === "number") return isYearColumn(column) ? String(value) : formatNumber(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") return shortText(JSON.stringify(value), LONG_TEXT);
  return shortText(String(value), LONG_TEXT);
}

/** Longer strings are cut in the table (the full text is in the tooltip and in every export). */
const LONG_TEXT = 60;

/** Columns holding years are shown without a thousands separator (2024, not 2,024). */
export function isYearColumn(column) {
  return /(^|_)year$|^年份$|^年度$/.test(column);
}

/** Long text cut to `max` characters with the full text as a tooltip. */
export function shortText(value, max = 60) {
  if (isMissing(value)) return html`<span class="missing">${MISSING}</span>`;
  const text = String(value);
  return text.length > max ? html`<span title=${text}>${text.slice(0, max - 1)}…</span>` : text;
}

function compareValues(a, b) {
  const ma = isMissing(a);
  const mb = isMissing(b);
  if (ma || mb) return ma && mb ? 0 : ma ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * @param {object[]} rows
 * @param {{columns?: string[], labels?: Record<string,string>, format?: (column, value, row) => any,
 *          pageSize?: number, name?: string, sort?: {column: string, descending?: boolean}, caption?: string,
 *          onSort?: (sort: {column: string, descending: boolean}) => void, linkColumns?: string[],
 *          exports?: false | {title?: string, tables?: string[], labels?: Record<string,string>, names?: Record<string,string>, sheets?: () => object[]}}} options
 *   onSort: told of every sort change (e.g. to keep the order when the rows are replaced);
 *   linkColumns: columns whose cells link to 报告详情 besides report_id (shown first, kept in view);
 *   exports: the export buttons under the table (false: none); title (default: the heading above),
 *   tables/labels/names: how the columns are described in the files (export.js sheet()),
 *   sheets: more sheets for the XLSX after the table's own
 */
export function dataTable(rows, {columns, labels = {}, format, pageSize = 25, name = "table", sort, caption, onSort, linkColumns = [], exports = {}} = {}) {
  const given = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const links = new Set(given.filter((c) => c === "report_id" || linkColumns.includes(c)));
  const cols = [...given.filter((c) => links.has(c)), ...given.filter((c) => !links.has(c))];
  let sortColumn = sort?.column && cols.includes(sort.column) ? sort.column : null;
  let descending = !!sort?.descending;
  let page = 0;
  let size = pageSize;
  let printing = false;
  const root = html`<div class="data-table" data-table=${name}></div>`;
  root.columns = cols;
  const exportBar = exports === false ? null : exportButtons(() => {
    const title = exports.title ?? (headingOf(root) || name);
    const main = sheet(title, root.rows, cols, {tables: exports.tables, labels: {...exportLabels(labels), ...exports.labels}, names: exports.names});
    return {title, sheets: [main, ...(exports.sheets?.() ?? [])]};
  }, {name, label: "导出此表（全部行，按当前排序）："});

  const sorted = () => {
    if (!sortColumn) return rows.slice();
    const withIndex = rows.map((row, i) => ({row, i}));
    withIndex.sort((x, y) => {
      const a = x.row[sortColumn];
      const b = y.row[sortColumn];
      // missing last in both directions; stable for ties
      if (isMissing(a) || isMissing(b)) return compareValues(a, b) || x.i - y.i;
      return (descending ? -compareValues(a, b) : compareValues(a, b)) || x.i - y.i;
    });
    return withIndex.map((x) => x.row);
  };

  // columns holding only numbers are right-aligned, header included
  const numeric = new Set(cols.filter((c) => rows.some((r) => typeof r[c] === "number") && rows.every((r) => isMissing(r[c]) || typeof r[c] === "number")));
  const render = () => {
    const all = sorted();
    root.rows = all;
    const pages = Math.max(1, Math.ceil(all.length / size));
    page = Math.min(page, pages - 1);
    const shown = printing ? all.slice(0, PRINT_MAX_ROWS) : all.slice(page * size, page * size + size);
    const header = cols.map((c) => {
      const state = c === sortColumn ? (descending ? "descending" : "ascending") : "none";
      const button = html`<button type="button" class="sort" title="点击排序">${labels[c] ?? c}<span class="sort-mark">${state === "ascending" ? " ▲" : state === "descending" ? " ▼" : ""}</span></button>`;
      button.onclick = () => {
        if (sortColumn === c) descending = !descending;
        else (sortColumn = c), (descending = false);
        onSort?.({column: sortColumn, descending});
        page = 0;
        render();
        root.dispatchEvent(new Event("input", {bubbles: true}));
      };
      return html`<th aria-sort=${state} data-column=${c} class=${[numeric.has(c) ? "num" : "", links.has(c) ? "link-col" : ""].join(" ").trim() || null}>${button}</th>`;
    });
    const body = shown.map(
      (row) => html`<tr>${cols.map((c) => {
        const v = row[c];
        const classes = [typeof v === "number" || numeric.has(c) ? "num" : "", links.has(c) ? "link-col" : ""].join(" ").trim();
        return html`<td class=${classes || null}>${(format ?? ((col, value) => defaultFormat(col, value)))(c, v, row)}</td>`;
      })}</tr>`
    );
    const prev = html`<button type="button" disabled=${page === 0}>上一页</button>`;
    const next = html`<button type="button" disabled=${page >= pages - 1}>下一页</button>`;
    prev.onclick = () => ((page -= 1), render());
    next.onclick = () => ((page += 1), render());
    const sizeSelect = html`<select aria-label="每页行数">${[10, 25, 50, 100].map((n) => html`<option value=${n} selected=${n === size}>${n} 行/页</option>`)}</select>`;
    sizeSelect.onchange = (event) => {
      event.stopPropagation();
      size = +sizeSelect.value;
      page = 0;
      render();
    };
    sizeSelect.oninput = (event) => event.stopPropagation();
    root.replaceChildren(
      html`<div class="table-scroll"><table>
        ${caption ? html`<caption>${caption}</caption>` : null}
        <thead><tr>${header}</tr></thead>
        <tbody>${body.length ? body : html`<tr><td colspan=${cols.length || 1} class="muted">没有符合条件的行。</td></tr>`}</tbody>
      </table></div>`,
      html`<div class="pager" data-pager>
        <span data-row-count=${all.length}>共 ${formatNumber(all.length)} 行</span>
        ${prev}<span data-page>第 ${page + 1} / ${pages} 页</span>${next}${sizeSelect}
      </div>`,
      html`<p class="print-note" data-print-note>${
        all.length > PRINT_MAX_ROWS
          ? `本表共 ${formatNumber(all.length)} 行，只打印了前 ${formatNumber(PRINT_MAX_ROWS)} 行；完整数据请在网页上用“导出此表”下载。`
          : `本表共 ${formatNumber(all.length)} 行，已全部打印。`
      }</p>`,
      exportBar ?? ""
    );
  };
  render();
  onPrint(root, (on) => {
    printing = on;
    render();
  });
  root.value = root;
  return root;
}

/** Display labels kept for the files, except the short "报告" of link columns (the files say 报告编号). */
function exportLabels(labels) {
  return Object.fromEntries(Object.entries(labels).filter(([key, label]) => !(key === "report_id" && label === "报告")));
}

/**
 * Calls `change(true)` before the page is printed and `change(false)` after (beforeprint/afterprint,
 * and the print media query, which also follows emulated print media). Stops once `element` has
 * left the page.
 */
function onPrint(element, change) {
  const media = matchMedia("print");
  let state = false;
  const update = (on) => {
    if (!element.isConnected) return stop(); // replaced by a newer render of the page
    if (on !== state) change((state = on));
  };
  const before = () => update(true);
  const after = () => update(media.matches);
  const stop = () => {
    removeEventListener("beforeprint", before);
    removeEventListener("afterprint", after);
    media.removeEventListener("change", after);
  };
  addEventListener("beforeprint", before);
  addEventListener("afterprint", after);
  media.addEventListener("change", after);
}
