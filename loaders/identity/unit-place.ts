// A unit above the township level (unit.ts) resolved to its level and place: the government of a
// listed county, city or province takes that level and its names and code; a department takes
// the level 部门 and the place it belongs to (resolved the same way) where its name states one.
//
// A name several places carry (鼓楼区: four cities) is decided by the place names written before
// it (in the name itself, elsewhere in the text, in the folder path) and then by the cities and
// provinces the text names; otherwise it is kept as written with its other fields left empty and
// a warning. A city without counties (东莞市) is a city. A county renamed since the list was made
// (洪泽县 → 洪泽区) is taken only when its city is named. A name no list knows keeps the level its
// ending gives (沐阳县: a county), none when the ending does not tell (a zone, a 市), with a warning.
import { adminChainBefore, mentions, ordinaryHaystack, type ClueSources } from "./clues.ts";
import { isKnownAdminName, lookupAdmin, lookupCountyStem, type AdminPlace, type ResolveOptions } from "./places.ts";
import { unlistedShape, type UnitFinding } from "./unit.ts";
import type { Level } from "../types.ts";

export type { Level };

export interface UnitIdentity {
  level: Level | null;
  /** The unit: a government's place name (洪泽区, 淮安市), a department's name as written (上海市科委). */
  unit: string;
  county: string | null;
  city: string | null;
  province: string | null;
  /** The place's code, cut to its level (6 digits for a county, 4 for a city, 2 for a province). */
  code: string | null;
  origin: AdminPlace["origin"] | null;
  /** Why this place (Chinese), null when unresolved. */
  basis: string | null;
  warnings: string[];
}

const SOURCE_WORDS: Record<UnitFinding["source"], string> = { title: "标题", signature: "落款", opening: "开头" };

export function resolveUnit(found: UnitFinding, clues: ClueSources, options: ResolveOptions = {}): UnitIdentity {
  const isAdmin = (n: string) => isKnownAdminName(n, options);
  const where = SOURCE_WORDS[found.source];
  if (found.kind === "department") {
    const unit = found.written;
    if (!found.place) {
      return { ...empty("department", unit), warnings: [`${where}中的“${unit}”没有写明所属地区：县、市、省和区划代码留空`] };
    }
    const place = resolveGovernment(found.place, found.chain.slice(0, -1), false, clues, options, isAdmin);
    return { ...place, level: "department", unit, warnings: place.warnings.map((w) => `“${unit}”所属地区：${w}`) };
  }
  const parents = found.unlisted ? found.chain : found.chain.slice(0, -1);
  return resolveGovernment(found.place!, parents, found.unlisted, clues, options, isAdmin, where);
}

function empty(level: Level | null, unit: string): UnitIdentity {
  return { level, unit, county: null, city: null, province: null, code: null, origin: null, basis: null, warnings: [] };
}

/** The fields of a place at its level: a county's county, city and province; a city's city and province… */
function fieldsOf(p: AdminPlace): Pick<UnitIdentity, "county" | "city" | "province" | "code" | "origin"> {
  return {
    county: p.level === "county" ? p.name : null,
    city: p.level === "province" ? null : p.city,
    province: p.province || null,
    code: p.code || null,
    origin: p.origin,
  };
}

function resolveGovernment(
  name: string, parents: string[], unlisted: boolean, clues: ClueSources, options: ResolveOptions,
  isAdmin: (n: string) => boolean, where = "",
): UnitIdentity {
  const written = [...parents, name].join("");
  // Place names written right before the name elsewhere: "淮安市洪泽区" in the text, a folder "淮安市".
  const strong = new Set(parents);
  const text = clues.text ?? "";
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + name.length)) {
    for (const n of adminChainBefore(text, i, isAdmin).names) strong.add(n);
  }
  for (const seg of (clues.path ?? "").split(/[\\/]/)) {
    const s = seg.replace(/\.[A-Za-z0-9]{1,5}$/, "").replace(/\s+/g, "");
    if (s !== name && isAdmin(s)) strong.add(s);
  }
  const fits = (p: AdminPlace) => parents.every((n) => n === p.city || n === p.province);

  if (!unlisted) {
    let candidates = lookupAdmin(name, options).filter(fits);
    // A city without counties (东莞市) is listed as both: it is a city.
    candidates = candidates.filter((p) => !(p.level === "county" && candidates.some((q) => q.level === "city" && q.name === p.name && q.province === p.province)));
    if (candidates.length === 0) {
      return { ...empty(null, name), warnings: [`“${written}”中的地名与地名表对不上：级别、县、市、省和区划代码留空`] };
    }
    const pick = decide(candidates, strong, clues);
    if (pick.place) {
      return { ...empty(pick.place.level, name), ...fieldsOf(pick.place), basis: pick.basis ?? (candidates.length === 1 ? "地名表中唯一" : null) };
    }
    const levels = new Set(pick.pool.map((p) => p.level));
    const level = levels.size === 1 ? pick.pool[0].level : null;
    return {
      ...empty(level, name), county: level === "county" ? name : null, city: level === "city" ? name : null, province: level === "province" ? name : null,
      warnings: [`“${name}”在地名表中有 ${candidates.length} 处（${list(candidates)}），${where || "报告"}、路径和正文中没有足以区分的线索：${level ? "" : "级别、"}上级地区和区划代码留空`],
    };
  }

  // Not in any list: maybe a county renamed since (洪泽县 → 洪泽区), when its city is named.
  const shape = unlistedShape(name);
  if (shape === "county") {
    const renamed = lookupCountyStem(name, options).filter(fits);
    const named = renamed.filter((p) => (p.city && strong.has(p.city)) || (p.city !== null && mentions(ordinaryHaystack(clues), p.city)));
    if (renamed.length >= 1 && named.length === 1) {
      const p = named[0];
      return {
        ...empty("county", name), ...fieldsOf(p), county: name, basis: `名称不同，按“${p.city}”对应到${p.county}`,
        warnings: [`地名表中没有“${name}”，按市名线索对应到${p.city}${p.county}（${p.code}，可能已撤县设区或更名）`],
      };
    }
  }
  const level = shape === "province" || shape === "city" || shape === "county" ? shape : null;
  // The listed places written before it say where it is: "淮安市沐阳县" → 淮安市, 江苏省.
  const above = parents.length ? lookupAdmin(parents.at(-1)!, options).filter((p) => p.level !== "county") : [];
  const parent = above.length === 1 ? above[0] : null;
  const fields = {
    county: level === "county" ? name : null,
    city: level === "city" ? name : level === "county" && parent?.level === "city" ? parent.name : null,
    province: level === "province" ? name : parent?.province ?? null,
  };
  const why = level ? "" : shape === "zone" ? "，无法从名称判断是县级还是地市级单位" : "，无法从名称判断是地级市还是县级市";
  return {
    ...empty(level, name), ...fields,
    warnings: [`地名表中没有“${name}”${why}：${level ? "" : "级别、"}${level === "county" ? "市、省" : "上级地区"}和区划代码留空（可在地名文件中补充，见 README“分析自己的年报”）`],
  };
}

/**
 * The one candidate the clues point at: place names written before the unit's name (its city 2,
 * its province 1), then the cities and provinces the text, page title and address name.
 */
function decide(candidates: AdminPlace[], strong: Set<string>, clues: ClueSources): { place: AdminPlace | null; pool: AdminPlace[]; basis: string | null } {
  if (candidates.length === 1) {
    const named = [...strong].filter((n) => n === candidates[0].city || n === candidates[0].province);
    return { place: candidates[0], pool: candidates, basis: named.length ? `写明“${named.join("")}”` : null };
  }
  const score = (p: AdminPlace, has: (n: string) => boolean) =>
    (p.level !== "city" && p.city && p.city !== p.province && has(p.city) ? 2 : 0) + (p.level !== "province" && p.province && has(p.province) ? 1 : 0);
  let pool = candidates;
  const basis: string[] = [];
  for (const [has, words] of [
    [(n: string) => strong.has(n), "写明"],
    [(n: string) => mentions(ordinaryHaystack(clues), n), "正文提到"],
  ] as const) {
    if (pool.length === 1) break;
    const scored = pool.map((p) => ({ p, s: score(p, has) }));
    const best = Math.max(...scored.map((x) => x.s));
    if (best === 0) continue;
    pool = scored.filter((x) => x.s === best).map((x) => x.p);
    const p = pool[0];
    basis.push(`${words}${[p.city, p.province].filter((n): n is string => !!n && has(n)).map((n) => `“${n}”`).join("")}`);
  }
  return pool.length === 1 ? { place: pool[0], pool, basis: basis.join("，") } : { place: null, pool, basis: null };
}

function list(ps: AdminPlace[]): string {
  const names = ps.slice(0, 4).map((p) => `${p.province}${p.city && p.city !== p.province && p.level !== "city" ? p.city : ""}${p.level === "province" ? "" : p.name}`);
  return names.join("、") + (ps.length > 4 ? ` 等 ${ps.length} 处` : "");
}
