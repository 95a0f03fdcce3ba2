// Hand-written fixtures, one per rendering and variant, each with the numbers the fixture prints.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseReport } from "../loaders/parse-report.ts";
import type { Cell, ReportRecord } from "../loaders/types.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "tables");
const parse = (name: string): ReportRecord => parseReport(name, readFileSync(join(FIXTURES, name)));
const parseText = (text: string): ReportRecord => parseReport("inline.txt", new TextEncoder().encode(text));

function cell(r: ReportRecord, table: string, row: string, col: string): Cell | undefined {
  return r.cells.find((c) => c.table === table && c.row === row && c.col === col);
}
function rowValues(r: ReportRecord, table: string, row: string, cols: string[]): (number | null)[] {
  return cols.map((col) => cell(r, table, row, col)?.value ?? null);
}

const T3_COLS = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"];
const T4_COLS = ["upheld", "corrected", "other", "pending", "total"];
/** The table 三 every 2021 fixture prints (rows not listed are all zeros). */
const T3_2021: Record<string, number[]> = {
  new: [12, 1, 0, 0, 1, 0, 14], carried: [2, 0, 0, 0, 0, 0, 2], granted: [6, 1, 0, 0, 0, 0, 7],
  partial: [2, 0, 0, 0, 0, 0, 2], refused_third_party: [1, 0, 0, 0, 0, 0, 1], unable_no_info: [2, 0, 0, 0, 1, 0, 3],
  declined_repeat: [1, 0, 0, 0, 0, 0, 1], refused_secret: [0, 0, 0, 0, 0, 0, 0], total: [12, 1, 0, 0, 1, 0, 14],
  carry_forward: [2, 0, 0, 0, 0, 0, 2],
};

function expectTable3And4(r: ReportRecord) {
  for (const [row, values] of Object.entries(T3_2021)) expect(rowValues(r, "t3", row, T3_COLS), row).toEqual(values);
  expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([1, 0, 0, 1, 2]);
  expect(rowValues(r, "t4", "lit_direct", T4_COLS)).toEqual([0, 0, 0, 0, 0]);
  expect(rowValues(r, "t4", "lit_after_review", T4_COLS)).toEqual([1, 0, 0, 0, 1]);
  expect(r).toMatchObject({ requests_new_total: 14, requests_carried_total: 2, requests_handled_total: 14, requests_forward_total: 2, review_total: 2, litigation_total: 1 });
  expect(r.checks.filter((c) => c.rule.startsWith("t3_") || c.rule === "t4_sum").map((c) => c.status)).not.toContain("fail");
}

describe("2021 template, one cell per line (blank line = empty cell, label split over two lines, header labels split)", () => {
  const r = parse("2021-cell-per-line.txt");
  it("is detected and read fully", () => {
    expect(r.template).toBe("template-2021");
    expect(r.status).toBe("ok");
  });
  it("reads tables 三 and 四", () => {
    const blankRow = { ...T3_2021 };
    delete blankRow.granted; // its 社会公益组织 cell is blank in this fixture
    for (const [row, values] of Object.entries(blankRow)) expect(rowValues(r, "t3", row, T3_COLS), row).toEqual(values);
    expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([1, 0, 0, 1, 2]);
  });
  it("keeps a blank cell as null with its raw token, not 0", () => {
    expect(cell(r, "t3", "granted", "public_interest")).toMatchObject({ value: null, raw: "" });
    expect(cell(r, "t3", "granted", "total")?.value).toBe(7);
  });
  it("reads the three （六） sub-rows, including the one split over two lines", () => {
    expect(cell(r, "t3", "other_no_correction", "total")).toMatchObject({ value: 0, row_label: expect.stringContaining("逾期不补正") });
    expect(cell(r, "t3", "other_other", "natural")?.value).toBe(0);
    expect(cell(r, "t3", "other", "total")).toBeUndefined();
  });
  it("reads table 二 with split header labels and the fee in 万元", () => {
    expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([1, 0, 23]);
    expect(cell(r, "t2", "licensing", "decisions")?.value).toBe(45);
    expect(cell(r, "t2", "admin_fees", "fee_amount")).toMatchObject({ value: 1.25, unit: "万元" });
  });
  it("records each cell's line in the normalised text", () => {
    const source = cell(r, "t3", "new", "natural")!.source;
    const line = Number(/^text:L(\d+)/.exec(source)![1]);
    const text = readFileSync(join(FIXTURES, "2021-cell-per-line.txt"), "utf8").split("\n");
    expect(text[line - 1]).toBe("12");
    expect(text.slice(line - 2, line - 1)).toEqual(["一、本年新收政府信息公开申请数量"]);
  });
});

describe("2021 template, pipe rows with an 8th 小计 column, rows broken mid-row and mid-cell, 上年转结 typo", () => {
  const r = parse("2021-pipe-subtotal-broken.txt");
  it("reads every cell of tables 三 and 四 and passes the rules", () => expectTable3And4(r));
  it("reads the 小计 column by its header position", () => {
    expect(cell(r, "t3", "new", "org_subtotal")?.value).toBe(2);
    expect(r.checks.find((c) => c.rule === "t3_subtotal")?.status).toBe("pass");
  });
  it("keeps an extra row out of the template cells, with a warning", () => {
    expect(r.warnings.join()).toMatch(/其他主动公开文件/);
    expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([1, 0, 23]);
    expect(cell(r, "t2", "coercion", "decisions")).toMatchObject({ value: null, raw: "/" });
  });
});

for (const [file, how] of [
  ["2021-pipe-per-line.txt", "each cell between lines holding only “|” (a page scraper's output); nothing between two “|” is a blank cell"],
  ["2021-double-spaced.txt", "a blank line between cells (a page copied as paragraphs); a second blank line is a blank cell"],
] as const) {
  describe(`2021 template, ${how}; header labels split inside a cell`, () => {
    const r = parse(file);
    it("is read fully", () => {
      expect(r.template).toBe("template-2021");
      expect(r.status).toBe("ok");
    });
    it("reads every cell of tables 三 and 四, the blank cell as null, not 0", () => {
      const others = { ...T3_2021 };
      delete others.granted;
      for (const [row, values] of Object.entries(others)) expect(rowValues(r, "t3", row, T3_COLS), row).toEqual(values);
      expect(rowValues(r, "t3", "granted", T3_COLS)).toEqual([6, 1, 0, null, 0, 0, 7]);
      expect(cell(r, "t3", "granted", "public_interest")).toMatchObject({ value: null, raw: "" });
      expect(cell(r, "t3", "new", "org_subtotal")?.value).toBe(2);
      expect(rowValues(r, "t4", "review", T4_COLS)).toEqual([1, 0, 0, 1, 2]);
      expect(rowValues(r, "t4", "lit_after_review", T4_COLS)).toEqual([1, 0, 0, 0, 1]);
    });
    it("reads table 二 and points each value at its own line", () => {
      expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([1, 0, 23]);
      expect(cell(r, "t2", "admin_fees", "fee_amount")).toMatchObject({ value: 1.25, unit: "万元" });
      const src = cell(r, "t2", "normative", "in_force")!.source;
      const line = Number(/^text:L(\d+)$/.exec(src)![1]);
      expect(readFileSync(join(FIXTURES, file), "utf8").split("\n")[line - 1]).toBe("23");
    });
  });
}

describe("2021 template, pipe rows under a header whose spanned cells were flattened away (总计 at cell 3 of its row)", () => {
  const r = parse("2021-pipe-flattened-header.txt");
  it("reads every cell of tables 三 and 四 in the template's column order, never by the header's cell indices", () => expectTable3And4(r));
  it("says the header's positions disagreed with the template", () => {
    expect(r.warnings.join()).toMatch(/表三表头各列的单元格位置与模板顺序不一致/);
  });
});

describe("a 2019-template mirror copy in Traditional characters with long explained labels", () => {
  const r = parseReport("mirror.txt", readFileSync(join(import.meta.dirname, "fixtures", "narrative", "82-template-prose-before-table-two.txt")));
  it("keeps 規範性文件 as 规范性文件 (not the Taiwan 文档) and reads its row", () => {
    expect(rowValues(r, "t2", "normative", ["made", "published", "total_public"])).toEqual([5, 2, 19]);
    expect(rowValues(r, "t2", "licensing", ["prev_count", "delta", "decisions"])).toEqual([3, 0, 12]);
    expect(r.warnings.join()).not.toMatch(/模板之外的行/);
  });
});

describe("2021 template, space-aligned columns, digits glued to labels, lost ordinals, one merged （六） row", () => {
  const r = parse("2021-aligned-glued-merged-other.txt");
  it("reads every cell of tables 三 and 四", () => expectTable3And4(r));
  it("reads the merged （六）其他处理 row without shifting the rows below it", () => {
    expect(rowValues(r, "t3", "other", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(cell(r, "t3", "other_other", "total")).toBeUndefined();
    expect(rowValues(r, "t3", "total", T3_COLS)).toEqual([12, 1, 0, 0, 1, 0, 14]);
  });
  it("splits 规章000 by the known column count", () => {
    expect(rowValues(r, "t2", "rules", ["issued", "repealed", "in_force"])).toEqual([0, 0, 0]);
  });
  it("leaves an ambiguous glued run (行政规范性文件1023) empty with a warning instead of guessing", () => {
    expect(rowValues(r, "t2", "normative", ["issued", "repealed", "in_force"])).toEqual([null, null, null]);
    expect(r.warnings.join()).toMatch(/行政规范性文件.*无法可靠对齐/);
    expect(r.status).toBe("partial");
  });
});

describe("2019 template, saved HTML page with rowspan/colspan, &nbsp;, 本年增/减 negative, 采购总金额 with its unit", () => {
  const r = parse("2019-html-rowspan.html");
  it("is detected as 2019 and identified from the page", () => {
    expect(r).toMatchObject({ template: "template-2019", township: "示例乡", year: 2020, published_on: "2021-01-28", status: "ok" });
  });
  it("reads table 二 with the 2019 columns", () => {
    expect(rowValues(r, "t2", "licensing", ["prev_count", "delta", "decisions"])).toEqual([12, -3, 40]);
    expect(cell(r, "t2", "procurement", "proc_amount")).toMatchObject({ value: 251000, raw: "251000元", unit: "元" });
    expect(cell(r, "t2", "admin_fees", "delta")?.value).toBe(0);
  });
  it("keeps &nbsp;, — and / as null with the raw token", () => {
    expect(["prev_count", "delta", "decisions"].map((c) => cell(r, "t2", "other_services", c)?.raw)).toEqual(["", "—", "/"]);
    expect(rowValues(r, "t2", "other_services", ["prev_count", "delta", "decisions"])).toEqual([null, null, null]);
  });
  it("reads table 三 under a three-row header with the block label spanning 22 rows", () => {
    expect(rowValues(r, "t3", "new", T3_COLS)).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(rowValues(r, "t3", "granted", T3_COLS)).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(rowValues(r, "t3", "unable_no_info", T3_COLS)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rowValues(r, "t3", "other", T3_COLS)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Provenance names the HTML element: 2nd table, 4th <tr>, 8th <td> of that row.
    expect(cell(r, "t3", "new", "total")?.source).toBe("html:t2:r4:c8");
  });
  it("reads table 四's single row of 15 cells", () => {
    expect(r.cells.filter((c) => c.table === "t4")).toHaveLength(15);
    expect(r.review_total).toBe(0);
  });
});

describe("a row that cannot be aligned", () => {
  // Space-aligned text in which the 予以公开 row lost a blank cell: 6 values for 7 columns.
  const lines = [
    "某镇2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", "本年制发件数 本年废止件数 现行有效件数", "三、收到和处理政府信息公开申请情况",
    "申请人情况  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计",
    "一、本年新收政府信息公开申请数量  3  0  0  0  0  0  3",
    "二、上年结转政府信息公开申请数量  0  0  0  0  0  0  0",
    "（一）予以公开  2  0  0  0  0  2",
    "（二）部分公开  1  0  0  0  0  0  1",
    "（七）总计  3  0  0  0  0  0  3",
    "四、结转下年度继续办理  0  0  0  0  0  0  0",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
  ];
  const r = parseText(lines.join("\n"));
  it("leaves the row empty with a warning and does not shift values into other cells", () => {
    expect(rowValues(r, "t3", "granted", T3_COLS)).toEqual([null, null, null, null, null, null, null]);
    expect(r.warnings.join()).toMatch(/予以公开.*6 个数值，应为 7 个/);
    expect(rowValues(r, "t3", "partial", T3_COLS)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rowValues(r, "t3", "total", T3_COLS)).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });
  it("does not pass a rule that needs the empty row", () => {
    const outcome = r.checks.filter((c) => c.rule === "t3_outcome_sum");
    expect(outcome.map((c) => c.status)).toEqual(["skip"]);
  });
});

describe("a template report whose tables are images", () => {
  const text = ["某镇2021年政府信息公开工作年度报告", "一、总体情况", "……", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "……", "某镇人民政府", "2022年1月10日"].join("\n");
  const r = parseText(text);
  it("is flagged: headings present, tables missing", () => {
    expect(r.checks.filter((c) => /^t[234]_present$/.test(c.rule)).map((c) => [c.rule, c.status])).toEqual([
      ["t2_present", "fail"], ["t3_present", "fail"], ["t4_present", "fail"],
    ]);
    expect(r.cells).toEqual([]);
    expect(r.status).toBe("partial");
  });
});
