// The proactive-disclosure (主动公开) categories of loaders/categories.ts with their chart colours
// (Okabe–Ito). Which category a report's own label belongs to comes from the parser, in
// categories.csv; tests/pages-table-schema.test.ts checks that the names and order agree.

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
