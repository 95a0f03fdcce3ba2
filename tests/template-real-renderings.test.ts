// Template tables in the renderings real copies have (issue 10), one hand-written fixture each, in
// our own words and numbers: an OCR/converter's markdown with one small table per row group, a PDF
// turned into markdown with labels printed apart from their values, a page scraped into one run of
// text with every cell glued, and two scrapes of one cell per line.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseReport } from "../loaders/parse-report.ts";
import type { Cell, ReportRecord } from "../loaders/types.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "tables");
const parse = (name: string): ReportRecord => parseReport(name, readFileSync(join(FIXTURES, name)));
const T3_COLS = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"];
const T4_COLS = ["upheld", "corrected", "other", "pending", "total"];

function cell(r: ReportRecord, table: string, row: string, col: string): Cell | undefined {
  return r.cells.find((c) => c.table === table && c.row === row && c.col === col);
}
function rowValues(r: ReportRecord, table: string, row: string, cols: string[]): (number | null)[] {
  return cols.map((col) => cell(r, table, row, col)?.value ?? null);
}

/** The table 三 the two 2021 markdown fixtures print (rows not listed are all zeros). */
const T3: Record<string, number[]> = {
  new: [15, 2, 0, 1, 0, 0, 18], carried: [3, 0, 0, 0, 0, 0, 3], granted: [8, 1, 0, 0, 0, 0, 9], partial: [2, 0, 0, 0, 0, 0, 2],
  refused_third_party: [1, 0, 0, 0, 0, 0, 1], refused_process: [0, 0, 0, 1, 0, 0, 1], unable_no_info: [3, 1, 0, 0, 0, 0, 4],
  unable_needs_creation: [1, 0, 0, 0, 0, 0, 1], declined_repeat: [1, 0, 0, 0, 0, 0, 1], other_other: [1, 0, 0, 0, 0, 0, 1],
  total: [17, 2, 0, 1, 0, 0, 20], carry_forward: [1, 0, 0, 0, 0, 0, 1],
};
const T3_ROWS_2021 = [
  "new", "carried", "granted", "partial", "refused_secret", "refused_law", "refused_safety", "refused_third_party", "refused_internal",
  "refused_process", "refused_enforcement", "refused_query", "unable_no_info", "unable_needs_creation", "unable_unclear",
  "declined_complaint", "declined_repeat", "declined_publication", "declined_mass", "declined_confirm", "other_no_correction",
  "other_no_fee", "other_other", "total", "carry_forward",
];
const expected3 = (row: string) => T3[row] ?? [0, 0, 0, 0, 0, 0, 0];

function expectTable2(r: ReportRecord) {
  expect(rowValues(r, "t2", "rules", ["issued", "repealed", "in_force"])).toEqual([0, 0, 0]);
  expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([2, 0, 14]);
  expect(rowValues(r, "t2", "licensing", ["decisions"])).toEqual([36]);
  expect(rowValues(r, "t2", "penalty", ["decisions"])).toEqual([5]);
  expect(rowValues(r, "t2", "coercion", ["decisions"])).toEqual([0]);
  expect(cell(r, "t2", "admin_fees", "fee_amount")).toMatchObject({ value: 0.35, unit: "万元" });
}

describe("2021 template as an OCR tool's markdown: one small pipe table per row group, placeholder headers 数据1…数据6", () => {
  const r = parse("2021-markdown-row-groups.md");
  it("reads every cell of table 三, the stub tables of “-” and the stray header row in the middle ignored", () => {
    for (const row of T3_ROWS_2021) expect(rowValues(r, "t3", row, T3_COLS), row).toEqual(expected3(row));
    expect(r.warnings.join()).not.toMatch(/重复或顺序异常|无法可靠对齐|表三表头无法识别/);
  });
  it("matches a label written with a comma where the template has 、", () => {
    expect(cell(r, "t3", "other_no_correction", "total")?.source).toMatch(/^text:L\d+:cell8$/);
  });
  it("reads table 四 printed as three tables, one per block, under headings with the block in brackets", () => {
    expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([2, 1, 0, 0, 3]);
    expect(rowValues(r, "t4", "lit_direct", T4_COLS)).toEqual([0, 0, 0, 1, 1]);
    expect(rowValues(r, "t4", "lit_after_review", T4_COLS)).toEqual([1, 0, 0, 0, 1]);
    expect(r).toMatchObject({ review_total: 3, litigation_total: 2 });
  });
  it("reads table 二 under markdown headings", () => expectTable2(r));
  it("passes every rule of the tables", () => {
    expect(r.checks.filter((c) => /^t[34]_/.test(c.rule) && c.status !== "pass").map((c) => c.rule)).toEqual([]);
  });
});

describe("2021 template as PDF text turned into markdown: labels on loose lines, value-only rows, a page number, blocks out of order", () => {
  const r = parse("2021-pdf-markdown-loose-labels.md");
  it("places every value-only row by the template's order between the rows whose labels were read", () => {
    for (const row of T3_ROWS_2021.filter((x) => x !== "carry_forward")) expect(rowValues(r, "t3", row, T3_COLS), row).toEqual(expected3(row));
    expect(r.warnings.join()).toMatch(/已按模板顺序对应到/);
  });
  it("keeps the page number out of every cell, and says so", () => {
    expect(rowValues(r, "t3", "other_no_fee", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.warnings.join()).toMatch(/孤立的?数字“2”/);
  });
  it("leaves the blank 总计 of 四、结转 empty, not 0", () => {
    expect(rowValues(r, "t3", "carry_forward", T3_COLS)).toEqual([1, 0, 0, 0, 0, 0, null]);
    expect(cell(r, "t3", "carry_forward", "total")).toMatchObject({ value: null, raw: "" });
    expect(r.requests_forward_total).toBeNull();
  });
  it("reads table 二 whose 第（一）项 block is printed after the others", () => expectTable2(r));
  it("reads table 四's one row of 15 values under a mangled header, with prose but no heading after it", () => {
    expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([2, 1, 0, 0, 3]);
    expect(rowValues(r, "t4", "lit_direct", T4_COLS)).toEqual([0, 0, 0, 1, 1]);
    expect(rowValues(r, "t4", "lit_after_review", T4_COLS)).toEqual([1, 0, 0, 0, 1]);
  });
});

describe("2019 template scraped into one run of text: labels and digits glued, spaces where &nbsp; stood", () => {
  const r = parse("2019-run-on.txt");
  it("is read as a 2019 template report with its tables", () => {
    expect(r.template).toBe("template-2019");
    expect(r.checks.filter((c) => /^t[234]_present$/.test(c.rule)).map((c) => c.status)).toEqual(["pass", "pass", "pass"]);
  });
  it("splits glued rows by the row's sum (总计 = the applicant columns), across spaces", () => {
    expect(rowValues(r, "t3", "new", T3_COLS)).toEqual([12, 1, 0, 0, 0, 0, 13]);
    expect(rowValues(r, "t3", "carried", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(r, "t3", "total", T3_COLS)).toEqual([12, 1, 0, 0, 0, 0, 13]);
    expect(rowValues(r, "t3", "carry_forward", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(cell(r, "t3", "new", "natural")?.source).toMatch(/^text:L5:C\d+-\d+:split1$/);
  });
  it("cuts an ordinal glued to the digits before it (…00000002.其他法律…) off the row above", () => {
    expect(rowValues(r, "t3", "refused_secret", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(r, "t3", "refused_law", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
  it("lets the columns' sums choose between two readings the row's sum allows (110000011: 11,0,… or 1,10,…)", () => {
    expect(rowValues(r, "t3", "granted", T3_COLS)).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(rowValues(r, "t3", "unable_no_info", T3_COLS)).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const check = r.checks.find((c) => c.rule === "split_by_arithmetic");
    expect(check?.message).toMatch(/予以公开/);
    expect(r.checks.filter((c) => c.rule.startsWith("t3_")).map((c) => c.status)).not.toContain("fail");
  });
  it("splits table 四's glued run by the three blocks' sums", () => {
    expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([10, 2, 0, 0, 12]);
    expect(rowValues(r, "t4", "lit_after_review", T4_COLS)).toEqual([0, 0, 0, 0, 0]);
  });
  it("reads the prose around the tables, never a table piece of the line as a sentence", () => {
    expect(r).toMatchObject({ active_total: 96, requests_new_total: 13, litigation_total: 0 });
    expect(r.warnings.join()).not.toMatch(/多个不同的说法/);
    expect(r.checks.filter((c) => c.rule === "narrative_vs_table").map((c) => c.status)).not.toContain("fail");
  });
  it("leaves table 二's glued rows that have no sum to check empty, with a warning, and splits only the unambiguous", () => {
    expect(rowValues(r, "t2", "rules", ["made", "published", "total_public"])).toEqual([0, 0, 0]);
    expect(rowValues(r, "t2", "normative", ["made", "published", "total_public"])).toEqual([null, null, null]);
    expect(rowValues(r, "t2", "procurement", ["proc_count", "proc_amount"])).toEqual([null, null]);
    expect(r.warnings.join()).toMatch(/规范性文件.*粘连/);
    expect(r.status).toBe("partial");
  });
});

describe("2021 table 二 with every cell and every “|” on a line of its own, rows ending in “||||”", () => {
  const r = parse("2021-pipe-lines-row-ends.txt");
  it("reads every cell of table 二", () => expectTable2(r));
});

describe("2021 table 二, one cell per line, the first row's label cell blank", () => {
  const r = parse("2021-cell-per-line-blank-label.txt");
  it("gives the values under the header to the block's first row, by the template's order", () => expectTable2(r));
  it("reads the 本年新收 row of table 三 under a header split over lines", () => {
    expect(rowValues(r, "t3", "new", T3_COLS)).toEqual(T3.new);
  });
});

describe("a pipe row broken over two printed rows, both with their outer pipes (a page break inside it)", () => {
  const r = parseReport("inline.txt", new TextEncoder().encode([
    "示例镇2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
    "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    "| 一、本年新收政府信息公开申请数量 | 12 | 1 | 0 |", "| 0 | 1 | 0 | 14 |",
    "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （一）予以公开 | 12 | 1 | 0 | 0 | 1 | 0 | 14 |",
    "| （七）总计 | 12 | 1 | 0 | 0 | 1 | 0 | 14 |", "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "四、政府信息公开行政复议、行政诉讼情况",
  ].join("\n")));
  it("joins the two halves when together they make the row and satisfy its sum", () => {
    expect(rowValues(r, "t3", "new", T3_COLS)).toEqual([12, 1, 0, 0, 1, 0, 14]);
    expect(rowValues(r, "t3", "carried", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("a run-on page's table 二 rows whose cells are all blank or dashes", () => {
  const line = (rules: string) => "青石镇2023年政府信息公开工作年度报告。依据国办公开办函〔2021〕30号编制。一、总体情况2023年主动公开政府信息40条。"
    + `二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章${rules}行政规范性文件000`
    + "第二十条第（五）项信息内容本年处理决定数量行政许可12三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    + "一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况无。";
  it("keeps the 规章 row: dashes are blank cells, kept as written", () => {
    const r = parseReport("inline.txt", new TextEncoder().encode(line("———")));
    expect(["issued", "repealed", "in_force"].map((c) => cell(r, "t2", "rules", c)?.raw)).toEqual(["—", "—", "—"]);
    expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([0, 0, 0]);
  });
  it("cuts before the next row's label when 规章's cells are blank", () => {
    const r = parseReport("inline.txt", new TextEncoder().encode(line(" ")));
    expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([0, 0, 0]);
    expect(rowValues(r, "t2", "licensing", ["decisions"])).toEqual([12]);
  });
});

describe("a template report under the free-text era's heading for table 四", () => {
  const r = parseReport("inline.txt", new TextEncoder().encode([
    "示例镇2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
    "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "| （七）总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "| 行政复议 | | | | | 行政诉讼 |", "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
    "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "五、存在的主要问题及改进情况", "无。",
  ].join("\n")));
  it("reads table 四 there, not as an extra row of table 三", () => {
    expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([1, 0, 0, 0, 1]);
    expect(r.warnings.join()).not.toMatch(/模板之外的行/);
  });
});
