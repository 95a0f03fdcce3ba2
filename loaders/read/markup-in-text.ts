// A page's HTML held in a text file: a crawler's page.txt whose body is the page source, or a .js
// file that carries the report as a string literal (document.write("<p style=\"…\">…</p>\n<table>…"),
// var content = '…'). Such a file is read as the page it holds, tables included.

/** Tags of page markup (not a stray "<中华人民共和国…格式>" left in the text). */
const TAG = /<\/?(?:p|div|span|table|tbody|thead|tr|td|th|br|font|strong|b|img|a|h[1-6]|ul|ol|li|section|article|center|col|colgroup)\b[^<>]{0,400}>/gi;
/** A text with at least this many tags, making up this share of it, is markup. */
const MIN_TAGS = 8;
const MIN_TAG_SHARE = 0.05;

/** The HTML a text holds (string-literal escapes undone), or null when it is not markup. */
export function markupInText(text: string): string | null {
  const tags = text.match(TAG);
  if (!tags || tags.length < MIN_TAGS) return null;
  const share = tags.reduce((n, t) => n + t.length, 0) / text.length;
  if (share < MIN_TAG_SHARE) return null;
  if (!escaped(text)) return text;
  // The literal's content: from the first tag to the last (the script around it is not the page's).
  const html = unescapeLiteral(text);
  const first = html.search(TAG);
  const last = [...html.matchAll(TAG)].at(-1)!;
  return html.slice(first, last.index! + last[0].length);
}

/** Markup inside a string literal: attributes with escaped quotes, line breaks written as \n. */
function escaped(text: string): boolean {
  const quotes = text.match(/=\\["']/g)?.length ?? 0;
  const breaks = text.match(/\\[nrt]/g)?.length ?? 0;
  const lessThan = text.match(/\\u003c|\\x3c/gi)?.length ?? 0;
  return quotes + breaks + lessThan >= 3;
}

/** JavaScript/JSON string escapes undone: \" \' \\ \/ \n \r \t \uXXXX \xXX. */
function unescapeLiteral(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt"'\\/])/g, (_, e: string) => {
    if (e[0] === "u" || e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e;
  });
}
