// The corpus tables (members of src/data/corpus.zip.ts) in one place: every page gets its files
// from here, so a member is referenced only once and only members that exist are named.
//
// Small tables (reports, checks) are parsed in JS straight away (d3-dsv, ~0.1 s) so that the first
// chart never waits for DuckDB-WASM (whose wasm compile takes 2–3 s on an office PC); the large cell
// table goes through DuckDB (openCorpusDB), started at the top of the pages that need it.
import * as d3 from "npm:d3";
import {FileAttachment} from "observablehq:stdlib";
import {openDuckDB} from "./db.js";
import {CELLS_COLUMN_TYPES, CHECKS_COLUMN_TYPES, REPORTS_COLUMN_TYPES} from "./reports-schema.js";

export const FILES = {
  reports: FileAttachment("../data/corpus/reports.csv"),
  cells: FileAttachment("../data/corpus/cells.csv"),
  checks: FileAttachment("../data/corpus/checks.csv"),
  corpus: FileAttachment("../data/corpus/corpus.json")
};

/** Column types of each table (DuckDB names), for read_csv and for the JS parser. */
export const TABLE_TYPES = {
  reports: REPORTS_COLUMN_TYPES,
  cells: CELLS_COLUMN_TYPES,
  checks: CHECKS_COLUMN_TYPES
};

/** What the tables are, in Chinese (explore page, downloads). */
export const TABLE_INFO = {
  reports: {label: "报告表 reports", description: "每个输入文件一行：状态、地区、年份、模板、主要指标、核对失败数"},
  cells: {label: "表格单元格 cells", description: "表二、三、四的每个单元格一行：行列编号与名称、数值、原文、来源位置"},
  checks: {label: "核对结果 checks", description: "每条核对规则的结果：通过、失败（期望值与实际值）或跳过"}
};

/** {root, demo, files} of the parsed folder. */
export function loadCorpusInfo() {
  return FILES.corpus.json();
}

/** Parses a table's CSV in JS with its declared types: empty → null, numbers, booleans. */
export async function loadTable(name) {
  const text = await FILES[name].text();
  return parseTypedCsv(text, TABLE_TYPES[name] ?? {});
}

export function parseTypedCsv(text, types) {
  const convert = Object.fromEntries(Object.entries(types).map(([column, type]) => [column, converter(type)]));
  return d3.csvParse(text.replace(/^\uFEFF/, ""), (row) => {
    for (const key in row) {
      const value = row[key];
      row[key] = value === "" ? null : convert[key] ? convert[key](value) : value;
    }
    return row;
  });
}

function converter(type) {
  switch (type) {
    case "INTEGER":
    case "BIGINT":
    case "DOUBLE":
      return (v) => {
        const n = Number(v);
        return Number.isNaN(n) ? null : n;
      };
    case "BOOLEAN":
      return (v) => (/^(true|1)$/i.test(v) ? true : /^(false|0)$/i.test(v) ? false : null);
    default:
      return undefined;
  }
}

/**
 * Opens the page's one DuckDB-WASM instance with the named tables (e.g. ["reports", "cells"]).
 * Returns a promise of {query, close}; see db.js.
 */
export function openCorpusDB(names) {
  return openDuckDB(Object.fromEntries(names.map((name) => [name, {file: FILES[name], types: TABLE_TYPES[name]}])));
}

/**
 * The page's DuckDB, started on first use (or when the browser is idle after the first charts,
 * see `warmUp`), so pages whose first view needs no SQL do not wait for the wasm compile.
 * Hold the returned object in a cell: Framework would await a bare promise.
 */
export function lazyCorpusDB(names) {
  let promise;
  const get = () => (promise ??= openCorpusDB(names));
  return {
    get,
    /** Starts loading once the main thread is idle (after the first charts are drawn). */
    warmUp() {
      const start = () => get().catch(() => {});
      if (typeof requestIdleCallback === "function") requestIdleCallback(start, {timeout: 1500});
      else setTimeout(start, 300);
    },
    query: async (sql) => (await get()).query(sql)
  };
}
