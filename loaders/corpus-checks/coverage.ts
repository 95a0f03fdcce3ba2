// Coverage: for every county present in the corpus's township reports, every township-level unit
// listed for it (the gazetteer and the user's places files, plus units seen only in reports) ×
// every year in range: present (one report), duplicated (two or more files for the same
// township-year) or missing. Reports of other levels (a county's or a department's own report)
// are not township reports: they neither put their county in the grid nor fill a cell.
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
  /** Years in range; default: the smallest to the largest report year of the corpus. */
  years?: [number, number];
}

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
  const counties = new Map<string, { city: string | null; province: string | null }>();
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const ref of ty.refs) {
    const r = ref.record;
    if (!r.township) continue;
    if (r.county && !counties.has(r.county)) counties.set(r.county, { city: r.city, province: r.province });
    if (r.year !== null) {
      minYear = Math.min(minYear, r.year);
      maxYear = Math.max(maxYear, r.year);
    }
  }
  const [from, to] = options.years ?? [minYear, maxYear];
  const units = new Map<string, Unit>();
  const unitKey = (county: string, township: string) => `${county}|${township}`;
  const add = (p: { province: string | null; city: string | null; county: string; township: string; code: string | null }, source: string) => {
    const key = unitKey(p.county, p.township);
    const u = units.get(key) ?? { ...p, listedIn: new Set(), ids: new Map() };
    u.code ??= p.code;
    u.listedIn.add(source);
    units.set(key, u);
  };
  for (const [county, where] of counties) {
    for (const p of options.gazetteer?.unitsInCounty(county, where.city, where.province) ?? []) add(p, "gazetteer");
  }
  for (const p of options.places ?? []) if (counties.has(p.county)) add(p, "places");

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
    for (let year = from; year <= to; year++) {
      const ids = u.ids.get(year) ?? [];
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
