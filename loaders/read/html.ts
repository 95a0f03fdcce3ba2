// A saved web page → the report's text and its tables. Scripts, styles and page chrome (nav,
// header, footer, share bars) are dropped; block elements become line breaks so the text keeps
// the report's lines; each <table> becomes tab-separated lines in the text and a Grid.
import { parse } from "parse5";
import { denseGrid, type Grid } from "./grid.ts";
import { pushAll } from "../push-all.ts";

export interface HtmlRead {
  text: string;
  tables: Grid[];
  pageDate: string | null;
  url: string | null;
  title: string | null;
  /** Problems that did not stop the reading (a table too large, nesting too deep). */
  warnings: string[];
}

/** Elements nested deeper than this are flattened (their tags dropped, their text kept): parse5
 * checks the open-element stack per tag, so 200,000 nested <div>s took minutes, and the walks
 * here recurse. Real pages nest a few dozen levels. */
export const MAX_HTML_NESTING = 1_000;

// parse5's tree, typed loosely: only the fields read here.
interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  data?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

const SKIP_TAGS = new Set(["script", "style", "noscript", "nav", "header", "footer", "iframe", "svg", "button", "select", "form", "aside", "template", "head"]);
const CHROME_CLASS = /(^|[-_\s])(nav|navbar|breadcrumbs?|crumbs?|position|share|bdshare|footer|foot|topbar|toolbar|menu|copyright|sidebar)([-_\s]|$)/i;
const BLOCK_TAGS = new Set(["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "blockquote", "pre", "hr", "center", "dd", "dt", "dl", "tr", "tbody", "thead"]);
const CHROME_LINE = /^(当前位置|您的位置|您现在的位置|首页\s*[>＞»])|^(分享到|打印本页|关闭窗口|【打印】|【关闭】)/;

export function readHtml(source: string): HtmlRead {
  const warnings: string[] = [];
  const html = limitNesting(source, warnings);
  const doc = parse(html) as unknown as Node;
  const tables: Grid[] = [];
  const parts: string[] = [];
  let title: string | null = null;

  const walk = (node: Node): void => {
    const tag = node.tagName;
    if (node.nodeName === "#text") {
      parts.push((node.value ?? "").replace(/\s+/g, " "));
      return;
    }
    if (tag === "title") title ??= textOf(node).trim();
    if (!tag && node.nodeName !== "#document" && node.nodeName !== "#document-fragment") return;
    if (tag && SKIP_TAGS.has(tag)) return;
    if (tag && isChrome(node)) return;
    if (tag === "table" && !containsTag(node, "table")) {
      const grid = readTable(node, `html:t${tables.length + 1}`, warnings);
      tables.push(grid);
      parts.push("\n");
      pushAll(parts, grid.rows.map((row) => row.map((c) => (c.spanned ? "" : c.text)).join("\t") + "\n"));
      return;
    }
    if (tag && BLOCK_TAGS.has(tag)) parts.push("\n");
    for (const child of node.childNodes ?? []) walk(child);
    if (tag && BLOCK_TAGS.has(tag)) parts.push("\n");
  };
  // <title> lives in <head>, which the walk skips.
  title = findFirst(doc, "title") ? textOf(findFirst(doc, "title")!).trim() || null : null;
  walk(doc);

  const text = parts.join("")
    .split("\n")
    .map((line) => line.replace(/^ +| +$/g, ""))
    .filter((line) => !CHROME_LINE.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, tables, pageDate: pageDate(textOf(doc)), url: savedUrl(html, doc), title, warnings };
}

const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"]);
/** Elements the parser closes by itself when a sibling starts: they do not deepen the tree. */
const SELF_ENDING_TAGS = new Set(["p", "li", "td", "th", "tr", "option", "optgroup", "dd", "dt", "thead", "tbody", "tfoot", "rt", "rp", "colgroup", "caption"]);
const TAG_RE = /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

/** The page with tags past MAX_HTML_NESTING levels dropped (a warning then), else unchanged. One
 * linear pass over the tags; a page within the limit is never rewritten. */
function limitNesting(html: string, warnings: string[]): string {
  // Every tag starts with "<": a page with no more of them than the limit cannot nest past it
  // (a township report page has a few hundred), and needs no pass over its tags.
  let angles = 0;
  for (let at = html.indexOf("<"); at >= 0 && angles <= MAX_HTML_NESTING; at = html.indexOf("<", at + 1)) angles++;
  if (angles <= MAX_HTML_NESTING) return html;
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(TAG_RE)) {
    const tag = m[2].toLowerCase();
    if (VOID_TAGS.has(tag) || SELF_ENDING_TAGS.has(tag) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  if (max <= MAX_HTML_NESTING) return html;
  warnings.push(`网页的元素嵌套过深（${max} 层，上限 ${MAX_HTML_NESTING} 层）：超出部分的结构已忽略，只保留文字`);
  depth = 0;
  return html.replace(TAG_RE, (whole, close: string, name: string, selfClose: string) => {
    const tag = name.toLowerCase();
    if (VOID_TAGS.has(tag) || SELF_ENDING_TAGS.has(tag) || selfClose) return depth >= MAX_HTML_NESTING ? "" : whole;
    if (close) {
      const drop = depth > MAX_HTML_NESTING;
      depth = Math.max(0, depth - 1);
      return drop ? "" : whole;
    }
    return ++depth > MAX_HTML_NESTING ? "" : whole;
  });
}

function readTable(table: Node, source: string, warnings: string[]): Grid {
  const rows: { text: string; rowspan: number; colspan: number }[][] = [];
  const visit = (node: Node): void => {
    if (node.tagName === "table" && node !== table) return; // nested tables: layout, not data
    if (node.tagName === "tr") {
      rows.push((node.childNodes ?? []).filter((c) => c.tagName === "td" || c.tagName === "th").map((cell) => ({
        text: textOf(cell).replace(/\s+/g, " ").trim(),
        rowspan: spanOf(cell, "rowspan"),
        colspan: spanOf(cell, "colspan"),
      })));
      return;
    }
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(table);
  return denseGrid(source, rows, warnings);
}

function spanOf(cell: Node, name: string): number {
  const v = Number.parseInt(attr(cell, name) ?? "1", 10);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 100) : 1;
}

function attr(node: Node, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

function isChrome(node: Node): boolean {
  const cls = `${attr(node, "class") ?? ""} ${attr(node, "id") ?? ""}`;
  return cls.trim() !== "" && CHROME_CLASS.test(cls) && !containsTag(node, "table");
}

function containsTag(node: Node, tag: string): boolean {
  return (node.childNodes ?? []).some((c) => c.tagName === tag || containsTag(c, tag));
}

function findFirst(node: Node, tag: string): Node | null {
  if (node.tagName === tag) return node;
  for (const c of node.childNodes ?? []) {
    const f = findFirst(c, tag);
    if (f) return f;
  }
  return null;
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return node.value ?? "";
  if (node.tagName === "script" || node.tagName === "style") return "";
  return (node.childNodes ?? []).map(textOf).join(node.tagName === "br" ? "\n" : "");
}

/** The publication date a portal prints in the article's meta line (发布日期 / 发布时间 / 日期). */
function pageDate(text: string): string | null {
  const m = /(?:发布日期|发布时间|发文日期|成文日期|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

/** Browsers record where a page was saved from: `<!-- saved from url=(0052)https://… -->`, or a canonical link. */
function savedUrl(html: string, doc: Node): string | null {
  const saved = /saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
  if (saved) return saved[1];
  const links: Node[] = [];
  const collect = (n: Node) => {
    if (n.tagName === "link" || n.tagName === "meta") links.push(n);
    (n.childNodes ?? []).forEach(collect);
  };
  collect(doc);
  for (const n of links) {
    if (n.tagName === "link" && attr(n, "rel") === "canonical") return attr(n, "href") ?? null;
    if (n.tagName === "meta" && attr(n, "property") === "og:url") return attr(n, "content") ?? null;
  }
  return null;
}

/** The charset a page declares in its meta tags, if any (read before decoding). */
export function declaredCharset(head: string): string | null {
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1] ?? null;
}
