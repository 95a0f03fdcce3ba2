// The consistency rules of checks.csv in Chinese (README "核对规则"), for the 数据质量 and 报告详情 pages.
export const RULES = {
  // per report (loaders/checks)
  t3_balance: {label: "表三收支平衡", description: "表三每列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理"},
  t3_outcome_sum: {label: "表三办理结果合计", description: "表三每列：（七）总计 = 各项办理结果之和"},
  t3_applicant_sum: {label: "表三申请人合计", description: "表三每行：总计 = 六类申请人之和"},
  t3_subtotal: {label: "表三小计", description: "表三每行：小计 = 法人或其他组织五列之和（有小计列时）"},
  t4_sum: {label: "表四合计", description: "表四每块：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"},
  counts_non_negative_integer: {label: "计数为非负整数", description: "计数为非负整数（2019 本年增/减可为负，2021 收费金额可为小数）"},
  t2_rules_township: {label: "乡镇不应有规章", description: "乡镇不应填报规章 > 0"},
  template_current: {label: "使用现行模板", description: "2021 年度及以后的报告不应仍用 2019 模板"},
  t2_present: {label: "表二缺失", description: "有章节标题但表二为空或缺失（可能是图片）"},
  t3_present: {label: "表三缺失", description: "有章节标题但表三为空或缺失（可能是图片）"},
  t4_present: {label: "表四缺失", description: "有章节标题但表四为空或缺失（可能是图片）"},
  split_by_arithmetic: {label: "粘连数字按勾稽拆分", description: "表中数字粘连在一起，只有一种拆分满足表格的勾稽关系，按它读取（这些行的加总核对不是独立证据）"},
  // narrative (loaders/checks/narrative-checks.ts)
  total_vs_categories: {label: "总数与分类之和", description: "正文写明的主动公开总数 = 各分类数量之和"},
  narrative_vs_table: {label: "正文与表格一致", description: "正文中引用的总数（如“共收到申请16件”）= 表格中的对应数值"},
  approx_values: {label: "使用约数", description: "报告用“余、多、约”等约数代替确切数字"},
  // across reports (loaders/corpus-checks)
  report_missing: {label: "年报缺失", description: "该年度没有年报"},
  published_by_mar31: {label: "晚于3月31日发布", description: "发布晚于次年3月31日（各时期通行期限）"},
  published_by_jan31_local: {label: "晚于1月31日发布", description: "2019年起发布晚于次年1月31日（取决于地方规定，仅提示）"},
  published_after_year_end: {label: "日期早于年度结束", description: "落款/发布日期早于报告年度结束"},
  copy_other_township: {label: "与其他乡镇雷同", description: "与其他乡镇的年报内容雷同"},
  copy_previous_year: {label: "与往年雷同", description: "与本乡镇往年年报内容雷同"},
  duplicate_file: {label: "重复文件", description: "同一乡镇同一年度有多个文件"},
  carry_over: {label: "跨年结转不符", description: "上年结转 ≠ 上一年度的结转下年度继续办理"},
  stock_flow_2021: {label: "现行有效件数不连贯", description: "现行有效件数 ≠ 上年现行有效 + 本年制发 − 本年废止（软规则）"},
  extreme_jump: {label: "数值异常跳变", description: "指标较往年和县内同年异常跳变（需核实）"}
};

export function ruleLabel(rule) {
  return RULES[rule]?.label ?? rule;
}

export const STATUS_LABELS = {
  ok: "完整",
  partial: "部分",
  error: "出错",
  unsupported: "格式不支持",
  "needs-ocr": "需OCR"
};

export const CHECK_STATUS_LABELS = {pass: "通过", fail: "未通过", warn: "提示", skip: "跳过"};

/** Where a cell value came from, in words: "text:L12:C30-32" → "正文第12行第30–32字",
 * "pdf:p4:t2:r5:c3" → "PDF第4页第2个表格第5行第3格" (README "source"). */
export function describeSource(source) {
  if (!source) return "";
  // a table continued over pages: "pdf:p4:t2+p5:t1:…" (table 2 of page 4, going on as table 1 of page 5)
  const [kind, ...parts] = String(source).replace(/:t(\d+)\+p(\d+):t(\d+)/, ":t$1+p$2t$3").split(":");
  const where = {text: "正文", html: "网页", docx: "Word 文件", pdf: "PDF"}[kind];
  if (!where) return String(source);
  const words = [where];
  for (const p of parts) {
    let m;
    if ((m = /^p(\d+)$/.exec(p))) words.push(`第${m[1]}页`);
    else if ((m = /^t(\d+)\+p(\d+)t(\d+)$/.exec(p))) words.push(`第${m[1]}个表格（续至第${m[2]}页第${m[3]}个表格）`);
    else if ((m = /^t(\d+)$/.exec(p))) words.push(`第${m[1]}个表格`);
    else if ((m = /^L(\d+)$/.exec(p))) words.push(`${kind === "pdf" ? "正文" : ""}第${m[1]}行`);
    else if ((m = /^L(\d+)-L(\d+)$/.exec(p))) words.push(`${kind === "pdf" ? "正文" : ""}第${m[1]}–${m[2]}行`);
    else if ((m = /^r(\d+)$/.exec(p))) words.push(`第${m[1]}行`);
    else if ((m = /^(?:c|cell)(\d+)$/.exec(p))) words.push(`第${m[1]}格`);
    else if ((m = /^C(\d+)-(\d+)$/.exec(p))) words.push(m[1] === m[2] ? `第${m[1]}字` : `第${m[1]}–${m[2]}字`);
    else if ((m = /^x(\d+)$/.exec(p))) words.push(`第${m[1]}列位置`);
    else if ((m = /^part(\d+)$/.exec(p))) words.push(`其中第${m[1]}段数字`);
    else if ((m = /^digit(\d+)$/.exec(p))) words.push(`连写数字中的第${m[1]}位`);
    else if ((m = /^split(\d+)$/.exec(p))) words.push(`连写数字按勾稽关系拆出的第${m[1]}个数`);
    else if (p === "blank") words.push("（空白单元格）");
    else if (p === "unaligned") words.push("（该行无法对齐，留空）");
    else words.push(p);
  }
  return words.join("");
}

/** Rules whose expected/actual are days after the end of the report's year (loaders/corpus-checks/timeliness.ts). */
const DATE_RULES = new Set(["published_by_mar31", "published_by_jan31_local", "published_after_year_end"]);

/** A check's expected or actual value as people read it: a date for the date rules (checks.csv keeps
 * the day count, so that it sorts), the number otherwise. */
export function checkValue(rule, value, year) {
  if (value === null || value === undefined || value === "") return null;
  if (!DATE_RULES.has(rule) || !Number.isFinite(Number(year))) return value;
  const d = new Date(Date.UTC(Number(year), 11, 31) + Number(value) * 86_400_000);
  return d.toISOString().slice(0, 10);
}
