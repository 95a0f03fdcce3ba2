// The site's tables as the built pages were given them (the hashed CSVs in dist/), parsed in Node,
// and the few page rules the browser tests recompute independently (place keys, one report per
// township and year).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { listFiles } from "./site-build.ts";

export type Row = Record<string, string>;

/** dist/_file/data/corpus/<name>.<hash>.csv parsed (all values strings, "" for empty). */
export function readBuiltTable(distDir: string, name: string): Row[] {
  const files = listFiles(join(distDir, "_file", "data")).filter((file) => new RegExp(`[\\\\/]${name}\\.\\w+\\.csv$`).test(file));
  if (files.length !== 1) throw new Error(`expected one ${name}.<hash>.csv in ${distDir}, found ${files.length}`);
  const text = readFileSync(files[0], "utf8").replace(/^\uFEFF/, "");
  const { data, errors } = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  if (errors.length) throw new Error(`${name}.csv: ${errors[0].message}`);
  return data;
}

export const num = (v: string | undefined): number | null => (v === undefined || v === "" ? null : Number(v));

export function placeKey(r: Row): string {
  return [r.province, r.city, r.county, r.township].map((p) => p ?? "").join("/");
}

export function countyKey(r: Row): string {
  return [r.province, r.city, r.county].map((p) => p ?? "").join("/");
}

const STATUS_RANK: Record<string, number> = { ok: 0, partial: 1, "needs-ocr": 2, unsupported: 3, error: 4 };

/** Of several reports for one unit-year, the one the pages count: best status, newest, then id. */
function bestReport(rows: Row[]): Row {
  return rows
    .slice()
    .sort(
      (a, b) =>
        (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
        (b.published_on ?? "").localeCompare(a.published_on ?? "") ||
        a.report_id.localeCompare(b.report_id)
    )[0];
}

/** The county with the most reports (the demo has several): its key and name. */
export function largestCounty(reports: Row[]): { key: string; name: string } {
  const byCounty = new Map<string, Row[]>();
  for (const r of reports.filter((r) => r.county)) byCounty.set(countyKey(r), [...(byCounty.get(countyKey(r)) ?? []), r]);
  const [key, rows] = [...byCounty.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  return { key, name: rows[0].county };
}

/** src/components/places.js onePerTownshipYear, restated. */
export function onePerTownshipYear(reports: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of reports) {
    if (!r.township || !r.year) continue;
    const key = `${placeKey(r)}\u0001${r.year}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map(bestReport);
}

/** src/components/levels.js levelOf, restated: a report's level bucket. */
export function levelOf(r: Row): string {
  return r.level || (r.unit ? "other" : "none");
}

/** src/components/places.js unitKey, restated. */
export function unitKey(r: Row): string | null {
  if (r.township) return placeKey(r);
  if (!r.unit) return null;
  return `${[r.province, r.city, r.county, r.unit].map((p) => p ?? "").join("/")}#${levelOf(r)}`;
}

/** src/components/places.js onePerUnitYear, restated. */
export function onePerUnitYear(reports: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of reports) {
    const key = unitKey(r);
    if (!key || !r.year) continue;
    groups.set(`${key}\u0001${r.year}`, [...(groups.get(`${key}\u0001${r.year}`) ?? []), r]);
  }
  return [...groups.values()].map(bestReport);
}

/** Sum of the non-missing values, or null when there are none (the pages show "—"). */
export function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  return known.length ? known.reduce((s, v) => s + v, 0) : null;
}

export const zh = (n: number) => n.toLocaleString("zh-CN");
