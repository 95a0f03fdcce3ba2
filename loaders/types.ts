// Shared record types: the CLI's JSON contract (README "CLI") and the tidy tables built from it.

export type Status = "ok" | "partial" | "error" | "unsupported" | "needs-ocr";
export type TemplateId = "free-text-2008" | "template-2019" | "template-2021" | "unknown";
export type TableId = "t2" | "t3" | "t4";
/** The level of the unit a report is about (the contract's `level`), in this order everywhere. */
export const LEVELS = ["township", "county", "city", "province", "department"] as const;
export type Level = (typeof LEVELS)[number];
/** The levels' names in the warnings, the CLI's summary lines and the site. */
export const LEVEL_LABELS: Record<Level, string> = {
  township: "乡镇/街道", county: "县区", city: "地市", province: "省", department: "部门",
};

/** One cell of an official table, long format. `source` says where it came from (provenance). */
export interface Cell {
  table: TableId;
  row: string;
  col: string;
  row_label: string;
  col_label: string;
  value: number | null;
  raw: string;
  unit: string | null;
  source: string;
}

export interface Check {
  rule: string;
  status: "pass" | "fail" | "skip";
  message: string;
  /** checks.csv only (not in the CLI's JSON): the numbers compared and the cells involved. */
  expected?: number | null;
  actual?: number | null;
  cells?: string[];
}

export interface ActiveCategory {
  label: string;
  category: string;
  count: number;
  approx: boolean;
}

/** One parsed input file: exactly the fields of the CLI contract, unknown values null. */
export interface ReportRecord {
  file: string;
  status: Status;
  error: string | null;
  township: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  year: number | null;
  published_on: string | null;
  template: TemplateId;
  active_total: number | null;
  active_total_approx: boolean | null;
  active_categories: ActiveCategory[];
  requests_new_total: number | null;
  requests_carried_total: number | null;
  requests_handled_total: number | null;
  requests_forward_total: number | null;
  review_total: number | null;
  litigation_total: number | null;
  fees: number | null;
  cells: Cell[];
  checks: Check[];
  warnings: string[];
  /**
   * The level of the unit the report is about: township (乡镇/街道), county (县区: 区, 县, 县级市, 旗,
   * county-level zones), city (地市), province (省, 自治区, 直辖市), department (部门); null when unknown.
   * Appended after `warnings` so that the earlier fields keep their order and position.
   */
  level: Level | null;
  /** The unit: the township; a county's, city's or province's name (洪泽区, 淮安市); a department's name (上海市科委). */
  unit: string | null;
  /** Not in the CLI contract (REPORT_FIELDS): the first 16 hex digits of the SHA-256 of the file's bytes
   * (reports.csv `content_hash`): what the review files (核查记录.csv, 更正记录.csv) key a report by. */
  content_hash?: string | null;
  /** Not in the CLI contract (REPORT_FIELDS): the official 统计用区划代码 (reports.csv `code`). */
  code?: string | null;
  /** Not in the CLI contract (REPORT_FIELDS): where the identity came from (title, places file, the deciding clue…). */
  identity_sources?: Record<string, string | null>;
  /** Not in the CLI contract (REPORT_FIELDS): some or all of the text was read from page images by OCR (reports.csv `ocr`). */
  ocr?: boolean;
  /** Not in the CLI contract (REPORT_FIELDS): where each number read from prose stands (evidence.csv). */
  evidence?: Evidence[];
}

/** The source of a number read from prose: line (1-based) and characters start..end of that line (1-based, inclusive). */
export interface Evidence {
  field: string;
  value: number;
  line: number;
  start: number;
  end: number;
  snippet: string;
  /** PDF only: the page the line stands on. */
  page?: number;
}

/** Field order of the contract; the JSON output and reports.csv follow it. */
export const REPORT_FIELDS = [
  "file", "status", "error", "township", "county", "city", "province", "year", "published_on",
  "template", "active_total", "active_total_approx", "active_categories", "requests_new_total",
  "requests_carried_total", "requests_handled_total", "requests_forward_total", "review_total",
  "litigation_total", "fees", "cells", "checks", "warnings", "level", "unit",
] as const satisfies readonly (keyof ReportRecord)[];
