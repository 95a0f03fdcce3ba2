// The category taxonomy for proactive disclosure (主动公开) breakdowns written in prose.
// Reports name their categories freely; each label is mapped onto one of these, the label kept
// as written (ActiveCategory.label). Documented in README ("主动公开分类 / category taxonomy").
//
// The taxonomy follows what township reports actually list: the 2008 条例 art. 10 content list
// (机构职能, 规范性文件, 规划计划, 财政预决算, 人事 …) as townships shorten it, plus the two
// groups every report has (工作动态, 其他) and the 重点领域 of the 2013-on 政务公开 key-area lists.
//
// | category | labels seen (examples)                                                          |
// |----------|----------------------------------------------------------------------------------|
// | 机构职能 | 机构职能, 组织机构, 机构设置, 概况信息, 领导信息, 权责清单, 职责                     |
// | 政策文件 | 政策法规, 法规文件, 规范性文件, 政策文件, 文件, 公文, 通知公告, 政策解读,           |
// |          | 重大行政决策, 法治政府, 普法                                                      |
// | 规划计划 | 规划计划, 发展规划, 计划总结, 规划工作, 工作方案, 信息公开年报, 年度信息公开报告     |
// | 工作动态 | 工作动态, 业务工作, 业务类, 工作信息, 政务动态, 新闻, 要闻                           |
// | 人事信息 | 人事信息, 人事任免, 招聘录用                                                         |
// | 财政资金 | 财政预决算, 财政信息, 财务公开, 三公经费, 项目资金, 政府采购, 债权债务筹资筹劳,     |
// |          | 集体企业承包租赁                                                                  |
// | 重点领域 | 扶贫信息, 民生信息, 社会救助, 征地拆迁, 安全生产, 环境保护, 乡村振兴, 应急管理,       |
// |          | 建议提案办理, 抢险救灾优抚救济, 计划生育 …                                        |
// | 公共服务 | 公共服务, 办事指南, 便民服务, 行政执法, 行政许可                                     |
// | 其他     | 其他, 其他信息, 其它                                                                 |
//
// Channels (门户网站, 政务微信, 公开栏 …) are not topics. A split by channel is kept apart
// (loaders/narrative/labels.ts), except where it is the stated total's own breakdown: when a
// report states a total and its parts, channel parts included, add up to it exactly
// ("主动公开信息90条，其中依托门户网站公开12条，借助政务微信推送78条"), the channel parts are recorded
// among the categories under CHANNEL_CATEGORY, outside the topic taxonomy, so that topic charts
// leave them out. Channel figures that do not add up to a stated total are never recorded nor summed.

export const CATEGORIES = [
  "机构职能", // 机构职能, 组织机构, 机构设置, 概况信息, 领导信息
  "政策文件", // 政策法规, 法规文件, 规范性文件, 政策文件, 文件
  "规划计划", // 规划计划, 发展规划, 计划总结, 规划工作
  "工作动态", // 工作动态, 业务工作, 工作信息, 政务动态
  "人事信息", // 人事信息, 人事任免
  "财政资金", // 财政预决算, 财政信息, 财务公开, 三公经费, 项目资金
  "重点领域", // 扶贫, 民生, 社会救助, 征地拆迁, 安全生产, 环境保护 …
  "公共服务", // 公共服务, 办事指南, 便民服务, 行政执法
  "其他", // 其他, 其他信息, 其它
] as const;

export type Category = (typeof CATEGORIES)[number];

/** The category of a breakdown entry that is a channel ("依托门户网站公开12条"), not a topic. */
export const CHANNEL_CATEGORY = "发布渠道";

/** Keyword rules, first match wins (其他 first: "其他工作信息" is 其他; 重点领域 before 财政资金: "扶贫资金"). */
const RULES: [Category, RegExp][] = [
  ["其他", /^(?:其他|其它)/],
  ["机构职能", /机构|职能|职责|领导|概况|组织|简介|权责清单|权力清单|责任清单/],
  ["人事信息", /人事|任免|招聘|录用|招考|干部|公务员|人员/],
  ["重点领域", /重点领域|扶贫|脱贫|民生|救助|低保|征地|拆迁|抢险|救灾|救济|优抚|捐助|计划生育|计生|安全生产|环境|环保|生态|医疗|卫生|教育|就业|住房|危房|食品|药品|养老|社会保障|社保|应急|防汛|疫情|乡村振兴|惠农|补贴|公共资源|土地|农村|三农|涉农|建议|提案/],
  ["财政资金", /财政|预算|决算|三公|经费|资金|财务|收支|采购|审计|债权|债务|筹资|筹劳|集体企业|集体资产|承包|租赁|拍卖/],
  ["政策文件", /政策|法规|规章|文件|公文|规范性|通知|公告|决定|决策|意见|办法|解读|制度|法治|普法/],
  ["规划计划", /规划|计划|总结|方案|目标|年报|年度报告|公开报告/],
  ["公共服务", /服务|办事|指南|便民|执法|许可|审批|处罚|权力运行|公示/],
  ["工作动态", /动态|工作|业务|新闻|要闻|政务|会议|活动|通报|简报|资讯/],
];

/** The taxonomy category of a label as written ("工作动态类" → 工作动态), or null when none fits. */
export function categoryOf(label: string): Category | null {
  for (const [category, re] of RULES) if (re.test(label)) return category;
  return null;
}
