// Pieces of the 报告详情 page: the report picker and tables 二三四 of one report drawn as printed,
// every value with where it came from. All text goes through htl (escaped): reports are untrusted.
import {html} from "npm:htl";
import {MISSING, formatNumber, isMissing} from "./format.js";
import {compareZh, countyKey, placeKey, UNKNOWN_COUNTY} from "./places.js";
import {describeSource, ruleLabel} from "./rules.js";
import {T2_BLOCKS, T3_COLUMNS, T4_COLUMNS, T4_ROWS, t3RowsOf} from "./table-schema.js";
import {pageLink} from "./url-state.js";

/**
 * Three linked drop-downs (县区 → 乡镇 → 报告) to choose a report; value: its report_id.
 * Choosing one navigates to ?id=… (a normal page load, so the back button works).
 */
export function reportPicker(reports, currentId) {
  const current = reports.find((r) => r.report_id === currentId);
  const counties = [...new Map(reports.map((r) => [countyKey(r), r])).entries()]
    .sort((a, b) => (a[1].county == null) - (b[1].county == null) || compareZh(a[0], b[0]));
  const countySelect = html`<select aria-label="县区">${counties.map(
    ([key, r]) => html`<option value=${key} selected=${current && countyKey(current) === key}>${r.county ?? UNKNOWN_COUNTY}</option>`
  )}</select>`;
  const townshipSelect = html`<select aria-label="乡镇"></select>`;
  const reportSelect = html`<select aria-label="报告" name="report"></select>`;
  const fillTownships = () => {
    const inCounty = reports.filter((r) => countyKey(r) === countySelect.value);
    const places = [...new Map(inCounty.map((r) => [placeKey(r), r])).entries()].sort((a, b) => compareZh(a[1].township ?? "\uffff", b[1].township ?? "\uffff"));
    townshipSelect.replaceChildren(...places.map(
      ([key, r]) => html`<option value=${key} selected=${current && placeKey(current) === key}>${r.township ?? "（乡镇未知）"}</option>`
    ));
    fillReports();
  };
  const fillReports = () => {
    const list = reports
      .filter((r) => placeKey(r) === townshipSelect.value)
      .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || compareZh(a.file, b.file));
    reportSelect.replaceChildren(
      html`<option value="">— 选择报告 —</option>`,
      ...list.map((r) => html`<option value=${r.report_id} selected=${r.report_id === currentId}>${r.year ?? "年份未知"}年 · ${r.file.split("/").pop()}</option>`)
    );
  };
  countySelect.onchange = fillTownships;
  townshipSelect.onchange = fillReports;
  reportSelect.onchange = () => {
    if (reportSelect.value) location.assign(pageLink("report", {id: reportSelect.value}));
  };
  fillTownships();
  return html`<div class="control-bar report-picker">
    <label class="control"><span class="control-label">县区</span>${countySelect}</label>
    <label class="control"><span class="control-label">乡镇</span>${townshipSelect}</label>
    <label class="control"><span class="control-label">报告</span>${reportSelect}</label>
  </div>`;
}

/** Map "t3:new:total" → cell row of cells.csv. */
export function indexCells(cells) {
  return new Map(cells.map((c) => [`${c.table}:${c.row}:${c.col}`, c]));
}

/** Cell ids named by failed checks ("t3:new:total" …) → the failed checks naming them. */
export function failedCellIndex(checks) {
  const index = new Map();
  for (const c of checks) {
    if (c.status !== "fail" || !c.cells) continue;
    // checks.csv names cells as t3.new.total
    for (const id of String(c.cells).split(/\s+/).filter(Boolean).map((s) => s.replaceAll(".", ":"))) {
      if (!index.has(id)) index.set(id, []);
      index.get(id).push(c);
    }
  }
  return index;
}

/** The value a corrected cell had before (its source: "更正（…）；原值 12，原来源 …"); null when not corrected. */
export function correctedFrom(source) {
  const m = /^更正（[^）]*）；原值 ([^，；]+)/.exec(String(source ?? ""));
  return m ? m[1] : null;
}

/** One table cell: the value (or the raw token, e.g. "/"), the source on hover and below when shown. */
function valueCell(cell, failures, id) {
  if (!cell) return html`<td class="cell-absent" title="报告中没有这一格">${MISSING}</td>`;
  const failed = failures?.length > 0;
  const shown = !isMissing(cell.value) ? formatNumber(cell.value) : cell.raw ? cell.raw : MISSING;
  const title = [
    `${cell.row_label} · ${cell.col_label}`,
    `数值：${isMissing(cell.value) ? "（空）" : cell.value}${cell.unit ? ` ${cell.unit}` : ""}`,
    `原文：${cell.raw === "" || cell.raw == null ? "（空白）" : cell.raw}`,
    `来源：${describeSource(cell.source)}（${cell.source}）`,
    ...(failures ?? []).map((f) => `未通过：${ruleLabel(f.rule)} — ${f.message}`)
  ].join("\n");
  // a value corrected on review (更正记录.csv): the source says so and keeps the value printed
  const original = correctedFrom(cell.source);
  return html`<td class=${`cell num${failed ? " cell-failed" : ""}${isMissing(cell.value) ? " cell-empty" : ""}${original !== null ? " cell-corrected" : ""}`} title=${title} data-cell=${id}>
    <span class="cell-value">${shown}</span>${original !== null ? html`<span class="cell-original" data-cell-original>原 ${original}</span>` : null}
    <span class="cell-source">${describeSource(cell.source)}</span>
  </td>`;
}

/** Table 二 of a template report, block by block. */
export function table2View(template, cellIndex, failedIndex) {
  const blocks = T2_BLOCKS[template];
  if (!blocks) return null;
  return html`<div class="report-table-wrap">${blocks.map(
    (b) => html`<table class="report-table" data-report-table="t2">
      <thead>
        <tr><th colspan=${b.cols.length + 1}>${b.block}</th></tr>
        <tr><th>信息内容</th>${b.cols.map(([, label]) => html`<th>${label}</th>`)}</tr>
      </thead>
      <tbody>${b.rows.map(
        ([row, label]) => html`<tr><th scope="row">${label}</th>${b.cols.map(([col]) => {
          const id = `t2:${row}:${col}`;
          return valueCell(cellIndex.get(id), failedIndex.get(id), id);
        })}</tr>`
      )}</tbody>
    </table>`
  )}</div>`;
}

/** Table 三 as printed (rows of the report's template; 小计 only when the report has it). */
export function table3View(template, cellIndex, failedIndex) {
  const hasSubtotal = [...cellIndex.keys()].some((k) => k.startsWith("t3:") && k.endsWith(":org_subtotal"));
  const cols = T3_COLUMNS.filter((c) => c.id !== "org_subtotal" || hasSubtotal);
  const rows = t3RowsOf(template);
  return html`<div class="report-table-wrap"><table class="report-table" data-report-table="t3">
    <thead><tr><th>申请情况</th>${cols.map((c) => html`<th>${c.label}</th>`)}</tr></thead>
    <tbody>${rows.map((r) =>
      r.heading
        ? html`<tr class="row-heading"><th scope="row" colspan=${cols.length + 1}>${r.ordinal}${r.label}</th></tr>`
        : html`<tr><th scope="row" class=${r.group ? "row-indent" : null}>${r.ordinal}${r.label}</th>${cols.map((c) => {
            const id = `t3:${r.id}:${c.id}`;
            return valueCell(cellIndex.get(id), failedIndex.get(id), id);
          })}</tr>`
    )}</tbody>
  </table></div>`;
}

/** Table 四: three blocks × five outcome columns. */
export function table4View(cellIndex, failedIndex) {
  return html`<div class="report-table-wrap"><table class="report-table" data-report-table="t4">
    <thead><tr><th></th>${T4_COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead>
    <tbody>${T4_ROWS.map(
      (r) => html`<tr><th scope="row">${r.label}</th>${T4_COLUMNS.map((c) => {
        const id = `t4:${r.id}:${c.id}`;
        return valueCell(cellIndex.get(id), failedIndex.get(id), id);
      })}</tr>`
    )}</tbody>
  </table></div>`;
}

/** Where a headline number of reports.csv comes from, as cell ids (table-derived ones). */
export const HEADLINE_SOURCES = {
  requests_new_total: ["t3:new:total"],
  requests_carried_total: ["t3:carried:total"],
  requests_handled_total: ["t3:total:total"],
  requests_forward_total: ["t3:carry_forward:total"],
  review_total: ["t4:review:total"],
  litigation_total: ["t4:lit_direct:total", "t4:lit_after_review:total"],
  t2_normative_new: ["t2:normative:made", "t2:normative:issued"],
  t2_normative_in_force: ["t2:normative:total_public", "t2:normative:in_force"],
  t2_licensing_decisions: ["t2:licensing:decisions"],
  t2_penalty_decisions: ["t2:penalty:decisions"],
  t2_coercion_decisions: ["t2:coercion:decisions"],
  t2_fee_amount_wan: ["t2:admin_fees:fee_amount"]
};

const FIELD_LABELS = {
  active_total: "主动公开信息数",
  requests_new_total: "本年新收申请数",
  requests_carried_total: "上年结转申请数",
  requests_handled_total: "办理结果总计",
  requests_forward_total: "结转下年度继续办理",
  review_total: "行政复议数",
  litigation_total: "行政诉讼数",
  fees: "收取的费用（元）"
};
const OUTCOME_LABELS = {
  granted: "予以公开", partial: "部分公开", refused: "不予公开", not_exist: "信息不存在/无法提供", other: "其他处理",
  upheld: "结果维持", corrected: "结果纠正", pending: "尚未审结"
};

/** evidence.csv field → words: "active_categories.政务动态" → "主动公开分类：政务动态". */
export function evidenceFieldLabel(field) {
  const [head, ...rest] = String(field).split(".");
  const tail = rest.join(".");
  switch (head) {
    case "active_categories": return `主动公开分类：${tail}`;
    case "active_channels": return `公开渠道：${tail}`;
    case "appendix": return `附表：${evidenceFieldLabel(tail)}`;
    case "narrative": return `正文引用：${FIELD_LABELS[tail] ?? tail}`;
    case "request_outcomes": return `申请办理结果：${OUTCOME_LABELS[tail] ?? tail}`;
    case "review_outcomes": return `行政复议结果：${OUTCOME_LABELS[tail] ?? tail}`;
    case "litigation_outcomes": return `行政诉讼结果：${OUTCOME_LABELS[tail] ?? tail}`;
    default: return FIELD_LABELS[field] ?? field;
  }
}

const FULLWIDTH = "０１２３４５６７８９";

/**
 * The sentence a number was read from, with that number marked (<mark>). The snippet does not say
 * where in it the number stands, so the first stand-alone occurrence of the value's digits (ASCII
 * or full-width) is marked; for 0 read from words (没有、未、无、零) the first such word is marked.
 * Text goes into text nodes only (htl), never parsed as HTML.
 */
export function highlightedSnippet(snippet, value) {
  const text = String(snippet ?? "");
  let match = null;
  if (value != null && Number.isFinite(Number(value))) {
    const digits = String(Number(value));
    const wide = [...digits].map((d) => (/\d/.test(d) ? FULLWIDTH[+d] : d)).join("");
    for (const candidate of [digits, wide]) {
      const re = new RegExp(`(?<![0-9０-９.])${candidate.replace(".", "\\.")}(?![0-9０-９])`);
      const m = re.exec(text);
      if (m) {
        match = {start: m.index, end: m.index + m[0].length};
        break;
      }
    }
    if (!match && Number(value) === 0) {
      const m = /没有|未(?:收到|接到|发生|收取)|无|零/.exec(text);
      if (m) match = {start: m.index, end: m.index + m[0].length};
    }
  }
  if (!match) return html`<span class="snippet">${text}</span>`;
  return html`<span class="snippet">${text.slice(0, match.start)}<mark>${text.slice(match.start, match.end)}</mark>${text.slice(match.end)}</span>`;
}

/** A printed cell for the files: its number, else what was printed ("/", "—"), else empty. */
function printedValue(cell) {
  if (!cell) return null;
  if (!isMissing(cell.value)) return cell.value;
  return cell.raw === "" || cell.raw == null ? null : cell.raw;
}

const ROW_LABEL = {key: "row_label", label: "项目", kind: "text"};
const ROW_ID = {key: "row", label: "行编号", name: "row", kind: "text"};

/**
 * Tables 二三四 of one report laid out as printed, as sheets to export (export.js): one row per
 * table row, one column per printed column; numbers as numbers, "/" and "—" as printed.
 */
export function printedTableSheets(template, cellIndex) {
  const sheets = [];
  const blocks = T2_BLOCKS[template];
  if (blocks) {
    const cols = [...new Map(blocks.flatMap((b) => b.cols).map(([id, label]) => [id, label])).entries()];
    sheets.push({
      name: "表二",
      rows: blocks.flatMap((b) => b.rows.map(([row, label]) => ({
        block: b.block, row, row_label: label,
        ...Object.fromEntries(b.cols.map(([col]) => [`c:${col}`, printedValue(cellIndex.get(`t2:${row}:${col}`))]))
      }))),
      columns: [{key: "block", label: "分项", kind: "text"}, ROW_LABEL, ...cols.map(([id, label]) => ({key: `c:${id}`, label, name: id, kind: "auto"})), ROW_ID]
    });
  }
  if ([...cellIndex.keys()].some((k) => k.startsWith("t3:"))) {
    const hasSubtotal = [...cellIndex.keys()].some((k) => k.startsWith("t3:") && k.endsWith(":org_subtotal"));
    const cols = T3_COLUMNS.filter((c) => c.id !== "org_subtotal" || hasSubtotal);
    sheets.push({
      name: "表三",
      rows: t3RowsOf(template).filter((r) => !r.heading).map((r) => ({
        row: r.id, row_label: `${r.ordinal ?? ""}${r.label}`,
        ...Object.fromEntries(cols.map((c) => [`c:${c.id}`, printedValue(cellIndex.get(`t3:${r.id}:${c.id}`))]))
      })),
      columns: [ROW_LABEL, ...cols.map((c) => ({key: `c:${c.id}`, label: c.label, name: c.id, kind: "auto"})), ROW_ID]
    });
  }
  if ([...cellIndex.keys()].some((k) => k.startsWith("t4:"))) {
    sheets.push({
      name: "表四",
      rows: T4_ROWS.map((r) => ({
        row: r.id, row_label: r.label,
        ...Object.fromEntries(T4_COLUMNS.map((c) => [`c:${c.id}`, printedValue(cellIndex.get(`t4:${r.id}:${c.id}`))]))
      })),
      columns: [ROW_LABEL, ...T4_COLUMNS.map((c) => ({key: `c:${c.id}`, label: c.label, name: c.id, kind: "auto"})), ROW_ID]
    });
  }
  return sheets;
}
