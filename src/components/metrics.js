// The metrics a user can pick (乡镇对比, 数据浏览): columns of reports.csv and cells of tables 二三四.
// Ids are stable and short because they go into the URL:
//   r:<column>             a reports.csv column
//   t3:<row>:<col>         a table 三 cell (col defaults to 总计)
//   t3g:<group>            a table 三 outcome group (e.g. all 不予公开 reasons), 总计 column
//   t4:<row>:<col>         a table 四 cell
//   t2:<row>:<col>         a table 二 cell
//   cat:<category>         proactive items of one category (prose breakdowns, evidence.csv)
import {T2_BLOCKS, T3_COLUMNS, T3_OUTCOME_GROUPS, T3_ROWS, T4_COLUMNS, T4_ROWS} from "./table-schema.js";
import {CATEGORIES} from "./categories.js";
import {loadTable} from "./corpus.js";

export const REPORT_METRICS = [
  {column: "active_total", label: "主动公开信息数", unit: "条"},
  {column: "requests_new_total", label: "本年新收申请数", unit: "件"},
  {column: "requests_carried_total", label: "上年结转申请数", unit: "件"},
  {column: "requests_handled_total", label: "本年办理结果总计", unit: "件"},
  {column: "requests_forward_total", label: "结转下年度继续办理", unit: "件"},
  {column: "review_total", label: "行政复议数", unit: "件"},
  {column: "litigation_total", label: "行政诉讼数", unit: "件"},
  {column: "fees", label: "向申请人收取的费用", unit: "元"},
  {column: "t2_normative_new", label: "规范性文件：本年制发", unit: "件"},
  {column: "t2_normative_in_force", label: "规范性文件：现行有效/对外公开总数", unit: "件"},
  {column: "t2_licensing_decisions", label: "行政许可：处理决定数", unit: "件"},
  {column: "t2_penalty_decisions", label: "行政处罚：处理决定数", unit: "件"},
  {column: "t2_coercion_decisions", label: "行政强制：处理决定数", unit: "件"},
  {column: "t2_fee_amount_wan", label: "行政事业性收费金额", unit: "万元"},
  {column: "n_checks_failed", label: "核对未通过数", unit: "项"},
  {column: "n_warnings", label: "解析提示数", unit: "条"}
].map((m) => ({...m, id: `r:${m.column}`, kind: "reports", group: "报告主要指标"}));

const t3ValueRows = T3_ROWS.filter((r) => !r.heading);
const T3_METRICS = [
  ...T3_OUTCOME_GROUPS.map((g) => ({id: `t3g:${g.id}`, kind: "t3group", groupId: g.id, label: `办理结果：${g.label}（合计）`})),
  ...t3ValueRows
    .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
    .map((r) => ({id: `t3:${r.id}`, kind: "cell", table: "t3", row: r.id, label: `表三 ${r.ordinal}${r.label.replace(/（.*$/, "")}`}))
].map((m) => ({...m, unit: "件", group: "表三 依申请公开（可选申请人列）"}));

const T4_METRICS = T4_ROWS.flatMap((r) =>
  T4_COLUMNS.map((c) => ({id: `t4:${r.id}:${c.id}`, kind: "cell", table: "t4", row: r.id, col: c.id, label: `表四 ${r.label}：${c.label}`, unit: "件", group: "表四 行政复议、行政诉讼"}))
);

const T2_METRICS = (() => {
  const byId = new Map();
  for (const [template, blocks] of Object.entries(T2_BLOCKS)) {
    for (const {rows, cols} of blocks) {
      for (const [row, rowLabel] of rows) {
        for (const [col, colLabel] of cols) {
          const id = `t2:${row}:${col}`;
          const m = byId.get(id) ?? {id, kind: "cell", table: "t2", row, col, labels: new Set(), templates: []};
          m.labels.add(`${rowLabel}：${colLabel.replace(/（单位：万元）/, "")}`);
          m.templates.push(template === "template-2019" ? "2019" : "2021");
          m.unit = col === "fee_amount" ? "万元" : col === "proc_amount" ? "元" : "件";
          byId.set(id, m);
        }
      }
    }
  }
  return [...byId.values()].map(({labels, templates, ...m}) => ({
    ...m,
    label: `表二 ${[...labels].join(" / ")}（${templates.join("、")}模板）`,
    group: "表二 主动公开（模板年份）"
  }));
})();

const CATEGORY_METRICS = CATEGORIES.map((c) => ({
  id: `cat:${c.id}`, kind: "category", category: c.id, label: `主动公开分类：${c.label}`, unit: "条", group: "主动公开分类（正文所列）"
}));

export const METRICS = [...REPORT_METRICS, ...CATEGORY_METRICS, ...T3_METRICS, ...T4_METRICS, ...T2_METRICS];
/** The metrics SQL can express (the category mapping lives in JS). */
export const SQL_METRICS = METRICS.filter((m) => m.kind !== "category");
const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

/** A metric by id; a t3 row may carry a column (t3:<row>:<col>). Unknown ids → undefined. */
export function metricOf(id) {
  if (!id) return undefined;
  const [kind, row, col] = String(id).split(":");
  if (kind === "t3" && col) {
    const base = BY_ID.get(`t3:${row}`);
    const column = T3_COLUMNS.find((c) => c.id === col);
    if (!base || !column) return undefined;
    return {...base, id, col, label: col === "total" ? base.label : `${base.label}（${column.label}）`};
  }
  const m = BY_ID.get(id);
  return m && m.kind === "cell" && m.table === "t3" ? {...m, col: "total"} : m;
}

/** Options for selectInput, with optgroups. */
export function metricOptions(metrics = METRICS) {
  return metrics.map((m) => ({value: m.id, label: m.label, group: m.group}));
}

/** Whether the metric needs the cells table (DuckDB). */
export function needsCells(metric) {
  return metric?.kind === "cell" || metric?.kind === "t3group";
}

export function quoteSql(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** SQL giving (report_id, value) for a cell metric, over the cells table. */
export function metricSql(metric) {
  if (metric.kind === "t3group") {
    const rows = T3_ROWS.filter((r) => r.group === metric.groupId).map((r) => quoteSql(r.id));
    return `SELECT report_id, sum(value) AS value FROM cells WHERE "table" = 't3' AND col = 'total' AND "row" IN (${rows.join(", ")}) GROUP BY report_id`;
  }
  return `SELECT report_id, value FROM cells WHERE "table" = ${quoteSql(metric.table)} AND "row" = ${quoteSql(metric.row)} AND col = ${quoteSql(metric.col)}`;
}

/**
 * The metric's value per report, joined to the report rows (JS objects {…report, value}).
 * Reports metrics need no database; cell metrics query `db` (a promise is fine).
 */
export async function metricValues(metric, reports, db) {
  if (metric.kind === "reports") return reports.map((r) => ({...r, value: r[metric.column]}));
  if (metric.kind === "category") {
    // a report that lists categories counts 0 for one it does not list; one that lists none has no value
    const sums = new Map();
    for (const c of await loadTable("categories")) {
      if (c.count == null) continue;
      sums.set(c.report_id, (sums.get(c.report_id) ?? 0) + (c.category === metric.category ? c.count : 0));
    }
    return reports.map((r) => ({...r, value: sums.has(r.report_id) ? sums.get(r.report_id) : null}));
  }
  const rows = await (await db).query(metricSql(metric));
  const byId = new Map(rows.map((r) => [r.report_id, r.value]));
  return reports.map((r) => ({...r, value: byId.has(r.report_id) ? byId.get(r.report_id) : null}));
}
