// Corrections (更正记录.csv) applied to parsed records, after parsing and before any check: the
// report's own rules run again on the corrected cells and the rules across reports see the
// corrected values. The original value and source stay in the correction's row (corrections.csv);
// the corrected cell's `source` says who corrected it, when and why, and what it was.
//
// A correction names its report by content hash (survives renames), else by report id or file.
// When the report's bytes changed since (the hash differs), the correction is not applied: the
// report says so in a warning (报告已更新，需重新核查) and the row's state is `stale`.
import type { Check, ReportRecord, TableId } from "../types.ts";
import { reportId } from "../output/report-id.ts";
import { runChecks } from "../checks/run-checks.ts";
import { tableSummary } from "../template/summary.ts";
import { templates } from "../templates/index.ts";
import type { CorrectionRow } from "./review-files.ts";

/** Report fields a correction may set, with their Chinese names (accepted as targets too). */
export const CORRECTABLE_FIELDS = {
  township: { label: "乡镇", kind: "text" },
  county: { label: "县区", kind: "text" },
  year: { label: "年度", kind: "year" },
  published_on: { label: "发布日期", kind: "date" },
  active_total: { label: "主动公开总数", kind: "number" },
  requests_new_total: { label: "本年新收申请", kind: "number" },
  requests_carried_total: { label: "上年结转申请", kind: "number" },
  requests_handled_total: { label: "办理结果总计", kind: "number" },
  requests_forward_total: { label: "结转下年度", kind: "number" },
  review_total: { label: "行政复议总计", kind: "number" },
  litigation_total: { label: "行政诉讼总计", kind: "number" },
  fees: { label: "收费金额", kind: "number" },
} as const;
type Field = keyof typeof CORRECTABLE_FIELDS;

export type CorrectionState = "applied" | "stale" | "not-found" | "invalid" | "superseded";

/** One row of corrections.csv: a correction as read, what it did, and the value it replaced. */
export interface CorrectionResult {
  report_id: string;
  content_hash: string;
  file: string;
  target: string;
  target_label: string;
  original_value: string | null;
  original_source: string | null;
  value: string | null;
  reason: string;
  by: string;
  date: string;
  state: CorrectionState;
  message: string;
}

export const CORRECTION_RESULT_COLUMNS = [
  "report_id", "content_hash", "file", "target", "target_label", "original_value", "original_source", "value",
  "reason", "by", "date", "state", "message",
] as const;

const CELL_TARGET = /^(t[234])\.([^.\s]+)\.([^.\s]+)$/;

function fieldOf(target: string): Field | null {
  for (const [f, d] of Object.entries(CORRECTABLE_FIELDS) as [Field, { label: string }][]) if (target === f || target === d.label) return f;
  return null;
}

/** A date as ISO (2025-01-31), from 2025-1-31, 2025/1/31 or 2025年1月31日; null when it is none. */
export function isoDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function numberOf(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const n = Number(text.replace(/[,，\s]/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** The label of a template cell, for cells the parser did not read (a correction may add one). */
function templateCell(template: string, table: string, row: string, col: string): { row_label: string; col_label: string } | null {
  const t = templates.find((x) => x.id === template)?.tables.find((x) => x.id === table);
  for (const b of t?.blocks ?? []) {
    const r = b.rows.find((x) => x.id === row);
    const c = b.columns.find((x) => x.id === col);
    if (r && c) return { row_label: r.label, col_label: c.label };
  }
  return null;
}

function sourceNote(c: CorrectionRow, was: string | null, wasSource: string | null): string {
  const who = [c.by || "未署名", c.date || "日期未填"].join("，");
  return `更正（${who}${c.reason ? `：${c.reason}` : ""}）；原值 ${was ?? "空"}${wasSource ? `，原来源 ${wasSource}` : ""}`;
}

/** Applies one correction to the record; returns the result row (the record is changed in place). */
function applyOne(r: ReportRecord, c: CorrectionRow, base: Omit<CorrectionResult, "target_label" | "original_value" | "original_source" | "value" | "state" | "message">): CorrectionResult & { cellChanged: boolean } {
  const result = (state: CorrectionState, message: string, extra: Partial<CorrectionResult> = {}) =>
    ({ ...base, target_label: c.target, original_value: null, original_source: null, value: c.value || null, state, message, cellChanged: false, ...extra });
  const cell = CELL_TARGET.exec(c.target);
  if (cell) {
    const [, table, row, col] = cell;
    const value = numberOf(c.value);
    if (value === undefined) return result("invalid", `更正值“${c.value}”不是数字`);
    let target = r.cells.find((x) => x.table === table && x.row === row && x.col === col);
    const labels = target ?? templateCell(r.template, table, row, col);
    if (!labels) return result("invalid", `本报告的模板（${r.template}）没有单元格 ${c.target}`);
    const label = `${labels.row_label} / ${labels.col_label}`;
    const was = target ? (target.value === null ? null : String(target.value)) : null;
    const wasSource = target?.source ?? null;
    if (!target) {
      target = { table: table as TableId, row, col, row_label: labels.row_label, col_label: labels.col_label, value: null, raw: "", unit: null, source: "" };
      r.cells.push(target);
    }
    target.value = value;
    target.source = sourceNote(c, was, wasSource);
    return { ...result("applied", `${label}：${was ?? "空"} → ${value ?? "空"}`, { target_label: label, original_value: was, original_source: wasSource, value: value === null ? null : String(value) }), cellChanged: true };
  }
  const field = fieldOf(c.target);
  if (!field) return result("invalid", `更正项“${c.target}”无法识别：应为单元格编号（如 t3.new.total）或 ${Object.values(CORRECTABLE_FIELDS).map((d) => d.label).join("、")}`);
  const { label, kind } = CORRECTABLE_FIELDS[field];
  const was = r[field] === null || r[field] === undefined ? null : String(r[field]);
  const wasSource = r.identity_sources?.[field] ?? null;
  let value: string | number | null;
  if (kind === "date") {
    value = c.value.trim() === "" ? null : isoDate(c.value);
    if (value === null && c.value.trim() !== "") return result("invalid", `更正值“${c.value}”不是日期（应写作 2025-01-31）`);
  } else if (kind === "year") {
    value = numberOf(c.value) ?? null;
    if (value !== null && !(Number.isInteger(value) && value >= 2000 && value <= 2100)) return result("invalid", `更正值“${c.value}”不是年度`);
  } else if (kind === "number") {
    const n = numberOf(c.value);
    if (n === undefined) return result("invalid", `更正值“${c.value}”不是数字`);
    value = n;
  } else value = c.value.trim() || null;
  (r as unknown as Record<string, unknown>)[field] = value;
  if (field === "township" && r.level === "township") r.unit = value as string | null;
  r.identity_sources = { ...r.identity_sources, [field]: sourceNote(c, was, wasSource) };
  return { ...result("applied", `${label}：${was ?? "空"} → ${value ?? "空"}`, { target_label: label, original_value: was, original_source: wasSource, value: value === null ? null : String(value) }) };
}

/** The report's own rules again, on its corrected cells: the table rules' rows are replaced, the
 * rows of rules that need the parse itself (tables present, digits split) are kept. */
function recheck(r: ReportRecord): void {
  const fresh = runChecks({ template: r.template, year: r.year, township: r.township, cells: r.cells, tableState: null });
  const rules = new Set(fresh.map((c) => c.rule));
  const kept: Check[] = r.checks.filter((c) => !rules.has(c.rule));
  r.checks = [...fresh, ...kept];
}

/**
 * Applies the corrections to the records (in place) and returns one result row per correction.
 * `hashes`: each record's content hash (same order). For a report and target the last row counts;
 * earlier rows are kept as `superseded`.
 */
export function applyCorrections(records: ReportRecord[], hashes: readonly (string | null)[], corrections: CorrectionRow[]): CorrectionResult[] {
  const byHash = new Map<string, number[]>();
  const byId = new Map<string, number>();
  const byFile = new Map<string, number>();
  records.forEach((r, i) => {
    const h = hashes[i];
    if (h) (byHash.get(h) ?? byHash.set(h, []).get(h)!).push(i);
    byId.set(reportId(r.file), i);
    byFile.set(r.file, i);
  });
  // The last row for a report's target wins.
  const last = new Map<string, number>();
  corrections.forEach((c, i) => last.set(`${c.content_hash || c.report_id || c.file}\u0000${c.target}`, i));
  const results: CorrectionResult[] = [];
  const touched = new Set<number>();
  const cellsTouched = new Set<number>();
  const stale = new Map<number, number>();
  corrections.forEach((c, i) => {
    const base = { report_id: c.report_id, content_hash: c.content_hash, file: c.file, target: c.target, reason: c.reason, by: c.by, date: c.date };
    const none = (state: CorrectionState, message: string): CorrectionResult =>
      ({ ...base, target_label: c.target, original_value: c.original || null, original_source: null, value: c.value || null, state, message });
    if (last.get(`${c.content_hash || c.report_id || c.file}\u0000${c.target}`) !== i) return results.push(none("superseded", "同一报告同一项有更晚的更正"));
    const sameBytes = c.content_hash ? byHash.get(c.content_hash) : undefined;
    const named = byId.get(c.report_id) ?? byFile.get(c.file);
    let targets: number[];
    if (sameBytes) targets = sameBytes;
    else if (named !== undefined && !c.content_hash) targets = [named];
    else if (named !== undefined) {
      stale.set(named, (stale.get(named) ?? 0) + 1);
      return results.push({ ...none("stale", "报告已更新，需重新核查：报告内容已改变，这项更正未应用"), report_id: reportId(records[named].file), file: records[named].file });
    } else return results.push(none("not-found", "找不到这份报告（编号、内容指纹和文件名都不匹配），这项更正未应用"));
    for (const t of targets) {
      const r = records[t];
      const out = applyOne(r, c, { ...base, report_id: reportId(r.file), content_hash: hashes[t] ?? c.content_hash, file: r.file });
      const { cellChanged, ...row } = out;
      results.push(row);
      if (row.state === "applied") touched.add(t);
      if (cellChanged) cellsTouched.add(t);
    }
  });
  for (const t of touched) {
    const r = records[t];
    if (cellsTouched.has(t)) {
      // headline figures follow their cells; a figure whose cell is absent keeps its value
      for (const [k, v] of Object.entries(tableSummary(r.cells))) if (v !== null) (r as unknown as Record<string, unknown>)[k] = v;
    }
    // field corrections after the headline figures: a corrected total wins over its cell
    for (const c of results) {
      if (c.state !== "applied" || c.report_id !== reportId(r.file)) continue;
      const f = fieldOf(c.target);
      if (f && CORRECTABLE_FIELDS[f].kind === "number") (r as unknown as Record<string, unknown>)[f] = c.value === null ? null : Number(c.value);
    }
    recheck(r);
  }
  for (const [t, n] of stale) records[t].warnings.push(`更正记录中有 ${n} 项更正未应用：报告已更新（内容已改变），需重新核查`);
  return results;
}

