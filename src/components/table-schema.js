// The official tables 二、三、四 as the pages need them: row/column ids of cells.csv with their
// Chinese labels, in printed order. Read from src/data/schema.json, which the parser's own
// templates (loaders/templates) produce, so the browser carries no copy of them; the page
// annotations (outcome groups, short labels, colours) are added in table-rows.js.
import {FileAttachment} from "observablehq:stdlib";
import {annotateT3Rows, annotateT4} from "./table-rows.js";

const schema = await FileAttachment("../data/schema.json").json();

/** Table 二 blocks per template: {block, rows: [[id, label]], cols: [[id, label]]}. */
export const T2_BLOCKS = schema.t2;

/** Table 三 columns (小计 only in some copies). */
export const T3_COLUMNS = schema.t3Columns;

/** The six applicant columns (their sum is 总计). */
export const T3_APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => !["org_subtotal", "total"].includes(c.id));

/**
 * Table 三 rows in printed order. heading: no values of its own. group: the outcome group used by
 * the charts (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理). templates: where the row exists.
 */
export const T3_ROWS = annotateT3Rows(schema);

/** Outcome groups of table 三 (rows with `group`), in printed order, with Okabe–Ito colours. */
export const T3_OUTCOME_GROUPS = [
  {id: "granted", label: "予以公开", color: "#009e73"},
  {id: "partial", label: "部分公开", color: "#56b4e9"},
  {id: "refused", label: "不予公开", color: "#d55e00"},
  {id: "unable", label: "无法提供", color: "#e69f00"},
  {id: "declined", label: "不予处理", color: "#cc79a7"},
  {id: "other", label: "其他处理", color: "#999999"}
];

/** Table 四: three blocks (rows) × five outcome columns. */
const t4 = annotateT4(schema);
export const T4_ROWS = t4.rows;
export const T4_COLUMNS = t4.columns;

/** Rows of table 三 present in a report of the given template (2008-era reports: the 2021 layout). */
export function t3RowsOf(template) {
  const key = template === "template-2019" ? "template-2019" : "template-2021";
  return T3_ROWS.filter((r) => !r.templates || r.templates.includes(key));
}

/** Short label of a table 三 row for charts: `short`, else the text before the first （. */
export function shortT3Label(row) {
  return row.short ?? row.label.replace(/（.*$/, "");
}
