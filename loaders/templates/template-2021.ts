// The 2021 template (国办公开办函〔2021〕30号), report years 2021–. report-formats.md §4.
import type { TemplateDef } from "./schema.ts";
import { table3Columns, table3Other2021, table3RowsAfterOther, table3RowsBeforeOther } from "./table3.ts";
import { table4 } from "./table4.ts";

const decisions = { id: "decisions", label: "本年处理决定数量", kind: "count" as const };

export const template2021: TemplateDef = {
  id: "template-2021",
  name: "2021年模板",
  signature: ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
    "不再处理其政府信息公开申请"],
  tables: [
    {
      id: "t2",
      heading: "二、主动公开政府信息情况",
      blocks: [
        {
          id: "art20_1", label: "第二十条第（一）项",
          rows: [{ id: "rules", label: "规章" }, { id: "normative", label: "行政规范性文件", aliases: ["规范性文件"] }],
          columns: [
            { id: "issued", label: "本年制发件数", kind: "count" },
            { id: "repealed", label: "本年废止件数", kind: "count" },
            { id: "in_force", label: "现行有效件数", kind: "count" },
          ],
        },
        { id: "art20_5", label: "第二十条第（五）项", rows: [{ id: "licensing", label: "行政许可" }], columns: [decisions] },
        {
          id: "art20_6", label: "第二十条第（六）项",
          rows: [{ id: "penalty", label: "行政处罚" }, { id: "coercion", label: "行政强制" }],
          columns: [decisions],
        },
        {
          id: "art20_8", label: "第二十条第（八）项",
          rows: [{ id: "admin_fees", label: "行政事业性收费" }],
          columns: [{ id: "fee_amount", label: "本年收费金额（单位：万元）", kind: "money", unit: "万元", aliases: ["本年收费金额"] }],
        },
      ],
    },
    {
      id: "t3",
      heading: "三、收到和处理政府信息公开申请情况",
      blocks: [{
        id: "t3", label: "收到和处理政府信息公开申请情况", columns: table3Columns,
        rows: [...table3RowsBeforeOther, ...table3Other2021, ...table3RowsAfterOther],
      }],
    },
    table4,
  ],
};
