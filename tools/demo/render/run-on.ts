// A page scraped into one run of text (a crawler's page.txt): a few lines of the crawler's own
// (title, 发布时间, 来源, a separator), then the whole report as ONE line — headings glued to the
// prose after them, every table cell glued to its neighbours and to the labels, a space here and
// there where a &nbsp; stood (an empty cell, or padding the page put into a cell).
import type { Block, Doc, TableModel } from "../doc.ts";
import type { Rng } from "../rng.ts";
import type { PageInfo } from "./html.ts";

export interface RunOnOptions {
  page: PageInfo;
  crlf: boolean;
}

/** One table's cells in a run; `padding` is the share of value cells the page padded with &nbsp;. */
function tableRun(t: TableModel, padding: number, r: Rng): string {
  let out = "";
  for (const row of t.rows) {
    for (const c of row) {
      // An empty cell held an &nbsp;: it leaves one space (runs of spaces collapse when scraped).
      const text = c.text === "" ? " " : c.text.replace(/\n/g, "");
      out += text;
      if (c.role === "value" && c.text !== "" && r.chance(padding)) out += " ";
    }
  }
  return out.replace(/ {2,}/g, " ");
}

function blockRun(b: Block, padding: number, r: Rng): string {
  switch (b.kind) {
    case "title":
    case "heading":
    case "para":
    case "caption":
      return b.text;
    case "table":
      return tableRun(b.table, padding, r);
    case "image":
      return "";
    case "signature":
      return b.date ? `${b.name}${r.chance(0.5) ? " " : ""}${b.date}` : b.name;
  }
}

function header(doc: Doc, p: PageInfo, r: Rng): { lines: string[]; source: boolean } {
  const titleKey = r.pick(["标题", "页面标题", "文章标题"]);
  const dateKey = r.pick(["发布时间", "发布日期"]);
  const lines = [`${titleKey}：${doc.title}`, `${dateKey}：${p.date}`];
  const source = r.chance(0.8);
  if (source) lines.push(`来源：${p.source}`);
  lines.push(r.pick(["--------", "==========", "正文：", "------------------------------"]));
  return { lines, source };
}

/** The text, and whether the crawler's lines name the page's 来源. */
export function runOnText(doc: Doc, o: RunOnOptions, r: Rng): { text: string; source: boolean } {
  const padding = r.pick([0, 0.08, 0.25]);
  const withTitle = r.chance(0.6);
  const pieces = doc.blocks
    .filter((b) => withTitle || b.kind !== "title")
    .map((b) => blockRun(b, padding, r))
    .filter((s) => s !== "");
  // Block boundaries: mostly nothing between them, sometimes the space a <p> or a <td> left.
  let body = pieces[0] ?? "";
  for (const piece of pieces.slice(1)) body += (r.chance(0.3) ? " " : "") + piece;
  const head = header(doc, o.page, r);
  const text = [...head.lines, body.replace(/ {2,}/g, " ").trim()].join("\n") + "\n";
  return { text: o.crlf ? text.replace(/\n/g, "\r\n") : text, source: head.source };
}
