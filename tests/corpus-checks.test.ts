// Rules across reports (loaders/corpus-checks): cross-year, jumps, timeliness, coverage, quality,
// and the tables written from them. Fixtures: tests/helpers/corpus-checks-fixtures.ts.
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { analyseCorpus } from "../loaders/corpus-checks/index.ts";
import { reportId } from "../loaders/output/report-id.ts";
import { writeTables } from "../loaders/output/write-tables.ts";
import { activeVolume, anscombe } from "../loaders/corpus-checks/jumps.ts";
import { daysAfterYearEnd, timelinessChecks } from "../loaders/corpus-checks/timeliness.ts";
import { WEIGHTS, DEFAULT_WEIGHT } from "../loaders/corpus-checks/weights.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { cell, place, rec, t3, templateReport } from "./helpers/corpus-checks-fixtures.ts";

const rows = (a: ReturnType<typeof analyseCorpus>, rule: string, file?: string) =>
  a.checks.filter((c) => c.rule === rule && (!file || c.report_id === reportId(file)));

describe("carry_over: 上年结转 = last year's 结转下年度继续办理, per column", () => {
  it("passes when every column matches, across the 2020 → 2021 template switch", () => {
    const r2020 = templateReport("梅溪镇", "青山县", 2020, t3({}, { natural: 2, total: 2 }));
    const r2021 = templateReport("梅溪镇", "青山县", 2021, t3({ natural: 2, total: 2 }, {}));
    expect(r2020.template).toBe("template-2019");
    const a = analyseCorpus([r2020, r2021]);
    expect(rows(a, "carry_over", r2021.file)).toMatchObject([{ status: "pass" }]);
  });

  it("fails once per differing column with the numbers and both cells", () => {
    const r1 = templateReport("梅溪镇", "青山县", 2022, t3({}, { natural: 0, commercial: 1, total: 1 }));
    const r2 = templateReport("梅溪镇", "青山县", 2023, t3({ natural: 3, commercial: 1, total: 4 }, {}));
    const fails = rows(analyseCorpus([r1, r2]), "carry_over", r2.file);
    expect(fails.map((f) => [f.status, f.expected, f.actual])).toEqual([["fail", 0, 3], ["fail", 1, 4]]);
    expect(fails[0].cells).toBe(`t3.carried.natural ${reportId(r1.file)}:t3.carry_forward.natural`);
    expect(fails[0].message).toContain("自然人");
  });

  it("skips when last year's report is missing, and uses narrative totals for free-text years", () => {
    const lonely = templateReport("梅溪镇", "青山县", 2023, t3({ total: 1 }, {}));
    expect(rows(analyseCorpus([lonely]), "carry_over")).toMatchObject([{ status: "skip" }]);
    const prose = rec({ file: "a/2018.txt", township: "梅溪镇", county: "青山县", year: 2018, requests_forward_total: 1 });
    const next = templateReport("梅溪镇", "青山县", 2019, t3({ total: 2 }, {}));
    expect(rows(analyseCorpus([prose, next]), "carry_over", next.file)).toMatchObject([{ status: "fail", expected: 1, actual: 2 }]);
  });

  it("does not compare two townships of the same name in different counties", () => {
    const a1 = templateReport("新集镇", "青山县", 2022, t3({}, { total: 5 }));
    const b2 = templateReport("新集镇", "白水县", 2023, t3({ total: 0 }, {}));
    expect(rows(analyseCorpus([a1, b2]), "carry_over", b2.file)).toMatchObject([{ status: "skip" }]);
  });

  it("reads the representative of a duplicated township-year (the fully read file)", () => {
    const good = templateReport("梅溪镇", "青山县", 2022, t3({}, { total: 1 }));
    const bad = { ...templateReport("梅溪镇", "青山县", 2022, t3({}, { total: 9 })), file: "青山县/梅溪镇/2022(1).txt", status: "partial" as const };
    const next = templateReport("梅溪镇", "青山县", 2023, t3({ total: 1 }, {}));
    const a = analyseCorpus([bad, good, next]);
    expect(rows(a, "carry_over", next.file)).toMatchObject([{ status: "pass" }]);
    expect(rows(a, "duplicate_file").map((r) => r.report_id).sort()).toEqual([reportId(good.file), reportId(bad.file)].sort());
  });
});

describe("stock_flow_2021 (soft): 现行有效(N) ≈ 现行有效(N−1) + 本年制发 − 本年废止", () => {
  const t2 = (issued: number, repealed: number, inForce: number) =>
    [cell("t2", "normative", "issued", issued), cell("t2", "normative", "repealed", repealed), cell("t2", "normative", "in_force", inForce)];
  it("passes when the stock adds up and warns with the numbers when it does not", () => {
    const y1 = templateReport("梅溪镇", "青山县", 2022, t2(1, 0, 10));
    const ok = templateReport("梅溪镇", "青山县", 2023, t2(3, 1, 12));
    expect(rows(analyseCorpus([y1, ok]), "stock_flow_2021", ok.file)).toMatchObject([{ status: "pass" }]);
    const off = templateReport("梅溪镇", "青山县", 2023, t2(3, 1, 20));
    expect(rows(analyseCorpus([y1, off]), "stock_flow_2021", off.file)).toMatchObject([{ status: "warn", expected: 12, actual: 20 }]);
  });
  it("skips when last year did not use the 2021 template", () => {
    const y2020 = templateReport("梅溪镇", "青山县", 2020, [cell("t2", "normative", "total_public", 8)]);
    const y2021 = templateReport("梅溪镇", "青山县", 2021, t2(1, 0, 9));
    expect(rows(analyseCorpus([y2020, y2021]), "stock_flow_2021", y2021.file)).toMatchObject([{ status: "skip" }]);
  });
});

describe("extreme_jump: robust, small counts handled", () => {
  /** A county of `n` townships, years 2010–2018, metric from `value(township index, year)`. */
  function county(n: number, value: (i: number, y: number) => number | null, field: keyof ReportRecord = "active_total"): ReportRecord[] {
    const out: ReportRecord[] = [];
    for (let i = 0; i < n; i++) for (let y = 2010; y <= 2018; y++) {
      out.push(rec({ file: `c/t${i}/${y}.txt`, township: `第${i}镇`, county: "青山县", year: y, [field]: value(i, y) }));
    }
    return out;
  }
  const level = (i: number, y: number) => 80 + ((i * 7 + y * 13) % 30);

  it("flags a tenfold spike with the numbers behind it, not the year back to normal", () => {
    const a = analyseCorpus(county(8, (i, y) => (i === 0 && y === 2014 ? 900 : level(i, y))));
    const warns = rows(a, "extreme_jump").filter((r) => r.status === "warn");
    expect(warns.map((w) => w.report_id)).toEqual([reportId("c/t0/2014.txt")]);
    expect(warns[0]).toMatchObject({ actual: 900, cells: "active_total" });
    expect(warns[0].message).toMatch(/骤增：2014 年 900（2013 年 \d+）；青山县第0镇其他 8 个年度中位数 \d+.*青山县同年其他乡镇（7 个）/);
  });

  it("does not call 0 → 3 a spike", () => {
    const a = analyseCorpus(county(8, (i, y) => (i === 0 && y === 2015 ? 3 : 0), "requests_new_total"));
    expect(rows(a, "extreme_jump").filter((r) => r.status === "warn")).toEqual([]);
    expect(anscombe(3) - anscombe(0)).toBeLessThan(4);
  });

  it("does not flag a year the whole county jumped (the county's distribution that year)", () => {
    const a = analyseCorpus(county(8, (i, y) => (y === 2016 ? 900 + i : level(i, y))));
    expect(rows(a, "extreme_jump").filter((r) => r.status === "warn")).toEqual([]);
  });

  it("flags a collapse too, and needs enough history", () => {
    const drop = analyseCorpus(county(8, (i, y) => (i === 3 && y === 2017 ? 2 : level(i, y))));
    expect(rows(drop, "extreme_jump").filter((r) => r.status === "warn")).toMatchObject([{ actual: 2 }]);
    const short = analyseCorpus(county(8, (i, y) => (y < 2016 ? null : i === 0 && y === 2018 ? 900 : level(i, y))));
    expect(rows(short, "extreme_jump")).toEqual([]);
  });

  it("reads the volume from the largest channel when only a channel split is given", () => {
    const r = rec({ file: "x", active_total: null });
    (r as unknown as { evidence: unknown[] }).evidence = [{ field: "active_channels.门户网站", value: 924 }, { field: "active_channels.政务微信", value: 40 }];
    expect(activeVolume(r)).toBe(924);
    expect(activeVolume(rec({ file: "y", active_total: 77 }))).toBe(77);
  });
});

describe("timeliness", () => {
  const check = (year: number, date: string | null) => Object.fromEntries(
    timelinessChecks("r", rec({ file: "x", year, published_on: date })).map((c) => [c.rule, c.status]),
  );
  it("31 March of the next year is the deadline in every era", () => {
    expect(check(2012, "2013-03-31").published_by_mar31).toBe("pass");
    expect(check(2012, "2013-04-01").published_by_mar31).toBe("fail");
    expect(daysAfterYearEnd(2015, "2016-03-31")).toBe(91); // leap year
    expect(check(2015, "2016-03-31").published_by_mar31).toBe("pass");
  });
  it("31 January for 2019+ is shown apart, as a local-rule warning", () => {
    expect(check(2018, "2019-02-15").published_by_jan31_local).toBeUndefined();
    expect(check(2019, "2020-02-15")).toMatchObject({ published_by_mar31: "pass", published_by_jan31_local: "warn" });
    expect(check(2019, "2020-01-31").published_by_jan31_local).toBe("pass");
    expect(WEIGHTS.published_by_jan31_local.weight).toBe(0);
  });
  it("a date on or before 31 December of the covered year cannot report the whole year", () => {
    expect(check(2017, "2017-12-31").published_after_year_end).toBe("fail");
    expect(check(2017, "2018-01-01").published_after_year_end).toBe("pass");
  });
  it("an unknown or unreadable date is never guessed: the rules are skipped with the reason", () => {
    expect(check(2016, null)).toEqual({ published_by_mar31: "skip", published_after_year_end: "skip" });
    const bad = timelinessChecks("r", rec({ file: "x", year: 2020, published_on: "2021-02-30" }));
    expect(bad.every((c) => c.status === "skip")).toBe(true);
    expect(bad[0].message).toContain("2021-02-30");
  });
});

describe("coverage: county × township × year", () => {
  const places = [place("梅溪镇", "青山县", "1"), place("石门乡", "青山县", "2"), place("柳岸街道", "青山县", "3"), place("远山镇", "白水县", "4")];
  const r = (t: string, y: number, file = `${t}/${y}.txt`, county: string | null = "青山县") => rec({ file, township: t, county, year: y });

  it("lists every listed unit of each county present, every year in range", () => {
    const a = analyseCorpus([r("梅溪镇", 2020), r("梅溪镇", 2022), r("石门乡", 2021), r("石门乡", 2021, "石门乡/2021(1).txt")], [], { places });
    const grid = Object.fromEntries(a.coverage.map((c) => [`${c.township}${c.year}`, c.status]));
    expect(grid).toEqual({
      柳岸街道2020: "missing", 柳岸街道2021: "missing", 柳岸街道2022: "missing",
      梅溪镇2020: "present", 梅溪镇2021: "missing", 梅溪镇2022: "present",
      石门乡2020: "missing", 石门乡2021: "duplicated", 石门乡2022: "missing",
    });
    expect(a.coverage.some((c) => c.county === "白水县")).toBe(false); // no report from that county
    expect(rows(a, "duplicate_file")).toHaveLength(2);
  });

  it("takes the gazetteer's units and adds units seen only in reports", () => {
    const gazetteer = { unitsInCounty: (county: string) => (county === "青山县" ? [place("古渡镇", "青山县", "9")] : []) };
    const a = analyseCorpus([r("梅溪镇", 2020), r("新设镇", 2020)], [], { places, gazetteer });
    const listed = Object.fromEntries(a.coverage.map((c) => [c.township, c.listed_in]));
    expect(listed).toMatchObject({ 古渡镇: "gazetteer", 梅溪镇: "places", 新设镇: "reports" });
  });

  it("lists missing years only for counties the corpus covers (a quarter of their units, or a places file), each over its own years", () => {
    const ten = Array.from({ length: 10 }, (_, i) => place(`甲${i}镇`, "远乡县", String(20 + i)));
    const gazetteer = { unitsInCounty: (county: string) => (county === "远乡县" ? ten : []) };
    // one stray report of a county with ten units (a real sample among a folder of others): no 缺失 there
    const stray = analyseCorpus([r("梅溪镇", 2016), r("梅溪镇", 2020), rec({ file: "s", township: "甲0镇", county: "远乡县", year: 2018 })], [], { places, gazetteer });
    expect(stray.coverage.filter((c) => c.county === "远乡县").map((c) => `${c.township}${c.year}${c.status}`)).toEqual(["甲0镇2018present"]);
    // three of its ten units report: the county is covered, its other units are missing, over its own years only
    const three = [0, 1, 2].map((i) => rec({ file: `t${i}`, township: `甲${i}镇`, county: "远乡县", year: 2018 + i }));
    const covered = analyseCorpus([r("梅溪镇", 2016), ...three], [], { places, gazetteer }).coverage.filter((c) => c.county === "远乡县");
    expect(new Set(covered.map((c) => c.year))).toEqual(new Set([2018, 2019, 2020]));
    expect(covered.filter((c) => c.status === "missing")).toHaveLength(10 * 3 - 3);
  });

  it("places a county-less report by its name only when the name is unique in the grid", () => {
    const withTwin = [...places, place("梅溪镇", "白水县", "5")];
    const a = analyseCorpus([r("石门乡", 2020, "x1", null), r("柳岸街道", 2020)], [], { places });
    expect(a.coverage.find((c) => c.township === "石门乡" && c.year === 2020)?.status).toBe("present");
    const b = analyseCorpus([r("梅溪镇", 2020, "x2", null), r("柳岸街道", 2020), rec({ file: "y", township: "远山镇", county: "白水县", year: 2020 })], [], { places: withTwin });
    expect(b.coverage.filter((c) => c.township === "梅溪镇").map((c) => c.status)).toEqual(["missing", "missing"]);
  });
});

describe("quality: 100 − weights of failed rules, traceable", () => {
  const checks = [
    { rule: "t3_balance", status: "fail" as const, message: "列1" }, { rule: "t3_balance", status: "fail" as const, message: "列2" },
    { rule: "t4_sum", status: "pass" as const, message: "" }, { rule: "some_new_rule", status: "fail" as const, message: "新" },
  ];
  const late = rec({ file: "q/2019.txt", township: "梅溪镇", county: "青山县", year: 2019, published_on: "2020-06-01", checks });

  it("deducts each failed or warned rule once, with its weight, and says why", () => {
    const a = analyseCorpus([late], [], { places: [place("梅溪镇", "青山县")], years: [2018, 2019] });
    const mine = a.quality.filter((q) => q.level === "report");
    const byRule = Object.fromEntries(mine.map((q) => [q.rule, q.points]));
    expect(byRule).toEqual({
      t3_balance: WEIGHTS.t3_balance.weight, some_new_rule: DEFAULT_WEIGHT,
      published_by_mar31: WEIGHTS.published_by_mar31.weight, published_by_jan31_local: 0,
    });
    const total = mine.reduce((s, q) => s + q.points, 0);
    expect(new Set(mine.map((q) => q.score))).toEqual(new Set([100 - total]));
    expect(mine.find((q) => q.rule === "t3_balance")!.message).toBe("列1（另有 1 处）");
  });

  it("scores a township-year as its report, and a missing one 0", () => {
    const a = analyseCorpus([late], [], { places: [place("梅溪镇", "青山县")], years: [2018, 2019] });
    const ty = a.quality.filter((q) => q.level === "township_year");
    expect(ty.find((q) => q.year === 2018)).toMatchObject({ score: 0, rule: "report_missing", points: 100 });
    expect(ty.filter((q) => q.year === 2019).map((q) => q.rule).sort()).toEqual(["published_by_jan31_local", "published_by_mar31", "some_new_rule", "t3_balance"]);
  });

  it("takes other weights from the caller, and never goes below 0", () => {
    const a = analyseCorpus([late], [], { weights: { ...WEIGHTS, t3_balance: { weight: 150, label: "x" } } });
    expect(a.quality.find((q) => q.level === "report")!.score).toBe(0);
  });
});

describe("tables", () => {
  it("writeTables adds the corpus tables and puts the corpus rules into checks.csv", () => {
    const records = [templateReport("梅溪镇", "青山县", 2022, t3({}, { total: 1 })), templateReport("梅溪镇", "青山县", 2023, t3({ total: 0 }, {}))];
    const tables = writeTables(records, analyseCorpus(records, [], { places: [place("梅溪镇", "青山县")] }));
    expect(Object.keys(tables)).toEqual(expect.arrayContaining(["checks.csv", "similar_reports.csv", "coverage.csv", "quality.csv"]));
    expect(tables["similar_reports.csv"].split("\n")[0]).toMatch(/^report_a,report_b,similarity,shared_chars,sample,/);
    expect(tables["coverage.csv"].split("\n")[0]).toBe("province,city,county,township,code,year,status,n_reports,report_ids,listed_in");
    expect(tables["quality.csv"].split("\n")[0]).toBe("level,unit_id,report_id,county,township,year,score,rule,status,weight,points,message");
    const checks = Papa.parse<Record<string, string>>(tables["checks.csv"], { header: true, skipEmptyLines: true }).data;
    expect(checks.find((c) => c.rule === "carry_over" && c.status === "fail")).toMatchObject({ expected: "1", actual: "0" });
    expect(Object.keys(writeTables(records))).not.toContain("quality.csv");
  });
});
