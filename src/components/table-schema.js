// The official tables 二、三、四 as the browser needs them: row/column ids of cells.csv with their
// Chinese labels, in printed order. A copy of loaders/templates/ (pages cannot import from outside
// src/); tests/pages-table-schema.test.ts fails when the two drift apart.

const T2_2019 = [
  {block: "第二十条第（一）项", rows: [["rules", "规章"], ["normative", "规范性文件"]],
    cols: [["made", "本年新制作数量"], ["published", "本年新公开数量"], ["total_public", "对外公开总数量"]]},
  {block: "第二十条第（五）项", rows: [["licensing", "行政许可"], ["other_services", "其他对外管理服务事项"]],
    cols: [["prev_count", "上一年项目数量"], ["delta", "本年增/减"], ["decisions", "处理决定数量"]]},
  {block: "第二十条第（六）项", rows: [["penalty", "行政处罚"], ["coercion", "行政强制"]],
    cols: [["prev_count", "上一年项目数量"], ["delta", "本年增/减"], ["decisions", "处理决定数量"]]},
  {block: "第二十条第（八）项", rows: [["admin_fees", "行政事业性收费"]], cols: [["prev_count", "上一年项目数量"], ["delta", "本年增/减"]]},
  {block: "第二十条第（九）项", rows: [["procurement", "政府集中采购"]], cols: [["proc_count", "采购项目数量"], ["proc_amount", "采购总金额"]]}
];

const T2_2021 = [
  {block: "第二十条第（一）项", rows: [["rules", "规章"], ["normative", "行政规范性文件"]],
    cols: [["issued", "本年制发件数"], ["repealed", "本年废止件数"], ["in_force", "现行有效件数"]]},
  {block: "第二十条第（五）项", rows: [["licensing", "行政许可"]], cols: [["decisions", "本年处理决定数量"]]},
  {block: "第二十条第（六）项", rows: [["penalty", "行政处罚"], ["coercion", "行政强制"]], cols: [["decisions", "本年处理决定数量"]]},
  {block: "第二十条第（八）项", rows: [["admin_fees", "行政事业性收费"]], cols: [["fee_amount", "本年收费金额（单位：万元）"]]}
];

/** Table 二 blocks per template: {block, rows: [[id, label]], cols: [[id, label]]}. */
export const T2_BLOCKS = {"template-2019": T2_2019, "template-2021": T2_2021};

/** Table 三 columns (小计 only in some copies). */
export const T3_COLUMNS = [
  ["natural", "自然人"],
  ["commercial", "商业企业"],
  ["research", "科研机构"],
  ["public_interest", "社会公益组织"],
  ["legal_service", "法律服务机构"],
  ["other_org", "其他"],
  ["org_subtotal", "小计"],
  ["total", "总计"]
].map(([id, label]) => ({id, label}));

/** The six applicant columns (their sum is 总计). */
export const T3_APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => !["org_subtotal", "total"].includes(c.id));

/**
 * Table 三 rows in printed order. heading: no values of its own. group: the outcome group used by
 * the charts (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理). templates: where the row exists
 * ("other" is one row in 2019 and a heading with three sub-rows in 2021).
 */
export const T3_ROWS = [
  {id: "new", ordinal: "一、", label: "本年新收政府信息公开申请数量"},
  {id: "carried", ordinal: "二、", label: "上年结转政府信息公开申请数量"},
  {id: "results", ordinal: "三、", label: "本年度办理结果", heading: true},
  {id: "granted", ordinal: "（一）", label: "予以公开", group: "granted"},
  {id: "partial", ordinal: "（二）", label: "部分公开（区分处理的，只计这一情形，不计其他情形）", group: "partial"},
  {id: "refused", ordinal: "（三）", label: "不予公开", heading: true},
  {id: "refused_secret", ordinal: "1.", label: "属于国家秘密", group: "refused"},
  {id: "refused_law", ordinal: "2.", label: "其他法律行政法规禁止公开", group: "refused"},
  {id: "refused_safety", ordinal: "3.", label: "危及“三安全一稳定”", group: "refused"},
  {id: "refused_third_party", ordinal: "4.", label: "保护第三方合法权益", group: "refused"},
  {id: "refused_internal", ordinal: "5.", label: "属于三类内部事务信息", group: "refused"},
  {id: "refused_process", ordinal: "6.", label: "属于四类过程性信息", group: "refused"},
  {id: "refused_enforcement", ordinal: "7.", label: "属于行政执法案卷", group: "refused"},
  {id: "refused_query", ordinal: "8.", label: "属于行政查询事项", group: "refused"},
  {id: "unable", ordinal: "（四）", label: "无法提供", heading: true},
  {id: "unable_no_info", ordinal: "1.", label: "本机关不掌握相关政府信息", group: "unable"},
  {id: "unable_needs_creation", ordinal: "2.", label: "没有现成信息需要另行制作", group: "unable"},
  {id: "unable_unclear", ordinal: "3.", label: "补正后申请内容仍不明确", group: "unable"},
  {id: "declined", ordinal: "（五）", label: "不予处理", heading: true},
  {id: "declined_complaint", ordinal: "1.", label: "信访举报投诉类申请", group: "declined"},
  {id: "declined_repeat", ordinal: "2.", label: "重复申请", group: "declined"},
  {id: "declined_publication", ordinal: "3.", label: "要求提供公开出版物", group: "declined"},
  {id: "declined_mass", ordinal: "4.", label: "无正当理由大量反复申请", group: "declined"},
  {id: "declined_confirm", ordinal: "5.", label: "要求行政机关确认或重新出具已获取信息", short: "要求确认或重新出具已获取信息", group: "declined"},
  {id: "other", ordinal: "（六）", label: "其他处理", group: "other", templates: ["template-2019"]},
  {id: "other", ordinal: "（六）", label: "其他处理", heading: true, templates: ["template-2021"]},
  {id: "other_no_correction", ordinal: "1.", label: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", short: "逾期不补正、不再处理", group: "other", templates: ["template-2021"]},
  {id: "other_no_fee", ordinal: "2.", label: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", short: "逾期未缴费、不再处理", group: "other", templates: ["template-2021"]},
  {id: "other_other", ordinal: "3.", label: "其他", short: "其他", group: "other", templates: ["template-2021"]},
  {id: "total", ordinal: "（七）", label: "总计"},
  {id: "carry_forward", ordinal: "四、", label: "结转下年度继续办理"}
];

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
export const T4_ROWS = [
  {id: "review", label: "行政复议"},
  {id: "lit_direct", label: "行政诉讼·未经复议直接起诉"},
  {id: "lit_after_review", label: "行政诉讼·复议后起诉"}
];
export const T4_COLUMNS = [
  {id: "upheld", label: "结果维持", color: "#0072b2"},
  {id: "corrected", label: "结果纠正", color: "#d55e00"},
  {id: "other", label: "其他结果", color: "#999999"},
  {id: "pending", label: "尚未审结", color: "#e69f00"},
  {id: "total", label: "总计"}
];

/** Rows of table 三 present in a report of the given template (2008-era reports: the 2021 layout). */
export function t3RowsOf(template) {
  const key = template === "template-2019" ? "template-2019" : "template-2021";
  return T3_ROWS.filter((r) => !r.templates || r.templates.includes(key));
}

/** Short label of a table 三 row for charts: `short`, else the text before the first （. */
export function shortT3Label(row) {
  return row.short ?? row.label.replace(/（.*$/, "");
}
