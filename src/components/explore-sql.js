// The SQL that the 数据浏览 filters stand for. Readable on purpose: users see it in the editor and
// can change it by hand.
import {metricSql, quoteSql} from "./metrics.js";
import {levelOf, levelSql} from "./levels.js";
import {unitKey} from "./places.js";

const PLACE_PARTS = ["province", "city", "county", "township"];

function equalsOrNull(column, value) {
  return value ? `${column} = ${quoteSql(value)}` : `${column} IS NULL`;
}

/** Conditions on r.* for a place key "province/city/county[/township]" (missing parts empty). */
function placeCondition(key, parts) {
  const values = key.split("/");
  return parts.map((part, i) => equalsOrNull(`r.${part}`, values[i])).join(" AND ");
}

/** Conditions on r.* for a unit key of another level ("江苏省/淮安市/洪泽区/洪泽区#county", places.js unitKey). */
function unitCondition(key) {
  const [path, level] = key.split("#");
  const values = path.split("/");
  const parts = ["province", "city", "county", "unit"].map((part, i) => equalsOrNull(`r.${part}`, values[i]));
  return [...parts, "r.township IS NULL", levelSql([level], {prefix: "r."})].join(" AND ");
}

/**
 * @param {{table: "reports"|"cells"|"checks", levels?: string[], province?: string, county?: string, townships?: string[],
 *          years?: [number, number], template?: string, status?: string, metric?: object}} f
 *   townships: unit keys (places.js unitKey: a township's is its place key)
 */
export function exploreSql(f) {
  const where = [];
  const levels = f.levels ? levelSql(f.levels, {prefix: "r."}) : null;
  if (levels) where.push(levels);
  if (f.province) where.push(`r.province = ${quoteSql(f.province)}`);
  if (f.county) where.push(placeCondition(f.county, PLACE_PARTS.slice(0, 3)));
  if (f.townships?.length) {
    const inCounty = f.county && f.townships.every((t) => t.startsWith(`${f.county}/`) && !t.includes("#"));
    where.push(
      inCounty
        ? `r.township IN (${f.townships.map((t) => quoteSql(t.split("/")[3])).join(", ")})`
        : `(${f.townships.map((t) => `(${t.includes("#") ? unitCondition(t) : placeCondition(t, PLACE_PARTS)})`).join(" OR ")})`
    );
  }
  if (f.years) where.push(`r.year BETWEEN ${Number(f.years[0])} AND ${Number(f.years[1])}`);
  if (f.template) where.push(`r.template = ${quoteSql(f.template)}`);
  if (f.status) where.push(`r.status = ${quoteSql(f.status)}`);
  const m = f.metric;
  let sql;
  if (f.table === "cells") {
    if (m?.kind === "cell") where.push(`c."table" = ${quoteSql(m.table)} AND c."row" = ${quoteSql(m.row)} AND c.col = ${quoteSql(m.col)}`);
    sql = `SELECT r.county, r.township, r.year, c.*
FROM cells c JOIN reports r USING (report_id)`;
  } else if (f.table === "checks") {
    sql = `SELECT r.county, r.township, r.year, k.*
FROM checks k JOIN reports r USING (report_id)`;
  } else if (m) {
    const value = m.kind === "reports" ? `r.${m.column}` : "m.value";
    sql = `SELECT r.report_id, r.province, r.city, r.county, r.township, r.year, r.template, r.status,
       ${value} AS ${quoteIdent(`${m.label}${m.unit ? `（${m.unit}）` : ""}`)}
FROM reports r${m.kind === "reports" ? "" : `
LEFT JOIN (${metricSql(m)}) m USING (report_id)`}`;
  } else {
    sql = `SELECT r.*
FROM reports r`;
  }
  const order = f.table === "reports" || !f.table ? "r.county, r.township, r.year, r.report_id" : `r.county, r.township, r.year, report_id${f.table === "cells" ? ', c."table"' : ", k.rule"}`;
  return `${sql}${where.length ? `\nWHERE ${where.join("\n  AND ")}` : ""}\nORDER BY ${order}`;
}

export function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

/** Example queries for the editor. */
export const EXAMPLE_QUERIES = [
  {
    label: "各县区各年的新收申请数",
    sql: `SELECT county AS 县区, year AS 年份, count(*) AS 报告数, sum(requests_new_total) AS 新收申请
FROM reports
WHERE year IS NOT NULL
GROUP BY ALL
ORDER BY 县区, 年份`
  },
  {
    label: "予以公开的比例（表三，按年份）",
    sql: `SELECT r.year AS 年份,
       sum(c.value) FILTER (WHERE c."row" = 'granted') AS 予以公开,
       sum(c.value) FILTER (WHERE c."row" = 'total') AS 办理总计,
       round(100 * 予以公开 / nullif(办理总计, 0), 1) AS 予以公开占比_百分比
FROM cells c JOIN reports r USING (report_id)
WHERE c."table" = 't3' AND c.col = 'total'
GROUP BY ALL
ORDER BY 年份`
  },
  {
    label: "未通过核对最多的乡镇",
    sql: `SELECT r.county AS 县区, r.township AS 乡镇, count(*) AS 未通过项, count(DISTINCT k.report_id) AS 报告数
FROM checks k JOIN reports r USING (report_id)
WHERE k.status = 'fail'
GROUP BY ALL
ORDER BY 未通过项 DESC
LIMIT 20`
  },
  {
    label: "晚于次年3月31日发布的报告",
    sql: `SELECT report_id, county, township, year, published_on
FROM reports
WHERE published_on > (year + 1) || '-03-31'
ORDER BY published_on DESC`
  },
  {
    label: "表的列与类型",
    sql: `SELECT table_name AS 表, column_name AS 列, data_type AS 类型
FROM information_schema.columns
ORDER BY table_name, ordinal_position`
  }
];

/**
 * The rows exploreSql gives for the reports table without a metric, computed in JS from reports.csv
 * (same filters, same ORDER BY with NULLS LAST and binary string order), shown while DuckDB-WASM
 * starts. null when the filters ask for something else (cells, checks, a metric column).
 */
export function previewRows(reports, f) {
  if ((f.table && f.table !== "reports") || f.metric) return null;
  const matches = (r, key, parts) => key.split("/").every((value, i) => (value ? r[parts[i]] === value : r[parts[i]] == null));
  const rows = reports.filter(
    (r) =>
      (!f.levels || f.levels.includes(levelOf(r))) &&
      (!f.province || r.province === f.province) &&
      (!f.county || matches(r, f.county, PLACE_PARTS.slice(0, 3))) &&
      (!f.townships?.length || f.townships.some((t) => (t.includes("#") ? unitKey(r) === t : matches(r, t, PLACE_PARTS)))) &&
      (!f.years || (r.year != null && r.year >= f.years[0] && r.year <= f.years[1])) &&
      (!f.template || r.template === f.template) &&
      (!f.status || r.status === f.status)
  );
  const compare = (a, b) => (a == null ? (b == null ? 0 : 1) : b == null ? -1 : a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => compare(a.county, b.county) || compare(a.township, b.township) || compare(a.year, b.year) || compare(a.report_id, b.report_id));
}
