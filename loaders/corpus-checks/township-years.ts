// Who is who across reports: each report's place key and the township-years of the corpus.
//
// A place is (province, city, county, township) when the county is known. A report whose county
// is unknown is grouped by its township name alone, unless that name is ambiguous (listed for
// several counties in the places/gazetteer): then it stays on its own, compared with nothing,
// because comparing two different townships' numbers would raise false alarms. Reports without a
// township or a year take part in no cross-year rule.
import type { ReportRecord } from "../types.ts";
import { reportId } from "../output/report-id.ts";

export interface ReportRef {
  index: number;
  id: string;
  record: ReportRecord;
}

export interface PlaceGroup {
  key: string;
  township: string;
  county: string | null;
  city: string | null;
  province: string | null;
  /** year → every report of that year (several = duplicated). */
  byYear: Map<number, ReportRef[]>;
  /** year → the report the cross-year rules use (see `representative`). */
  rep: Map<number, ReportRef>;
}

export interface TownshipYears {
  places: Map<string, PlaceGroup>;
  /** Place key per record index, null when the report has no township. */
  keyOf: (string | null)[];
  refs: ReportRef[];
}

export function placeKey(r: ReportRecord, index: number, ambiguous: (name: string) => boolean): string | null {
  if (!r.township) return null;
  if (r.county) return [r.province ?? "", r.city ?? "", r.county, r.township].join("|");
  if (ambiguous(r.township)) return `?|${r.township}|#${index}`;
  return `?|${r.township}`;
}

export function groupTownshipYears(records: ReportRecord[], ambiguous: (name: string) => boolean = () => false): TownshipYears {
  const places = new Map<string, PlaceGroup>();
  const refs = records.map((record, index) => ({ index, id: reportId(record.file), record }));
  const keyOf = records.map((r, i) => placeKey(r, i, ambiguous));
  for (const ref of refs) {
    const key = keyOf[ref.index];
    const r = ref.record;
    if (key === null) continue;
    let g = places.get(key);
    if (!g) {
      g = { key, township: r.township!, county: r.county, city: r.city, province: r.province, byYear: new Map(), rep: new Map() };
      places.set(key, g);
    }
    if (r.year === null) continue;
    (g.byYear.get(r.year) ?? g.byYear.set(r.year, []).get(r.year)!).push(ref);
  }
  for (const g of places.values()) {
    for (const [year, list] of g.byYear) g.rep.set(year, representative(list));
  }
  return { places, keyOf, refs };
}

const STATUS_RANK: Record<string, number> = { ok: 0, partial: 1, "needs-ocr": 2, unsupported: 3, error: 4 };

/**
 * The report of a township-year that the cross-year rules read when there are several files:
 * read fully (ok) before partial, then the one with more known cells, then the later publication
 * (a revised version), then the file name — so the choice is the same on every run.
 */
export function representative(list: ReportRef[]): ReportRef {
  return [...list].sort((a, b) => {
    const ra = STATUS_RANK[a.record.status] ?? 9;
    const rb = STATUS_RANK[b.record.status] ?? 9;
    if (ra !== rb) return ra - rb;
    const ca = a.record.cells.filter((c) => c.value !== null).length;
    const cb = b.record.cells.filter((c) => c.value !== null).length;
    if (ca !== cb) return cb - ca;
    const pa = a.record.published_on ?? "";
    const pb = b.record.published_on ?? "";
    if (pa !== pb) return pa < pb ? 1 : -1;
    return a.record.file < b.record.file ? -1 : a.record.file > b.record.file ? 1 : 0;
  })[0];
}

/** "t3.carried.natural" → value, for one report (null when absent or blank). */
export function cellIndex(r: ReportRecord): Map<string, number | null> {
  return new Map(r.cells.map((c) => [`${c.table}.${c.row}.${c.col}`, c.value]));
}

export function placeLabel(g: { township: string; county: string | null }): string {
  return g.county ? `${g.county}${g.township}` : g.township;
}
