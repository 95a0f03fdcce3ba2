// The category taxonomy for proactive disclosure (主动公开) breakdowns written in prose.
// Reports name their categories freely; each label is mapped onto one of these, the label kept.
// Documented in README ("主动公开分类 / category taxonomy").

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
