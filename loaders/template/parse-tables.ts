// The template tables of one report: locate each table, turn it into tokens, align the tokens
// with the template's rows and columns. Works the same for every rendering.
import type { Cell, TableId } from "../types.ts";
import type { TableDef, TemplateDef } from "../templates/schema.ts";
import type { Grid } from "../read/grid.ts";
import { classifyGrid, locateRegions } from "./locate.ts";
import { gridTokens, tokenizeLines, type Rendering, type Token } from "./tokens.ts";
import { alignRows, fitValues, groupRows, trimValues, type RowSpec } from "./align.ts";
import { gluedSplits } from "./glued.ts";
import { table3Layout } from "./columns.ts";
import { matchLabel, keyLabels } from "./labels.ts";
import { parseValue } from "./values.ts";
import { rowValidator } from "./row-rules.ts";
import { SUM_RULES } from "../checks/sum-rules.ts";

export type TableState = "parsed" | "empty" | "missing";

export interface TablesParse {
  cells: Cell[];
  warnings: string[];
  /** Per table: found with values, heading but no values (likely an image), or not there at all. */
  state: Record<TableId, TableState>;
  rendering: Partial<Record<TableId, Rendering>>;
  /** Layout variants seen: "merged-other", "subtotal-column", "extra-rows". */
  variants: string[];
  /** Per table: rows whose glued digits were split by the table's arithmetic (one reading satisfied it). */
  split: Partial<Record<TableId, string[]>>;
  /** The table pieces of run-on lines (run-on.ts): table text inside a line that also holds prose. */
  pieces: { line: number; start: number; end: number }[];
}

const TABLES: TableId[] = ["t2", "t3", "t4"];

export function parseTemplateTables(template: TemplateDef, text: string, grids: Grid[]): TablesParse {
  const out: TablesParse = { cells: [], warnings: [], state: { t2: "missing", t3: "missing", t4: "missing" }, rendering: {}, variants: [], split: {}, pieces: [] };
  const { regions, headings } = locateRegions(text, template);
  for (const l of Object.values(regions).flat()) if (l?.start !== undefined) out.pieces.push({ line: l.number, start: l.start, end: l.start + l.text.length });
  const byGrid = new Map<TableId, Grid[]>();
  for (const g of grids) {
    const t = classifyGrid(g);
    if (t) byGrid.set(t, [...(byGrid.get(t) ?? []), g]);
  }
  for (const table of TABLES) {
    let tokens: Token[];
    const tableGrids = byGrid.get(table);
    if (tableGrids) {
      tokens = tableGrids.flatMap(gridTokens);
      out.rendering[table] = "grid";
    } else if (regions[table]) {
      const t = tokenizeLines(regions[table]!);
      tokens = t.tokens;
      out.rendering[table] = t.rendering;
    } else {
      continue;
    }
    const parsed = table === "t4" ? parseTable4(template, tokens) : table === "t3" ? parseTable3(template, tokens) : parseTable2(template, tokens);
    out.cells.push(...parsed.cells);
    out.warnings.push(...parsed.warnings);
    out.variants.push(...parsed.variants);
    if (parsed.split?.length) out.split[table] = parsed.split;
    // A table whose rows were found is there, even with every cell blank or some rows unaligned
    // (warnings say so); a heading with no table rows and no values at all is likely an image.
    const present = parsed.cells.length > 0 || tokens.some((t) => t.kind === "value" && t.text.trim() !== "");
    out.state[table] = present ? "parsed" : headings.has(table) || tableGrids ? "empty" : "missing";
  }
  return out;
}

interface Partial3 {
  cells: Cell[];
  warnings: string[];
  variants: string[];
  split?: string[];
}

function tableDef(template: TemplateDef, id: TableId) {
  return template.tables.find((t) => t.id === id)!;
}

function parseTable2(template: TemplateDef, tokens: Token[]): Partial3 {
  const specs: RowSpec[] = tableDef(template, "t2").blocks.flatMap((b) => b.rows.map((row) => ({ row, columns: b.columns })));
  const r = alignRows("t2", tokens, specs, { unordered: true, headerWords: headerWords(tableDef(template, "t2")) });
  return { cells: r.cells, warnings: [...r.warnings, ...extraRowWarnings("t2", r.extraRows)], variants: r.extraRows.length ? ["extra-rows"] : [] };
}

function parseTable3(template: TemplateDef, tokens: Token[]): Partial3 {
  const block = tableDef(template, "t3").blocks[0];
  const keyed = keyLabels(block.rows);
  // The header is everything before the first row label (一、本年新收… or 二、上年结转…).
  const first = tokens.findIndex((t) => t.kind === "text" && matchLabel(t.text, keyed).some((r) => r.id === "new" || r.id === "carried"));
  if (first < 0) return { cells: [], warnings: tokens.length ? ["表三：没有找到“本年新收”或“上年结转”行，不读取表三"] : [], variants: [] };
  const header = tokens.slice(0, first);
  const body = tokens.slice(first);
  // Grouping depends on the row labels only: the same groups serve the layout and the alignment.
  const groups = groupRows(body, block.rows.map((row) => ({ row, columns: [] })));
  const counts = groups
    .map((g) => trimBlankTail(g.values).length)
    .filter((n) => n > 0);
  const layout = table3Layout(header, counts);
  const warnings = layout.warning ? [layout.warning] : [];
  if (!layout.columns) return { cells: [], warnings, variants: [] };
  const specs = block.rows.map((row) => ({ row, columns: layout.columns! }));
  const r = alignRows("t3", body, specs, {
    validators: (columns) => rowValidator("t3", columns.map((c) => c.id)), groups, headerWords: headerWords(tableDef(template, "t3")),
    columnRules: SUM_RULES,
  });
  const variants: string[] = [];
  if (layout.columns.some((c) => c.id === "org_subtotal")) variants.push("subtotal-column");
  if (template.id === "template-2021" && r.rows.has("other")) variants.push("merged-other");
  if (r.extraRows.length) variants.push("extra-rows");
  return { cells: r.cells, warnings: [...warnings, ...r.warnings, ...extraRowWarnings("t3", r.extraRows)], variants, split: r.split };
}

/** Table 四 is one printed row of 15 values under a three-level header; some copies print it as
 * three small tables, one per block (行政复议 / 未经复议直接起诉 / 复议后起诉), five values each. */
function parseTable4(template: TemplateDef, tokens: Token[]): Partial3 {
  const table = tableDef(template, "t4");
  const block = table.blocks[0];
  const n = block.rows.length * block.columns.length;
  const width = block.columns.length;
  const ids = block.columns.map((c) => c.id);
  const eachBlock = rowValidator("t4", ids);
  const runs = valueRuns(tokens).filter((run) => run.some((v) => v.text.trim() !== ""));
  if (runs.length === 0) return { cells: [], warnings: [], variants: [] };
  const validate = eachBlock && ((v: (number | null)[]) => block.rows.every((_, r) => eachBlock(v.slice(r * width, (r + 1) * width))));
  for (const printed of runs) {
    // Blank lines after a glued run ("000000000000000" then an empty line) are no cells of it.
    const run = printed.length < n ? trimBlankTail(printed) : printed;
    // One reading of the digits, or (glued) the only split that the three blocks' sums allow.
    let fitted = fitValues(run, n, undefined, validate);
    const splits = fitted || !validate ? null : gluedSplits(trimValues(run, n), n, validate);
    if (splits?.length === 1) fitted = splits[0];
    if (!fitted) continue;
    const cells: Cell[] = [];
    block.rows.forEach((row, r) => block.columns.forEach((col, c) => {
      const { value, raw, unit } = parseValue(fitted[r * width + c].text);
      cells.push({ table: "t4", row: row.id, col: col.id, row_label: row.label, col_label: col.label, value, raw, unit, source: fitted[r * width + c].source });
    }));
    return { cells, warnings: [], variants: [], split: splits ? block.rows.map((r) => r.id) : [] };
  }
  const perBlock = alignRows("t4", tokens, block.rows.map((row) => ({ row, columns: block.columns })), {
    validators: () => eachBlock, headerWords: headerWords(table),
  });
  if (perBlock.rows.size > 0) return { cells: perBlock.cells, warnings: perBlock.warnings, variants: ["per-block"], split: perBlock.split };
  const count = runs.reduce((k, run) => k + run.filter((v) => v.text.trim() !== "").length, 0);
  const cells: Cell[] = [];
  block.rows.forEach((row) => block.columns.forEach((col) => cells.push({
    table: "t4", row: row.id, col: col.id, row_label: row.label, col_label: col.label, value: null, raw: "", unit: null,
    source: `${runs[0][0].source}:unaligned`,
  })));
  return { cells, warnings: [`表四：读到 ${count} 个数值，应为 ${n} 个，无法可靠对齐，表四留空`], variants: [] };
}

/** The runs of value tokens between text tokens. */
function valueRuns(tokens: Token[]): Token[][] {
  const runs: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "value") runs.at(-1)!.push(t);
    else if (runs.at(-1)!.length) runs.push([]);
  }
  return runs.filter((r) => r.length > 0);
}

/** Block and column labels of a table: the words its header is made of. */
function headerWords(table: TableDef): string[] {
  return table.blocks.flatMap((b) => [b.label, ...(b.aliases ?? []), ...b.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])])]);
}

function extraRowWarnings(table: TableId, labels: string[]): string[] {
  return labels.map((l) => `${table}：模板之外的行“${l}”，数值未计入模板单元格`);
}

function trimBlankTail(values: Token[]): Token[] {
  const v = [...values];
  while (v.length && v.at(-1)!.text.trim() === "") v.pop();
  return v;
}
