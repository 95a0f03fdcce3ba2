// The proactive-disclosure (主动公开) category taxonomy, for the 公开内容 page: evidence.csv has each
// category as written in the report (field "active_categories.<label>"); this maps the label onto
// the taxonomy. A copy of loaders/categories.ts (pages cannot import from outside src/);
// tests/pages-table-schema.test.ts checks that both give the same category for every label.

export const CATEGORIES = [
  {id: "机构职能", color: "#0072b2"},
  {id: "政策文件", color: "#56b4e9"},
  {id: "规划计划", color: "#009e73"},
  {id: "工作动态", color: "#e69f00"},
  {id: "人事信息", color: "#cc79a7"},
  {id: "财政资金", color: "#d55e00"},
  {id: "重点领域", color: "#000000"},
  {id: "公共服务", color: "#8fb3d9"},
  {id: "其他", color: "#999999"}
].map((c) => ({...c, label: c.id}));

/** Keyword rules, first match wins (其他 first: "其他工作信息" is 其他; 重点领域 before 财政资金: "扶贫资金"). */
const RULES = [
  ["其他", /^(?:其他|其它)/],
  ["机构职能", /机构|职能|职责|领导|概况|组织|简介|权责清单|权力清单|责任清单/],
  ["人事信息", /人事|任免|招聘|录用|招考|干部|公务员|人员/],
  ["重点领域", /重点领域|扶贫|脱贫|民生|救助|低保|征地|拆迁|安全生产|环境|环保|生态|医疗|卫生|教育|就业|住房|危房|食品|药品|养老|社会保障|社保|应急|防汛|疫情|乡村振兴|惠农|补贴|公共资源|土地|农村|三农|涉农/],
  ["财政资金", /财政|预算|决算|三公|经费|资金|财务|收支|采购|审计/],
  ["政策文件", /政策|法规|规章|文件|规范性|通知|公告|决定|意见|办法|解读|制度/],
  ["规划计划", /规划|计划|总结|方案|目标/],
  ["公共服务", /服务|办事|指南|便民|执法|许可|审批|处罚|权力运行|公示/],
  ["工作动态", /动态|工作|新闻|要闻|政务|会议|活动|通报|简报|资讯/]
];

/** The taxonomy category of a label as written ("工作动态类" → 工作动态), or null when none fits. */
export function categoryOf(label) {
  for (const [category, re] of RULES) if (re.test(label)) return category;
  return null;
}

/** evidence.csv field prefix of the category counts. */
export const CATEGORY_FIELD = "active_categories.";
