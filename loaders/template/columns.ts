// Table 三's columns, read from its header: six applicant columns and 总计, sometimes an 8th 小计
// column for 法人或其他组织. Their order is taken from where the header prints each label.
import type { ColumnDef } from "../templates/schema.ts";
import { table3Columns } from "../templates/table3.ts";
import type { Token } from "./tokens.ts";

export interface ColumnLayout {
  columns: ColumnDef[] | null;
  warning: string | null;
}

const standard = table3Columns.filter((c) => !c.optional);

export function table3Layout(header: Token[], valueCounts: number[]): ColumnLayout {
  // Only a real cell index (grids, pipe and tab rows) places a column: x positions in text are
  // display widths that drift between header lines, so aligned text keeps the template's order.
  const found = new Map<string, number | null>();
  let headerText = "";
  for (const token of header) {
    if (token.kind !== "text") continue;
    const text = token.text.replace(/\s+/g, "").replace(/法人或者?其他组织|申请人情况/g, "#");
    headerText += text;
    for (const c of table3Columns) {
      if (!found.has(c.id) && text.includes(c.label)) found.set(c.id, token.col ?? null);
    }
  }
  const hasSubtotal = headerText.includes("小计");
  const canonical = table3Columns.filter((c) => !c.optional || (c.id === "org_subtotal" && hasSubtotal));
  // Cell indices order the columns when every label was found whole with one; otherwise (labels
  // split over lines, multi-row headers read in text order, aligned text) the template's order
  // holds, confirmed by the number of values in the rows.
  const present = canonical.filter((c) => found.has(c.id));
  if (present.length === canonical.length) {
    const positioned = present.every((c) => found.get(c.id) !== null);
    return { columns: positioned ? [...present].sort((a, b) => found.get(a.id)! - found.get(b.id)!) : canonical, warning: null };
  }
  const counts = new Map<number, number>();
  for (const n of valueCounts) counts.set(n, (counts.get(n) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common === canonical.length) return { columns: canonical, warning: null };
  const labels = table3Columns.filter((c) => found.has(c.id)).map((c) => c.label);
  return {
    columns: null,
    warning: `表三表头无法识别（找到 ${labels.join("、") || "无"}${hasSubtotal ? "，有小计" : ""}），各行数值个数多为 ${common ?? "?"}：不读取表三数值`,
  };
}
