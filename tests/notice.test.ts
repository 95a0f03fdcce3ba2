// The 核查情况通报 as real files (src/components/notice.js): built with the real docx and ExcelJS
// libraries and read back with independent readers (mammoth for the .docx, ExcelJS and the raw
// zip for the .xlsx), so a broken builder fails here. NOTICE_SAMPLE_DIR=/tmp saves the sample files
// for tools/render-docx.ts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as docx from "docx";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { strFromU8, unzipSync } from "fflate";
// @ts-expect-error plain browser JS modules without types
import { noticeDocx, noticeFileName, noticeXlsx } from "../src/components/notice.js";

const FORMULA_TEXT = '=HYPERLINK("http://example.invalid","点我")';

function finding(over: Record<string, unknown>) {
  return {
    finding_id: "f-000",
    kind: "核对",
    rule: "t3_balance",
    rule_label: "表三 本年新收 + 上年结转 = 办理总计 + 结转下年度",
    status: "未通过",
    message: "表三收支不平衡。",
    expected: null,
    actual: null,
    cells: null,
    decision: "",
    decision_note: "",
    decided_by: "",
    decided_on: "",
    ...over
  };
}

const model = {
  county: "桐川县",
  city: "某市",
  province: "某省",
  year: 2024,
  generatedOn: "2026-12-02",
  deadline: { label: "次年1月31日", date: "2025-01-31" },
  summary: [
    { label: "应报乡镇", value: 3, unit: "个" },
    { label: "已发布年报", value: 2, unit: "个" },
    { label: "平均质量分", value: 86.5, unit: "分" },
    { label: "待整改问题", value: 4, unit: "个" }
  ],
  townships: [
    {
      township: "梅林镇",
      status: "已发布",
      published_on: "2025-02-10",
      days_late: 10,
      score: 83,
      completeness: "完整",
      n_findings: 4,
      n_open: 3,
      report_id: "r0123abcd456",
      file: "demo/桐川县/梅林镇/2024年度报告.html",
      findings: [
        finding({ finding_id: "f-late-1", kind: "逾期", rule: "published_late", rule_label: "按期发布", message: "年报于2025年2月10日发布，晚于发布期限10天。", decision: "确认（需整改）", decided_by: "张三", decided_on: "2026-12-01" }),
        finding({ finding_id: "f-bal-1", message: "表三本年新收12件与上年结转0件之和，不等于办理总计10件与结转下年度0件之和。", expected: 12, actual: 10, cells: "t3.r1.total t3.r5.total" }),
        finding({ finding_id: "f-sim-1", kind: "雷同", rule: "similar_text", rule_label: "与他镇年报雷同", status: "需核实", message: "第五部分与青石乡年报的文字相同 92%。", decision: "排除（误报）", decision_note: "两镇共用县级统一模板，属正常", decided_by: "李四", decided_on: "2026-12-01" }),
        finding({ finding_id: "f-formula", kind: "其他", rule: "odd_text", rule_label: "异常文字", status: "需核实", message: FORMULA_TEXT, expected: 7, actual: 9 })
      ],
      fixes: ["按期发布年报：下一年度年报应于次年1月31日前发布。", "核对表三：本年新收与上年结转之和应等于办理总计与结转下年度之和。"]
    },
    {
      township: "青石乡",
      status: "已发布",
      published_on: "2025-01-20",
      days_late: -11,
      score: 90,
      completeness: "部分读取",
      n_findings: 0,
      n_open: 0,
      report_id: "r9876fedc321",
      file: "demo/桐川县/青石乡/2024年度报告.pdf",
      findings: [],
      fixes: []
    },
    {
      township: "白沙镇",
      status: "缺失",
      published_on: null,
      days_late: null,
      score: null,
      completeness: null,
      n_findings: 1,
      n_open: 1,
      report_id: null,
      file: null,
      findings: [finding({ finding_id: "f-miss-1", kind: "缺失", rule: "missing_report", rule_label: "未发布年报", message: "未找到白沙镇2024年度政府信息公开工作年度报告。" })],
      fixes: ["补发年报：尽快发布2024年度政府信息公开工作年度报告。"]
    }
  ],
  tables: [
    {
      name: "表三 依申请公开[本年]:*?",
      columns: [
        { key: "township", label: "乡镇" },
        { key: "t3.r1.total", label: "本年新收政府信息公开申请数量·总计" },
        { key: "t3.r5.total", label: "办理总计" }
      ],
      rows: [
        { township: "梅林镇", "t3.r1.total": 12, "t3.r5.total": 10 },
        { township: "青石乡", "t3.r1.total": 3, "t3.r5.total": null }
      ]
    }
  ]
};

const totalFindings = model.townships.reduce((s, t) => s + t.findings.length, 0);

describe("noticeFileName", () => {
  it("names the files after the county and year", () => {
    expect(noticeFileName(model, "docx")).toBe("桐川县2024年度政府信息公开年报核查情况通报.docx");
    expect(noticeFileName(model, ".xlsx")).toBe("桐川县2024年度政府信息公开年报核查情况通报.xlsx");
    expect(noticeFileName({ ...model, county: "a/b" }, "docx")).toBe("a_b2024年度政府信息公开年报核查情况通报.docx");
  });
});

describe("noticeDocx", () => {
  let bytes: Uint8Array;
  let raw: string;
  let html: string;
  beforeAll(async () => {
    bytes = await noticeDocx(docx, model);
    if (process.env.NOTICE_SAMPLE_DIR) writeFileSync(join(process.env.NOTICE_SAMPLE_DIR, "notice-sample.docx"), bytes);
    const buffer = Buffer.from(bytes);
    raw = (await mammoth.extractRawText({ buffer })).value;
    html = (await mammoth.convertToHtml({ buffer })).value;
  });

  it("is a zip with real Word tables, A4 portrait and a page-number footer", () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    const files = unzipSync(bytes);
    const xml = strFromU8(files["word/document.xml"]);
    // summary, townships, and one findings table per township with findings (梅林镇, 白沙镇)
    expect(xml.match(/<w:tbl>/g)?.length).toBe(4);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // each table's header row (and only it) repeats on every page
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(4);
    expect(xml).not.toMatch(/<w:tblHeader w:val="(false|0)"/);
    const footer = Object.keys(files).find((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footer).toBeDefined();
    const footerXml = strFromU8(files[footer!]);
    expect(footerXml).toContain("PAGE");
    expect(footerXml).toContain("第 ");
    expect(strFromU8(files["word/styles.xml"])).toMatch(/w:eastAsia="仿宋"/);
  });

  it("has the title, date and deadline", () => {
    // mammoth drops line breaks; the title has one, before 核查情况通报
    expect(raw).toContain("桐川县2024年度政府信息公开工作年度报告核查情况通报");
    const xml = strFromU8(unzipSync(bytes)["word/document.xml"]);
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>.*?年度报告<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>核查情况通报</);
    expect(raw).toContain("2026年12月2日");
    expect(raw).toContain("发布期限：次年1月31日（2025-01-31）");
    expect(html).toMatch(/<h1>一、总体情况<\/h1>/);
  });

  it("lists the summary and every township with its numbers", () => {
    expect(html).toMatch(/<td><p>平均质量分<\/p><\/td><td><p>86\.5 分<\/p><\/td>/);
    expect(html).toMatch(/<td><p>梅林镇<\/p><\/td><td><p>已发布<\/p><\/td><td><p>2025-02-10<\/p><\/td><td><p>10天<\/p><\/td><td><p>83<\/p><\/td><td><p>4<\/p><\/td><td><p>3<\/p><\/td>/);
    expect(html).toMatch(/<td><p>青石乡<\/p><\/td><td><p>已发布（部分读取）<\/p><\/td><td><p>2025-01-20<\/p><\/td><td><p>按期<\/p><\/td><td><p>90<\/p><\/td>/);
    expect(html).toMatch(/<td><p>白沙镇<\/p><\/td><td><p>缺失<\/p><\/td><td><p>—<\/p><\/td><td><p>—<\/p><\/td><td><p>—<\/p><\/td>/);
    expect(raw).toContain("已发布年报2个，未发布（缺失）1个");
  });

  it("gives each township its part of 需整改事项: fixes, findings, and dismissed findings marked, not dropped", () => {
    for (const [i, name] of ["（一）梅林镇", "（二）青石乡", "（三）白沙镇"].entries()) {
      expect(html).toContain(`<h2>${name}</h2>`);
      if (i > 0) expect(html.indexOf(name)).toBeGreaterThan(html.indexOf(["（一）梅林镇", "（二）青石乡"][i - 1]));
    }
    for (const fix of model.townships.flatMap((t) => t.fixes)) expect(raw).toContain(fix);
    // the fixes are a numbered list (w:numPr), not typed numbers
    expect(html).toMatch(/<ol><li>按期发布年报/);
    expect(raw).toContain("排除（误报）：两镇共用县级统一模板，属正常");
    expect(raw).toContain("第五部分与青石乡年报的文字相同 92%。");
    expect(html).toMatch(/<td><p>核对<\/p><\/td><td><p>表三本年新收12件[^<]*<\/p><\/td><td><p>12<\/p><\/td><td><p>10<\/p><\/td><td><p>t3\.r1\.total t3\.r5\.total<\/p><\/td><td><p>待核查（未通过）<\/p><\/td>/);
    expect(raw).toContain("确认（需整改）（张三，2026-12-01）");
    const qingshi = html.slice(html.indexOf("<h2>（二）青石乡</h2>"), html.indexOf("<h2>（三）白沙镇</h2>"));
    expect(qingshi).toContain("未发现需整改的问题。");
    expect(qingshi).not.toContain("<table>");
    expect(raw).toContain("未找到白沙镇2024年度政府信息公开工作年度报告。");
  });

  it("keeps formula-like and XML-hostile text as text", async () => {
    expect(raw).toContain(FORMULA_TEXT);
    const hostile = { ...model, townships: [{ ...model.townships[0], township: "A&B<镇>\u0001" }] };
    const out = Buffer.from(await noticeDocx(docx, hostile));
    expect((await mammoth.extractRawText({ buffer: out })).value).toContain("A&B<镇>");
  });

  it("copes with an empty model", async () => {
    const out = await noticeDocx(docx, { county: "桐川县", year: 2024, townships: [], summary: [], deadline: null });
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(out) })).value;
    expect(text).toContain("未发现需整改的问题。");
  });
});

describe("noticeXlsx", () => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await noticeXlsx(ExcelJS, model);
    if (process.env.NOTICE_SAMPLE_DIR) writeFileSync(join(process.env.NOTICE_SAMPLE_DIR, "notice-sample.xlsx"), bytes);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  });

  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    expect(ws, name).toBeDefined();
    return ws!;
  };
  const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
  const column = (ws: ExcelJS.Worksheet, label: string) => header(ws).indexOf(label) + 1;

  it("has the sheets in order, the table sheet named within Excel's rules", () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["概况", "乡镇", "问题清单", "表三 依申请公开本年"]);
  });

  it("概况: the title, dates and the summary with numbers as numbers", () => {
    const ws = sheet("概况");
    expect(ws.getCell("A1").value).toBe("桐川县2024年度政府信息公开工作年度报告核查情况通报");
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const byLabel = new Map(rows.map((r) => [r[0], r.slice(1)]));
    expect(byLabel.get("平均质量分")).toEqual([86.5, "分"]);
    expect(byLabel.get("应报乡镇")).toEqual([3, "个"]);
    expect(byLabel.get("发布期限")).toEqual(["次年1月31日"]);
    expect((byLabel.get("期限日期")![0] as Date).toISOString()).toBe("2025-01-31T00:00:00.000Z");
    expect((byLabel.get("通报日期")![0] as Date).toISOString().slice(0, 10)).toBe("2026-12-02");
  });

  it("乡镇: one row per township, header frozen and filtered, numbers as numbers, null as empty", () => {
    const ws = sheet("乡镇");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(header(ws)).toEqual(expect.arrayContaining(["乡镇", "年报", "发布日期", "逾期天数", "质量分", "问题数", "待整改", "报告编号", "文件"]));
    expect(ws.rowCount).toBe(1 + model.townships.length);
    const at = (row: number, label: string) => ws.getRow(row).getCell(column(ws, label)).value;
    expect(at(2, "乡镇")).toBe("梅林镇");
    expect(at(2, "逾期天数")).toBe(10);
    expect(at(2, "质量分")).toBe(83);
    expect(at(2, "待整改")).toBe(3);
    expect(at(2, "报告编号")).toBe("r0123abcd456");
    expect(at(3, "逾期天数")).toBe(-11);
    expect(at(3, "是否按期")).toBe("按期");
    expect((at(2, "发布日期") as Date).toISOString().slice(0, 10)).toBe("2025-02-10");
    for (const label of ["发布日期", "逾期天数", "质量分", "报告编号", "文件"]) expect(at(4, label), label).toBeNull();
    for (const label of ["逾期天数", "质量分", "问题数", "待整改"]) expect(typeof at(2, label), label).toBe("number");
  });

  it("问题清单: one row per finding, dismissed kept with its reason, formula-like text a string", () => {
    const ws = sheet("问题清单");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(header(ws)).toEqual(["乡镇", "问题类型", "规则", "规则说明", "状态", "说明", "应为", "实为", "单元格", "核查结论", "说明/原因", "核查人", "核查日期", "核查编号", "报告编号"]);
    expect(ws.rowCount - 1).toBe(totalFindings);
    const rows = new Map<string, (c: string) => unknown>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.set(String(row.getCell(column(ws, "核查编号")).value), (c) => row.getCell(column(ws, c)).value);
    }
    const dismissed = rows.get("f-sim-1")!;
    expect(dismissed("核查结论")).toBe("排除（误报）");
    expect(dismissed("说明/原因")).toBe("两镇共用县级统一模板，属正常");
    expect(dismissed("乡镇")).toBe("梅林镇");
    const balance = rows.get("f-bal-1")!;
    expect(balance("应为")).toBe(12);
    expect(balance("实为")).toBe(10);
    expect(balance("核查结论")).toBe("待核查");
    expect(balance("核查人")).toBeNull();
    const formula = rows.get("f-formula")!;
    expect(formula("说明")).toBe(FORMULA_TEXT);
    expect(rows.get("f-miss-1")!("报告编号")).toBeNull();
    expect(rows.get("f-miss-1")!("乡镇")).toBe("白沙镇");
  });

  it("the model's tables: one sheet each, frozen header, numbers as numbers", () => {
    const ws = sheet("表三 依申请公开本年");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(header(ws)).toEqual(["乡镇", "本年新收政府信息公开申请数量·总计", "办理总计"]);
    expect(ws.getCell("B2").value).toBe(12);
    expect(ws.getCell("C3").value).toBeNull();
  });

  it("has no formula anywhere, in ExcelJS's reading or in the sheet XML", () => {
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
        })
      );
    }
    const files = unzipSync(bytes);
    const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets).toHaveLength(4);
    for (const f of sheets) expect(strFromU8(files[f]), f).not.toContain("<f>");
    expect(strFromU8(files["xl/sharedStrings.xml"])).toContain("=HYPERLINK(");
  });
});
