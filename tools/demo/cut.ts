// A truncated copy of a template report (a page whose download or scrape stopped): the text ends
// right after section 二's or 三's heading, or inside a table — after a whole row, in the middle of
// the next row's first label. The cut is made on the document, so the truth keeps exactly what is
// left: the cells of the rows printed in full, the facts whose words are still there, no signature.
import { Facts, type Block, type Doc, type TableModel } from "./doc.ts";
import type { Rng } from "./rng.ts";

/** Put where the text stops (one character: no wrapping can split it); the file is cut there. */
export const CUT_MARK = "\u0000";

export function cutAtMark(text: string): string {
  const at = text.indexOf(CUT_MARK);
  if (at < 0) throw new Error("cut mark not rendered");
  return text.slice(0, at);
}

export interface CutResult {
  doc: Doc;
  tables: TableModel[];
  facts: Facts;
  /** Where the text stops, for the record: "heading:t2", "t3:row:5" … */
  where: string;
}

/** The table's first `rows` grid rows, then the first characters of the next row's first cell. */
function cutTable(t: TableModel, rows: number, r: Rng): TableModel {
  const kept = t.rows.slice(0, rows);
  const valueCells = kept.reduce((n, row) => n + row.filter((c) => c.role === "value").length, 0);
  const next = t.rows[rows][0];
  const chars = [...next.text.replace(/\n/g, "")];
  // The stub keeps a word of the label: a bare "4" (of "4.保护…") where a label starts would read as
  // one more value of the row above, and that row would no longer be fully visible.
  const word = chars.findIndex((c) => /[\u4e00-\u9fff]/.test(c));
  const partial = chars.slice(0, r.int(word + 1, Math.max(word + 1, chars.length - 1))).join("");
  const stub = { ...next, text: partial + CUT_MARK, role: "label" as const };
  return { ...t, rows: [...kept.map((row) => row.map((c) => ({ ...c }))), [stub]], cells: t.cells.slice(0, valueCells) };
}

/** First grid row that holds values (the header rows come before it). */
function firstValueRow(t: TableModel): number {
  return t.rows.findIndex((row) => row.some((c) => c.role === "value"));
}

function keptFacts(f: Facts, blocks: Block[]): Facts {
  const text = blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
  const out = Object.assign(new Facts(), structuredClone({ ...f }));
  const there = (raw: string | null) => raw !== null && text.includes(raw);
  out.other = f.other.filter((x) => there(x.raw));
  out.narrativeQuotes = f.narrativeQuotes.filter((x) => there(x.raw));
  if (!there(f.feesRaw)) {
    out.fees = null;
    out.feesRaw = null;
  }
  return out;
}

/**
 * Cut a template report. Section 一 is always whole; the table sections' headings are found by the
 * tables after them.
 */
export function cutReport(doc: Doc, facts: Facts, r: Rng): CutResult {
  const at = (table: string) => doc.blocks.findIndex((b) => b.kind === "table" && b.table.table === table);
  const where = r.weighted([["heading:t2", 15], ["t2", 30], ["heading:t3", 10], ["t3", 35], ["t4", 10]] as const);
  const [kind, table] = where.startsWith("heading:") ? ["heading", where.slice(8)] : ["table", where];
  const ti = at(table);
  if (ti < 0) throw new Error(`no table ${table} to cut at`);
  const blocks = doc.blocks.slice(0, ti).map((b) => ({ ...b }));
  const tables = blocks.filter((b): b is Extract<Block, { kind: "table" }> => b.kind === "table").map((b) => b.table);
  let mark: string;
  if (kind === "heading") {
    const h = blocks[blocks.length - 1];
    if (h.kind !== "heading") throw new Error("a table without its heading");
    blocks[blocks.length - 1] = { ...h, text: h.text + CUT_MARK };
    mark = where;
  } else {
    const t = (doc.blocks[ti] as Extract<Block, { kind: "table" }>).table;
    // Table 四 has one row of values: it is cut in its header. The others after at least one value row.
    const first = firstValueRow(t);
    const rows = table === "t4" ? r.int(1, first - 1) : r.int(first + 1, t.rows.length - 1);
    const cut = cutTable(t, rows, r);
    blocks.push({ kind: "table", table: cut });
    if (cut.cells.length) tables.push(cut);
    mark = `${table}:row:${rows}`;
  }
  return { doc: { title: doc.title, blocks }, tables, facts: keptFacts(facts, blocks), where: mark };
}
