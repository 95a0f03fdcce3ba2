// Exports of what a page shows (a table in its current order, a chart's data, a township × year
// view) as files people can open, in the browser:
//  - CSV for Excel: UTF-8 with a byte-order mark (Excel on Chinese Windows then reads UTF-8, not
//    GBK); row 1 the Chinese column names, row 2 the machine field names when the columns have them;
//    codes as words (模板 2021年模板, 状态 完整), numbers as plain numbers, dates as YYYY-MM-DD, 是/否;
//    RFC 4180 quoting (d3-dsv), CRLF line ends; text that Excel would run as a formula (=, +, -, @,
//    tab, CR; csv-safe.js) gets a leading apostrophe.
//  - XLSX (ExcelJS, loaded on the first export): one sheet per table with the same two header rows
//    (frozen, with filters), numbers as numbers, dates as dates, and a 说明 sheet: what was exported,
//    the page's 当前筛选, when, and a data dictionary (Chinese name, field name, kind, unit, meaning,
//    codes). Only values are written, never formulas, so report text cannot become one.
//  - JSON: the first table as an array of objects with the machine field names and raw values.
import * as d3 from "npm:d3";
import {html} from "npm:htl";
import {describeColumn, headerOf} from "./columns.js";
import {prefixFormula} from "./csv-safe.js";
import {INVALID_XML, MAX_CELL_CHARS, sheetName, textWidth} from "./xlsx-text.js";

export const BOM = "\uFEFF";

// ---------------------------------------------------------------------------------------------
// What is exported: sheets of rows with described columns.

/**
 * A table to export.
 * @param {string} name  sheet name (Chinese)
 * @param {object[]} rows
 * @param {(string|object)[]} columns  keys of the rows, or column descriptions ({key, label, …})
 * @param {{tables?: string[], labels?: Record<string,string>, names?: Record<string,string>, note?: string}} options
 *   tables: corpus tables whose column descriptions apply (columns.js); labels: header text for a
 *   key (wins over the description); names: machine field name for a key
 */
export function sheet(name, rows, columns, {tables = [], labels = {}, names = {}, note} = {}) {
  const keys = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const cols = keys.map((c) => {
    if (typeof c === "object") return {kind: "auto", name: null, ...c, label: c.label ?? c.key};
    const described = describeColumn(c, tables);
    return {
      ...described,
      ...(labels[c] && {label: labels[c], unit: undefined}),
      ...(names[c] && {name: names[c]}),
      kind: described.kind === "auto" && isYearName(c) ? "year" : described.kind
    };
  });
  return {name, rows, columns: cols, note};
}

/** Columns named like a year hold years (2024, not 2,024). */
export function isYearName(name) {
  return /(^|_)year(_[ab])?$|^年份$|^年度$|年份$/.test(String(name));
}

/**
 * A township × year table from tidy rows: one row per place, one column per year.
 * @param {object[]} rows  tidy rows
 * @param {{place: (row) => string[], placeColumns: string[], year?: string, value?: string, years?: number[],
 *          valueLabel?: string, unit?: string, places?: string[][]}} options
 *   place: the row's place parts (e.g. [county, township]); placeColumns: their headers;
 *   years: the columns (default: the years present); places: rows to keep even without values
 */
export function townshipYearSheet(name, rows, {place, placeColumns, placeNames = [], year = "year", value = "value", years, valueLabel, unit, places = [], note}) {
  const yearList = years ?? [...new Set(rows.map((r) => r[year]).filter((y) => y != null))].sort((a, b) => a - b);
  const byPlace = new Map(places.map((p) => [p.join("\u0001"), {parts: p, values: new Map()}]));
  for (const r of rows) {
    const parts = place(r);
    const key = parts.join("\u0001");
    if (!byPlace.has(key)) byPlace.set(key, {parts, values: new Map()});
    const v = r[value];
    if (v != null && !Number.isNaN(v)) byPlace.get(key).values.set(r[year], v);
  }
  const out = [...byPlace.values()].map(({parts, values}) => ({
    ...Object.fromEntries(placeColumns.map((c, i) => [`p${i}`, parts[i] ?? null])),
    ...Object.fromEntries(yearList.map((y) => [`y${y}`, values.has(y) ? values.get(y) : null]))
  }));
  const columns = [
    ...placeColumns.map((label, i) => ({key: `p${i}`, label, name: placeNames[i] ?? null, kind: "text"})),
    ...yearList.map((y) => ({key: `y${y}`, label: `${y}年`, name: String(y), kind: "number", description: valueLabel && `${y}年的${valueLabel}${unit ? `（${unit}）` : ""}`}))
  ];
  return {name, rows: out, columns, note: note ?? (valueLabel ? `每格：${valueLabel}${unit ? `（${unit}）` : ""}；空白 = 没有报告或报告中没有这一项（不等于 0）` : undefined)};
}

// ---------------------------------------------------------------------------------------------
// Values

const KIND_WORDS = {text: "文本", number: "数值", year: "年份", date: "日期", boolean: "是/否", auto: "—"};

/** The value as written in the Chinese exports: words for codes, 是/否, dates as Date; null when missing. */
export function exportValue(column, value) {
  if (value == null || value === "" || (typeof value === "number" && Number.isNaN(value))) return null;
  if (typeof value === "bigint") return Number(value);
  if (column.values) {
    const parts = column.multi ? String(value).split(/\s+/) : [String(value)];
    return parts.map((p) => column.values[p] ?? p).join("、");
  }
  if (typeof value === "boolean") return value ? "是" : "否";
  if (column.kind === "boolean" && /^(true|false)$/i.test(String(value))) return /^true$/i.test(String(value)) ? "是" : "否";
  if (value instanceof Date) return value;
  if (column.kind === "date") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    if (m) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  }
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

function csvText(value) {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return String(value);
  return prefixFormula(String(value));
}

function hasFieldNames(s) {
  return s.columns.some((c) => c.name);
}

/** The CSV of one sheet (string with BOM). */
export function toCsv(s) {
  const lines = [s.columns.map(headerOf)];
  if (hasFieldNames(s)) lines.push(s.columns.map((c) => c.name ?? ""));
  for (const r of s.rows) lines.push(s.columns.map((c) => csvText(exportValue(c, r[c.key]))));
  return `${BOM}${lines.map((l) => d3.csvFormatRow(l)).join("\r\n")}\r\n`;
}

/** JSON of rows with machine names and raw values (an array of objects, columns in order). */
export function toJson(rows, columns) {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const plain = (v) => (v == null || (typeof v === "number" && Number.isNaN(v)) ? null : typeof v === "bigint" ? Number(v) : v instanceof Date ? v.toISOString() : v);
  return JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c) => [c, plain(r[c])]))), null, 1) + "\n";
}

// ---------------------------------------------------------------------------------------------
// XLSX

// XML 1.0 forbids most control characters; Excel refuses a sheet containing them.

function xlsxValue(value) {
  if (typeof value !== "string") return value;
  return value.replace(INVALID_XML, "").slice(0, MAX_CELL_CHARS);
}



const HEADER_FILL = {type: "pattern", pattern: "solid", fgColor: {argb: "FFE8EEF6"}};

function addDataSheet(workbook, s, used) {
  const names = hasFieldNames(s);
  const headerRows = names ? 2 : 1;
  const ws = workbook.addWorksheet(sheetName(s.name, used), {views: [{state: "frozen", ySplit: headerRows}]});
  s.sheetName = ws.name;
  const header = ws.addRow(s.columns.map(headerOf));
  header.font = {bold: true};
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  if (names) {
    const row = ws.addRow(s.columns.map((c) => c.name ?? null));
    row.font = {italic: true, color: {argb: "FF666666"}, size: 9};
  }
  for (const r of s.rows) ws.addRow(s.columns.map((c) => xlsxValue(exportValue(c, r[c.key]))));
  s.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    if (c.kind === "date") column.numFmt = "yyyy-mm-dd";
    else if (c.kind === "year") column.numFmt = "0";
    let width = textWidth(headerOf(c));
    for (const r of s.rows.slice(0, 300)) {
      const v = exportValue(c, r[c.key]);
      width = Math.max(width, v instanceof Date ? 10 : textWidth(v ?? ""));
    }
    column.width = Math.min(60, Math.max(6, width + 2));
  });
  if (s.columns.length) ws.autoFilter = {from: {row: headerRows, column: 1}, to: {row: headerRows, column: s.columns.length}};
  return ws;
}

function addNotesSheet(workbook, bundle, context, used) {
  const ws = workbook.addWorksheet(sheetName("说明", used));
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 22;
  ws.getColumn(4).width = 8;
  ws.getColumn(5).width = 8;
  ws.getColumn(6).width = 50;
  ws.getColumn(7).width = 50;
  const title = ws.addRow([`年报通 数据导出：${bundle.title}`]);
  title.font = {bold: true, size: 13};
  const facts = [
    ["页面", context.page],
    ["网址", context.url],
    ["当前筛选", context.filter || "（无）"],
    ["导出时间", context.exportedAt],
    ...(bundle.facts ?? []),
    ...(context.demo ? [["注意", "示例数据，模拟生成：不反映任何真实乡镇的情况。"]] : []),
    ...bundle.sheets.map((s) => ["工作表", `${s.sheetName}：${s.rows.length} 行${s.note ? `；${s.note}` : ""}`]),
    ["空白单元格", "没有数值（空白、“/”“—”“无”或没有报告），不等于 0"]
  ];
  for (const [k, v] of facts) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = {bold: true};
    if (v instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
  }
  ws.addRow([]);
  const head = ws.addRow(["工作表", "列名", "字段名", "类型", "单位", "说明", "取值对照"]);
  head.font = {bold: true};
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const s of bundle.sheets) {
    for (const c of s.columns) {
      ws.addRow([
        s.sheetName,
        headerOf(c),
        c.name ?? "",
        KIND_WORDS[c.kind] ?? c.kind,
        c.unit ?? "",
        c.description ?? "",
        c.values ? Object.entries(c.values).map(([code, label]) => `${code} = ${label}`).join("；") : ""
      ]);
    }
  }
}

/** The bytes of an .xlsx workbook: the bundle's sheets and a 说明 sheet. */
export async function toXlsx(bundle, context = pageContext()) {
  const {default: ExcelJS} = await import("npm:exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "年报通 nianbao";
  workbook.created = context.exportedAt;
  const used = new Set();
  for (const s of bundle.sheets) addDataSheet(workbook, s, used);
  addNotesSheet(workbook, bundle, context, used);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Downloads

const MIME = {
  csv: "text/csv;charset=utf-8",
  json: "application/json;charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
};

/** Starts a download of `data` (string or bytes) named `filename` (no server involved). */
export function download(data, filename, type = MIME[filename.split(".").pop()] ?? "application/octet-stream") {
  const url = URL.createObjectURL(new Blob([data], {type}));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What the page shows when the user exports: its title, address, 当前筛选 line, demo banner. */
export function pageContext(element) {
  const main = document.querySelector("#observablehq-main") ?? document.body;
  const h1 = main.querySelector("h1")?.textContent?.trim() ?? document.title;
  const summaries = [...main.querySelectorAll("[data-filter-summary]")];
  // the 当前筛选 line above the element (pages may have several), else the first
  const summary = (element && summaries.filter((s) => s.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1)) ?? summaries[0];
  return {
    page: h1,
    url: location.href,
    filter: summary?.textContent?.replace(/^\s*当前筛选：/, "").trim() ?? "",
    demo: !!document.querySelector("[data-demo-banner]"),
    exportedAt: new Date()
  };
}

/** The heading (h2–h4) the element stands under, e.g. "某一年的排名". */
export function headingOf(element) {
  const main = document.querySelector("#observablehq-main") ?? document.body;
  const before = [...main.querySelectorAll("h2, h3, h4")].filter((h) => h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING && !h.contains(element));
  return before.at(-1)?.textContent?.trim() ?? "";
}

function safeFileName(text) {
  return String(text).replace(/[\\/:*?"<>|\s]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 80) || "数据";
}

/**
 * Writes the bundle {title, sheets, base?, facts?} as a file: CSV and JSON hold its first sheet, XLSX
 * all of them and a 说明 sheet (facts: more [label, text] lines for it, e.g. the SQL).
 * @returns {Promise<string>} the file name
 */
export async function exportBundle(bundle, format, element) {
  const stamp = new Date().toISOString().slice(0, 10);
  const filename = `nianbao-${safeFileName(bundle.base ?? bundle.title)}-${stamp}.${format}`;
  const first = bundle.sheets[0];
  if (format === "csv") download(toCsv(first), filename);
  else if (format === "json") download(toJson(first.rows, first.columns.map((c) => c.key)), filename);
  else if (format === "xlsx") download(await toXlsx(bundle, pageContext(element)), filename);
  else throw new Error(`unknown export format: ${format}`);
  return filename;
}

const FORMAT_LABELS = {csv: "CSV", xlsx: "XLSX", json: "JSON"};
const FORMAT_TITLES = {
  csv: "CSV（UTF-8 带 BOM，Excel 可直接打开）：中文列名，第二行为字段名",
  xlsx: "Excel 工作簿：数据表与“说明”表（筛选条件、字段说明）",
  json: "JSON：字段名与原始取值，供程序读取"
};

/**
 * Export buttons: `getBundle()` (may be async) gives {title, sheets, base?} at click time.
 * @param {{name: string, label?: string, formats?: string[], disabled?: boolean, className?: string}} options
 */
export function exportButtons(getBundle, {name, label = "导出：", formats = ["csv", "xlsx"], disabled = false, className = "export-bar"} = {}) {
  const status = html`<span class="export-status" role="status"></span>`;
  const bar = html`<div class=${`toolbar ${className}`} data-export=${name}><span class="export-label">${label}</span></div>`;
  for (const format of formats) {
    const button = html`<button type="button" data-export-format=${format} title=${FORMAT_TITLES[format]} disabled=${disabled}>${FORMAT_LABELS[format]}</button>`;
    button.onclick = async () => {
      button.disabled = true;
      status.textContent = format === "xlsx" ? "正在生成…" : "";
      try {
        const bundle = await getBundle();
        const filename = await exportBundle(bundle, format, bar);
        status.textContent = `已下载 ${filename}`;
      } catch (error) {
        status.textContent = `导出失败：${error?.message ?? error}`;
      } finally {
        button.disabled = false;
      }
    };
    bar.append(button, " ");
  }
  bar.append(status);
  return bar;
}

/**
 * The export buttons of a chart's data: `data()` gives its sheets (chart-data.js) at click time;
 * the file is named after the heading the chart stands under.
 */
export function chartExport(name, data) {
  const bar = exportButtons(() => {
    const title = headingOf(bar) || name;
    return {title, sheets: data()};
  }, {name: `chart-${name}`, label: "图表数据："});
  return bar;
}
