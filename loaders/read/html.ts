// A saved web page → the report's text. Scripts, styles and page chrome (nav, header, footer)
// are dropped; block elements and table cells become line breaks so that the text keeps the
// report's lines. The page's 发布日期 and saved URL are kept for identity.

export interface HtmlText {
  text: string;
  pageDate: string | null;
  url: string | null;
  title: string | null;
}

const DROP_ELEMENTS = /<(script|style|noscript|nav|header|footer|iframe|svg|button|select|form)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAGS = /<\/?(p|div|br|h[1-6]|li|ul|ol|tr|table|tbody|thead|section|article|blockquote|pre|hr)\b[^>]*>/gi;
const CELL_TAGS = /<\/?(td|th)\b[^>]*>/gi;

export function htmlToText(html: string): HtmlText {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? null;
  const url = savedUrl(html);
  const body = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(DROP_ELEMENTS, "\n")
    .replace(/<head\b[\s\S]*?<\/head>/i, "\n")
    .replace(CELL_TAGS, "\t")
    .replace(BLOCK_TAGS, "\n")
    .replace(/<[^>]+>/g, "");
  const text = decodeEntities(body)
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, pageDate: pageDate(decodeEntities(html.replace(/<[^>]+>/g, " "))), url, title: title && decodeEntities(title).trim() };
}

/** The publication date a portal prints in the article's meta line (发布日期 / 发布时间 / 日期). */
function pageDate(text: string): string | null {
  const m = /(?:发布日期|发布时间|发文日期|日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

/** Browsers record where a page was saved from: `<!-- saved from url=(0052)https://… -->`, or a canonical link. */
function savedUrl(html: string): string | null {
  const saved = /saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
  if (saved) return saved[1];
  const canonical = /<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']/i.exec(html);
  if (canonical) return canonical[1];
  const og = /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(html);
  return og ? og[1] : null;
}

const NAMED: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", ldquo: "“", rdquo: "”", mdash: "—", middot: "·", hellip: "…", ensp: " ", emsp: " ", times: "×" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/** The charset a page declares in its meta tags, if any. */
export function declaredCharset(head: string): string | null {
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}
