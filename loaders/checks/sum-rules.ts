// The 勾稽 rules of the template tables as data (report-formats.md §5): for every column (or row),
// the sum of the left cells equals the sum of the right cells.
import { table3ApplicantColumns, table3OrgColumns } from "../templates/table3.ts";
import type { TableId } from "../types.ts";

export interface SumRule {
  id: string;
  table: TableId;
  /** Human description (Chinese), used in messages. */
  label: string;
  /** "col": the rule holds in each column, left/right are row ids; "row": in each row, left/right are column ids. */
  each: "col" | "row";
  left: string[];
  right: string[];
}

const OUTCOME_ROWS = [
  "granted", "partial",
  "refused_secret", "refused_law", "refused_safety", "refused_third_party", "refused_internal", "refused_process",
  "refused_enforcement", "refused_query",
  "unable_no_info", "unable_needs_creation", "unable_unclear",
  "declined_complaint", "declined_repeat", "declined_publication", "declined_mass", "declined_confirm",
  "other", "other_no_correction", "other_no_fee", "other_other",
];

export const SUM_RULES: SumRule[] = [
  {
    id: "t3_balance", table: "t3", each: "col", label: "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理",
    left: ["new", "carried"], right: ["total", "carry_forward"],
  },
  { id: "t3_outcome_sum", table: "t3", each: "col", label: "（七）总计 = 各项办理结果之和", left: ["total"], right: OUTCOME_ROWS },
  { id: "t3_applicant_sum", table: "t3", each: "row", label: "总计 = 各类申请人之和", left: ["total"], right: table3ApplicantColumns },
  { id: "t3_subtotal", table: "t3", each: "row", label: "小计 = 法人或其他组织各列之和", left: ["org_subtotal"], right: table3OrgColumns },
  { id: "t4_sum", table: "t4", each: "row", label: "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", left: ["total"], right: ["upheld", "corrected", "other", "pending"] },
];
