// OCR'd table numbers are doubtful: each is accepted only where the tables' sum rules
// (checks/sum-rules.ts, the same data the checks use) hold for its row and column.
//
// - A rule instance (one column of a column rule, one row of a row rule) whose cells are all read
//   and add up confirms its OCR'd cells.
// - An instance that does not add up blames its cells. When one OCR'd cell lies in failed instances
//   that one value of it would all satisfy, that cell alone is the misread one: it is emptied and
//   the others in those instances are not blamed. Otherwise every OCR'd cell of the instance is
//   emptied. Emptied cells are never "fixed": the warning names what was read.
// - A cell that no evaluable instance covers (table 二 has no sum rules) is kept, marked
//   `:unchecked` in its source, with a warning.
import type { Cell } from "../types.ts";
import { SUM_RULES, type SumRule } from "../checks/sum-rules.ts";
import { neededMembers } from "../checks/run-checks.ts";
import type { TemplateDef } from "../templates/schema.ts";

/** Source suffix of an OCR'd value no table rule could check: kept, with less trust. */
export const UNCHECKED = ":unchecked";

interface Instance {
  rule: SumRule;
  /** Cells with their side: +1 left, -1 right. */
  members: { cell: Cell; side: 1 | -1 }[];
  /** left − right. */
  diff: number;
}

export interface GateResult {
  cells: Cell[];
  warnings: string[];
  /** Cells emptied because the arithmetic failed. */
  emptied: number;
}

/** Gates the cells `fromOcr` says were read by OCR; other cells only take part in the sums. */
export function gateOcrCells(template: TemplateDef, cells: Cell[], fromOcr: (c: Cell) => boolean): GateResult {
  const ocr = cells.filter((c) => c.value !== null && fromOcr(c));
  if (ocr.length === 0) return { cells, warnings: [], emptied: 0 };
  const instances = ruleInstances(template, cells);
  const failed = instances.filter((i) => Math.abs(i.diff) > 1e-9);
  const failedOf = new Map<Cell, Instance[]>();
  for (const i of failed) for (const m of i.members) (failedOf.get(m.cell) ?? failedOf.set(m.cell, []).get(m.cell)!).push(i);
  const instancesOf = new Map<Cell, number>();
  for (const i of instances) for (const m of i.members) instancesOf.set(m.cell, (instancesOf.get(m.cell) ?? 0) + 1);

  // Cells that alone explain every instance they are in: all of them fail, and one value of the
  // cell would make all of them hold (a sum that holds through a cell vouches for its value).
  const explains = new Map<Cell, Instance[]>();
  for (const c of ocr) {
    const mine = failedOf.get(c);
    if (!mine || mine.length !== instancesOf.get(c)) continue;
    const needed = mine.map((i) => c.value! - i.members.find((m) => m.cell === c)!.side * i.diff);
    if (needed.every((v) => Math.abs(v - needed[0]) < 1e-9) && needed[0] >= 0 && Number.isInteger(needed[0])) explains.set(c, mine);
  }
  const emptied = new Map<Cell, string>();
  const resolved = new Set<Instance>();
  for (const [c, mine] of explains) {
    // One explaining cell per instance, else it is not known which one was misread.
    if (mine.every((i) => i.members.filter((m) => explains.has(m.cell)).length === 1)) {
      emptied.set(c, mine[0].rule.label);
      for (const i of mine) resolved.add(i);
    }
  }
  for (const i of failed) {
    if (resolved.has(i)) continue;
    for (const m of i.members) if (fromOcr(m.cell) && m.cell.value !== null && !emptied.has(m.cell)) emptied.set(m.cell, i.rule.label);
  }
  const confirmed = new Set<Cell>();
  for (const i of instances) {
    if (Math.abs(i.diff) > 1e-9 || i.members.some((m) => emptied.has(m.cell))) continue;
    for (const m of i.members) confirmed.add(m.cell);
  }

  const warnings: string[] = [];
  const unchecked: Cell[] = [];
  const out = cells.map((c) => {
    if (c.value === null || !fromOcr(c)) return c;
    if (emptied.has(c)) return { ...c, value: null, raw: "" };
    if (confirmed.has(c)) return c;
    unchecked.push(c);
    return { ...c, source: c.source + UNCHECKED };
  });
  if (emptied.size) {
    const byRule = new Map<string, Cell[]>();
    for (const [c, label] of emptied) (byRule.get(label) ?? byRule.set(label, []).get(label)!).push(c);
    for (const [label, list] of byRule) {
      warnings.push(`OCR 识别的 ${list.length} 个表格数值不符合勾稽关系（${label}），已留空：${list.slice(0, 8).map(described).join("，")}${list.length > 8 ? "…" : ""}：请核对原件`);
    }
  }
  if (unchecked.length) {
    warnings.push(`OCR 识别的 ${unchecked.length} 个表格数值没有勾稽关系可以核对，已保留但可信度较低（来源标记 ${UNCHECKED}）：${unchecked.slice(0, 6).map(described).join("，")}${unchecked.length > 6 ? "…" : ""}：请核对原件`);
  }
  return { cells: out, warnings, emptied: emptied.size };
}

function described(c: Cell): string {
  return `${c.table}“${c.row_label}/${c.col_label}”读作 ${c.raw || c.value}`;
}

/** Every evaluable instance of the sum rules: all of its needed cells present with values. */
function ruleInstances(template: TemplateDef, cells: Cell[]): Instance[] {
  const out: Instance[] = [];
  for (const rule of SUM_RULES) {
    const table = template.tables.find((t) => t.id === rule.table);
    if (!table) continue;
    const byKey = new Map<string, Map<string, Cell>>();
    const printed = new Set<string>();
    for (const c of cells) {
      if (c.table !== rule.table) continue;
      const key = rule.each === "col" ? c.col : c.row;
      const member = rule.each === "col" ? c.row : c.col;
      printed.add(member);
      (byKey.get(key) ?? byKey.set(key, new Map()).get(key)!).set(member, c);
    }
    const left = rule.left.filter((id) => printed.has(id));
    if (left.length === 0) continue;
    const right = neededMembers(rule, printed, table.blocks.flatMap((b) => b.rows));
    for (const group of byKey.values()) {
      const members = [...left.map((id) => ({ cell: group.get(id), side: 1 as const })), ...right.map((id) => ({ cell: group.get(id), side: -1 as const }))];
      if (members.some((m) => !m.cell || m.cell.value === null)) continue;
      const diff = members.reduce((s, m) => s + m.side * m.cell!.value!, 0);
      out.push({ rule, members: members as Instance["members"], diff });
    }
  }
  return out;
}
