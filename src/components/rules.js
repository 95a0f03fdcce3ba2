// The consistency rules of checks.csv in Chinese (README "核对规则"), for the 数据质量 and 报告详情 pages.
export const RULES = {
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
  t4_present: {label: "表四缺失", description: "有章节标题但表四为空或缺失（可能是图片）"}
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

export const CHECK_STATUS_LABELS = {pass: "通过", fail: "未通过", skip: "跳过"};

/** Where a cell value came from, in words: "text:L12:C30-32" → "正文第12行第30–32字". */
export function describeSource(source) {
  if (!source) return "";
  const parts = String(source).split(":");
  const words = [];
  if (parts[0] === "text") {
    for (const p of parts.slice(1)) {
      let m;
      if ((m = /^L(\d+)$/.exec(p))) words.push(`正文第${m[1]}行`);
      else if ((m = /^cell(\d+)$/.exec(p))) words.push(`第${m[1]}格`);
      else if ((m = /^C(\d+)-(\d+)$/.exec(p))) words.push(m[1] === m[2] ? `第${m[1]}字` : `第${m[1]}–${m[2]}字`);
      else if ((m = /^digit(\d+)$/.exec(p))) words.push(`连写数字中的第${m[1]}位`);
      else if (p === "unaligned") words.push("（该行无法对齐，留空）");
      else words.push(p);
    }
  } else if (parts[0] === "html") {
    for (const p of parts.slice(1)) {
      let m;
      if ((m = /^t(\d+)$/.exec(p))) words.push(`网页第${m[1]}个表格`);
      else if ((m = /^r(\d+)$/.exec(p))) words.push(`第${m[1]}行`);
      else if ((m = /^c(\d+)$/.exec(p))) words.push(`第${m[1]}格`);
      else if ((m = /^digit(\d+)$/.exec(p))) words.push(`连写数字中的第${m[1]}位`);
      else if (p === "unaligned") words.push("（该行无法对齐，留空）");
      else words.push(p);
    }
  } else {
    return String(source);
  }
  return words.join("");
}
