// Table 三's columns, read from its header: six applicant columns and 总计, sometimes an 8th 小计
// column for 法人或其他组织, in the template's order.
import type { ColumnDef } from "../templates/schema.ts";
import { table3Columns } from "../templates/table3.ts";
import type { Token } from "./tokens.ts";

export interface ColumnLayout {
  columns: ColumnDef[] | null;
  warning: string | null;
}

const standard = table3Columns.filter((c) => !c.optional);

export function table3Layout(header: Token[], valueCounts: number[]): ColumnLayout {
  // Where the header prints each label: a real cell index (grids, pipe and tab rows), or null (x
  // positions in aligned text are display widths that drift between header lines).
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
  // Every label found: the template fixes the order; header cell indices only confirm it. They are
  // not comparable across header rows whose spanned cells were flattened away ("自然人 | 法人或其他
  // 组织 | 总计" over "商业企业 | … | 其他" puts 总计 at cell 3): a disagreement is noted, never followed.
  const present = canonical.filter((c) => found.has(c.id));
  if (present.length === canonical.length) {
    const positions = present.map((c) => found.get(c.id));
    const agrees = positions.some((p) => p === null) || positions.every((p, i) => i === 0 || p! >= positions[i - 1]!);
    return { columns: canonical, warning: agrees ? null : "表三表头各列的单元格位置与模板顺序不一致（多行表头的合并单元格被拆散），按模板的列顺序读取" };
  }
  // Labels missing (split over lines, half lost): the template's order holds when the rows carry as
  // many values as it has columns.
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
