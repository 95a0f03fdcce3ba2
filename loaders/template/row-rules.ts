// The table's own row rules (checks/sum-rules.ts, each: "row") as a validator for a candidate row
// of numbers: used only to accept a split of glued digits, never to change printed values.
import type { TableId } from "../types.ts";
import { SUM_RULES } from "../checks/sum-rules.ts";
import type { RowValidator } from "./align.ts";

export function rowValidator(table: TableId, columnIds: string[]): RowValidator | undefined {
  const rules = SUM_RULES.filter((r) => r.table === table && r.each === "row" && [...r.left, ...r.right].every((id) => columnIds.includes(id)));
  if (rules.length === 0) return undefined;
  return (values) => rules.every((rule) => {
    const pick = (ids: string[]) => ids.map((id) => values[columnIds.indexOf(id)]);
    const left = pick(rule.left);
    const right = pick(rule.right);
    if ([...left, ...right].some((x) => x === null)) return false;
    const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
    return sum(left) === sum(right);
  });
}
