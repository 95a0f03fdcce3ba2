// Resolving a township name to its code, county, city and province.
//
// Two lists of places: the user's places files (data/places/*.csv and --places: code,township,
// county,city,province; units the national list lacks, such as development zones or renamed
// townships, and the demo corpus's fictitious places) and the national gazetteer (gazetteer.ts).
// They are merged: a user entry replaces the gazetteer's entry for the same unit (same code, or
// same name in the same county), and wins a tie that the clues cannot break.
//
// Same-named townships are common (太平镇: 50 counties), so a name with several entries is decided
// only by clues (clues.ts); otherwise it is left unresolved with a warning. Precision first: a
// wrong county is worse than none.
//
// A places row with an empty township lists a unit above the township level that the gazetteer
// lacks: a county-level unit (county given: a development zone, a renamed county) or a city-level
// one (county empty, city given: 平潭综合实验区). Such rows are kept under the key ADMIN_ROWS.
import Papa from "papaparse";
import { gazetteer, TOWNSHIP_SUFFIX } from "./gazetteer.ts";
import { countyStem, mentions, ordinaryHaystack, strongMentions, type ClueSources, type Mention } from "./clues.ts";

export interface Place {
  code: string;
  township: string;
  county: string;
  /** null for units with no prefecture level (省直辖县级行政区划: 仙桃市, 济源市…). */
  city: string | null;
  province: string;
  origin: "places" | "gazetteer";
}

/** User places by township name; rows above the township level under ADMIN_ROWS. */
export type PlaceIndex = Map<string, Place[]>;

/** The PlaceIndex key of places rows with an empty township (county- or city-level units). */
export const ADMIN_ROWS = "";

/** A province, city or county (the unit of a report above the township level, or its place). */
export interface AdminPlace {
  level: "province" | "city" | "county";
  name: string;
  /** The 统计用区划代码 cut to the level: 6 digits for a county, 4 for a city, 2 for a province (or the places file's code). */
  code: string;
  county: string | null;
  city: string | null;
  province: string;
  origin: "places" | "gazetteer";
}

const PLACE_COLUMNS = ["code", "township", "county", "city", "province"] as const;

/** Parses a places CSV (columns code,township,county,city,province). Throws with the line on bad input. */
export function parsePlacesCsv(csv: string, origin: string): Place[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true });
  const missing = PLACE_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw new Error(`${origin}: 缺少列 ${missing.join(", ")}（需要 ${PLACE_COLUMNS.join(",")}）`);
  return parsed.data.map((row, i) => {
    const township = (row.township ?? "").trim();
    const county = (row.county ?? "").trim();
    const city = (row.city ?? "").trim() || null;
    // An empty township lists a county-level (county given) or city-level unit (only city given).
    if (!township && !county && !city) throw new Error(`${origin} 第 ${i + 2} 行：township、county、city 都为空`);
    return {
      code: (row.code ?? "").trim(), township: township ? canonicalTownship(township) : ADMIN_ROWS, county,
      city, province: (row.province ?? "").trim(), origin: "places" as const,
    };
  });
}

export function indexPlaces(places: Place[]): PlaceIndex {
  const index: PlaceIndex = new Map();
  for (const p of places) {
    const list = index.get(p.township) ?? [];
    if (!list.some((q) => q.code === p.code && q.county === p.county)) list.push(p);
    index.set(p.township, list);
  }
  return index;
}

/** One spelling per unit: XX街道办事处 and XX街办 → XX街道. */
export function canonicalTownship(name: string): string {
  return name.replace(/\s+/g, "").replace(/街道办事处$/, "街道").replace(/街办$/, "街道");
}

export interface ResolveOptions {
  /** The user's places (loadPlaces). */
  places?: PlaceIndex;
  /** Use the national gazetteer (default true). */
  gazetteer?: boolean;
}

export interface Resolution {
  place: Place | null;
  warning: string | null;
  /** Why this place (Chinese, for the record's provenance): 全国唯一 / 路径中的“沂源县” / …; null when unresolved. */
  basis: string | null;
  /** How many units carry the name. */
  candidates: number;
}

/** True when `name` is a known township name (user places or gazetteer, variants included). */
export function isKnownTownship(name: string, options: ResolveOptions = {}): boolean {
  if (options.places?.has(name)) return true;
  return options.gazetteer !== false && gazetteer().has(name);
}

/**
 * True when `name` differs from a listed township only in its ending (南薰乡 for a listed 南薰镇):
 * a unit renamed since the list was made. resolvePlace decides whether the clues allow it.
 */
export function isKnownStem(name: string, options: ResolveOptions = {}): boolean {
  if (userStem(options.places, name).length) return true;
  return options.gazetteer !== false && gazetteer().lookupStem(name).length > 0;
}

/** True when the two characters stand side by side in some listed place name (user places or gazetteer). */
export function isNamePair(pair: string, options: ResolveOptions = {}): boolean {
  if (userPairs(options.places).has(pair)) return true;
  return options.gazetteer !== false && gazetteer().hasNamePair(pair);
}

const pairsOf = new WeakMap<PlaceIndex, Set<string>>();

function userPairs(index: PlaceIndex | undefined): Set<string> {
  if (!index) return NO_NAMES;
  let pairs = pairsOf.get(index);
  if (!pairs) {
    pairs = new Set();
    for (const list of index.values()) {
      for (const p of list) {
        for (const n of [p.township, p.county, p.city ?? "", p.province]) for (let k = 0; k + 1 < n.length; k++) pairs.add(n.slice(k, k + 2));
      }
    }
    pairsOf.set(index, pairs);
  }
  return pairs;
}

/** True when `name` is a listed province, city or county (user places or gazetteer). */
export function isKnownAdminName(name: string, options: ResolveOptions = {}): boolean {
  if (userAdminNames(options.places).has(name)) return true;
  return options.gazetteer !== false && gazetteer().isAdminName(name);
}

const adminUnitsOf = new WeakMap<PlaceIndex, Map<string, AdminPlace[]>>();

/**
 * The provinces, cities and counties of the user's places: those its townships belong to, and
 * its rows with an empty township. Codes are the township codes' prefixes (9-digit codes only).
 */
function userAdminUnits(index: PlaceIndex | undefined): Map<string, AdminPlace[]> {
  if (!index) return NO_UNITS;
  let units = adminUnitsOf.get(index);
  if (!units) {
    units = new Map();
    const put = (p: AdminPlace) => {
      const list = units!.get(p.name) ?? [];
      if (!list.some((q) => q.level === p.level && q.province === p.province && q.city === p.city)) list.push(p);
      else if (p.code) for (const q of list) if (q.level === p.level && q.province === p.province && q.city === p.city && !q.code) q.code = p.code;
      units!.set(p.name, list);
    };
    for (const list of index.values()) {
      for (const p of list) {
        const cut = (n: number) => (p.township !== ADMIN_ROWS && /^\d{9}$/.test(p.code) ? p.code.slice(0, n) : "");
        const own = (level: AdminPlace["level"]) => (p.township === ADMIN_ROWS && levelOfRow(p) === level ? p.code : "");
        if (p.province) put({ level: "province", name: p.province, code: cut(2), county: null, city: null, province: p.province, origin: "places" });
        if (p.city && p.city !== p.province) put({ level: "city", name: p.city, code: own("city") || cut(4), county: null, city: p.city, province: p.province, origin: "places" });
        if (p.county) put({ level: "county", name: p.county, code: own("county") || cut(6), county: p.county, city: p.city, province: p.province, origin: "places" });
      }
    }
    adminUnitsOf.set(index, units);
  }
  return units;
}

function levelOfRow(p: Place): AdminPlace["level"] {
  return p.county ? "county" : p.city ? "city" : "province";
}

const NO_UNITS = new Map<string, AdminPlace[]>();

/**
 * Provinces, cities and counties called `name`: the user's places first, then the gazetteer's
 * (a gazetteer entry for the same unit — same level, name and province — is dropped).
 */
export function lookupAdmin(name: string, options: ResolveOptions = {}): AdminPlace[] {
  const user = userAdminUnits(options.places).get(name) ?? [];
  const national = options.gazetteer === false ? [] : gazetteer().adminUnits(name);
  return [...user, ...national.filter((p) => !user.some((u) => u.level === p.level && u.province === p.province && (u.city === p.city || p.level !== "county")))];
}

/** Counties (user places and gazetteer) whose name differs from `name` only in its level ending: renamed. */
export function lookupCountyStem(name: string, options: ResolveOptions = {}): AdminPlace[] {
  const stem = countyStem(name);
  const user = stem === name ? [] : [...userAdminUnits(options.places).values()].flat().filter((p) => p.level === "county" && p.name !== name && countyStem(p.name) === stem);
  const national = options.gazetteer === false ? [] : gazetteer().countiesByStem(name);
  return [...user, ...national.filter((p) => !user.some((u) => u.province === p.province && u.city === p.city))];
}

export function resolvePlace(township: string, clues: ClueSources, options: ResolveOptions = {}): Resolution {
  const name = canonicalTownship(township);
  const useGazetteer = options.gazetteer !== false;
  const g = useGazetteer ? gazetteer() : null;
  const user = options.places?.get(name) ?? [];
  let candidates = merge(user, g?.lookup(name) ?? []);
  let renamed = false;
  if (candidates.length === 0) {
    candidates = merge(userStem(options.places, name), g?.lookupStem(name) ?? []);
    renamed = candidates.length > 0;
  }
  const unresolved = (warning: string): Resolution => ({ place: null, warning, basis: null, candidates: candidates.length });
  if (candidates.length === 0) {
    return unresolved(`地名表中没有“${name}”：县、市、省和区划代码留空（可在地名文件中补充）`);
  }

  const userNames = userAdminNames(options.places);
  const isAdmin = (s: string) => userNames.has(s) || (g?.isAdminName(s) ?? false);
  const strong = strongMentions(name, clues, isAdmin);
  let pool = candidates;
  const basis: string[] = [];
  let countyEvidence = false;

  if (strong.length) {
    const names = new Set(strong.filter((m) => m.known).map((m) => m.name));
    // An unknown county-shaped name matches a county that differs only in its ending (renamed).
    const stems = new Set(strong.filter((m) => !m.known).map((m) => countyStem(m.name)));
    const has = (p: Place) => (n: string) => names.has(n) || (n === p.county && stems.has(countyStem(n)));
    const scored = pool.map((p) => ({ p, s: score(p, has(p)) }));
    const best = Math.max(...scored.map((x) => x.s));
    if (best === 0) {
      return unresolved(`线索${describe(strong)}与地名表中的“${name}”（${where(candidates)}）对不上：县、市、省和区划代码留空`);
    }
    pool = scored.filter((x) => x.s === best).map((x) => x.p);
    countyEvidence = best >= 4;
    basis.push(describe(strong.filter((m) => pool.some((p) => score(p, (n) => n === m.name || (!m.known && n === p.county && countyStem(n) === countyStem(m.name))) > 0))));
  }

  if (pool.length > 1 || (renamed && !countyEvidence)) {
    const hay = ordinaryHaystack(clues);
    const seen = new Map<string, boolean>();
    const found = (n: string, cityBefore: string | null = null) => {
      const key = `${cityBefore ?? ""}|${n}`;
      let v = seen.get(key);
      if (v === undefined) seen.set(key, (v = REGION_SHORTS.has(n) ? hay.includes(n) : mentions(hay, n, cityBefore)));
      return v;
    };
    const scored = pool.map((p) => ({ p, s: score(p, (n) => found(n, n === p.county ? p.city : null)) }));
    const best = Math.max(...scored.map((x) => x.s));
    if (best > 0) {
      pool = scored.filter((x) => x.s === best).map((x) => x.p);
      countyEvidence ||= best >= 4;
      const p = pool[0];
      const named = [p.county, p.city, p.province].filter((n): n is string => !!n && found(n, n === p.county ? p.city : null));
      basis.push(`正文提到${named.map((n) => `“${n}”`).join("")}`);
    }
  }

  if (renamed) {
    if (pool.length === 1 && countyEvidence) {
      const p = pool[0];
      return {
        place: p, basis: `${basis.join("，")}；名称不同`, candidates: candidates.length,
        warning: `地名表中没有“${name}”，按县名线索对应到${p.county}“${p.township}”（${p.code}，可能已撤乡设镇或改设街道）`,
      };
    }
    return unresolved(`地名表中没有“${name}”（近似名称${where(candidates)}，缺少县名线索）：县、市、省和区划代码留空`);
  }
  if (pool.length === 1) {
    const p = pool[0];
    if (basis.length === 0 && p.origin === "gazetteer" && g) {
      // Chosen only because the name is unique: the text must not point at another province.
      const hay = ordinaryHaystack(clues);
      const own = [p.province, REGION_SHORT_OF(p.province)].filter((n): n is string => !!n);
      const said = (n: string) => (REGION_SHORTS.has(n) ? hay.includes(n) : mentions(hay, n));
      if (own.some(said)) {
        basis.push(`地名表中唯一，正文提到“${p.province}”`);
      } else {
        const others = g.provinceNames.filter((n) => !own.includes(n) && said(n));
        if (others.length) {
          return unresolved(`地名表中唯一的“${name}”在${where([p])}，但正文提到的是${others.map((n) => `“${n}”`).join("")}：可能是地名表未收录的同名乡镇，县、市、省和区划代码留空`);
        }
      }
    }
    const only = candidates.length === 1;
    return { place: p, warning: null, candidates: candidates.length, basis: basis.length ? basis.join("，") : only ? "地名表中唯一" : null };
  }
  const userInPool = pool.filter((p) => p.origin === "places");
  if (userInPool.length === 1) {
    return { place: userInPool[0], warning: null, candidates: candidates.length, basis: [...basis, "地名文件优先"].join("，") };
  }
  const narrowed = pool.length < candidates.length ? `，线索只缩小到 ${pool.length} 个（${where(pool)}）` : "";
  return unresolved(`“${name}”有 ${candidates.length} 个同名乡镇${narrowed}，路径、网页和正文中没有足以区分的线索：县、市、省和区划代码留空`);
}

const REGION_SHORTS = new Set(["内蒙古", "广西", "西藏", "宁夏", "新疆"]);

/** 广西壮族自治区 → 广西 (reports write both). */
function REGION_SHORT_OF(province: string): string | null {
  const m = /^(内蒙古|广西|西藏|宁夏|新疆)/.exec(province);
  return m && province.endsWith("自治区") ? m[1] : null;
}

/** County 4, city 2, province 1: a county-level clue outweighs any city and province clues together. */
function score(p: Place, has: (name: string) => boolean): number {
  const short = REGION_SHORT_OF(p.province);
  const province = (p.province && has(p.province)) || (short !== null && has(short));
  return (p.county && has(p.county) ? 4 : 0) + (p.city && p.city !== p.province && has(p.city) ? 2 : 0) + (province ? 1 : 0);
}

function merge(user: Place[], national: Place[]): Place[] {
  const same = (u: Place, p: Place) => (u.code !== "" && u.code === p.code) || (u.county === p.county && u.province === p.province);
  return [...user, ...national.filter((p) => !user.some((u) => same(u, p)))];
}

function userStem(index: PlaceIndex | undefined, name: string): Place[] {
  if (!index) return [];
  const stem = name.replace(TOWNSHIP_SUFFIX, "");
  if (stem === name || stem.length < 2) return [];
  const out: Place[] = [];
  for (const [key, list] of index) if (key !== name && key.replace(TOWNSHIP_SUFFIX, "") === stem) out.push(...list);
  return out;
}

const unsuffixedOf = new WeakMap<PlaceIndex, string[]>();

/** Names in the user's places without a township ending (岚东经济开发区): searched for as written. */
export function unsuffixedNames(index: PlaceIndex | undefined): string[] {
  if (!index) return [];
  let names = unsuffixedOf.get(index);
  if (!names) {
    names = [...index.keys()].filter((n) => n.length >= 3 && !TOWNSHIP_SUFFIX.test(n)).sort((a, b) => b.length - a.length);
    unsuffixedOf.set(index, names);
  }
  return names;
}

const adminNamesOf = new WeakMap<PlaceIndex, Set<string>>();
const NO_NAMES = new Set<string>();

/** County, city and province names of the user's places (clues for the folder path and the text). */
function userAdminNames(index: PlaceIndex | undefined): Set<string> {
  if (!index) return NO_NAMES;
  let names = adminNamesOf.get(index);
  if (!names) {
    names = new Set();
    for (const list of index.values()) {
      for (const p of list) for (const n of [p.county, p.city, p.province]) if (n) names.add(n);
    }
    adminNamesOf.set(index, names);
  }
  return names;
}

function describe(ms: Mention[]): string {
  const by = new Map<string, string[]>();
  for (const m of ms) by.set(m.where, [...(by.get(m.where) ?? []), `“${m.name}”`]);
  return [...by].map(([w, names]) => `${w}中的${names.join("")}`).join("、");
}

function where(ps: Place[]): string {
  const list = ps.slice(0, 4).map((p) => `${p.province}${p.city && p.city !== p.province ? p.city : ""}${p.county}`);
  return list.join("、") + (ps.length > 4 ? ` 等 ${ps.length} 处` : "");
}
