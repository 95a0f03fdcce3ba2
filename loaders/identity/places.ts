// Resolving a township name to its county, city, province and code from a list of places.
// Same-named townships are common, so a name with several entries is decided only by clues
// (county or city named in the folder path, the page URL or the text); otherwise left unresolved.
import Papa from "papaparse";

export interface Place {
  code: string;
  township: string;
  county: string;
  city: string;
  province: string;
}

export type PlaceIndex = Map<string, Place[]>;

const PLACE_COLUMNS = ["code", "township", "county", "city", "province"] as const;

/** Parses a places CSV (columns code,township,county,city,province). Throws with the line on bad input. */
export function parsePlacesCsv(csv: string, origin: string): Place[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true });
  const missing = PLACE_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw new Error(`${origin}: 缺少列 ${missing.join(", ")}（需要 ${PLACE_COLUMNS.join(",")}）`);
  return parsed.data.map((row) => ({
    code: row.code.trim(), township: row.township.trim(), county: row.county.trim(),
    city: row.city.trim(), province: row.province.trim(),
  }));
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

export interface Resolution {
  place: Place | null;
  warning: string | null;
}

export function resolvePlace(index: PlaceIndex, township: string, clues: string): Resolution {
  const candidates = index.get(township) ?? [];
  if (candidates.length === 0) return { place: null, warning: `地名表中没有“${township}”：县、市、省留空（可在地名文件中补充）` };
  if (candidates.length === 1) return { place: candidates[0], warning: null };
  const byCounty = candidates.filter((p) => clues.includes(p.county));
  if (byCounty.length === 1) return { place: byCounty[0], warning: null };
  const byCity = candidates.filter((p) => clues.includes(p.city));
  if (byCity.length === 1) return { place: byCity[0], warning: null };
  return {
    place: null,
    warning: `“${township}”有 ${candidates.length} 个同名乡镇，路径和正文中没有足以区分的线索：县、市、省留空`,
  };
}
