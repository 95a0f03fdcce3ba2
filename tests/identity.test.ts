import { describe, expect, it } from "vitest";
import { townshipFromTitle } from "../loaders/identity/township.ts";
import { findDates } from "../loaders/identity/dates.ts";
import { reportYear } from "../loaders/identity/year.ts";
import { publishedOn } from "../loaders/identity/published.ts";
import { indexPlaces, parsePlacesCsv, resolvePlace } from "../loaders/identity/places.ts";

describe("township from the title", () => {
  it.each([
    ["张家坡镇2018年政府信息公开年报", "张家坡镇"],
    ["沂源县张家坡镇人民政府2018年政府信息公开工作年度报告", "张家坡镇"],
    ["城区街道办事处2020年政府信息公开工作年度报告", "城区街道"],
    ["市中区城区街道办事处2020年政府信息公开工作年度报告", "城区街道"],
    ["红旗 乡 人民政府 2012 年政府信息公开工作年度报告", "红旗乡"],
    ["巴彦苏木2021年政府信息公开工作年度报告", "巴彦苏木"],
    ["山东省淄博市沂源县南鲁山镇2016年度政府信息公开年报", "南鲁山镇"],
  ])("%s → %s", (title, expected) => {
    expect(townshipFromTitle([title])).toBe(expected);
  });

  it("does not take words that only look like a township", () => {
    expect(townshipFromTitle(["关于全面推进乡镇政务公开工作的通知"])).toBeNull();
    expect(townshipFromTitle(["2018年政府信息公开工作年度报告"])).toBeNull();
  });
});

describe("dates", () => {
  it("reads Arabic and Chinese-numeral dates", () => {
    expect(findDates("张家坡镇人民政府\n2019年2月15日").map((d) => d.iso)).toEqual(["2019-02-15"]);
    expect(findDates("二〇一九年二月十五日").map((d) => d.iso)).toEqual(["2019-02-15"]);
    expect(findDates("二〇二一年十二月三十一日").map((d) => d.iso)).toEqual(["2021-12-31"]);
    expect(findDates("2020 年 1 月 9 日").map((d) => d.iso)).toEqual(["2020-01-09"]);
  });

  it("rejects impossible dates and dates with lost characters", () => {
    expect(findDates("2019年2月30日")).toEqual([]);
    expect(findDates("统计期限为2025111231日")).toEqual([]);
  });
});

describe("report year", () => {
  it("comes from the title, not the publication date", () => {
    expect(reportYear(["某某镇2018年政府信息公开年报"], "……2019年2月15日").year).toBe(2018);
  });

  it("falls back to the 统计期限", () => {
    const text = "本报告中所列数据的统计期限自2017年1月1日至2017年12月31日止。";
    expect(reportYear(["政府信息公开工作年度报告"], text)).toEqual({ year: 2017, source: "period", warnings: [] });
  });

  it("is left empty, with a warning, when the 统计期限 lost characters", () => {
    const found = reportYear(["政府信息公开工作年度报告"], "统计期限为2025111231日。");
    expect(found.year).toBeNull();
    expect(found.warnings.join()).toMatch(/统计期限无法识别/);
  });
});

describe("publication date", () => {
  it("prefers the page's 发布日期 (the day the report went public) over the signature date", () => {
    expect(publishedOn("……正文……\n某某镇人民政府\n2019年2月15日", "2019-03-01").date).toBe("2019-03-01");
    expect(publishedOn("……正文……\n某某镇人民政府\n2019年2月15日", null).date).toBe("2019-02-15");
  });
  it("uses the page's 发布日期 when the report is unsigned", () => {
    expect(publishedOn("正文没有落款。", "2021-01-20")).toEqual({ date: "2021-01-20", source: "page:发布日期", warnings: [] });
  });
  it("does not take a date from the body far from the end", () => {
    const body = "2018年3月1日召开会议。" + "正文。".repeat(300);
    expect(publishedOn(body, null).date).toBeNull();
  });
});

describe("places (a user's places file alone)", () => {
  const csv = "code,township,county,city,province\n990101101,太平镇,甲县,某市,某省\n990201101,太平镇,乙县,某市,某省\n990101102,石桥镇,甲县,某市,某省\n";
  const places = indexPlaces(parsePlacesCsv(csv, "test.csv"));
  const options = { places, gazetteer: false };

  it("resolves a unique name", () => {
    expect(resolvePlace("石桥镇", {}, options).place?.county).toBe("甲县");
  });
  it("decides same-named townships by a clue, else leaves them unresolved", () => {
    expect(resolvePlace("太平镇", { path: "reports/乙县/太平镇2019.txt" }, options).place?.code).toBe("990201101");
    const unresolved = resolvePlace("太平镇", { path: "reports/太平镇2019.txt" }, options);
    expect(unresolved.place).toBeNull();
    expect(unresolved.warning).toMatch(/2 个同名乡镇/);
  });
  it("rejects a places file without the required columns", () => {
    expect(() => parsePlacesCsv("name,county\n太平镇,甲县\n", "bad.csv")).toThrow(/缺少列 code, township, city, province/);
  });
});
