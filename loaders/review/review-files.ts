// The supervisor's two plain files, kept in the reports folder beside the reports:
//   核查记录.csv  one row per decision on a finding (确认 / 排除 / 已整改), appended, never rewritten:
//                 the file is its own audit trail; for each finding the last row counts.
//   更正记录.csv  one row per correction of a value (a cell, a total, a date, the township); the last
//                 row for a report's value counts.
// UTF-8 with a byte-order mark (Excel on Chinese Windows), a Chinese header row; English field names
// are accepted as headers too. The columns are defined once here; the site receives them through
// schema.json (loaders/output/site-schema.ts) to write the same files from the browser.
// They are opened in Excel: formula-like text is written with a leading apostrophe and read back
// without it (loaders/output/formula.ts), so a note "=SUM…" round-trips and never runs.
import Papa from "papaparse";
import { prefixFormula, unprefixFormula } from "../output/formula.ts";

export const DECISIONS_FILE = "核查记录.csv";
export const CORRECTIONS_FILE = "更正记录.csv";

/** [field, Chinese header] in file order. */
export const DECISION_COLUMNS = [
  ["finding_id", "核查编号"],
  ["report_id", "报告编号"],
  ["file", "文件"],
  ["township", "乡镇"],
  ["year", "年度"],
  ["rule", "规则"],
  ["decision", "结论"],
  ["note", "原因或说明"],
  ["by", "核查人"],
  ["date", "日期"],
] as const;

export const CORRECTION_COLUMNS = [
  ["report_id", "报告编号"],
  ["content_hash", "内容指纹"],
  ["file", "文件"],
  ["township", "乡镇"],
  ["year", "年度"],
  ["target", "更正项"],
  ["original", "原值"],
  ["value", "更正值"],
  ["reason", "原因"],
  ["by", "更正人"],
  ["date", "日期"],
] as const;

export type Decision = "confirmed" | "dismissed" | "fixed";

/** The decisions' words: the file's (short) word, and the page's. */
export const DECISION_WORDS: Record<Decision, { word: string; label: string }> = {
  confirmed: { word: "确认", label: "确认（需整改）" },
  dismissed: { word: "排除", label: "排除（误报）" },
  fixed: { word: "已整改", label: "已整改" },
};

export interface DecisionRow {
  finding_id: string;
  report_id: string;
  file: string;
  township: string;
  year: string;
  rule: string;
  decision: Decision;
  note: string;
  by: string;
  date: string;
  /** Where it was read: file and line (for messages). */
  at: string;
}

export interface CorrectionRow {
  report_id: string;
  content_hash: string;
  file: string;
  township: string;
  year: string;
  target: string;
  original: string;
  /** The corrected value as written; empty: the value is unknown (cleared). */
  value: string;
  reason: string;
  by: string;
  date: string;
  at: string;
}

/** A row that could not be used, with why (in Chinese). */
export interface ReviewFileProblem {
  at: string;
  message: string;
}

function decisionOf(word: string): Decision | null {
  const w = word.trim().replace(/[（(].*$/, "");
  for (const [d, { word: short }] of Object.entries(DECISION_WORDS) as [Decision, { word: string }][]) {
    if (w === short || w === d) return d;
  }
  return null;
}

/** Rows of a review file as objects keyed by field name (Chinese or English headers). */
function readRows(text: string, columns: readonly (readonly [string, string])[], file: string) {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header = [], ...rows] = parsed.data;
  const byHeader = new Map<string, string>();
  for (const [field, label] of columns) {
    byHeader.set(field, field);
    byHeader.set(label, field);
  }
  const fields = header.map((h) => byHeader.get(h.trim()) ?? null);
  const missing = columns.filter(([field]) => !fields.includes(field)).map(([, label]) => label);
  return {
    missing,
    rows: rows.map((cells, i) => {
      const row: Record<string, string> = { at: `${file} 第 ${i + 2} 行` };
      for (const [field] of columns) row[field] = "";
      fields.forEach((f, j) => f && (row[f] = unprefixFormula((cells[j] ?? "").trim())));
      return row;
    }),
  };
}

const REQUIRED_DECISION_FIELDS = ["finding_id", "decision"];
const REQUIRED_CORRECTION_FIELDS = ["target"];

export function parseDecisionsCsv(text: string, file = DECISIONS_FILE): { rows: DecisionRow[]; problems: ReviewFileProblem[] } {
  const { rows, missing } = readRows(text, DECISION_COLUMNS, file);
  const problems: ReviewFileProblem[] = [];
  const labels = Object.fromEntries(DECISION_COLUMNS);
  const absent = REQUIRED_DECISION_FIELDS.filter((f) => missing.includes(labels[f as keyof typeof labels]));
  if (absent.length) return { rows: [], problems: [{ at: file, message: `${file} 缺少列：${absent.map((f) => labels[f as keyof typeof labels]).join("、")}（第一行应是列名）` }] };
  const out: DecisionRow[] = [];
  for (const r of rows) {
    const decision = decisionOf(r.decision);
    if (!r.finding_id) problems.push({ at: r.at, message: `${r.at}：没有核查编号，这一行未采用` });
    else if (!decision) problems.push({ at: r.at, message: `${r.at}：结论“${r.decision}”无法识别（应为 确认、排除 或 已整改），这一行未采用` });
    else out.push({ ...(r as unknown as DecisionRow), decision });
  }
  return { rows: out, problems };
}

export function parseCorrectionsCsv(text: string, file = CORRECTIONS_FILE): { rows: CorrectionRow[]; problems: ReviewFileProblem[] } {
  const { rows, missing } = readRows(text, CORRECTION_COLUMNS, file);
  const labels = Object.fromEntries(CORRECTION_COLUMNS);
  const absent = REQUIRED_CORRECTION_FIELDS.filter((f) => missing.includes(labels[f as keyof typeof labels]));
  if (absent.length) return { rows: [], problems: [{ at: file, message: `${file} 缺少列：${absent.map((f) => labels[f as keyof typeof labels]).join("、")}（第一行应是列名）` }] };
  const problems: ReviewFileProblem[] = [];
  const out: CorrectionRow[] = [];
  for (const r of rows) {
    if (!r.report_id && !r.content_hash && !r.file) problems.push({ at: r.at, message: `${r.at}：没有报告编号、内容指纹或文件名，不知道更正哪份报告，这一行未采用` });
    else if (!r.target) problems.push({ at: r.at, message: `${r.at}：没有写更正项，这一行未采用` });
    else out.push(r as unknown as CorrectionRow);
  }
  return { rows: out, problems };
}

function serialise(columns: readonly (readonly [string, string])[], rows: Record<string, unknown>[]): string {
  const data = rows.map((r) => columns.map(([field]) => (r[field] === null || r[field] === undefined ? "" : prefixFormula(String(r[field])))));
  return "\uFEFF" + Papa.unparse({ fields: columns.map(([, label]) => label), data }, { newline: "\r\n" }) + "\r\n";
}

/** The file's text for these rows (the decision written as its short word). */
export function decisionsCsv(rows: Omit<DecisionRow, "at">[]): string {
  return serialise(DECISION_COLUMNS, rows.map((r) => ({ ...r, decision: DECISION_WORDS[r.decision].word })));
}

export function correctionsCsv(rows: Omit<CorrectionRow, "at">[]): string {
  return serialise(CORRECTION_COLUMNS, rows);
}

/** True for the review files' names: the folder's listing must not take them for reports. */
export function isReviewFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? "";
  return name === DECISIONS_FILE || name === CORRECTIONS_FILE;
}
