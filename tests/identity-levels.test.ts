// Reports of every unit level get an identity (issue 11): the unit and its level (乡镇/街道, 县区,
// 地市, 省, 部门), resolved against the gazetteer and the places files (whose rows may now list a
// county- or city-level unit with an empty township); the new contract fields come after the old
// ones; coverage stays a grid of townships. Report texts here are written for the test; the real
// reports are read from ../shared when present (never copied).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { indexPlaces, parsePlacesCsv, type PlaceIndex } from "../loaders/identity/places.ts";
import { parseUnitName, unlistedShape } from "../loaders/identity/unit.ts";
import { parseReport, parseReportAsync } from "../loaders/parse-report.ts";
import { analyseCorpus } from "../loaders/corpus-checks/index.ts";
import { gazetteer } from "../loaders/identity/gazetteer.ts";
import { loadPlaces } from "../loaders/corpus.ts";
import { REPORT_FIELDS } from "../loaders/types.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "nianbao.mjs");
const FIXTURES = join(import.meta.dirname, "fixtures", "identity");
const SHARED = join(ROOT, "..", "shared");
const enc = (s: string) => new TextEncoder().encode(s);
const places = (csv: string): PlaceIndex => indexPlaces(parsePlacesCsv(csv, "test.csv"));

describe("places files list units above the township level", () => {
  it("a row with an empty township is a county-level unit (county given) or a city-level one (only city)", () => {
    const rows = parsePlacesCsv("code,township,county,city,province\n,,东湾综合实验区,,福建省\n990150,,岚北新区,岚州市,岚江省\n", "p.csv");
    expect(rows.map((r) => [r.township, r.county, r.city])).toEqual([["", "东湾综合实验区", null], ["", "岚北新区", "岚州市"]]);
    expect(() => parsePlacesCsv("code,township,county,city,province\n1,,,,岚江省\n", "p.csv")).toThrow(/township、county、city 都为空/);
  });

  it("a zone no list knows takes the level its places row gives: 地市 for a city-level row", () => {
    const text = readFileSync(join(FIXTURES, "37-unlisted-zone.txt"), "utf8");
    const before = parseReport("zone.txt", enc(text));
    expect(before).toMatchObject({ level: null, unit: "东湾综合实验区" });
    const after = parseReport("zone.txt", enc(text), { places: places("code,township,county,city,province\n,,,东湾综合实验区,福建省\n") });
    expect(after).toMatchObject({ level: "city", unit: "东湾综合实验区", township: null, county: null, city: "东湾综合实验区", province: "福建省" });
    expect(after.warnings.join("\n")).not.toContain("地名表中没有");
  });

  it("a county-level row: a zone's management committee reports as a 县区-level unit, with the row's code", () => {
    const p = places("code,township,county,city,province\n990150,,岚北新区,岚州市,岚江省\n");
    const r = parseReport("z.txt", enc("岚北新区管委会2022年政府信息公开工作年度报告\n一、总体情况\n2022年，新区主动公开信息300条。\n"), { places: p });
    expect(r).toMatchObject({ level: "county", unit: "岚北新区", county: "岚北新区", city: "岚州市", province: "岚江省", code: "990150" });
  });

  it("the demo's fictitious county and city (known from the township rows) resolve, with their codes' prefixes", () => {
    const p = loadPlaces([join(ROOT, "data", "places")]);
    const county = parseReport("a.txt", enc("桐川县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我县主动公开信息500条。\n"), { places: p });
    expect(county).toMatchObject({ level: "county", unit: "桐川县", county: "桐川县", city: "岚州市", province: "岚江省", code: "990121" });
    const city = parseReport("b.txt", enc("梧阳市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我市主动公开信息900条。\n"), { places: p });
    expect(city).toMatchObject({ level: "city", unit: "梧阳市", county: null, city: "梧阳市", province: "岚江省", code: "9902" });
    // 青峪市 is a 县级市 of 梧阳市 in the demo's places: a county-level unit, not a city
    const xian = parseReport("c.txt", enc("青峪市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我市主动公开信息700条。\n"), { places: p });
    expect(xian).toMatchObject({ level: "county", unit: "青峪市", county: "青峪市", city: "梧阳市" });
  });
});

describe("unit names", () => {
  const isAdmin = (n: string) => gazetteer().isAdminName(n);
  it("split into the places written first and the government's or department's own name", () => {
    expect(parseUnitName("淮安市洪泽区人民政府", isAdmin, "title")).toMatchObject({ kind: "government", chain: ["淮安市", "洪泽区"], place: "洪泽区" });
    expect(parseUnitName("沭阳县住房和城乡建设局", isAdmin, "title")).toMatchObject({ kind: "department", written: "沭阳县住房和城乡建设局", place: "沭阳县" });
    expect(parseUnitName("平潭县自然资源与规划局", isAdmin, "title")).toMatchObject({ kind: "department", place: "平潭县" });
    expect(parseUnitName("淮安经济技术开发区管委会", isAdmin, "title")).toMatchObject({ kind: "government", place: "淮安经济技术开发区", unlisted: false });
  });
  it("are never prose, a level word alone, or a neighbourhood", () => {
    for (const s of ["公布某某县", "县人民政府", "我镇", "区管委会", "东关社区", "市政府"]) expect(parseUnitName(s, isAdmin, "title"), s).toBeNull();
    expect(unlistedShape("东关社区")).toBeNull();
    expect(unlistedShape("云岭县")).toBe("county");
    expect(unlistedShape("东湾综合实验区")).toBe("zone");
    expect(unlistedShape("云岭市")).toBe("city-or-county");
  });
});

describe("the contract: level and unit come after the earlier fields", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-levels-"));
  writeFileSync(join(dir, "county.txt"), readFileSync(join(FIXTURES, "27-district-unit-line-above-title.txt")));
  writeFileSync(join(dir, "town.txt"), "石桥镇2016年政府信息公开工作年度报告\n\n2016年，我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n");
  /** The fields and columns before issue 11, in their order: they keep their positions. */
  const OLD_FIELDS = [
    "file", "status", "error", "township", "county", "city", "province", "year", "published_on", "template", "active_total",
    "active_total_approx", "active_categories", "requests_new_total", "requests_carried_total", "requests_handled_total",
    "requests_forward_total", "review_total", "litigation_total", "fees", "cells", "checks", "warnings",
  ];

  it("JSON: the old fields first, in their order, then level and unit", () => {
    const r = spawnSync(process.execPath, [BIN, "parse", dir, "--json"], { encoding: "utf8" });
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    for (const l of lines) expect(Object.keys(l)).toEqual([...OLD_FIELDS, "level", "unit"]);
    expect(REPORT_FIELDS.slice(0, OLD_FIELDS.length)).toEqual(OLD_FIELDS);
    expect(lines.map((l) => [l.level, l.unit, l.township, l.county])).toEqual([["county", "洪泽区", null, "洪泽区"], ["township", "石桥镇", "石桥镇", "岚东区"]]);
  });

  it("reports.csv: level and unit come right after warnings, appended (only content_hash and ocr, added later, after them)", () => {
    const out = join(dir, "out");
    mkdirSync(out);
    expect(spawnSync(process.execPath, [BIN, "parse", dir, "--out", out, "--quiet"], { encoding: "utf8" }).status).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(out, "reports.csv"), "utf8"), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields!.slice(-5)).toEqual(["warnings", "level", "unit", "content_hash", "ocr"]);
    expect(parsed.data.map((r) => [r.level, r.unit])).toEqual([["county", "洪泽区"], ["township", "石桥镇"]]);
  });
});

describe("coverage is a grid of townships", () => {
  it("a district's own report puts no township of the district into the grid", () => {
    const county = parseReport("county.txt", readFileSync(join(FIXTURES, "27-district-unit-line-above-title.txt")));
    expect(county).toMatchObject({ level: "county", county: "洪泽区", year: 2021 });
    const town = parseReport("town.txt", readFileSync(join(FIXTURES, "01-contact-qingyu.txt")));
    expect(town).toMatchObject({ level: "township", county: "泰顺县" });
    const a = analyseCorpus([county, town], [null, null], { gazetteer: gazetteer() });
    expect(a.coverage.length).toBeGreaterThan(0);
    expect(new Set(a.coverage.map((c) => c.county))).toEqual(new Set(["泰顺县"]));
  });
});

const REAL = join(SHARED, "real-reports");
const DEV = join(SHARED, "real-dev", "full");
const realPresent = existsSync(REAL) && existsSync(DEV);
if (!realPresent) console.warn(`[identity-levels] ${REAL} or ${DEV} is absent: the real reports' levels are not checked`);

describe.skipIf(!realPresent)("the real reports of other levels", () => {
  const parse = (dir: string, name: string, p?: PlaceIndex) => parseReportAsync(name, new Uint8Array(readFileSync(join(dir, name))), { places: p });

  it("淮安市 2024 is the city's report; 洪泽区 2023 and 2024 the district's, its city from the name", async () => {
    expect(await parse(REAL, "huaian-city-2024.pdf")).toMatchObject({ level: "city", unit: "淮安市", township: null, county: null, city: "淮安市", province: "江苏省", code: "3208", status: "ok" });
    for (const name of ["hongze-district-2023.pdf", "hongze-district-2024.pdf"]) {
      const r = await parse(REAL, name);
      expect(r, name).toMatchObject({ level: "county", unit: "洪泽区", township: null, county: "洪泽区", city: "淮安市", province: "江苏省", code: "320813" });
      expect(r.warnings.join("\n")).not.toMatch(/乡镇名称/);
    }
  });

  it("001 (a county, its name misread by OCR), 002 (a commission of 上海市), 005 (平潭综合实验区: a city-level zone once listed)", async () => {
    expect(await parse(DEV, "001.md")).toMatchObject({ level: "county", township: null });
    expect(await parse(DEV, "002.md")).toMatchObject({ level: "department", unit: "上海市科委", province: "上海市", township: null });
    const zone = await parse(DEV, "005.txt");
    expect(zone).toMatchObject({ level: null, unit: "平潭综合实验区", township: null });
    expect(zone.warnings.join("\n")).toContain("地名文件");
    const listed = await parse(DEV, "005.txt", places("code,township,county,city,province\n,,,平潭综合实验区,福建省\n"));
    expect(listed).toMatchObject({ level: "city", unit: "平潭综合实验区", city: "平潭综合实验区", province: "福建省" });
  });
});
