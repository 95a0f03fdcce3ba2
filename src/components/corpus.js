// The corpus tables (members of src/data/corpus.zip.ts) in one place: every page gets its files
// from here, so a member is referenced only once and only members that exist are named.
//
// Small tables (reports, checks) are parsed in JS straight away (d3-dsv, ~0.1 s) so that the first
// chart never waits for DuckDB-WASM (whose wasm compile takes 2–3 s on an office PC); the large cell
// table goes through DuckDB (openCorpusDB), started at the top of the pages that need it.
import {FileAttachment} from "observablehq:stdlib";
import * as schema from "./reports-schema.js";
import {parseTypedCsv} from "./typed-csv.js";
import {overlayFindings, overlayQuality, overlayReports, prunePending, readPending} from "./review-state.js";

export const FILES = {
  reports: FileAttachment("../data/corpus/reports.csv"),
  cells: FileAttachment("../data/corpus/cells.csv"),
  checks: FileAttachment("../data/corpus/checks.csv"),
  evidence: FileAttachment("../data/corpus/evidence.csv"),
  categories: FileAttachment("../data/corpus/categories.csv"),
  similar_reports: FileAttachment("../data/corpus/similar_reports.csv"),
  coverage: FileAttachment("../data/corpus/coverage.csv"),
  quality: FileAttachment("../data/corpus/quality.csv"),
  findings: FileAttachment("../data/corpus/findings.csv"),
  decisions: FileAttachment("../data/corpus/decisions.csv"),
  corrections: FileAttachment("../data/corpus/corrections.csv"),
  corpus: FileAttachment("../data/corpus/corpus.json"),
  folder: FileAttachment("../data/folder.json")
};

/** Members of FILES that are not tables. */
const NOT_TABLES = new Set(["corpus", "folder"]);

/** Column types of each table (DuckDB names), for read_csv and for the JS parser. */
export const TABLE_TYPES = schema.TABLE_COLUMN_TYPES;

/** What the tables are, in Chinese (explore page, downloads). */
export const TABLE_INFO = {
  reports: {label: "报告表 reports", description: "每个输入文件一行：状态、地区、年份、模板、主要指标、核对失败数"},
  cells: {label: "表格单元格 cells", description: "表二、三、四的每个单元格一行：行列编号与名称、数值、原文、来源位置"},
  checks: {label: "核对结果 checks", description: "每条核对规则的结果（含跨报告规则）：通过、未通过（期望值与实际值）、提示或跳过"},
  evidence: {label: "正文数字 evidence", description: "从报告正文读出的每个数字：字段、数值、所在行与字符位置、原句"},
  categories: {label: "主动公开分类 categories", description: "报告正文列出的每个主动公开分类一行：原文名称、归入的分类、条数、是否约数"},
  similar_reports: {label: "内容雷同 similar_reports", description: "内容相似的报告对：相似度、共有文字、相同数字、复制方向"},
  coverage: {label: "覆盖情况 coverage", description: "名录中每个乡镇每年一行：有报告、缺失或重复"},
  quality: {label: "质量评分 quality", description: "每份报告和每个乡镇年度的质量分，每项扣分一行（规则、权重、说明）"},
  findings: {label: "核查事项 findings", description: "每个未通过或需核实的核对结果、每个缺失的年报一行，附核查结论（确认、排除、已整改）"},
  decisions: {label: "核查记录 decisions", description: "核查记录.csv 的每一行及其状态：已采用、报告已更新需重新核查、事项已不存在、被更晚的记录取代"},
  corrections: {label: "更正记录 corrections", description: "更正记录.csv 的每一行：更正项、原值与原来源、更正值、原因、更正人、日期、是否已应用"}
};

/**
 * {root, demo, files, problem} of the reports folder shown (data/folder.json, made without parsing,
 * so it arrives while the tables are still being made): `problem` is {code, message, hint} in
 * Chinese when the folder is missing, not a folder, unreadable or empty.
 */
export function loadCorpusInfo() {
  return FILES.folder.json();
}

/**
 * What the parse found (data/corpus/corpus.json): the folder's fields, `statuses` (files per parse
 * status) and `problem`, which is also set when no file could be read as a report.
 */
export function loadParseInfo() {
  return FILES.corpus.json();
}

/** Parses a table's CSV in JS with its declared types: empty → null, numbers, booleans. The review's
 * decisions made in this browser and not yet built (review-state.js) are laid over the findings,
 * the quality scores and n_checks_failed, so they take effect at once on every page. */
export async function loadTable(name) {
  const rows = await loadBuiltTable(name);
  if (!OVERLAID.has(name)) return rows;
  const {pendingDecisions} = await pendingReview();
  if (!pendingDecisions.length) return rows;
  const built = name === "findings" ? rows : await loadBuiltTable("findings");
  const findings = overlayFindings(built, pendingDecisions);
  if (name === "findings") return findings;
  return name === "quality" ? overlayQuality(rows, findings) : overlayReports(rows, built, findings);
}

export {parseTypedCsv};

const OVERLAID = new Set(["findings", "quality", "reports"]);

/** A table exactly as the build wrote it. */
export async function loadBuiltTable(name) {
  return parseTypedCsv(await FILES[name].text(), TABLE_TYPES[name] ?? {});
}

let pendingPromise;
/** The folder's root and the pending rows not yet in the build (pruned of those the build has read). */
export function pendingReview() {
  return (pendingPromise ??= (async () => {
    const root = (await loadCorpusInfo())?.root ?? "";
    const saved = readPending(root);
    if (!saved.decisions.length && !saved.corrections.length) return {root, pendingDecisions: [], pendingCorrections: []};
    const [decisions, corrections] = await Promise.all([loadBuiltTable("decisions"), loadBuiltTable("corrections")]);
    const kept = prunePending(root, {decisions, corrections});
    return {root, pendingDecisions: kept.decisions, pendingCorrections: kept.corrections};
  })());
}

/** After a decision is made on this page: read the browser's rows again. */
export function resetPendingReview() {
  pendingPromise = undefined;
}

/**
 * Opens the page's one DuckDB-WASM instance with the named tables (e.g. ["reports", "cells"]).
 * Returns a promise of {query, close}; see db.js.
 */
export async function openCorpusDB(names) {
  // imported on demand: pages that never query (总览, 数据质量, 报告详情) do not load the DuckDB
  // and Arrow JS at all
  const {openDuckDB} = await import("./db.js");
  const db = await openDuckDB(tableSpecs(names));
  return {
    ...db,
    /** Loads the corpus tables a SQL text names (e.g. cells only when a query uses it). */
    async ensureTablesFor(sql) {
      const named = Object.keys(FILES).filter((name) => !NOT_TABLES.has(name) && new RegExp(`\\b${name}\\b`, "i").test(sql));
      await db.addTables(tableSpecs(named));
    }
  };
}

function tableSpecs(names) {
  return Object.fromEntries(names.map((name) => [name, {file: FILES[name], types: TABLE_TYPES[name]}]));
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

/**
 * The rows of one report from a table whose rows are grouped by report (cells, checks: the loader
 * writes each report's rows together), without parsing the whole file: only the block between the
 * first and the last line starting with the id is parsed (~5 ms instead of ~0.4 s for cells.csv).
 */
export async function loadReportRows(name, reportId) {
  const text = (await FILES[name].text()).replace(/^\uFEFF/, "");
  const headerEnd = text.indexOf("\n");
  const needle = `\n${reportId},`;
  const first = text.indexOf(needle, headerEnd - 1);
  if (!reportId || first < 0) return [];
  const last = text.lastIndexOf(needle);
  const lineEnd = text.indexOf("\n", last + 1);
  const block = text.slice(0, headerEnd + 1) + text.slice(first + 1, lineEnd < 0 ? text.length : lineEnd + 1);
  return parseTypedCsv(block, TABLE_TYPES[name] ?? {}).filter((row) => row.report_id === reportId);
}
