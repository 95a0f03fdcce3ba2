// The three real PDF reports in ../shared/real-reports through the whole pipeline (read → template
// tables → rules), cell by cell. The numbers were checked against the pages rendered with pdftoppm
// (淮安 2024 pp. 3–5, 洪泽区 2023 pp. 2–4, 洪泽区 2024 pp. 2–4); the files are never copied here.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseReportAsync } from "../loaders/parse-report.ts";
import type { ReportRecord } from "../loaders/types.ts";

const REAL = join(import.meta.dirname, "..", "..", "shared", "real-reports");
const present = existsSync(REAL);
if (!present) console.warn(`[real-reports] ${REAL} is absent: the pipeline tests on real reports are skipped`);
const parse = (name: string) => parseReportAsync(name, new Uint8Array(readFileSync(join(REAL, name))));

const T3_COLS = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"];
const T4_COLS = ["upheld", "corrected", "other", "pending", "total"];
const T3_ROWS_2021 = [
  "new", "carried", "granted", "partial", "refused_secret", "refused_law", "refused_safety", "refused_third_party",
  "refused_internal", "refused_process", "refused_enforcement", "refused_query", "unable_no_info", "unable_needs_creation",
  "unable_unclear", "declined_complaint", "declined_repeat", "declined_publication", "declined_mass", "declined_confirm",
];
const z = [0, 0, 0, 0, 0, 0, 0];

function values(r: ReportRecord, table: string, row: string, cols: string[]) {
  return cols.map((col) => r.cells.find((c) => c.table === table && c.row === row && c.col === col)?.value ?? null);
}
function table3(r: ReportRecord, rows: string[]) {
  return Object.fromEntries(rows.map((row) => [row, values(r, "t3", row, T3_COLS)]));
}

describe.skipIf(!present)("淮安市人民政府 2024", async () => {
  const r = present ? await parse("huaian-city-2024.pdf") : (null as unknown as ReportRecord);

  it("is a 2021-template report for 2024", () => {
    expect(r).toMatchObject({ template: "template-2021", year: 2024 });
  });
  it("table 二, every cell", () => {
    expect(values(r, "t2", "rules", ["issued", "repealed", "in_force"])).toEqual([1, 0, 11]);
    expect(values(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([8, 26, 66]);
    expect(values(r, "t2", "licensing", ["decisions"])).toEqual([447228]);
    expect(values(r, "t2", "penalty", ["decisions"])).toEqual([3985758]);
    expect(values(r, "t2", "coercion", ["decisions"])).toEqual([88283]);
    expect(r.cells.find((c) => c.row === "admin_fees")).toMatchObject({ value: 96171.6, unit: "万元" });
  });
  it("table 三, every cell of all 25 rows", () => {
    expect(table3(r, [...T3_ROWS_2021, "other_no_correction", "other_no_fee", "other_other", "total", "carry_forward"])).toEqual({
      new: [3001, 53, 0, 0, 61, 4, 3119], carried: [34, 0, 0, 0, 0, 0, 34], granted: [1288, 21, 0, 0, 50, 3, 1362],
      partial: [447, 7, 0, 0, 0, 0, 454], refused_secret: [2, 0, 0, 0, 0, 0, 2], refused_law: [30, 1, 0, 0, 0, 0, 31],
      refused_safety: [5, 0, 0, 0, 0, 0, 5], refused_third_party: [6, 0, 0, 0, 0, 0, 6], refused_internal: [7, 1, 0, 0, 0, 0, 8],
      refused_process: [12, 0, 0, 0, 0, 0, 12], refused_enforcement: [9, 0, 0, 0, 0, 0, 9], refused_query: [105, 0, 0, 0, 0, 0, 105],
      unable_no_info: [746, 12, 0, 0, 10, 1, 769], unable_needs_creation: [11, 0, 0, 0, 0, 0, 11], unable_unclear: [1, 0, 0, 0, 0, 0, 1],
      declined_complaint: [56, 6, 0, 0, 0, 0, 62], declined_repeat: [25, 0, 0, 0, 0, 0, 25], declined_publication: z, declined_mass: z,
      declined_confirm: [1, 0, 0, 0, 0, 0, 1], other_no_correction: [67, 3, 0, 0, 1, 0, 71], other_no_fee: [6, 0, 0, 0, 0, 0, 6],
      other_other: [108, 2, 0, 0, 0, 0, 110], total: [2932, 53, 0, 0, 61, 4, 3050], carry_forward: [103, 0, 0, 0, 0, 0, 103],
    });
    expect(r).toMatchObject({ requests_new_total: 3119, requests_carried_total: 34, requests_handled_total: 3050, requests_forward_total: 103 });
  });
  it("table 四, with the page in each cell's provenance", () => {
    expect(values(r, "t4", "review", T4_COLS)).toEqual([72, 64, 178, 37, 351]);
    expect(values(r, "t4", "lit_direct", T4_COLS)).toEqual([13, 4, 8, 1, 26]);
    expect(values(r, "t4", "lit_after_review", T4_COLS)).toEqual([12, 1, 1, 6, 20]);
    expect(r).toMatchObject({ review_total: 351, litigation_total: 46 });
    expect(r.cells.find((c) => c.table === "t3" && c.row === "new" && c.col === "total")?.source).toMatch(/^pdf:p4:/);
  });
  it("reads the prose total as written: 政府网站主动公开…5500余条, a lower bound; the 规章/文件 highlights after it are no breakdown", () => {
    expect(r).toMatchObject({ active_total: 5500, active_total_approx: true, active_categories: [] });
  });
  it("passes every 勾稽 rule (only the approximate prose total is flagged), and the township-only 规章 rule does not apply to a city", () => {
    expect(r.checks.filter((c) => c.status === "fail").map((c) => c.rule)).toEqual(["approx_values"]);
    expect(r.checks.find((c) => c.rule === "t2_rules_township")?.status).toBe("skip");
  });
});

describe.skipIf(!present)("洪泽区人民政府 2023: one merged （六） row, table 四 inconsistent as published", async () => {
  const r = present ? await parse("hongze-district-2023.pdf") : (null as unknown as ReportRecord);

  it("reads table 三 with the merged （六） row and the label that lost characters (其他法律行政止公开)", () => {
    const rows = table3(r, [...T3_ROWS_2021, "other", "total", "carry_forward"]);
    expect(rows).toEqual({
      ...Object.fromEntries([...T3_ROWS_2021, "other", "total", "carry_forward"].map((k) => [k, z])),
      new: [21, 0, 0, 0, 0, 0, 21], partial: [4, 0, 0, 0, 0, 0, 4], refused_secret: [1, 0, 0, 0, 0, 0, 1],
      refused_process: [1, 0, 0, 0, 0, 0, 1], refused_enforcement: [1, 0, 0, 0, 0, 0, 1], unable_no_info: [10, 0, 0, 0, 0, 0, 10],
      unable_needs_creation: [3, 0, 0, 0, 0, 0, 3], declined_complaint: [1, 0, 0, 0, 0, 0, 1], total: [21, 0, 0, 0, 0, 0, 21],
    });
    expect(r.cells.some((c) => c.row === "other_other")).toBe(false);
  });
  it("keeps table 四 as published and flags both inconsistent blocks", () => {
    expect(values(r, "t4", "review", T4_COLS)).toEqual([10, 1, 0, 0, 0]);
    expect(values(r, "t4", "lit_after_review", T4_COLS)).toEqual([5, 0, 0, 0, 0]);
    const fails = r.checks.filter((c) => c.rule === "t4_sum" && c.status === "fail");
    expect(fails.map((c) => [c.expected, c.actual])).toEqual([[11, 0], [5, 0]]);
    expect(r.checks.filter((c) => c.status === "fail").map((c) => c.rule)).toEqual(["t4_sum", "t4_sum"]);
  });
  it("reads table 二", () => {
    expect(values(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([0, 5, 5]);
    expect(values(r, "t2", "licensing", ["decisions"])).toEqual([550]);
  });
});

describe.skipIf(!present)("洪泽区人民政府 2024", async () => {
  const r = present ? await parse("hongze-district-2024.pdf") : (null as unknown as ReportRecord);

  it("reads tables 二, 三 and 四", () => {
    expect(values(r, "t2", "licensing", ["decisions"])).toEqual([9487]);
    expect(values(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([3, 0, 8]);
    const rows = table3(r, ["new", "granted", "partial", "refused_safety", "unable_no_info", "other", "total", "carry_forward"]);
    expect(rows).toEqual({
      new: [95, 0, 0, 0, 0, 0, 95], granted: [50, 0, 0, 0, 0, 0, 50], partial: [9, 0, 0, 0, 0, 0, 9],
      refused_safety: [1, 0, 0, 0, 0, 0, 1], unable_no_info: [31, 0, 0, 0, 0, 0, 31], other: z,
      total: [95, 0, 0, 0, 0, 0, 95], carry_forward: z,
    });
    expect(values(r, "t4", "review", T4_COLS)).toEqual([1, 1, 0, 0, 2]);
    expect(values(r, "t4", "lit_after_review", T4_COLS)).toEqual([2, 0, 1, 0, 3]);
  });
  it("passes the table rules", () => {
    expect(r.checks.filter((c) => c.status === "fail" && /^t[234]_|counts/.test(c.rule)).map((c) => c.rule)).toEqual([]);
  });
});
