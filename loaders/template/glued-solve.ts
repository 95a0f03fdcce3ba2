// Rows of glued digits that their own row rule leaves with several readings: the table's column
// rules (本年新收 + 上年结转 = （七）总计 + 结转; （七）总计 = the outcome rows) choose between them. A
// reading is taken only when exactly one combination of all such rows satisfies every column rule
// that can be evaluated; otherwise the rows stay empty, with a warning.
import type { TableId } from "../types.ts";
import type { SumRule } from "../checks/sum-rules.ts";
import { neededMembers } from "../checks/run-checks.ts";
import type { AlignResult, Entry, RowSpec } from "./align.ts";
import { numbers } from "./glued.ts";

/** Combinations tried before giving up (each row rarely has more than a handful of readings). */
const MAX_TRIES = 200_000;

export function solveGlued(table: TableId, entries: Entry[], specs: RowSpec[], rules: SumRule[], result: AlignResult): void {
  const pending = entries.filter((e) => e.candidates).sort((a, b) => a.candidates!.length - b.candidates!.length);
  const idOf = (e: Entry) => specs[e.index!].row.id;
  const fixed = new Map<string, (number | null)[]>();
  for (const e of entries) if (e.values && e.index !== undefined) fixed.set(idOf(e), numbers(e.values));
  const present = new Set([...fixed.keys(), ...pending.map(idOf)]);
  const rows = specs.map((s) => s.row);
  const order = new Map(pending.map((e, i) => [idOf(e), i]));
  // Each applicable rule is checked once the last pending row it involves has a reading.
  const checks = rules.filter((r) => r.table === table && r.each === "col").flatMap((rule) => {
    const members = [...rule.left, ...neededMembers(rule, present, rows)];
    if (!members.every((id) => present.has(id))) return [];
    const at = Math.max(-1, ...members.map((id) => order.get(id) ?? -1));
    return at < 0 ? [] : [{ rule, members, at }];
  });
  const width = specs[pending[0].index!].columns.length;
  const chosen: (number | null)[][] = [];
  const valueOf = (id: string, c: number) => (order.has(id) ? chosen[order.get(id)!][c] : fixed.get(id)![c]);
  const holds = (rule: SumRule, members: string[], c: number) => {
    const vals = members.map((id) => valueOf(id, c));
    if (vals.some((v) => v === null)) return true; // a blank cell: this column cannot be checked
    const left = rule.left.reduce((s, id) => s + (valueOf(id, c) ?? 0), 0);
    return left === members.slice(rule.left.length).reduce((s, id) => s + (valueOf(id, c) ?? 0), 0);
  };
  let tries = 0;
  let solutions = 0;
  let found: number[] = [];
  const picks: number[] = [];
  const walk = (d: number): boolean => {
    if (++tries > MAX_TRIES) return false;
    if (d === pending.length) {
      solutions++;
      found = [...picks];
      return solutions < 2;
    }
    for (let k = 0; k < pending[d].candidates!.length; k++) {
      chosen[d] = numbers(pending[d].candidates![k]);
      picks[d] = k;
      const ok = checks.every(({ rule, members, at }) => at !== d || Array.from({ length: width }, (_, c) => holds(rule, members, c)).every(Boolean));
      if (ok && !walk(d + 1)) return false;
    }
    return true;
  };
  const finished = checks.length > 0 && walk(0);
  const labels = pending.map((e) => `“${specs[e.index!].row.label}”`).join("");
  if (finished && solutions === 1) {
    pending.forEach((e, i) => {
      e.values = e.candidates![found[i]];
      e.kind = "row";
      result.split.push(idOf(e));
    });
    return;
  }
  const why = checks.length === 0 ? "表中没有可用来核对的列"
    : !finished && tries > MAX_TRIES ? "可能的拆分太多"
      : solutions === 0 ? "没有一种拆分满足各列的勾稽关系" : "有多种拆分都满足各列的勾稽关系";
  result.warnings.push(`${table}：${labels}的数字粘连在一起，${why}，无法唯一拆分，无法可靠对齐，这些行留空`);
}
