// Rules over the numbers written in prose (loaders/narrative). Stable ids:
// - total_vs_categories: the stated 主动公开 total equals the sum of its categories as written
//   (a total written as 100余条 is a lower bound; categories written as 约数 give a lower bound).
//   Both numbers are kept in the record; this rule only flags the disagreement. Channel parts
//   (发布渠道) are among the categories only where they made the parts add up to the total.
// - narrative_vs_table: totals quoted in the prose (一、总体情况 of a template report, or the text of
//   a report with a 附表) equal the table's value (a prose 50余条 only needs the table to reach 50).
// - approx_values: the report gives approximate figures (余/多/约/近/左右) instead of exact counts.
// A rule with nothing to compare is a skip (or absent when the report states nothing it covers).
import type { Check, ReportRecord } from "../types.ts";
import type { NarrativeResult, Quote } from "../narrative/index.ts";
import { CHANNEL_CATEGORY } from "../categories.ts";

const FIELD_LABEL: Record<string, string> = {
  active_total: "主动公开总数",
  requests_new_total: "本年收到申请数",
  requests_carried_total: "上年结转申请数",
  requests_handled_total: "办结申请数",
  requests_forward_total: "结转下年度申请数",
  review_total: "行政复议数",
  litigation_total: "行政诉讼数",
  fees: "收费金额",
};

const FIELD_CELLS: Record<string, string[]> = {
  requests_new_total: ["t3.new.total"],
  requests_carried_total: ["t3.carried.total"],
  requests_handled_total: ["t3.total.total"],
  requests_forward_total: ["t3.carry_forward.total"],
  review_total: ["t4.review.total"],
  litigation_total: ["t4.lit_direct.total", "t4.lit_after_review.total"],
};

export function narrativeChecks(record: ReportRecord, n: NarrativeResult): Check[] {
  const out: Check[] = [];
  const tvc = totalVsCategories(n);
  if (tvc) out.push(tvc);
  out.push(...narrativeVsTable(record, n.quotes));
  const approx = approxValues(n);
  if (approx) out.push(approx);
  return out;
}

function totalVsCategories(n: NarrativeResult): Check | null {
  const rule = "total_vs_categories";
  if (n.active_categories.length === 0) return null;
  // The categories are compared with the total the prose states next to them (not a 附表's figure).
  const total = n.stated_total;
  if (total === null) return { rule, status: "skip", message: "主动公开有分类数但没有写明总数，无法核对" };
  const sum = n.active_categories.reduce((s, c) => s + c.count, 0);
  const totalApprox = Boolean(n.stated_total_approx);
  const catsApprox = n.active_categories.some((c) => c.approx);
  // "主动公开182条，其中规范性文件5件": one item singled out is not a breakdown.
  if (n.active_categories.length === 1 && sum < total) {
    return { rule, status: "skip", expected: total, actual: sum, message: `只列出一个分类（${n.active_categories[0].label}${sum}），不是完整的分类，不核对` };
  }
  if (totalApprox && catsApprox) return { rule, status: "skip", message: "主动公开总数和分类数都是约数，无法核对" };
  const ok = totalApprox ? sum >= total : catsApprox ? sum <= total : sum === total;
  const stated = `${total}${totalApprox ? "（约数，下限）" : ""}`;
  const byChannel = n.active_categories.some((c) => c.category === CHANNEL_CATEGORY) ? "（含按发布渠道分列的部分）" : "";
  if (ok) return { rule, status: "pass", expected: total, actual: sum, message: `主动公开总数 ${stated} 与各分类之和 ${sum}${byChannel} 相符` };
  return {
    rule, status: "fail", expected: total, actual: sum,
    message: `主动公开总数 ${stated} 与各分类之和 ${sum} 不符（${n.active_categories.map((c) => `${c.label}${c.count}`).join("、")}）；两者均照原文保留`,
  };
}

function narrativeVsTable(record: ReportRecord, quotes: Quote[]): Check[] {
  const rule = "narrative_vs_table";
  if (quotes.length === 0) return [];
  const fails: Check[] = [];
  const notes: string[] = [];
  let compared = 0;
  for (const q of quotes) {
    const table = q.against === "appendix" ? q.table_value : (record[q.field as keyof ReportRecord] as number | null);
    if (table === null || table === undefined) continue;
    compared++;
    // "全年共受理政府信息公开申请749件" where table 三 has 713 new and 36 carried over: the prose counts
    // every application handled this year, the carried-over ones too.
    const withCarried = q.field === "requests_new_total" && q.against !== "appendix" && record.requests_carried_total ? table + record.requests_carried_total : null;
    if (!q.approx && q.value !== table && q.value === withCarried) {
      notes.push(`正文的收到申请数 ${q.value} = 本年新收 ${table} + 上年结转 ${record.requests_carried_total}（正文把上年结转的申请计入）`);
      continue;
    }
    if (q.approx ? table < q.value : table !== q.value) {
      fails.push({
        rule, status: "fail", expected: table, actual: q.value,
        cells: q.against === "appendix" ? [`appendix.${q.field}`] : FIELD_CELLS[q.field] ?? [],
        message: `正文写${FIELD_LABEL[q.field]} ${q.value}${q.approx ? "余（下限）" : ""}（第${q.evidence.line}行“${q.evidence.snippet.slice(0, 30)}”），${q.against === "appendix" ? "附表" : "表格"}为 ${table}`,
      });
    }
  }
  if (fails.length) return fails;
  if (compared === 0) return [{ rule, status: "skip", message: "正文提到的数在表格中为空或缺失，无法核对" }];
  return [{ rule, status: "pass", message: `正文引用的 ${compared} 个数与表格一致${notes.length ? `；${notes.join("；")}` : ""}` }];
}

function approxValues(n: NarrativeResult): Check | null {
  const rule = "approx_values";
  const approx: string[] = [];
  if (n.stated_total_approx) approx.push(`主动公开总数 ${n.stated_total}（约数）`);
  for (const c of n.active_categories) if (c.approx) approx.push(`${c.label} ${c.count}（约数）`);
  if (approx.length) return { rule, status: "fail", message: `报告用约数代替确切数：${approx.join("、")}；按下限记录并标记` };
  if (n.stated_total === null && n.active_categories.length === 0) return null;
  return { rule, status: "pass", message: "主动公开数均为确切数" };
}
