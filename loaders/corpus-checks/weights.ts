// THE one place where the quality score's weights live (quality.ts reads nothing else).
//
// Score of a report = 100 − Σ points, floored at 0. A rule whose row is `fail` or `warn` in
// checks.csv (per-report rules and corpus rules alike) deducts its weight ONCE per report, however
// many rows (columns, cells, pairs) failed: one wrong cell often breaks several rows of one rule.
// `pass` and `skip` deduct nothing. A township-year scores as its representative report (the one
// the cross-year rules use); a township-year with no report scores 0 through `report_missing`.
// Every deduction is a row of quality.csv naming the rule, its status, weight and message, so
// the dashboard can show exactly where each point went. Weight 0 = shown, not deducted.
//
// To change the scoring, edit the numbers below (and nothing else). A rule id not listed here
// deducts DEFAULT_WEIGHT (so new per-report rules count until someone weighs them).

export interface RuleWeight {
  weight: number;
  /** What the rule means, for the dashboard's breakdown (Chinese UI). */
  label: string;
}

export const DEFAULT_WEIGHT = 5;

export const WEIGHTS: Record<string, RuleWeight> = {
  // ── coverage (township-year only) ────────────────────────────────────────────────────────
  report_missing: { weight: 100, label: "该年度没有年报" },

  // ── timeliness (timeliness.ts) ───────────────────────────────────────────────────────────
  published_by_mar31: { weight: 20, label: "发布晚于次年3月31日（各时期通行期限）" },
  published_by_jan31_local: { weight: 0, label: "2019年起发布晚于次年1月31日（取决于地方规定，仅提示）" },
  published_after_year_end: { weight: 10, label: "落款/发布日期早于报告年度结束" },

  // ── copied content (similarity/) ─────────────────────────────────────────────────────────
  copy_other_township: { weight: 30, label: "与其他乡镇的年报内容雷同" },
  copy_previous_year: { weight: 20, label: "与本乡镇往年年报内容雷同" },
  duplicate_file: { weight: 2, label: "同一乡镇同一年度有多个文件" },

  // ── cross-year (cross-year.ts, jumps.ts) ─────────────────────────────────────────────────
  carry_over: { weight: 10, label: "上年结转 ≠ 上一年度的结转下年度继续办理" },
  stock_flow_2021: { weight: 3, label: "现行有效件数 ≠ 上年现行有效 + 本年制发 − 本年废止（软规则）" },
  extreme_jump: { weight: 5, label: "指标较往年和县内同年异常跳变（需核实）" },

  // ── per-report rules (loaders/checks/run-checks.ts) ──────────────────────────────────────
  t3_balance: { weight: 10, label: "表三 本年新收 + 上年结转 = 办理总计 + 结转下年度" },
  t3_outcome_sum: { weight: 10, label: "表三 办理总计 = 各项办理结果之和" },
  t3_applicant_sum: { weight: 5, label: "表三 总计 = 六类申请人之和" },
  t3_subtotal: { weight: 3, label: "表三 小计 = 法人或其他组织五列之和" },
  t4_sum: { weight: 5, label: "表四 总计 = 维持 + 纠正 + 其他 + 尚未审结" },
  counts_non_negative_integer: { weight: 5, label: "计数为非负整数" },
  t2_rules_township: { weight: 5, label: "乡镇不应填报规章" },
  template_current: { weight: 10, label: "2021年度起仍用2019年模板" },
  t2_present: { weight: 10, label: "表二缺失或为空" },
  t3_present: { weight: 10, label: "表三缺失或为空" },
  t4_present: { weight: 10, label: "表四缺失或为空" },

  // ── prose rules (loaders/checks/narrative-checks.ts) ─────────────────────────────────────
  total_vs_categories: { weight: 5, label: "正文主动公开总数 ≠ 各分类之和" },
  narrative_vs_table: { weight: 5, label: "正文引用的数 ≠ 表格中的数" },
  approx_values: { weight: 2, label: "用约数代替确切数" },
};

export function weightOf(rule: string, weights: Record<string, RuleWeight> = WEIGHTS): number {
  return weights[rule]?.weight ?? DEFAULT_WEIGHT;
}
