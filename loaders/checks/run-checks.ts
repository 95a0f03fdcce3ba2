// Per-report rules over the extracted cells. Each rule has a stable id; failures are reported one
// per column/row with the numbers compared, passes once per rule, and a rule that cannot be
// evaluated (missing cells) is a skip, never a pass.
import type { Cell, Check, TableId, TemplateId } from "../types.ts";
import { SUM_RULES, type SumRule } from "./sum-rules.ts";
import { templates, type TemplateDef } from "../templates/index.ts";
import type { RowDef } from "../templates/schema.ts";
import type { TableState } from "../template/parse-tables.ts";

export interface CheckContext {
  template: TemplateId;
  year: number | null;
  /** The reporting township, when the report is a township's (city and county reports have none). */
  township?: string | null;
  cells: Cell[];
  tableState: Record<TableId, TableState> | null;
  /** Rows whose glued digits were split by the table's arithmetic (template/glued.ts). */
  split?: Partial<Record<TableId, string[]>>;
}

const TABLE_NAMES: Record<TableId, string> = { t2: "表二（主动公开）", t3: "表三（依申请公开）", t4: "表四（复议诉讼）" };

export function runChecks(ctx: CheckContext): Check[] {
  if (ctx.template !== "template-2019" && ctx.template !== "template-2021") return [];
  const checks: Check[] = [];
  const template = templates.find((t) => t.id === ctx.template)!;
  for (const rule of SUM_RULES) checks.push(...sumRule(rule, ctx.cells, template));
  checks.push(nonNegativeCounts(ctx));
  checks.push(rulesAtTownship(ctx));
  checks.push(oldTemplate(ctx));
  if (ctx.tableState) checks.push(...tablesPresent(ctx.tableState));
  checks.push(...splitByArithmetic(ctx));
  return checks;
}

function cellRef(c: Cell): string {
  return `${c.table}.${c.row}.${c.col}`;
}

/**
 * The members a rule needs on its right-hand side. Rows: every row of the template (a merged heading
 * row such as one （六）其他处理 row stands in for its sub-rows); columns: all of them. A needed
 * member that was not read at all makes the rule a skip: a partial sum would raise false alarms.
 */
export function neededMembers(rule: SumRule, printed: Set<string>, rows: RowDef[]): string[] {
  if (rule.each === "row") return rule.right;
  const inTemplate = rows.filter((r) => rule.right.includes(r.id));
  return inTemplate.filter((r) => {
    if (r.heading) return printed.has(r.id); // a heading counts only when printed as a merged row
    const parent = rows.find((p) => p.id === r.parent);
    return !(parent?.heading && printed.has(parent.id) && rule.right.includes(parent.id));
  }).map((r) => r.id);
}

function sumRule(rule: SumRule, cells: Cell[], template: TemplateDef): Check[] {
  // key (column or row) → member (row or column) → cell
  const byKey = new Map<string, Map<string, Cell>>();
  const printedMembers = new Set<string>();
  for (const c of cells) {
    if (c.table !== rule.table) continue;
    const key = rule.each === "col" ? c.col : c.row;
    const member = rule.each === "col" ? c.row : c.col;
    printedMembers.add(member);
    (byKey.get(key) ?? byKey.set(key, new Map()).get(key)!).set(member, c);
  }
  const leftIds = rule.left.filter((id) => printedMembers.has(id));
  if (leftIds.length === 0 || byKey.size === 0) return []; // the rule does not apply (e.g. no 小计 column)
  const rightIds = neededMembers(rule, printedMembers, template.tables.find((t) => t.id === rule.table)!.blocks.flatMap((b) => b.rows));
  const unread = rightIds.filter((id) => !printedMembers.has(id));
  if (unread.length) {
    return [{ rule: rule.id, status: "skip", message: `${rule.label}：表格中有 ${unread.length} 项没有读到（${unread.slice(0, 3).join("、")}…），无法核对` }];
  }
  const fails: Check[] = [];
  let evaluated = 0;
  let skipped = 0;
  for (const group of byKey.values()) {
    const left = leftIds.map((id) => group.get(id));
    const right = rightIds.map((id) => group.get(id));
    if ([...left, ...right].some((c) => !c || c.value === null)) {
      skipped++;
      continue;
    }
    evaluated++;
    const l = sum(left as Cell[]);
    const r = sum(right as Cell[]);
    if (Math.abs(l - r) > 1e-9) {
      const any = left[0]!;
      const where = rule.each === "col" ? `列“${any.col_label}”` : `行“${any.row_label}”`;
      fails.push({
        rule: rule.id, status: "fail", expected: r, actual: l,
        message: `${TABLE_NAMES[rule.table]}${where}：${rule.label} 不成立（${l} ≠ ${r}）`,
        cells: [...left, ...right].map((c) => cellRef(c as Cell)),
      });
    }
  }
  if (fails.length) return fails;
  if (evaluated === 0) {
    return skipped ? [{ rule: rule.id, status: "skip", message: `${rule.label}：所需单元格为空或缺失，无法核对` }] : [];
  }
  return [{ rule: rule.id, status: "pass", message: `${rule.label}：${evaluated} 处核对通过${skipped ? `，${skipped} 处因空值跳过` : ""}` }];
}

function sum(cells: Cell[]): number {
  return cells.reduce((s, c) => s + (c.value ?? 0), 0);
}

/** Counts are non-negative integers; 2019 本年增/减 may be negative and fees are decimals. */
/** Value kind of every cell of each template, "t2.rules.issued" → "count". */
const CELL_KINDS = new Map(templates.map((t) => {
  const kinds = new Map<string, string>();
  for (const table of t.tables) for (const b of table.blocks) for (const c of b.columns) for (const r of b.rows) {
    kinds.set(`${table.id}.${r.id}.${c.id}`, c.kind);
  }
  return [t.id as TemplateId, kinds];
}));

function nonNegativeCounts(ctx: CheckContext): Check {
  const kinds = CELL_KINDS.get(ctx.template)!;
  const bad = ctx.cells.filter((c) => c.value !== null && (kinds.get(cellRef(c)) ?? "count") === "count" && (c.value < 0 || !Number.isInteger(c.value)));
  if (bad.length === 0) return { rule: "counts_non_negative_integer", status: ctx.cells.length ? "pass" : "skip", message: "计数单元格均为非负整数" };
  return {
    rule: "counts_non_negative_integer", status: "fail", actual: bad[0].value, cells: bad.map(cellRef),
    message: `计数单元格应为非负整数：${bad.map((c) => `${c.row_label}/${c.col_label}=${c.raw}`).join("，")}`,
  };
}

/** 规章 are made only by provincial and districted-city governments: a township reporting one is an error. */
function rulesAtTownship(ctx: CheckContext): Check {
  // Cities with districts and provinces do make 规章: the rule is about townships only.
  if (ctx.township === null) return { rule: "t2_rules_township", status: "skip", message: "不是乡镇的报告（或乡镇未识别），不适用" };
  const rules = ctx.cells.filter((c) => c.table === "t2" && c.row === "rules" && c.value !== null);
  const positive = rules.filter((c) => (c.value ?? 0) > 0);
  if (rules.length === 0) return { rule: "t2_rules_township", status: "skip", message: "表二“规章”行没有数值" };
  if (positive.length === 0) return { rule: "t2_rules_township", status: "pass", message: "乡镇未报告规章" };
  return {
    rule: "t2_rules_township", status: "fail", expected: 0, actual: positive[0].value, cells: positive.map(cellRef),
    message: `乡镇无权制定规章，但表二“规章”填报了 ${positive.map((c) => `${c.col_label} ${c.raw}`).join("、")}`,
  };
}

function oldTemplate(ctx: CheckContext): Check {
  if (ctx.year === null) return { rule: "template_current", status: "skip", message: "报告年度未知，无法判断模板是否过时" };
  if (ctx.year >= 2021 && ctx.template === "template-2019") {
    return { rule: "template_current", status: "fail", message: `${ctx.year} 年度报告仍使用 2019 年模板的表格（应使用 2021 年新模板）` };
  }
  return { rule: "template_current", status: "pass", message: "模板与报告年度相符" };
}

export function tablesPresent(state: Record<TableId, TableState>): Check[] {
  return (["t2", "t3", "t4"] as TableId[]).map((t) => {
    if (state[t] === "parsed") return { rule: `${t}_present`, status: "pass" as const, message: `${TABLE_NAMES[t]}已读取` };
    return {
      rule: `${t}_present`, status: "fail" as const,
      message: state[t] === "empty"
        ? `${TABLE_NAMES[t]}有标题但没有可读的数值：表格可能是图片或被删除`
        : `没有找到${TABLE_NAMES[t]}`,
    };
  });
}

/** Digits glued together that only the table's arithmetic could split: said, because the sums those
 * rows pass are then what chose the split, not independent evidence. */
function splitByArithmetic(ctx: CheckContext): Check[] {
  const template = templates.find((t) => t.id === ctx.template)!;
  return (Object.entries(ctx.split ?? {}) as [TableId, string[]][]).filter(([, rows]) => rows.length > 0).map(([table, rows]) => {
    const defs = template.tables.find((t) => t.id === table)!.blocks.flatMap((b) => b.rows);
    const labels = rows.map((r) => defs.find((d) => d.id === r)?.label ?? r);
    return {
      rule: "split_by_arithmetic",
      status: "pass" as const,
      message: `${TABLE_NAMES[table]}有 ${rows.length} 行的数字粘连在一起（${labels.join("、")}），只有一种拆分满足表格的勾稽关系，按它读取；这些行的加总核对因此不是独立的证据`,
      cells: rows.map((r) => `${table}.${r}`),
    };
  });
}
