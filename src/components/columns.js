// The columns of the corpus tables in words: Chinese label, unit, kind of value and, for coded
// columns, the label of each code (模板 template-2021 → 2021年模板, 状态 ok → 完整). One definition,
// used by the exports (headers, values, the 字段说明 sheet) and the tables that show these columns.
import {REPORT_METRICS} from "./metrics.js";
import {CHECK_STATUS_LABELS, STATUS_LABELS} from "./rules.js";
import {TABLE_TYPES} from "./corpus.js";
import {TEMPLATES} from "./templates.js";
import {DECISION_LABELS} from "./review-model.js";

export const TEMPLATE_LABELS = Object.fromEntries(TEMPLATES.map((t) => [t.key, t.label]));
export const TABLE_LABELS = {t2: "表二", t3: "表三", t4: "表四"};
export const SIMILAR_KIND_LABELS = {same_township_other_year: "与本乡镇往年", other_township: "与其他乡镇", same_township_same_year: "同乡镇同年"};
export const COPY_DIRECTION_LABELS = {a_from_b: "前者抄后者", b_from_a: "后者抄前者", unknown: "无法判断"};
export const COVERAGE_STATUS_LABELS = {present: "有报告", missing: "缺失", duplicated: "重复"};
export const LISTED_IN_LABELS = {gazetteer: "行政区划名录", places: "地名文件", reports: "仅见于报告"};
export const QUALITY_LEVEL_LABELS = {report: "报告", township_year: "乡镇年度"};

const PLACE = {
  province: {label: "省"},
  city: {label: "市"},
  county: {label: "县区"},
  township: {label: "乡镇"},
  code: {label: "区划代码", description: "9 位统计用区划代码（或地名文件给出的代码）"}
};
const REPORT_ID = {label: "报告编号", description: "报告的编号，报告详情页网址 report?id= 后的部分"};
const YEAR = {label: "年份", kind: "year", description: "报告所属年度"};

const metricColumns = Object.fromEntries(REPORT_METRICS.map((m) => [m.column, {label: m.label, unit: m.unit}]));

/** table → column → {label, unit?, kind?, values?, description?}; kinds not given come from TABLE_TYPES. */
export const COLUMNS = {
  reports: {
    report_id: REPORT_ID,
    file: {label: "文件", description: "输入文件的路径"},
    status: {label: "解析状态", values: STATUS_LABELS},
    error: {label: "无法读取的原因"},
    ...PLACE,
    year: YEAR,
    published_on: {label: "发布日期", kind: "date", description: "网页的发布日期，否则为落款日期"},
    template: {label: "模板", values: TEMPLATE_LABELS},
    ...metricColumns,
    active_total_approx: {label: "主动公开数为约数", description: "原文写作“余、多、约”"},
    n_cells: {label: "表格单元格数", unit: "格"},
    warnings: {label: "解析提示"},
    content_hash: {label: "内容指纹", description: "文件内容 SHA-256 的前 16 位：核查记录.csv 与更正记录.csv 按它认报告"},
    ocr: {label: "文字经 OCR 识别", description: "扫描件或图片：文字（全部或部分页）由 OCR 识别，表格数字经勾稽关系核对"}
  },
  cells: {
    report_id: REPORT_ID,
    table: {label: "表", values: TABLE_LABELS},
    row: {label: "行编号", description: "官方模板的行编号（loaders/templates）"},
    col: {label: "列编号", description: "官方模板的列编号"},
    row_label: {label: "行名称"},
    col_label: {label: "列名称"},
    value: {label: "数值", description: "空白、“/”“—”“无”等非数字内容为空（不等于 0）"},
    raw: {label: "原文", description: "报告中印出的内容"},
    unit: {label: "单位"},
    source: {label: "来源位置", description: "数值在报告中的位置（见 README “输出表”）"}
  },
  checks: {
    report_id: REPORT_ID,
    rule: {label: "核对规则", description: "规则编号，见 README “核对规则”"},
    status: {label: "核对结果", values: CHECK_STATUS_LABELS},
    expected: {label: "期望值"},
    actual: {label: "实际值"},
    cells: {label: "涉及单元格"},
    message: {label: "说明"}
  },
  evidence: {
    report_id: REPORT_ID,
    field: {label: "字段"},
    value: {label: "数值"},
    line: {label: "所在行", description: "规范化正文的行号"},
    start: {label: "起始字"},
    end: {label: "结束字"},
    snippet: {label: "原句"}
  },
  categories: {
    report_id: REPORT_ID,
    label: {label: "原文分类名称"},
    category: {label: "归入的分类"},
    count: {label: "条数", unit: "条"},
    approx: {label: "约数"}
  },
  similar_reports: {
    report_a: {label: "报告甲编号"},
    report_b: {label: "报告乙编号"},
    similarity: {label: "相似度", description: "措辞相似度（Jaccard，0–1）"},
    shared_chars: {label: "共有文字数", unit: "字"},
    sample: {label: "最长的共有段落"},
    kind: {label: "类型", values: SIMILAR_KIND_LABELS},
    containment: {label: "包含度"},
    figures_compared: {label: "比较的数字数"},
    figures_same: {label: "相同的数字数"},
    copy: {label: "判为抄袭"},
    direction: {label: "复制方向", values: COPY_DIRECTION_LABELS},
    evidence: {label: "判断依据"},
    file_a: {label: "报告甲文件"},
    file_b: {label: "报告乙文件"},
    township_a: {label: "报告甲乡镇"},
    county_a: {label: "报告甲县区"},
    year_a: {label: "报告甲年份", kind: "year"},
    township_b: {label: "报告乙乡镇"},
    county_b: {label: "报告乙县区"},
    year_b: {label: "报告乙年份", kind: "year"}
  },
  coverage: {
    ...PLACE,
    year: YEAR,
    status: {label: "覆盖情况", values: COVERAGE_STATUS_LABELS},
    n_reports: {label: "报告数", unit: "份"},
    report_ids: {label: "报告编号"},
    listed_in: {label: "名录来源", values: LISTED_IN_LABELS}
  },
  findings: {
    finding_id: {label: "核查编号", description: "内容指纹:规则:单元格，或 missing:县区|乡镇|年度（缺失的年报）"},
    report_id: REPORT_ID,
    rule: {label: "核对规则"},
    status: {label: "核对结果", values: CHECK_STATUS_LABELS},
    message: {label: "说明"},
    county: PLACE.county,
    township: PLACE.township,
    year: YEAR,
    decision: {label: "核查结论", values: DECISION_LABELS},
    decision_note: {label: "原因或说明"},
    decided_by: {label: "核查人"},
    decided_on: {label: "核查日期", kind: "date"},
    review_state: {label: "核查状态", values: {decided: "已核查", stale: "报告已更新，需重新核查", pending: "未保存"}}
  },
  quality: {
    level: {label: "评分对象", values: QUALITY_LEVEL_LABELS},
    unit_id: {label: "评分对象编号"},
    report_id: REPORT_ID,
    county: PLACE.county,
    township: PLACE.township,
    year: YEAR,
    score: {label: "质量分", unit: "分"},
    rule: {label: "扣分规则"},
    status: {label: "规则结果", values: CHECK_STATUS_LABELS},
    weight: {label: "权重"},
    points: {label: "扣分", unit: "分"},
    message: {label: "说明"}
  }
};

/** DuckDB type → kind of value in the exports. */
function kindOfType(type) {
  if (["INTEGER", "BIGINT", "DOUBLE"].includes(type)) return "number";
  if (type === "BOOLEAN") return "boolean";
  return "text";
}

/**
 * The description of a column named `name`: from the given tables first (in order), then from any
 * corpus table; an unknown name (e.g. an alias in hand-written SQL) is its own label.
 * @returns {{key: string, name: string, label: string, unit?: string, kind: string, values?: object, description?: string}}
 */
export function describeColumn(name, tables = []) {
  const order = [...tables, ...Object.keys(COLUMNS).filter((t) => !tables.includes(t))];
  for (const table of order) {
    const info = COLUMNS[table]?.[name];
    if (!info) continue;
    const kind = info.kind ?? kindOfType(TABLE_TYPES[table]?.[name]);
    return {key: name, name, ...info, kind};
  }
  return {key: name, name: null, label: name, kind: "auto"};
}

/** Header text: the label with its unit, "主动公开信息数（条）". */
export function headerOf(column) {
  return column.unit ? `${column.label}（${column.unit}）` : column.label;
}
