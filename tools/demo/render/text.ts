// Plain-text renderings: what copy/paste or PDF/Word extraction leaves of a report. Paragraph
// indents, optional hard wrapping with page numbers (PDF), optional page lines of a saved web page,
// tables flattened by one of the layouts in flatten.ts, pictures of tables gone without a trace.
import type { Doc, TableModel } from "../doc.ts";
import { wrapW } from "../format.ts";
import type { Rng } from "../rng.ts";
import { flatten, type TableLayout } from "./flatten.ts";
import type { PageInfo } from "./html.ts";

export interface TextOptions {
  layout: TableLayout;
  indent: string;
  blankBetween: boolean;
  /** Hard-wrap paragraphs at this display width (PDF extraction), or null. */
  wrap: number | null;
  pageNumbers: boolean;
  /** Text saved from a web page keeps the breadcrumb and the meta line. */
  page: PageInfo | null;
  crlf: boolean;
  sigIndent: number;
  /** Header labels broken over two lines ("本年新\n制作数量"). */
  splitHeaders: boolean;
}

/** A copy of the table whose longer header cells are split in two lines. */
function splitHeads(t: TableModel): TableModel {
  const rows = t.rows.map((row) => row.map((c) => {
    const chars = [...c.text];
    if (c.role !== "head" || chars.length < 6 || c.text.includes("\n")) return c;
    const at = Math.floor(chars.length / 2);
    return { ...c, text: `${chars.slice(0, at).join("")}\n${chars.slice(at).join("")}` };
  }));
  return { ...t, rows };
}

export function docText(doc: Doc, o: TextOptions, r: Rng): string {
  const out: string[] = [];
  const gap = () => { if (o.blankBetween) out.push(""); };
  let sincePage = 0;
  let pageNo = 1;
  const push = (lines: string[], breakable: boolean) => {
    for (const l of lines) {
      out.push(l);
      sincePage++;
    }
    if (o.pageNumbers && breakable && sincePage > 40) {
      out.push("", `- ${pageNo} -`, "");
      pageNo++;
      sincePage = 0;
    }
  };
  if (o.page) {
    out.push(`当前位置：首页 > 政府信息公开 > 乡镇（街道） > ${o.page.township} > 政府信息公开年报`, "");
  }
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "title":
        push([o.wrap ? `            ${b.text}` : b.text], false);
        if (o.page) {
          out.push(`发布日期：${o.page.date}${o.page.time ? ` ${o.page.time}` : ""}    来源：${o.page.source}    浏览次数：${o.page.views}`);
        }
        gap();
        break;
      case "heading":
        push([b.text], false);
        gap();
        break;
      case "para": {
        const text = o.indent + b.text;
        push(o.wrap ? wrapW(text, o.wrap) : [text], true);
        gap();
        break;
      }
      case "caption":
        push([b.text], false);
        gap();
        break;
      case "table":
        push(flatten(o.splitHeaders && b.table.table !== "appendix" ? splitHeads(b.table) : b.table, o.layout, r), false);
        gap();
        break;
      case "image":
        break;
      case "signature": {
        const pad = " ".repeat(o.sigIndent);
        out.push("");
        push([`${pad}${b.name}`], false);
        if (b.date) push([`${pad}${b.date}`], false);
        break;
      }
    }
  }
  if (o.page) out.push("", "【打印本页】【关闭窗口】", `版权所有：${o.page.county.name}人民政府办公室  ${o.page.icp}`);
  while (out.length && out[out.length - 1] === "") out.pop();
  const text = out.join("\n") + "\n";
  return o.crlf ? text.replace(/\n/g, "\r\n") : text;
}
