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
  const found = new Map<string, number | null>();
  for (const token of header) {
    if (token.kind !== "text") continue;
    const text = token.text.replace(/\s+/g, "").replace(/法人或者?其他组织|申请人情况/g, "#");
    for (const c of table3Columns) {
      if (!found.has(c.id) && text.includes(c.label)) found.set(c.id, token.col ?? token.x ?? null);
    }
  }
  const foundStandard = standard.filter((c) => found.has(c.id)).length;
  if (foundStandard === standard.length) {
    const present = table3Columns.filter((c) => found.has(c.id));
    // Positions (cell index, or x in aligned text) order the columns when every label has one;
    // otherwise multi-row headers read in text order would mislead, so the template's order holds.
    const positioned = present.every((c) => found.get(c.id) !== null);
    const columns = positioned ? [...present].sort((a, b) => found.get(a.id)! - found.get(b.id)!) : present;
    return { columns, warning: null };
  }
  // No usable header (lost in copying): fall back on the template's order when the rows agree on it.
  const counts = new Map<number, number>();
  for (const n of valueCounts) counts.set(n, (counts.get(n) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common === standard.length) {
    return { columns: standard, warning: found.size ? "表三表头不完整：按模板列顺序读取" : null };
  }
  const labels = table3Columns.filter((c) => found.has(c.id)).map((c) => c.label);
  return { columns: null, warning: `表三表头无法识别（找到 ${labels.join("、") || "无"}），各行数值个数为 ${common ?? "?"}：不读取表三数值` };
}
