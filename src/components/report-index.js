// 报告详情 without an id: the index of all reports, searchable by township (also county and file
// name) and filterable by year, parse status and failed checks; every row links to its report.
// The filters live in the URL (q, year, status, check) like every page's; the table is the shared
// sortable, paged, exportable one. All text goes through htl (escaped): reports are untrusted.
import {html} from "npm:htl";
import {dataTable} from "./data-table.js";
import {formatDate} from "./format.js";
import {filterSummary} from "./page.js";
import {compareZh} from "./places.js";
import {ruleLabel, STATUS_LABELS} from "./rules.js";
import {templateOf} from "./templates.js";
import {pageLink, setUrlParam, urlParam} from "./url-state.js";

/** Values of the 核对 filter besides a rule id. */
const ANY_FAILED = "failed";
const NONE_FAILED = "none";

/**
 * The rows of the index matching the filters (pure; also what the tests restate).
 * @param {object[]} reports  rows of reports.csv
 * @param {Map<string, Set<string>>} failedRules  report_id → rules it fails
 * @param {{q?: string, year?: string, status?: string, check?: string}} filters
 */
export function filterIndex(reports, failedRules, {q = "", year = "", status = "", check = ""} = {}) {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return reports.filter((r) => {
    if (year && String(r.year ?? "") !== (year === "unknown" ? "" : year)) return false;
    if (status && r.status !== status) return false;
    const rules = failedRules.get(r.report_id);
    if (check === ANY_FAILED && !rules?.size) return false;
    if (check === NONE_FAILED && rules?.size) return false;
    if (check && check !== ANY_FAILED && check !== NONE_FAILED && !rules?.has(check)) return false;
    const text = [r.township, r.county, r.city, r.province, r.file].filter(Boolean).join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** report_id → the rules its checks fail (checks.csv, report and corpus rules alike). */
export function failedRulesByReport(checks) {
  const map = new Map();
  for (const c of checks) {
    if (c.status !== "fail") continue;
    if (!map.has(c.report_id)) map.set(c.report_id, new Set());
    map.get(c.report_id).add(c.rule);
  }
  return map;
}

function select(name, label, options, value) {
  const el = html`<select name=${name}>${options.map((o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}</select>`;
  return {el, control: html`<label class="control" data-control=${name}><span class="control-label">${label}</span>${el}</label>`};
}

/**
 * @param {object[]} reports  rows of reports.csv
 * @param {object[]} checks  rows of checks.csv
 */
export function reportIndex(reports, checks) {
  const failedRules = failedRulesByReport(checks);
  const years = [...new Set(reports.map((r) => r.year).filter((y) => y != null))].sort((a, b) => b - a);
  const rulesFailed = [...new Set([...failedRules.values()].flatMap((s) => [...s]))].sort((a, b) => compareZh(ruleLabel(a), ruleLabel(b)));
  const initial = {q: urlParam("q") ?? "", year: urlParam("year") ?? "", status: urlParam("status") ?? "", check: urlParam("check") ?? ""};

  const search = html`<input type="search" name="q" placeholder="乡镇、县区或文件名" value=${initial.q} aria-label="搜索乡镇" style="width: 14em">`;
  const year = select("year", "年份", [{value: "", label: "全部"}, ...years.map((y) => ({value: String(y), label: `${y}年`})), ...(reports.some((r) => r.year == null) ? [{value: "unknown", label: "年份未识别"}] : [])], initial.year);
  const status = select("status", "解析状态", [{value: "", label: "全部"}, ...Object.entries(STATUS_LABELS).filter(([k]) => reports.some((r) => r.status === k)).map(([value, label]) => ({value, label}))], initial.status);
  const check = select("check", "核对", [
    {value: "", label: "全部"},
    {value: ANY_FAILED, label: "有未通过的核对"},
    {value: NONE_FAILED, label: "没有未通过的核对"},
    ...rulesFailed.map((rule) => ({value: rule, label: `未通过：${ruleLabel(rule)}`}))
  ], initial.check);

  const summary = html`<div></div>`;
  const tableSlot = html`<div></div>`;
  const tableState = {sort: {column: "year", descending: true}};

  const render = () => {
    const filters = {q: search.value, year: year.el.value, status: status.el.value, check: check.el.value};
    for (const [k, v] of Object.entries(filters)) setUrlParam(k, v, "");
    const rows = filterIndex(reports, failedRules, filters)
      .slice()
      .sort((a, b) => compareZh(a.county, b.county) || compareZh(a.township, b.township) || (b.year ?? 0) - (a.year ?? 0))
      .map((r) => ({
        report_id: r.report_id,
        county: r.county,
        township: r.township,
        year: r.year,
        template: r.template,
        status: r.status,
        n_checks_failed: failedRules.get(r.report_id)?.size ?? 0,
        failed_rules: [...(failedRules.get(r.report_id) ?? [])].map(ruleLabel).join("、") || null,
        published_on: r.published_on,
        file: r.file
      }));
    const words = [
      filters.q.trim() && `搜索“${filters.q.trim()}”`,
      filters.year && (filters.year === "unknown" ? "年份未识别" : `${filters.year}年`),
      filters.status && STATUS_LABELS[filters.status],
      filters.check && check.el.selectedOptions[0]?.textContent
    ].filter(Boolean);
    summary.replaceChildren(filterSummary(`${words.join(" · ") || "全部报告"}（共 ${reports.length} 份中的 ${rows.length} 份）`, null));
    summary.querySelector("[data-filter-summary]").dataset.indexCount = String(rows.length);
    tableSlot.replaceChildren(dataTable(rows, {
      name: "report-index",
      pageSize: 50,
      sort: tableState.sort,
      onSort: (sort) => (tableState.sort = sort),
      labels: {report_id: "报告", county: "县区", township: "乡镇", year: "年份", template: "模板", status: "解析状态", n_checks_failed: "未通过的核对规则数", failed_rules: "未通过的核对", published_on: "发布日期", file: "文件"},
      exports: {title: "报告索引", tables: ["reports"], labels: {n_checks_failed: "未通过的核对规则数", failed_rules: "未通过的核对"}, names: {failed_rules: "failed_rules"}},
      format: (column, value, row) => formatIndexCell(column, value, row)
    }));
  };
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(render, 150);
  });
  for (const s of [year, status, check]) s.el.addEventListener("change", render);
  // keep these inputs from reaching the page's own cells (they are not Framework inputs)
  for (const el of [search, year.el, status.el, check.el]) el.addEventListener("input", (event) => event.stopPropagation());
  render();

  return html`<section class="report-index" data-report-index>
    <h2>全部报告</h2>
    <p>按乡镇、县区或文件名搜索，按年份、解析状态和核对结果筛选；点击报告名称打开该报告的详情。</p>
    <div class="control-panel"><div class="control-bar">
      <label class="control" data-control="q"><span class="control-label">搜索</span>${search}</label>
      ${year.control}${status.control}${check.control}
    </div></div>
    ${summary}
    ${tableSlot}
  </section>`;
}

function formatIndexCell(column, value, row) {
  if (column === "report_id") {
    const name = `${row.township ?? "（乡镇未识别）"} ${row.year ?? "（年份未识别）"}${row.year ? "年" : ""}`;
    return html`<a href=${pageLink("report", {id: value})} data-report-link=${value}>${name}</a>`;
  }
  if (value == null || value === "") return html`<span class="missing">—</span>`;
  if (column === "template") return templateOf(value).label;
  if (column === "status") return html`<span class=${`status status-${value === "ok" ? "ok" : value === "partial" ? "partial" : "bad"}`}>${STATUS_LABELS[value] ?? value}</span>`;
  if (column === "year") return String(value);
  if (column === "n_checks_failed") return value ? String(value) : html`<span class="muted">0</span>`;
  if (column === "published_on") return formatDate(value);
  if (column === "file") {
    const text = String(value);
    return text.length > 48 ? html`<span title=${text}>…${text.slice(-47)}</span>` : text;
  }
  if (column === "failed_rules") {
    const text = String(value);
    return text.length > 30 ? html`<span title=${text}>${text.slice(0, 29)}…</span>` : text;
  }
  return String(value);
}
