// A page's HTML held in a text file: a crawler's page.txt (a few lines of its own, then the page
// source or the page's <body>), or a script that writes the article body as an escaped string
// literal (document.write("…") / var content = "…";) — quotes escaped, line breaks as \n.
import type { Rng } from "../rng.ts";

export interface CrawlerLines {
  title: string;
  /** When the crawler fetched the page (not a date of the report). */
  fetched: string;
}

/** page.txt: the crawler's lines, then the whole source or only what is inside <body>. */
export function pageSourceText(pageHtml: string, c: CrawlerLines, r: Rng): string {
  const body = pageHtml.replace(/^[\s\S]*?<body[^>]*>\n?/i, "").replace(/<\/body>[\s\S]*$/i, "");
  const lines = [`${r.pick(["标题", "页面标题"])}：${c.title}`];
  if (r.chance(0.7)) lines.push(`抓取时间：${c.fetched}`);
  lines.push(r.pick(["==== 正文 ====", "---- 页面源码 ----", "正文："]));
  return `${lines.join("\n")}\n${r.chance(0.6) ? body : pageHtml}`;
}

/** content.js: the article's HTML as a string literal, written into the page by a script. */
export function scriptText(articleHtml: string, r: Rng): string {
  let literal = JSON.stringify(articleHtml);
  // Some publishers escape every closing tag's slash (<\/p>) so the literal cannot end the script.
  if (r.chance(0.4)) literal = literal.replace(/<\//g, "<\\/");
  return r.chance(0.5)
    ? `document.write(${literal});\n`
    : `var content = ${literal};\ndocument.getElementById("zoom").innerHTML = content;\n`;
}
