// The 2019 template (国办公开办函〔2019〕60号), report years 2019–2020. report-formats.md §3.
import type { TemplateDef } from "./schema.ts";
import { table3Columns, table3OtherSingle, table3RowsAfterOther, table3RowsBeforeOther } from "./table3.ts";
import { table4 } from "./table4.ts";

const itemCols = [
  { id: "prev_count", label: "上一年项目数量", kind: "count" as const },
  { id: "delta", label: "本年增/减", kind: "delta" as const, aliases: ["本年增减"] },
];
const decisions = { id: "decisions", label: "处理决定数量", kind: "count" as const };

export const template2019: TemplateDef = {
  id: "template-2019",
  name: "2019年模板",
  signature: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第（九）项", "政府集中采购",
    "其他对外管理服务事项", "上一年项目数量"],
  tables: [
    {
      id: "t2",
      heading: "二、主动公开政府信息情况",
      blocks: [
        {
          id: "art20_1", label: "第二十条第（一）项",
          rows: [{ id: "rules", label: "规章" }, { id: "normative", label: "规范性文件", aliases: ["行政规范性文件"] }],
          columns: [
            { id: "made", label: "本年新制作数量", kind: "count" },
            { id: "published", label: "本年新公开数量", kind: "count" },
            { id: "total_public", label: "对外公开总数量", kind: "count" },
          ],
        },
        {
          id: "art20_5", label: "第二十条第（五）项",
          rows: [{ id: "licensing", label: "行政许可" }, { id: "other_services", label: "其他对外管理服务事项" }],
          columns: [...itemCols, decisions],
        },
        {
          id: "art20_6", label: "第二十条第（六）项",
          rows: [{ id: "penalty", label: "行政处罚" }, { id: "coercion", label: "行政强制" }],
          columns: [...itemCols, decisions],
        },
        {
          id: "art20_8", label: "第二十条第（八）项",
          rows: [{ id: "admin_fees", label: "行政事业性收费" }],
          columns: itemCols,
        },
        {
          id: "art20_9", label: "第二十条第（九）项",
          rows: [{ id: "procurement", label: "政府集中采购" }],
          columns: [
            { id: "proc_count", label: "采购项目数量", kind: "count" },
            // Printed with no unit; real copies write "251000元" or a bare number (recorded as written).
            { id: "proc_amount", label: "采购总金额", kind: "money" },
          ],
        },
      ],
    },
    {
      id: "t3",
      heading: "三、收到和处理政府信息公开申请情况",
      blocks: [{
        id: "t3", label: "收到和处理政府信息公开申请情况", columns: table3Columns,
        rows: [...table3RowsBeforeOther, table3OtherSingle, ...table3RowsAfterOther],
      }],
    },
    table4,
  ],
};
