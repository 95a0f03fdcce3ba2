// Category labels as township reports write them, each mapped onto the project taxonomy
// (loaders/categories.ts). The generator writes the label; the truth keeps label and category.
import type { Category } from "../../loaders/categories.ts";

export interface CategoryLabel {
  label: string;
  category: Category;
}

const POOLS: Record<Category, string[]> = {
  机构职能: ["机构职能", "组织机构", "机构设置", "概况信息", "领导信息"],
  政策文件: ["政策法规", "法规文件", "规范性文件", "政策文件", "文件"],
  规划计划: ["规划计划", "发展规划", "计划总结", "规划工作"],
  工作动态: ["工作动态", "业务工作", "工作信息", "政务动态"],
  人事信息: ["人事信息", "人事任免"],
  财政资金: ["财政预决算", "财政信息", "财务公开", "三公经费", "项目资金"],
  重点领域: ["扶贫信息", "民生信息", "社会救助", "征地拆迁", "安全生产", "环境保护"],
  公共服务: ["公共服务", "办事指南", "便民服务", "行政执法"],
  其他: ["其他", "其他信息", "其它"],
};

/** Typical share of each category in a township's proactive disclosure (工作动态 dominates). */
export const CATEGORY_WEIGHTS: [Category, number][] = [
  ["工作动态", 40], ["重点领域", 14], ["财政资金", 10], ["公共服务", 9], ["政策文件", 7],
  ["其他", 7], ["规划计划", 6], ["人事信息", 4], ["机构职能", 3],
];

export function labelsFor(category: Category): string[] {
  return POOLS[category];
}

export const ALL_CATEGORY_LABELS: CategoryLabel[] = Object.entries(POOLS).flatMap(([category, labels]) =>
  labels.map((label) => ({ label, category: category as Category })));
