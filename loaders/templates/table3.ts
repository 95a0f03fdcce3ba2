// Table 三 (收到和处理政府信息公开申请情况): rows and columns shared by the 2019 and 2021 templates.
import type { ColumnDef, RowDef } from "./schema.ts";

export const table3Columns: ColumnDef[] = [
  { id: "natural", label: "自然人", kind: "count" },
  { id: "commercial", label: "商业企业", kind: "count" },
  { id: "research", label: "科研机构", kind: "count" },
  { id: "public_interest", label: "社会公益组织", kind: "count" },
  { id: "legal_service", label: "法律服务机构", kind: "count" },
  { id: "other_org", label: "其他", kind: "count" },
  { id: "org_subtotal", label: "小计", kind: "count", optional: true },
  { id: "total", label: "总计", kind: "count" },
];

/** The five 法人或其他组织 columns (小计 sums these). */
export const table3OrgColumns = ["commercial", "research", "public_interest", "legal_service", "other_org"];
/** The applicant columns whose sum is 总计. */
export const table3ApplicantColumns = ["natural", ...table3OrgColumns];

export const table3RowsBeforeOther: RowDef[] = [
  { id: "new", ordinal: "一、", label: "本年新收政府信息公开申请数量" },
  { id: "carried", ordinal: "二、", label: "上年结转政府信息公开申请数量", aliases: ["上年转结政府信息公开申请数量"] },
  { id: "results", ordinal: "三、", label: "本年度办理结果", heading: true },
  { id: "granted", ordinal: "（一）", label: "予以公开", parent: "results" },
  {
    id: "partial", ordinal: "（二）", label: "部分公开（区分处理的，只计这一情形，不计其他情形）", parent: "results",
    aliases: ["部分公开"],
  },
  { id: "refused", ordinal: "（三）", label: "不予公开", parent: "results", heading: true },
  { id: "refused_secret", ordinal: "1.", label: "属于国家秘密", parent: "refused" },
  { id: "refused_law", ordinal: "2.", label: "其他法律行政法规禁止公开", parent: "refused" },
  { id: "refused_safety", ordinal: "3.", label: "危及“三安全一稳定”", parent: "refused", aliases: ["危及三安全一稳定"] },
  { id: "refused_third_party", ordinal: "4.", label: "保护第三方合法权益", parent: "refused" },
  { id: "refused_internal", ordinal: "5.", label: "属于三类内部事务信息", parent: "refused" },
  { id: "refused_process", ordinal: "6.", label: "属于四类过程性信息", parent: "refused" },
  { id: "refused_enforcement", ordinal: "7.", label: "属于行政执法案卷", parent: "refused" },
  { id: "refused_query", ordinal: "8.", label: "属于行政查询事项", parent: "refused" },
  { id: "unable", ordinal: "（四）", label: "无法提供", parent: "results", heading: true },
  { id: "unable_no_info", ordinal: "1.", label: "本机关不掌握相关政府信息", parent: "unable" },
  { id: "unable_needs_creation", ordinal: "2.", label: "没有现成信息需要另行制作", parent: "unable" },
  { id: "unable_unclear", ordinal: "3.", label: "补正后申请内容仍不明确", parent: "unable" },
  { id: "declined", ordinal: "（五）", label: "不予处理", parent: "results", heading: true },
  { id: "declined_complaint", ordinal: "1.", label: "信访举报投诉类申请", parent: "declined" },
  { id: "declined_repeat", ordinal: "2.", label: "重复申请", parent: "declined" },
  { id: "declined_publication", ordinal: "3.", label: "要求提供公开出版物", parent: "declined" },
  { id: "declined_mass", ordinal: "4.", label: "无正当理由大量反复申请", parent: "declined" },
  {
    id: "declined_confirm", ordinal: "5.", label: "要求行政机关确认或重新出具已获取信息", parent: "declined",
    aliases: ["要求行政机关确认或重新出具已获取信息的"],
  },
];

/** The 2019 template's single （六） row; 2021 copies that merge the three sub-rows print it too. */
export const table3OtherSingle: RowDef = { id: "other", ordinal: "（六）", label: "其他处理", parent: "results" };

/** The 2021 template's three （六） sub-rows. */
export const table3Other2021: RowDef[] = [
  { id: "other", ordinal: "（六）", label: "其他处理", parent: "results", heading: true },
  {
    id: "other_no_correction", ordinal: "1.", parent: "other",
    label: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  },
  {
    id: "other_no_fee", ordinal: "2.", parent: "other",
    label: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  },
  { id: "other_other", ordinal: "3.", label: "其他", parent: "other" },
];

export const table3RowsAfterOther: RowDef[] = [
  { id: "total", ordinal: "（七）", label: "总计", parent: "results" },
  { id: "carry_forward", ordinal: "四、", label: "结转下年度继续办理" },
];
