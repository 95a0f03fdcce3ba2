// The real reports in ../shared/real-reports (never copied into the project). Every number below
// was checked against the pages rendered with pdftoppm: 淮安 2024 pages 3–5, 洪泽区 2023 pages 2–4,
// 洪泽区 2024 pages 2–4.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readReport, readReportAsync, type ReadResult, type ReadText } from "../loaders/read/index.ts";
import { detectTemplate } from "../loaders/detect-template.ts";
import { compactLabel, normaliseText } from "../loaders/normalise.ts";
import type { Grid, GridCell } from "../loaders/read/grid.ts";

const REAL = join(import.meta.dirname, "..", "..", "shared", "real-reports");
const present = existsSync(REAL);
if (!present) console.warn(`[read-real] ${REAL} is absent: the tests on real reports are skipped`);

function text(r: ReadResult): ReadText {
  if (r.kind !== "text") throw new Error(`${r.kind}: ${r.message}`);
  return r;
}
const read = async (name: string) => text(await readReportAsync(name, new Uint8Array(readFileSync(join(REAL, name)))));

const NUMBER = /^\d+(\.\d+)?$/;

/** Rows of table 三: the row's label (the last label cell) and its seven numbers. */
function table3Rows(grid: Grid): [string, ...number[]][] {
  return grid.rows
    .filter((row) => row.length >= 8 && row.slice(-7).every((c) => !c.spanned && NUMBER.test(c.text)))
    .map((row) => {
      const labels = row.slice(0, -7).map((c) => compactLabel(c.text)).filter((t) => t !== "");
      return [labels[labels.length - 1] ?? "", ...row.slice(-7).map((c) => Number(c.text))];
    });
}

function findGrid(r: ReadText, test: (g: Grid) => boolean): Grid {
  const g = r.tables.find(test);
  if (!g) throw new Error("table not found");
  return g;
}
const hasLabel = (label: string) => (g: Grid) => g.rows.some((row) => row.some((c) => compactLabel(c.text) === label));

/** Table 二: label → the numbers after it (a value spanning three columns counts once). */
function table2Values(grid: Grid, label: string): string[] {
  const row = grid.rows.find((r) => compactLabel(r[0].text) === label);
  return row ? row.slice(1).filter((c) => !c.spanned).map((c) => c.text) : [];
}

function cellWith(grid: Grid, value: string, rowLabel: string): GridCell | undefined {
  const row = grid.rows.find((r) => r.some((c) => compactLabel(c.text).includes(rowLabel)));
  return row?.find((c) => c.text === value && !c.spanned);
}

const z = [0, 0, 0, 0, 0, 0, 0];
const row = (label: string, ...v: number[]): [string, ...number[]] => [label, ...(v.length ? v : z)];

describe.skipIf(!present)("淮安市人民政府 2024 (PDF, 6 pages)", async () => {
  const r = present ? await read("huaian-city-2024.pdf") : (null as unknown as ReadText);

  it("has its title, year and page offsets", () => {
    const lines = normaliseText(r.text).split("\n");
    expect(lines.slice(0, 2)).toEqual(["淮安市人民政府", "2024 年政府信息公开工作年度报告"]);
    expect(r.pages).toBe(6);
    expect(r.pageStarts).toHaveLength(6);
    // Page 6 begins inside a paragraph that page 5 started (the two halves are joined).
    expect(r.text.slice(r.pageStarts![5])).toMatch(/^地方。主要表现在/);
    expect(r.text.slice(r.pageStarts![4])).toMatch(/^\s*法提供\t2\.没有现成信息需要另行制作/);
    expect(detectTemplate(normaliseText(r.text)).template).toBe("template-2021");
    expect(r.warnings).toEqual([]);
  });

  it("keeps wrapped paragraphs whole (numbers are not split from their words)", () => {
    expect(r.text).toContain("2024 年，全市共受理政府信息公开申请 3119 件，答复 3050件（含上年度结转申请 34件，另有 103 件顺延到下年度答复）");
  });

  it("table 二, over pages 3–4, is one grid", () => {
    const t2 = findGrid(r, hasLabel("行政规范性文件"));
    expect(t2.source).toBe("pdf:p3:t1+p4:t1");
    expect(table2Values(t2, "规章")).toEqual(["1", "0", "11"]);
    expect(table2Values(t2, "行政规范性文件")).toEqual(["8", "26", "66"]);
    expect(table2Values(t2, "行政许可")).toEqual(["447228"]);
    expect(table2Values(t2, "行政处罚")).toEqual(["3985758"]);
    expect(table2Values(t2, "行政强制")).toEqual(["88283"]);
    expect(table2Values(t2, "行政事业性收费")).toEqual(["96171.6"]);
  });

  it("table 三, over pages 4–5: every row and cell", () => {
    const t3 = findGrid(r, hasLabel("一、本年新收政府信息公开申请数量"));
    expect(t3.source).toBe("pdf:p4:t2+p5:t1");
    expect(t3.rows[2].slice(3).map((c) => compactLabel(c.text))).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
    expect(table3Rows(t3)).toEqual([
      row("一、本年新收政府信息公开申请数量", 3001, 53, 0, 0, 61, 4, 3119),
      row("二、上年结转政府信息公开申请数量", 34, 0, 0, 0, 0, 0, 34),
      row("（一）予以公开", 1288, 21, 0, 0, 50, 3, 1362),
      row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 447, 7, 0, 0, 0, 0, 454),
      row("1.属于国家秘密", 2, 0, 0, 0, 0, 0, 2),
      row("2.其他法律行政法规禁止公开", 30, 1, 0, 0, 0, 0, 31),
      row("3.危及“三安全一稳定”", 5, 0, 0, 0, 0, 0, 5),
      row("4.保护第三方合法权益", 6, 0, 0, 0, 0, 0, 6),
      row("5.属于三类内部事务信息", 7, 1, 0, 0, 0, 0, 8),
      row("6.属于四类过程性信息", 12, 0, 0, 0, 0, 0, 12),
      row("7.属于行政执法案卷", 9, 0, 0, 0, 0, 0, 9),
      row("8.属于行政查询事项", 105, 0, 0, 0, 0, 0, 105),
      row("1.本机关不掌握相关政府信息", 746, 12, 0, 0, 10, 1, 769),
      row("2.没有现成信息需要另行制作", 11, 0, 0, 0, 0, 0, 11),
      row("3.补正后申请内容仍不明确", 1, 0, 0, 0, 0, 0, 1),
      row("1.信访举报投诉类申请", 56, 6, 0, 0, 0, 0, 62),
      row("2.重复申请", 25, 0, 0, 0, 0, 0, 25),
      row("3.要求提供公开出版物"),
      row("4.无正当理由大量反复申请"),
      row("5.要求行政机关确认或重新出具已获取信息", 1, 0, 0, 0, 0, 0, 1),
      row("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 67, 3, 0, 0, 1, 0, 71),
      row("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 6, 0, 0, 0, 0, 0, 6),
      row("3、其他", 108, 2, 0, 0, 0, 0, 110),
      row("（七）总计", 2932, 53, 0, 0, 61, 4, 3050),
      row("四、结转下年度继续办理", 103, 0, 0, 0, 0, 0, 103),
    ]);
  });

  it("cells keep their page in the provenance", () => {
    const t3 = findGrid(r, hasLabel("一、本年新收政府信息公开申请数量"));
    expect(cellWith(t3, "3119", "一、本年新收")?.source).toMatch(/^pdf:p4:t2:r\d+:c10$/);
    expect(cellWith(t3, "3050", "（七）总计")?.source).toMatch(/^pdf:p5:t1:r\d+:c10$/);
  });

  it("table 四: 复议 72/64/178/37/351, 诉讼 13/4/8/1/26 and 12/1/1/6/20", () => {
    const t4 = findGrid(r, hasLabel("行政复议"));
    const values = t4.rows[t4.rows.length - 1].map((c) => c.text);
    expect(values).toEqual(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]);
  });

  it("the table rows are also tab-separated lines of the text", () => {
    const lines = normaliseText(r.text).split("\n");
    expect(lines).toContain("一、本年新收政府信息公开申请数量\t\t\t3001\t53\t0\t0\t61\t4\t3119");
    expect(lines).toContain("72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20");
  });
});

describe.skipIf(!present)("洪泽区人民政府 2023 (PDF, 5 pages): merged （六） row, inconsistent table 四 kept as published", async () => {
  const r = present ? await read("hongze-district-2023.pdf") : (null as unknown as ReadText);

  it("has its title and year", () => {
    const lines = normaliseText(r.text).split("\n");
    expect(lines.slice(0, 2)).toEqual(["洪泽区人民政府", "2023 年政府信息公开工作年度报告"]);
    expect(r.text).toContain("（地址：淮安市洪泽区洪泽湖大道 90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）");
    expect(r.pages).toBe(5);
    expect(r.title).toBe("洪泽区人民政府2023年政府信息公开工作年度报告");
  });

  it("table 二", () => {
    const t2 = findGrid(r, hasLabel("行政规范性文件"));
    expect(table2Values(t2, "规章")).toEqual(["0", "0", "0"]);
    expect(table2Values(t2, "行政规范性文件")).toEqual(["0", "5", "5"]);
    expect(table2Values(t2, "行政许可")).toEqual(["550"]);
    expect(table2Values(t2, "行政处罚")).toEqual(["4119"]);
    expect(table2Values(t2, "行政强制")).toEqual(["195"]);
    expect(table2Values(t2, "行政事业性收费")).toEqual(["7730.28"]);
  });

  it("table 三: 23 rows, one （六） row", () => {
    const t3 = findGrid(r, hasLabel("一、本年新收政府信息公开申请数量"));
    expect(table3Rows(t3)).toEqual([
      row("一、本年新收政府信息公开申请数量", 21, 0, 0, 0, 0, 0, 21),
      row("二、上年结转政府信息公开申请数量"),
      row("（一）予以公开"),
      row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 4, 0, 0, 0, 0, 0, 4),
      row("1.属于国家秘密", 1, 0, 0, 0, 0, 0, 1),
      row("2.其他法律行政止公开"), // sic: the published label lost 法规禁
      row("3.危及“三安全一稳定”"),
      row("4.保护第三方合法权益"),
      row("5.属于三类内部事务信息"),
      row("6.属于四类过程性信息", 1, 0, 0, 0, 0, 0, 1),
      row("7.属于行政执法案卷", 1, 0, 0, 0, 0, 0, 1),
      row("8.属于行政查询事项"),
      row("1.本机关不掌握相关政府信息", 10, 0, 0, 0, 0, 0, 10),
      row("2.没有现成信息需要另行制作", 3, 0, 0, 0, 0, 0, 3),
      row("3.补正后申请内容仍不明确"),
      row("1.信访举报投诉类申请", 1, 0, 0, 0, 0, 0, 1),
      row("2.重复申请"),
      row("3.要求提供公开出版物"),
      row("4.无正当理由大量反复申请"),
      row("5.要求行政机关确认或重新出具已获取信息"),
      row("（六）其他处理"),
      row("（七）总计", 21, 0, 0, 0, 0, 0, 21),
      row("四、结转下年度继续办理"),
    ]);
  });

  it("table 四 as published: 复议 维持 10, 纠正 1, 总计 0; 复议后起诉 维持 5, 总计 0", () => {
    const t4 = findGrid(r, hasLabel("行政复议"));
    expect(t4.rows[t4.rows.length - 1].map((c) => c.text)).toEqual(["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]);
  });
});

describe.skipIf(!present)("洪泽区人民政府 2024 (PDF, 5 pages): vertical text, merged （六） row", async () => {
  const r = present ? await read("hongze-district-2024.pdf") : (null as unknown as ReadText);

  it("has its title and year", () => {
    const lines = normaliseText(r.text).split("\n");
    expect(lines.slice(0, 2)).toEqual(["淮安市洪泽区人民政府", "2024 年政府信息公开工作年度报告"]);
    expect(detectTemplate(normaliseText(r.text)).template).toBe("template-2021");
  });

  it("table 二", () => {
    const t2 = findGrid(r, hasLabel("行政规范性文件"));
    expect(table2Values(t2, "规章")).toEqual(["0", "0", "0"]);
    expect(table2Values(t2, "行政规范性文件")).toEqual(["3", "0", "8"]);
    expect(table2Values(t2, "行政许可")).toEqual(["9487"]);
    expect(table2Values(t2, "行政处罚")).toEqual(["2776"]);
    expect(table2Values(t2, "行政强制")).toEqual(["84"]);
    expect(table2Values(t2, "行政事业性收费")).toEqual(["7545"]);
  });

  it("table 三", () => {
    const t3 = findGrid(r, hasLabel("一、本年新收政府信息公开申请数量"));
    expect(table3Rows(t3)).toEqual([
      row("一、本年新收政府信息公开申请数量", 95, 0, 0, 0, 0, 0, 95),
      row("二、上年结转政府信息公开申请数量"),
      row("（一）予以公开", 50, 0, 0, 0, 0, 0, 50),
      row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 9, 0, 0, 0, 0, 0, 9),
      row("1.属于国家秘密"),
      row("2.其他法律行政止公开"),
      row("3.危及“三安全一稳定”", 1, 0, 0, 0, 0, 0, 1),
      row("4.保护第三方合法权益"),
      row("5.属于三类内部事务信息"),
      row("6.属于四类过程性信息", 1, 0, 0, 0, 0, 0, 1),
      row("7.属于行政执法案卷", 1, 0, 0, 0, 0, 0, 1),
      row("8.属于行政查询事项"),
      row("1.本机关不掌握相关政府信息", 31, 0, 0, 0, 0, 0, 31),
      row("2.没有现成信息需要另行制作", 1, 0, 0, 0, 0, 0, 1),
      row("3.补正后申请内容仍不明确"),
      row("1.信访举报投诉类申请", 1, 0, 0, 0, 0, 0, 1),
      row("2.重复申请"),
      row("3.要求提供公开出版物"),
      row("4.无正当理由大量反复申请"),
      row("5.要求行政机关确认或重新出具已获取信息"),
      row("（六）其他处理"),
      row("（七）总计", 95, 0, 0, 0, 0, 0, 95),
      row("四、结转下年度继续办理"),
    ]);
  });

  it("table 四", () => {
    const t4 = findGrid(r, hasLabel("行政复议"));
    expect(t4.rows[t4.rows.length - 1].map((c) => c.text)).toEqual(["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]);
  });
});

describe.skipIf(!present)("the blank 2021 template (DOCX)", () => {
  const bytes = present ? new Uint8Array(readFileSync(join(REAL, "blank-template-2021.docx"))) : new Uint8Array();

  it("reads its text and the three tables with spans", () => {
    const r = text(readReport("blank-template-2021.docx", bytes));
    expect(r.format).toBe("docx");
    expect(normaliseText(r.text).split("\n")[0]).toBe("政府信息公开工作年度报告格式模板");
    expect(detectTemplate(normaliseText(r.text)).template).toBe("template-2021");
    expect(r.tables.map((t) => [t.source, t.rows.length, t.rows[0].length])).toEqual([["docx:t1", 14, 4], ["docx:t2", 28, 10], ["docx:t3", 4, 15]]);
    const t3 = r.tables[1];
    // The 25 labelled rows of table 三 in order, each with seven empty cells.
    const labels = t3.rows.slice(3).map((row) => compactLabel(row.slice(0, 3).filter((c) => c.text).map((c) => c.text).pop() ?? ""));
    expect(labels).toHaveLength(25);
    expect(labels[0]).toBe("一、本年新收政府信息公开申请数量");
    expect(labels[20]).toBe("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
    expect(labels[24]).toBe("四、结转下年度继续办理");
    expect(t3.rows.slice(3).every((row) => row.slice(3).every((c) => c.text === ""))).toBe(true);
    // 三、本年度办理结果 spans 22 rows (w:vMerge).
    expect(t3.rows.slice(5, 27).every((row) => row[0].text === "三、本年度办理结果")).toBe(true);
    expect(t3.rows[5][0].spanned).toBeUndefined();
    expect(t3.rows[6][0]).toMatchObject({ spanned: true, source: "docx:t2:r6:c1" });
  });
});
