// Export of a result (the rows the user sees, in their order) as CSV, XLSX or JSON, in the browser.
//  - CSV: UTF-8 with a byte-order mark, so that Excel on Chinese Windows reads it as UTF-8 rather
//    than GBK; RFC 4180 quoting (d3-dsv); empty for missing values.
//  - XLSX: a minimal Office Open XML workbook (one sheet, inline strings, numbers as numbers), zipped
//    with fflate; no formulas are ever written, so report text cannot become a formula.
//  - JSON: an array of objects, one per row, with the columns in order.
import * as d3 from "npm:d3";
import {zipSync, strToU8} from "npm:fflate";

export const BOM = "\uFEFF";

/** Plain value for export: null for missing, numbers and booleans kept, dates as ISO strings. */
function cellValue(value) {
  if (value == null || (typeof value === "number" && Number.isNaN(value))) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Column names of a result: the given ones, or the keys of the first row. */
export function columnsOf(rows, columns) {
  return columns ?? (rows.length ? Object.keys(rows[0]) : []);
}

export function toCsv(rows, columns) {
  const cols = columnsOf(rows, columns);
  const body = d3.csvFormatRows([cols, ...rows.map((r) => cols.map((c) => {
    const v = cellValue(r[c]);
    return v == null ? "" : String(v);
  }))]);
  return `${BOM}${body}\r\n`;
}

export function toJson(rows, columns) {
  const cols = columnsOf(rows, columns);
  return JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c) => [c, cellValue(r[c])]))), null, 1) + "\n";
}

// XML 1.0 forbids most control characters; Excel refuses a sheet containing them.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const MAX_CELL_CHARS = 32767; // Excel's limit per cell

function xmlEscape(text) {
  return String(text)
    .replace(INVALID_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index) {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function xlsxCell(value, ref) {
  const v = cellValue(value);
  if (v == null) return "";
  if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = String(v).slice(0, MAX_CELL_CHARS);
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

/** The bytes of an .xlsx file with one sheet: a header row and the rows. */
export function toXlsx(rows, columns, sheetName = "数据") {
  const cols = columnsOf(rows, columns);
  const sheetRows = [cols.map((c, i) => xlsxCell(String(c), `${columnLetter(i)}1`)).join("")];
  rows.forEach((r, j) => sheetRows.push(cols.map((c, i) => xlsxCell(r[c], `${columnLetter(i)}${j + 2}`)).join("")));
  const lastRef = `${columnLetter(Math.max(0, cols.length - 1))}${rows.length + 1}`;
  const sheet =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<dimension ref="A1:${lastRef}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetData>${sheetRows.map((cells, i) => `<row r="${i + 1}">${cells}</row>`).join("")}</sheetData>` +
    `</worksheet>`;
  // sheet names: at most 31 characters, none of []:*?/\
  const safeName = xmlEscape(String(sheetName).replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1");
  const files = {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `</Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
      `</Relationships>`,
    "xl/workbook.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<sheets><sheet name="${safeName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
      `</Relationships>`,
    "xl/worksheets/sheet1.xml": sheet
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, strToU8(xml)])), {level: 6});
}

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

/** Exports rows in one of the formats; `base` names the file (e.g. "nianbao-查询结果"). */
export function exportRows(rows, columns, format, base) {
  const stamp = new Date().toISOString().slice(0, 10);
  const filename = `${base}-${stamp}.${format}`;
  if (format === "csv") download(toCsv(rows, columns), filename);
  else if (format === "json") download(toJson(rows, columns), filename);
  else if (format === "xlsx") download(toXlsx(rows, columns, base.replace(/^nianbao-/, "")), filename);
  else throw new Error(`unknown export format: ${format}`);
  return filename;
}
