// Where tables 二, 三 and 四 stand: lines of the normalised text between section headings, and
// which of a file's real tables (grids) is which.
import type { TableId } from "../types.ts";
import type { Grid } from "../read/grid.ts";
import type { Line } from "./tokens.ts";
import type { TemplateDef } from "../templates/schema.ts";
import { runOnLines } from "./run-on.ts";

interface SectionMark {
  table: TableId | "end";
  /** Index of the heading line (for an anchor: the line before the table's first label). */
  line: number;
}

/** A heading is a short line; the same words inside a sentence of 一、总体情况 are not one. */
const MAX_HEADING = 40;
const HEADINGS: { table: TableId | "end"; test: RegExp }[] = [
  // Anchored at both ends: a hard-wrapped sentence of the preamble that lists the sections
  // ("…主动公开政府信息情况、收到和处理政府信息公开申请情况") is not a heading.
  { table: "t2", test: /^主动公开政府信息(的)?情况$/ },
  { table: "t3", test: /^收到和处理政府信息公开申请(的)?情况$/ },
  // also the free-text era's wording, kept by some template reports: 因政府信息公开申请行政复议、提起行政诉讼的情况
  { table: "t4", test: /^因?(政府信息公开)?(被?申请)?行政复议[、和及，,]?(提起)?行政诉讼(的)?情况$/ },
  { table: "end", test: /^[五六5-6][、.．](存在的主要问题|政府信息公开工作存在的主要问题|其他需要报告的事项)/ },
];
/** When a heading was lost, the first label of the table marks where it starts. */
const ANCHORS: { table: TableId; test: RegExp }[] = [
  { table: "t2", test: /第二十条第|信息内容/ },
  { table: "t3", test: /申请人情况|本年新收政府信息公开申请/ },
  { table: "t4", test: /^行政复议/ },
];

export function locateRegions(text: string, template?: TemplateDef): { regions: Partial<Record<TableId, Line[]>>; headings: Set<TableId> } {
  const raw: Line[] = text.split("\n").map((t, i) => ({ number: i + 1, text: t }));
  const lines = template ? runOnLines(raw, template) : raw;
  // marks hold indexes into `lines`
  const marks: SectionMark[] = [];
  const headings = new Set<TableId>();
  lines.forEach((line, i) => {
    const compact = line.text.replace(/\s+/g, "");
    if (compact.length === 0 || compact.length > MAX_HEADING) return;
    const body = compact.replace(/^[一二三四五六七八九十\d]+[、.．]/, "");
    const h = HEADINGS.find((h) => h.test.test(h.table === "end" ? compact : body));
    if (h && !marks.some((m) => m.table === h.table)) {
      marks.push({ table: h.table, line: i });
      if (h.table !== "end") headings.add(h.table);
    }
  });
  for (const anchor of ANCHORS) {
    if (marks.some((m) => m.table === anchor.table)) continue;
    const after = Math.max(-1, ...marks.filter((m) => m.table !== "end" && m.table < anchor.table).map((m) => m.line));
    const hit = lines.findIndex((l, i) => i > after && anchor.test.test(l.text.replace(/\s+/g, "")));
    if (hit >= 0) marks.push({ table: anchor.table, line: hit - 1 });
  }
  marks.sort((a, b) => a.line - b.line);
  const regions: Partial<Record<TableId, Line[]>> = {};
  marks.forEach((m, i) => {
    if (m.table === "end") return;
    const end = marks[i + 1]?.line ?? lines.length;
    regions[m.table] = lines.slice(m.line + 1, end);
  });
  return { regions, headings };
}

/** Which official table a real table is, from the labels it contains. */
export function classifyGrid(grid: Grid): TableId | null {
  const compact = grid.rows.flat().filter((c) => !c.spanned).map((c) => c.text).join("").replace(/\s+/g, "");
  if (/本年新收|予以公开|上年结转|上年转结/.test(compact)) return "t3";
  if (/结果维持/.test(compact) && /行政复议/.test(compact)) return "t4";
  if (/第二十条|规章/.test(compact) && /(规范性文件|行政许可|行政处罚)/.test(compact)) return "t2";
  return null;
}
