// The parts of loaders/narrative one at a time: numerals, what is not a count, labels and the
// taxonomy, the narrative rules, and evidence.csv.
import { describe, expect, it } from "vitest";
import { cnNumber, numberTokens } from "../loaders/narrative/numbers.ts";
import { cleanLabel } from "../loaders/narrative/labels.ts";
import { categoryOf, CATEGORIES } from "../loaders/categories.ts";
import { parseNarrative } from "../loaders/narrative/index.ts";
import { narrativeChecks } from "../loaders/checks/narrative-checks.ts";
import { emptyRecord } from "../loaders/parse-report.ts";
import { writeTables } from "../loaders/output/write-tables.ts";
import { REPORT_FIELDS } from "../loaders/types.ts";

describe("numerals", () => {
  it.each([
    ["零", 0], ["两", 2], ["十", 10], ["十五", 15], ["二十一", 21], ["一百二十三", 123], ["三千零五", 3005],
    ["一万二千", 12000], ["二〇一九", 2019],
  ])("%s → %d", (s, n) => expect(cnNumber(s)).toBe(n));

  it("rejects what is not a number", () => {
    expect(cnNumber("万")).toBeNull();
    expect(cnNumber("十十")).toBeNull();
  });
});

const values = (s: string) => numberTokens(s).map((t) => [t.value, t.unit, t.approx]);

describe("count tokens", () => {
  it("reads units, approximation markers and spaces", () => {
    expect(values("公开100余条")).toEqual([[100, "条", true]]);
    expect(values("755多条")).toEqual([[755, "条", true]]);
    expect(values("30多人次")).toEqual([[30, "人次", true]]);
    expect(values("约60份")).toEqual([[60, "份", true]]);
    expect(values("150条左右")).toEqual([[150, "条", true]]);
    expect(values("260余，")).toEqual([[260, null, true]]);
    expect(values("接待 86 人次")).toEqual([[86, "人次", false]]);
    expect(values("1,234条")).toEqual([[1234, "条", false]]);
    expect(values("收到申请两件")).toEqual([[2, "件", false]]);
    expect(values("0件次")).toEqual([[0, "件次", false]]);
  });

  it("reads money in yuan", () => {
    expect(numberTokens("收取费用120元").map((t) => [t.value, t.kind])).toEqual([[120, "money"]]);
    expect(numberTokens("信息处理费0.05万元").map((t) => [t.value, t.kind])).toEqual([[500, "money"]]);
  });

  it("leaves out dates, ordinals, percentages, codes and durations", () => {
    expect(values("2019年2月15日")).toEqual([]);
    expect(values("统计期限为2015111231日")).toEqual([]);
    expect(values("第二十条第（一）项")).toEqual([]);
    expect(values("1.组织机构")).toEqual([]);
    expect(values("占20%")).toEqual([]);
    expect(values("国办发〔2014〕32号")).toEqual([]);
    expect(values("15个工作日内")).toEqual([]);
    expect(values("发布时间 14:20")).toEqual([]);
    expect(values("一是加强领导")).toEqual([]);
    expect(values("党的十九大")).toEqual([]);
    expect(values("增长1.5倍")).toEqual([]);
  });

  it("keeps a count glued to the next word", () => {
    expect(values("信息数量304利用本镇")).toEqual([[304, null, false]]);
  });
});

describe("labels and the taxonomy", () => {
  it.each([
    ["其中工作动态类", "工作动态"], ["；计划总结类", "计划总结"], ["1.组织机构", "组织机构"], ["（3）三公经费类信息", "三公经费"],
    ["我镇共公开业务工作", "业务工作"], ["财务公开类", "财务公开"], ["政务动态信息", "政务动态"], ["其他信息", "其他信息"],
    ["人事信息类", "人事信息"],
  ])("%s → %s", (raw, label) => expect(cleanLabel(raw)).toBe(label));

  it.each([
    ["机构职能", "机构职能"], ["政策法规", "政策文件"], ["规划工作", "规划计划"], ["业务工作", "工作动态"], ["其他信息", "其他"],
    ["财务公开", "财政资金"], ["扶贫资金", "重点领域"], ["办事指南", "公共服务"], ["人事任免", "人事信息"], ["其他工作信息", "其他"],
    ["规范性文件", "政策文件"], ["三公经费", "财政资金"], ["行政执法", "公共服务"],
  ])("%s is %s", (label, category) => expect(categoryOf(label)).toBe(category));

  it("has the nine documented categories and no channel among them", () => {
    expect(CATEGORIES.length).toBe(9);
    expect(categoryOf("三务合一")).toBeNull();
  });
});

describe("narrative rules", () => {
  const run = (text: string) => {
    const n = parseNarrative(text, "free-text-2008");
    return narrativeChecks(emptyRecord("x.txt"), n);
  };
  const status = (text: string, rule: string) => run(text).filter((c) => c.rule === rule).map((c) => [c.status, c.expected, c.actual]);

  it("total_vs_categories: exact totals must equal the sum; both numbers are reported", () => {
    expect(status("主动公开政府信息10条，其中工作动态6条、其他4条。", "total_vs_categories")).toEqual([["pass", 10, 10]]);
    expect(status("主动公开政府信息10条，其中工作动态6条、其他5条。", "total_vs_categories")).toEqual([["fail", 10, 11]]);
  });
  it("total_vs_categories: a total written as 余 is a lower bound; two approximations are not compared", () => {
    expect(status("主动公开政府信息10余条，其中工作动态6条、其他5条。", "total_vs_categories")).toEqual([["pass", 10, 11]]);
    expect(status("主动公开政府信息10余条，其中工作动态6余条、其他5条。", "total_vs_categories").map((x) => x[0])).toEqual(["skip"]);
  });
  it("approx_values fails when a figure is approximate", () => {
    expect(run("主动公开政府信息100余条。").find((c) => c.rule === "approx_values")?.status).toBe("fail");
    expect(run("主动公开政府信息100条。").find((c) => c.rule === "approx_values")?.status).toBe("pass");
  });
  it("narrative_vs_table compares prose with a template's cells and never changes them", () => {
    const n = parseNarrative("一、总体情况\n全年共收到政府信息公开申请4件。", "template-2021");
    expect(n.requests_new_total).toBeNull();
    const rec = { ...emptyRecord("x.txt"), template: "template-2021" as const, requests_new_total: 3 };
    const c = narrativeChecks(rec, n).filter((k) => k.rule === "narrative_vs_table");
    expect(c.map((k) => [k.status, k.expected, k.actual, k.cells])).toEqual([["fail", 3, 4, ["t3.new.total"]]]);
    expect(rec.requests_new_total).toBe(3);
  });
});

describe("evidence", () => {
  it("goes to evidence.csv and never into the CLI's JSON fields", () => {
    const n = parseNarrative("示例镇2015年政府信息公开工作年度报告\n主动公开政府信息12条。", "free-text-2008");
    const rec = { ...emptyRecord("a.txt"), evidence: n.evidence };
    const csv = writeTables([rec])["evidence.csv"];
    expect(csv.split("\n")[0]).toBe("report_id,field,value,line,start,end,snippet");
    expect(csv.split("\n")[1].split(",").slice(1)).toEqual(["active_total", "12", "2", "9", "11", "主动公开政府信息12条。"]);
    expect(REPORT_FIELDS as readonly string[]).not.toContain("evidence");
  });
  it("points into the original lines when a sentence is wrapped", () => {
    const text = "主动公开政府信息，全年共计达到了一百二十\n条。其中工作动态100条，\n其他20条。";
    const n = parseNarrative(text, "free-text-2008");
    const other = n.evidence.find((e) => e.field === "active_categories.其他")!;
    expect([other.line, text.split("\n")[other.line - 1].slice(other.start - 1, other.end)]).toEqual([3, "20条"]);
  });
});
