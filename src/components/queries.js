// SQL over the cells table for the pages. The page decides which reports are in scope (its filters,
// one report per township and year) in JS; the scope goes into the query as a VALUES list, and DuckDB
// does the aggregation over the cells.
import {quoteSql} from "./metrics.js";
import {T3_ROWS} from "./table-schema.js";

/** `scope(report_id, year, place)` as a CTE body for the given report rows (place: any label). */
export function scopeCte(rows, placeOf = (r) => r.township ?? "") {
  if (!rows.length) return `scope AS (SELECT NULL::VARCHAR AS report_id, NULL::INTEGER AS year, NULL::VARCHAR AS place WHERE false)`;
  const values = rows.map((r) => `(${quoteSql(r.report_id)}, ${r.year == null ? "NULL" : Number(r.year)}, ${quoteSql(placeOf(r))})`);
  return `scope(report_id, year, place) AS (VALUES ${values.join(", ")})`;
}

/** CASE expression mapping a table 三 row id to its outcome group id. */
export function t3GroupCase(column = "c.\"row\"") {
  const whens = T3_ROWS.filter((r) => r.group).map((r) => `WHEN ${quoteSql(r.id)} THEN ${quoteSql(r.group)}`);
  return `CASE ${column} ${[...new Set(whens)].join(" ")} END`;
}

/** Sum of one table's cells per year (or place) × row × col, for rows/cols given (null = all). */
export function cellSumsSql(rows, {table, by = "year", rowIds, colIds}) {
  const filters = [`c."table" = ${quoteSql(table)}`];
  if (rowIds) filters.push(`c."row" IN (${rowIds.map(quoteSql).join(", ")})`);
  if (colIds) filters.push(`c.col IN (${colIds.map(quoteSql).join(", ")})`);
  return `WITH ${scopeCte(rows)}
SELECT s.${by} AS ${by}, c."row" AS "row", c.col AS col, sum(c.value) AS value, count(c.value) AS reports
FROM cells c JOIN scope s USING (report_id)
WHERE ${filters.join(" AND ")}
GROUP BY ALL`;
}
