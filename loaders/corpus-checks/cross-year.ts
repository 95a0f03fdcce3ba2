// Cross-year rules per township (report-formats.md §5 "Across reports and text"):
//
// carry_over       this year's 上年结转 (t3.carried) = last year's 结转下年度继续办理 (t3.carry_forward),
//                  per applicant column, across the 2020→2021 template switch too (both templates
//                  share table 三's row and column ids). For a report without table 三 (free text) the
//                  narrative totals requests_carried_total / requests_forward_total stand in for the
//                  总计 column. One `fail` row per column that differs, else one `pass`; `skip` when
//                  last year's report is missing or carries no figure to compare.
// stock_flow_2021  soft rule, 2021 template both years: 现行有效(N) = 现行有效(N−1) + 本年制发(N) −
//                  本年废止(N), per row of 第二十条第（一）项. Documents also lapse or are revised without
//                  being 废止, so a difference is a `warn`, never a `fail`.
//
// Both rules read each township-year's representative report (township-years.ts).
import type { CorpusCheckRow } from "./types.ts";
import { cellIndex, placeLabel, type PlaceGroup, type ReportRef } from "./township-years.ts";
import { templates } from "../templates/index.ts";

const T3_COLUMNS = templates[0].tables.find((t) => t.id === "t3")!.blocks[0].columns.map((c) => ({ id: c.id, label: c.label }));
const T2_STOCK_ROWS = [{ id: "rules", label: "规章" }, { id: "normative", label: "行政规范性文件" }];

export function crossYearChecks(places: Iterable<PlaceGroup>): CorpusCheckRow[] {
  const rows: CorpusCheckRow[] = [];
  for (const g of places) {
    for (const [year, ref] of [...g.rep].sort((a, b) => a[0] - b[0])) {
      const prev = g.rep.get(year - 1) ?? null;
      rows.push(...carryOver(g, year, ref, prev));
      rows.push(...stockFlow(year, ref, prev));
    }
  }
  return rows;
}

type Values = Map<string, number | null>;

/** t3 column → 上年结转 of this report (cells first, the narrative total for the 总计 column otherwise). */
function carried(ref: ReportRef): Values {
  return pick(ref, "carried", ref.record.requests_carried_total);
}

function forwarded(ref: ReportRef): Values {
  return pick(ref, "carry_forward", ref.record.requests_forward_total);
}

function pick(ref: ReportRef, row: string, total: number | null): Values {
  const cells = cellIndex(ref.record);
  const out: Values = new Map();
  for (const c of T3_COLUMNS) {
    const key = `t3.${row}.${c.id}`;
    if (cells.has(key)) out.set(c.id, cells.get(key)!);
  }
  if (!out.has("total") || out.get("total") === null) if (total !== null) out.set("total", total);
  return out;
}

function carryOver(g: PlaceGroup, year: number, ref: ReportRef, prev: ReportRef | null): CorpusCheckRow[] {
  const now = carried(ref);
  if (now.size === 0) return []; // nothing to compare: the rule does not apply to this report
  const base = { report_id: ref.id, rule: "carry_over" };
  if (![...now.values()].some((v) => v !== null)) {
    return [{ ...base, status: "skip", expected: null, actual: null, cells: null, message: `表三“上年结转”为空，无法与 ${year - 1} 年度核对` }];
  }
  if (!prev) {
    return [{ ...base, status: "skip", expected: null, actual: null, cells: null, message: `${placeLabel(g)}没有 ${year - 1} 年度报告，无法核对上年结转` }];
  }
  const before = forwarded(prev);
  const fails: CorpusCheckRow[] = [];
  let compared = 0;
  for (const c of T3_COLUMNS) {
    const a = now.get(c.id);
    const e = before.get(c.id);
    if (a === undefined || e === undefined || a === null || e === null) continue;
    compared++;
    if (Math.abs(a - e) > 1e-9) {
      fails.push({
        ...base, status: "fail", expected: e, actual: a,
        cells: `t3.carried.${c.id} ${prev.id}:t3.carry_forward.${c.id}`,
        message: `表三列“${c.label}”：上年结转 ${a}，但 ${year - 1} 年度报告的“结转下年度继续办理”为 ${e}`,
      });
    }
  }
  if (fails.length) return fails;
  if (compared === 0) {
    return [{ ...base, status: "skip", expected: null, actual: null, cells: null, message: `${year - 1} 年度报告没有“结转下年度继续办理”的数值，无法核对上年结转` }];
  }
  return [{ ...base, status: "pass", expected: null, actual: null, cells: null, message: `上年结转与 ${year - 1} 年度的结转下年度继续办理一致（${compared} 列）` }];
}

function stockFlow(year: number, ref: ReportRef, prev: ReportRef | null): CorpusCheckRow[] {
  if (ref.record.template !== "template-2021") return [];
  const base = { report_id: ref.id, rule: "stock_flow_2021" };
  if (!prev || prev.record.template !== "template-2021") {
    return [{ ...base, status: "skip", expected: null, actual: null, cells: null, message: `${year - 1} 年度没有使用2021年模板的报告，无法核对现行有效件数` }];
  }
  const now = cellIndex(ref.record);
  const before = cellIndex(prev.record);
  const warns: CorpusCheckRow[] = [];
  let compared = 0;
  for (const row of T2_STOCK_ROWS) {
    const inForce = now.get(`t2.${row.id}.in_force`) ?? null;
    const issued = now.get(`t2.${row.id}.issued`) ?? null;
    const repealed = now.get(`t2.${row.id}.repealed`) ?? null;
    const prevInForce = before.get(`t2.${row.id}.in_force`) ?? null;
    if (inForce === null || issued === null || repealed === null || prevInForce === null) continue;
    compared++;
    const expected = prevInForce + issued - repealed;
    if (expected !== inForce) {
      warns.push({
        ...base, status: "warn", expected, actual: inForce,
        cells: `t2.${row.id}.in_force t2.${row.id}.issued t2.${row.id}.repealed ${prev.id}:t2.${row.id}.in_force`,
        message: `表二“${row.label}”现行有效 ${inForce}，按上年现行有效 ${prevInForce} + 本年制发 ${issued} − 本年废止 ${repealed} 应为 ${expected}（软规则：文件也可能失效或修订，请核实）`,
      });
    }
  }
  if (warns.length) return warns;
  if (compared === 0) return [{ ...base, status: "skip", expected: null, actual: null, cells: null, message: "表二第二十条第（一）项数值不全，无法核对现行有效件数" }];
  return [{ ...base, status: "pass", expected: null, actual: null, cells: null, message: `现行有效件数与上年存量及本年增减一致（${compared} 行）` }];
}
