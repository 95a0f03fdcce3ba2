// Table 四 (政府信息公开行政复议、行政诉讼情况): identical in both templates.
import type { TableDef } from "./schema.ts";

const outcomeColumns = [
  { id: "upheld", label: "结果维持", kind: "count" as const },
  { id: "corrected", label: "结果纠正", kind: "count" as const },
  { id: "other", label: "其他结果", kind: "count" as const },
  { id: "pending", label: "尚未审结", kind: "count" as const },
  { id: "total", label: "总计", kind: "count" as const },
];

/** One printed row of 15 cells; each block is modelled as a row with the five outcome columns. */
export const table4: TableDef = {
  id: "t4",
  heading: "四、政府信息公开行政复议、行政诉讼情况",
  blocks: [
    {
      id: "t4",
      label: "政府信息公开行政复议、行政诉讼情况",
      rows: [
        { id: "review", label: "行政复议" },
        { id: "lit_direct", label: "未经复议直接起诉", aliases: ["行政诉讼未经复议直接起诉"] },
        { id: "lit_after_review", label: "复议后起诉", aliases: ["行政诉讼复议后起诉"] },
      ],
      columns: outcomeColumns,
    },
  ],
};
