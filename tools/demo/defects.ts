// Planted defects: small, deterministic edits to a report's numbers or text, each returning the
// details the truth records. Which report gets which defect is decided in plan.ts.
import { table3ApplicantColumns } from "../../loaders/templates/table3.ts";
import type { Block, Doc } from "./doc.ts";
import type { ActiveData, TableValues } from "./model.ts";
import type { Rng } from "./rng.ts";

export type Details = Record<string, unknown>;

/** A column with something to work with (自然人 by default). */
function busyColumn(t3: TableValues): string {
  return table3ApplicantColumns.find((c) => (t3.total[c] ?? 0) > 0) ?? "natural";
}

/** 第一项 + 第二项 ≠ 第三项 + 第四项: a result row and （七）总计 both grow, nothing else does. */
export function breakBalance(t3: TableValues, r: Rng): Details {
  const column = busyColumn(t3);
  const delta = r.int(1, 3);
  t3.granted[column] += delta;
  t3.total[column] += delta;
  return { column, row: "granted", delta };
}

/** （七）总计 ≠ the sum of the result rows: one result row changes, 总计 does not. */
export function breakOutcomeSum(t3: TableValues, r: Rng): Details {
  const column = busyColumn(t3);
  const row = t3.granted[column] > 0 && r.chance(0.5) ? "granted" : "unable_no_info";
  const delta = row === "granted" ? -1 : r.int(1, 2);
  t3[row][column] += delta;
  return { column, row, delta };
}

/** 总计 ≠ the sum of the applicant columns in the 本年新收 row (printed value overridden). */
export function breakApplicantSum(t3: TableValues, r: Rng): { overrides: Record<string, number>; details: Details } {
  const sum = table3ApplicantColumns.reduce((s, c) => s + (t3.new[c] ?? 0), 0);
  const written = sum + r.int(1, 3);
  return { overrides: { "new:total": written }, details: { row: "new", column: "total", written, sum } };
}

/** Table 四: a block's 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结. */
export function breakT4(t4: TableValues, r: Rng): Details {
  const row = r.pick(["review", "lit_direct"]);
  const b = t4[row];
  const sum = b.upheld + b.corrected + b.other + b.pending;
  b.total = sum + 1;
  return { row, column: "total", written: b.total, sum };
}

/** This year's 上年结转 ≠ last year's 结转下年度 (the table itself still balances). */
export function breakCarryOver(t3: TableValues, r: Rng): Details {
  const column = "natural";
  const previous = t3.carried[column];
  const delta = r.int(1, 3);
  t3.carried[column] += delta;
  t3.granted[column] += delta;
  t3.total[column] += delta;
  return { column, carried_written: t3.carried[column], previous_forward: previous };
}

/** Proactive items multiplied (a free-text extreme jump); categories scale with it. */
export function jumpActive(a: ActiveData, factor: number): ActiveData {
  const categories = a.categories.map((c) => ({ ...c, count: c.count * factor }));
  const total = categories.reduce((s, c) => s + c.count, 0);
  return {
    ...a, categories, total, website: total - a.wechat * factor, wechat: a.wechat * factor,
    weibo: a.weibo * factor, cumulative: a.cumulative - a.total + total,
  };
}

/** copied_neighbour: one mention of the source township's name survives the name swap. */
export function leaveSourceName(doc: Doc, own: string, source: string): string | null {
  const paras = doc.blocks.filter((b): b is Extract<Block, { kind: "para" }> => b.kind === "para");
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = paras[i];
    const at = p.text.lastIndexOf(own);
    if (at >= 0) {
      p.text = p.text.slice(0, at) + source + p.text.slice(at + own.length);
      return source;
    }
  }
  return null;
}
