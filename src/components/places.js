// Places (township identity) and the filters every page shares: county, townships, years, template.
// A township is identified by its full path province/city/county/township (the same identity as the
// 总览 coverage grid), because names such as 城关镇 repeat across counties.
import * as d3 from "npm:d3";

const collator = new Intl.Collator("zh-CN");
export const compareZh = (a, b) => collator.compare(a ?? "", b ?? "");

export const UNKNOWN_COUNTY = "（县区未知）";

/** "岚江省/岚州市/岚东区/上坪乡" (missing parts empty). */
export function placeKey(r) {
  return [r.province, r.city, r.county, r.township].map((p) => p ?? "").join("/");
}

/** "岚江省/岚州市/岚东区" */
export function countyKey(r) {
  return [r.province, r.city, r.county].map((p) => p ?? "").join("/");
}

/** "岚东区 · 上坪乡" */
export function placeLabel(r) {
  return `${r.county ?? UNKNOWN_COUNTY} · ${r.township ?? "（乡镇未知）"}`;
}

/** The counties in the reports, as select options {value: countyKey, label}, sorted. */
export function countyOptions(reports) {
  const byKey = d3.rollup(reports.filter((r) => r.township), (v) => v[0], countyKey);
  const names = d3.rollup([...byKey.values()], (v) => v.length, (r) => r.county ?? UNKNOWN_COUNTY);
  return [...byKey.entries()]
    .map(([value, r]) => {
      const name = r.county ?? UNKNOWN_COUNTY;
      // the city tells apart two counties of the same name
      const label = names.get(name) > 1 ? `${name}（${r.city ?? r.province ?? "?"}）` : name;
      return {value, label, unknown: r.county == null, sort: [r.province ?? "", r.city ?? "", r.county ?? ""].join("/")};
    })
    // counties the parser could not name go last
    .sort((a, b) => a.unknown - b.unknown || compareZh(a.sort, b.sort))
    .map(({value, label}) => ({value, label}));
}

/** Townships (of one county, or all when county is empty), as check-list options. */
export function townshipOptions(reports, county) {
  const byKey = d3.rollup(
    reports.filter((r) => r.township && (!county || countyKey(r) === county)),
    (v) => v[0],
    placeKey
  );
  return [...byKey.entries()]
    .map(([value, r]) => ({value, label: r.township, group: r.county ?? UNKNOWN_COUNTY, unknown: r.county == null, sort: countyKey(r)}))
    .sort((a, b) => a.unknown - b.unknown || compareZh(a.sort, b.sort) || compareZh(a.label, b.label))
    .map(({value, label, group}) => ({value, label, group}));
}

/** The corpus's own years, first to last (filters and grids span what the folder holds); the last
 * year that can have a report when no report's year was read. */
export function yearDomain(reports) {
  const [lo, hi] = d3.extent(reports, (r) => r.year);
  if (lo == null) return [new Date().getFullYear() - 1];
  return d3.range(lo, hi + 1);
}

/** Years that actually have reports (for the range defaults). */
export function yearsPresent(reports) {
  return d3.extent(reports, (r) => r.year);
}

/**
 * Applies the shared filters to report rows.
 * @param {{county?: string, townships?: string[], years?: [number, number], template?: string, status?: string}} f
 */
export function filterReports(reports, {county, townships, years, template, status} = {}) {
  const wanted = townships?.length ? new Set(townships) : null;
  return reports.filter(
    (r) =>
      (!county || countyKey(r) === county) &&
      (!wanted || wanted.has(placeKey(r))) &&
      (!years || (r.year != null && r.year >= years[0] && r.year <= years[1])) &&
      (!template || r.template === template) &&
      (!status || r.status === status)
  );
}

const STATUS_RANK = {ok: 0, partial: 1, "needs-ocr": 2, unsupported: 3, error: 4};

/**
 * One report per township and year: several reports for one township-year (duplicates, a report and
 * its correction) would otherwise be counted twice. Keeps the best-parsed, then the latest published.
 */
export function onePerTownshipYear(reports) {
  const groups = d3.group(reports.filter((r) => r.township && r.year != null), placeKey, (r) => r.year);
  const kept = [];
  for (const byYear of groups.values()) {
    for (const rows of byYear.values()) {
      kept.push(
        rows.slice().sort(
          (a, b) =>
            (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
            compareZh(b.published_on ?? "", a.published_on ?? "") ||
            compareZh(a.report_id, b.report_id)
        )[0]
      );
    }
  }
  return kept;
}

/** The words of the current filter, e.g. "岚东区 · 2019–2024年 · 3 个乡镇". */
export function describeFilter({countyLabel, townships, years, template, status, extra = []}) {
  const parts = [];
  parts.push(countyLabel || "全部县区");
  if (townships?.length) parts.push(`${townships.length} 个乡镇`);
  if (years) parts.push(years[0] === years[1] ? `${years[0]}年` : `${years[0]}–${years[1]}年`);
  if (template) parts.push(template);
  if (status) parts.push(status);
  return [...parts, ...extra].join(" · ");
}
