// Coverage: for every county the corpus's township reports cover, every township-level unit listed for
// it (the gazetteer and the user's places files, plus units seen only in reports) × every year in range:
// present (one report), duplicated (two or more files for the same township-year) or missing.
// Reports of other levels (a county's or a department's own report) are not township reports: they
// neither put their county in the grid nor fill a cell.
// A county is covered when the corpus holds reports of at least a quarter of its listed units (and of
// two at least), or when a places file lists its units; a county with a stray report or two (one
// real sample among simulated ones) only gets rows for the townships that have reports, no 缺失.
// Each county's years run from its own first report year to its last (a folder of 2018–2024 reports is
// not missing 2008–2017).
// Reports without a county are not placed in the grid (their place is unknown), except that a
// report named by a township that is listed exactly once among the corpus's counties is counted
// there (its county could only be that one within this grid).
import type { Place } from "../identity/places.ts";
import type { CoverageRow, CorpusCheckRow } from "./types.ts";
import type { TownshipYears } from "./township-years.ts";

/** What the corpus checks need from a gazetteer (loaders/identity/gazetteer.ts provides both). */
export interface UnitSource {
  /** Every township-level unit of a county (coverage lists them all). */
  unitsInCounty(county: string, city: string | null, province: string | null): Place[];
  /** Units of that name anywhere (a county-less report is grouped by name only when the name is unique). */
  lookup?(name: string): Place[];
}

export interface CoverageOptions {
  places?: Place[];
  gazetteer?: UnitSource | null;
  /** Years in range; default: each county's own first to last report year. */
  years?: [number, number];
}

/** Share of a county's listed units with reports for it to be covered (and at least MIN_UNITS of them). */
export const COVERED_SHARE = 0.25;
const MIN_UNITS = 2;

interface Unit {
  province: string | null;
  city: string | null;
  county: string;
  township: string;
  code: string | null;
  listedIn: Set<string>;
  ids: Map<number, string[]>;
}

export function coverage(ty: TownshipYears, options: CoverageOptions = {}): { rows: CoverageRow[]; checks: CorpusCheckRow[] } {
  const counties = new Map<string, { city: string | null; province: string | null; from: number; to: number; townships: Set<string> }>();
  for (const ref of ty.refs) {
    const r = ref.record;
    if (!r.county || !r.township) continue;
    const c = counties.get(r.county) ?? { city: r.city, province: r.province, from: Infinity, to: -Infinity, townships: new Set<string>() };
    counties.set(r.county, c);
    if (r.year !== null) {
      c.from = Math.min(c.from, r.year);
      c.to = Math.max(c.to, r.year);
      c.townships.add(r.township);
    }
  }
  const units = new Map<string, Unit>();
  const unitKey = (county: string, township: string) => `${county}|${township}`;
  const add = (p: { province: string | null; city: string | null; county: string; township: string; code: string | null }, source: string) => {
    const key = unitKey(p.county, p.township);
    const u = units.get(key) ?? { ...p, listedIn: new Set(), ids: new Map() };
    u.code ??= p.code;
    u.listedIn.add(source);
    units.set(key, u);
  };
  const covered = new Set<string>();
  for (const [county, where] of counties) {
    const listed = options.gazetteer?.unitsInCounty(county, where.city, where.province) ?? [];
    const inPlaces = (options.places ?? []).some((p) => p.county === county);
    const seen = listed.filter((p) => where.townships.has(p.township)).length;
    if (!inPlaces && (where.townships.size < MIN_UNITS || seen < listed.length * COVERED_SHARE)) continue;
    covered.add(county);
    for (const p of listed) add(p, "gazetteer");
  }
  for (const p of options.places ?? []) if (covered.has(p.county)) add(p, "places");

  // Townships listed once among the grid's counties: a county-less report of that name belongs there.
  const byName = new Map<string, string[]>();
  for (const [key, u] of units) byName.set(u.township, [...(byName.get(u.township) ?? []), key]);

  for (const ref of ty.refs) {
    const r = ref.record;
    if (!r.township || r.year === null) continue;
    let key: string | null = null;
    if (r.county) {
      key = unitKey(r.county, r.township);
      if (!units.has(key)) add({ province: r.province, city: r.city, county: r.county, township: r.township, code: null }, "reports");
    } else if (byName.get(r.township)?.length === 1) {
      key = byName.get(r.township)![0];
    }
    if (!key) continue;
    const u = units.get(key)!;
    (u.ids.get(r.year) ?? u.ids.set(r.year, []).get(r.year)!).push(ref.id);
  }

  const rows: CoverageRow[] = [];
  const checks: CorpusCheckRow[] = [];
  const dupGroups: { label: string; year: number; ids: string[] }[] = [];
  const sorted = [...units.values()].sort((a, b) => (a.county + a.township).localeCompare(b.county + b.township, "zh"));
  for (const u of sorted) {
    const span = counties.get(u.county);
    const [from, to] = options.years ?? [span?.from ?? Infinity, span?.to ?? -Infinity];
    for (let year = from; year <= to; year++) {
      const ids = u.ids.get(year) ?? [];
      // a county the corpus does not cover: only what is there, never 缺失
      if (ids.length === 0 && !covered.has(u.county)) continue;
      const status = ids.length === 0 ? "missing" : ids.length === 1 ? "present" : "duplicated";
      rows.push({
        province: u.province, city: u.city, county: u.county, township: u.township, code: u.code, year, status,
        n_reports: ids.length, report_ids: ids.length ? ids.join(" ") : null, listed_in: [...u.listedIn].join(" "),
      });
      if (ids.length > 1) dupGroups.push({ label: `${u.county}${u.township}`, year, ids });
    }
  }
  // Township-years with several files, in the grid or (county unknown) grouped by name.
  for (const g of ty.places.values()) {
    for (const [year, list] of g.byYear) if (list.length > 1) dupGroups.push({ label: g.county ? `${g.county}${g.township}` : g.township, year, ids: list.map((r) => r.id) });
  }
  const flagged = new Set<string>();
  for (const d of dupGroups) {
    for (const id of d.ids) {
      if (flagged.has(id)) continue;
      flagged.add(id);
      const others = d.ids.filter((o) => o !== id);
      checks.push({
        report_id: id, rule: "duplicate_file", status: "fail", expected: 1, actual: d.ids.length, cells: others.join(" "),
        message: `${d.label} ${d.year} 年度有 ${d.ids.length} 个文件（其余：${others.join("、")}）：请确认保留哪一个版本`,
      });
    }
  }
  return { rows, checks };
}
