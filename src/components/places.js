// Places (the identity of a report's unit) and the filters every page shares: level, county, units
// (townships), years, template. A township is identified by its full path province/city/county/
// township (the same identity as the 总览 coverage grid), because names such as 城关镇 repeat across
// counties; a unit of another level (a county's, city's or department's own report) by its place
// path, its name and its level.
import * as d3 from "npm:d3";
import {levelLabel, levelOf} from "./levels.js";

export {yearDomain, yearsPresent} from "./years.js";

import {compareZh, countyKey, placeKey} from "./place-keys.js";

export {compareZh, countyKey, placeKey};

export const UNKNOWN_COUNTY = "（县区未知）";


/** "岚东区 · 上坪乡" */
export function placeLabel(r) {
  return `${r.county ?? UNKNOWN_COUNTY} · ${r.township ?? "（乡镇未知）"}`;
}

/**
 * The unit a report is about, as a key: a township's placeKey; "江苏省/淮安市/洪泽区/洪泽区#county" for a
 * unit of another level; null when the report names no unit (it is charted nowhere).
 */
export function unitKey(r) {
  if (r.township) return placeKey(r);
  if (!r.unit) return null;
  return `${[r.province, r.city, r.county, r.unit].map((p) => p ?? "").join("/")}#${levelOf(r)}`;
}

/**
 * The unit as charts and tables name it: a township as "岚东区 · 上坪乡" (its name alone when one county
 * is shown); a unit of another level with its level: "洪泽区（县区）", "上海市科委（部门）".
 */
export function unitLabel(r, {county = ""} = {}) {
  if (r.township) return county ? r.township : placeLabel(r);
  return `${r.unit ?? "（单位未识别）"}（${levelLabel(levelOf(r))}）`;
}

/** Short names a URL may use for a county: 桐川县, 桐川, 岚州市桐川县 (ambiguous ones are said so by the control). */
function countyAliases(r) {
  if (!r.county) return [];
  const stem = r.county.replace(/(?:自治县|自治旗|林区|特区|县|区|市|旗)$/, "");
  return [r.county, ...(stem.length >= 2 && stem !== r.county ? [stem] : []), ...(r.city ? [`${r.city}${r.county}`, `${r.city}/${r.county}`] : [])];
}

/**
 * The counties in the reports, as select options {value: countyKey, label, aliases}, sorted: those of
 * township reports and of units with a county (a district's own report, a county department's).
 */
export function countyOptions(reports) {
  const byKey = d3.rollup(reports.filter((r) => r.township || r.county), (v) => v[0], countyKey);
  const names = d3.rollup([...byKey.values()], (v) => v.length, (r) => r.county ?? UNKNOWN_COUNTY);
  return [...byKey.entries()]
    .map(([value, r]) => {
      const name = r.county ?? UNKNOWN_COUNTY;
      // the city tells apart two counties of the same name
      const label = names.get(name) > 1 ? `${name}（${r.city ?? r.province ?? "?"}）` : name;
      return {value, label, aliases: countyAliases(r), unknown: r.county == null, sort: [r.province ?? "", r.city ?? "", r.county ?? ""].join("/")};
    })
    // counties the parser could not name go last
    .sort((a, b) => a.unknown - b.unknown || compareZh(a.sort, b.sort))
    .map(({value, label, aliases}) => ({value, label, aliases}));
}

/**
 * The units (of one county, or all when county is empty) as check-list options {value: unitKey,
 * label, group}: townships grouped by county, then the units of other levels grouped by level.
 */
export function townshipOptions(reports, county) {
  const byKey = d3.rollup(
    reports.filter((r) => unitKey(r) && (!county || countyKey(r) === county)),
    (v) => v[0],
    unitKey
  );
  const LEVEL_ORDER = ["township", "county", "city", "province", "department", "other"];
  return [...byKey.entries()]
    .map(([value, r]) => {
      const township = !!r.township;
      return {
        value, label: township ? r.township : unitLabel(r), group: township ? r.county ?? UNKNOWN_COUNTY : levelLabel(levelOf(r)),
        rank: LEVEL_ORDER.indexOf(levelOf(r)), unknown: township && r.county == null, sort: countyKey(r)
      };
    })
    .sort((a, b) => a.rank - b.rank || a.unknown - b.unknown || compareZh(a.sort, b.sort) || compareZh(a.label, b.label))
    .map(({value, label, group}) => ({value, label, group}));
}

/**
 * Applies the shared filters to report rows. `levels`: the level buckets kept (levels.js levelOf);
 * `townships`: unit keys (unitKey; a township's is its placeKey).
 * @param {{levels?: string[], county?: string, townships?: string[], years?: [number, number], template?: string, status?: string}} f
 */
export function filterReports(reports, {levels, county, townships, years, template, status} = {}) {
  const wanted = townships?.length ? new Set(townships) : null;
  const levelSet = levels ? new Set(levels) : null;
  return reports.filter(
    (r) =>
      (!levelSet || levelSet.has(levelOf(r))) &&
      (!county || countyKey(r) === county) &&
      (!wanted || wanted.has(unitKey(r))) &&
      (!years || (r.year != null && r.year >= years[0] && r.year <= years[1])) &&
      (!template || r.template === template) &&
      (!status || r.status === status)
  );
}

const STATUS_RANK = {ok: 0, partial: 1, "needs-ocr": 2, unsupported: 3, error: 4};

/**
 * One report per unit and year: several reports for one township-year (duplicates, a report and its
 * correction) would otherwise be counted twice. Keeps the best-parsed, then the latest published.
 * Reports that name no unit, or no year, are left out (they belong to no unit-year).
 */
export function onePerUnitYear(reports) {
  const groups = d3.group(reports.filter((r) => unitKey(r) && r.year != null), unitKey, (r) => r.year);
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

/** The former name of onePerUnitYear (for a township, its unit is the township). */
export const onePerTownshipYear = onePerUnitYear;

/** The words of the current filter, e.g. "乡镇/街道 · 岚东区 · 2019–2024年 · 3 个乡镇". */
export function describeFilter({levelsLabel, countyLabel, townships, years, template, status, extra = []}) {
  const parts = [];
  if (levelsLabel) parts.push(levelsLabel);
  parts.push(countyLabel || "全部县区");
  if (townships?.length) parts.push(`${townships.length} 个${townships.every((t) => !t.includes("#")) ? "乡镇" : "单位"}`);
  if (years) parts.push(years[0] === years[1] ? `${years[0]}年` : `${years[0]}–${years[1]}年`);
  if (template) parts.push(template);
  if (status) parts.push(status);
  return [...parts, ...extra].join(" · ");
}
