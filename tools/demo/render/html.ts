// Saved HTML pages: a county portal's page chrome (nav, breadcrumb 当前位置, meta line with
// 发布日期, share buttons, footer with 版权所有 and an ICP number) around the report body, with
// real <table>s (rowspan/colspan, &nbsp; cells). Three CMS styles; the portal is redesigned in 2017.
import type { Block, Doc, TableModel } from "../doc.ts";
import type { County } from "../places.ts";

export interface PageInfo {
  county: County;
  township: string;
  /** The value of 发布日期 (YYYY-MM-DD), with an optional time after it. */
  date: string;
  time: string | null;
  source: string;
  views: number;
  /** 索引号 of the info box (style b), else null. */
  indexNo: string | null;
  icp: string;
  siteCode: string;
  style: "a" | "b" | "c";
}

export interface HtmlOptions {
  /** Word-exported markup: <p><span> inside cells, MsoNormal paragraphs. */
  wordish: boolean;
  headingTag: "strong" | "h3";
  imageBase: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function cellHtml(text: string, wordish: boolean): string {
  if (text === "") return "&nbsp;";
  const inner = text.split("\n").map(esc).join("<br/>");
  return wordish ? `<p align="center">${inner}</p>` : inner;
}

export function tableHtml(t: TableModel, o: HtmlOptions): string {
  const lines = [`<table border="1" cellspacing="0" cellpadding="0" width="100%" class="xxgk-table">`, "<tbody>"];
  for (const row of t.rows) {
    const tds = row.map((c) => {
      const attrs = `${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ""}`;
      return `<td${attrs}>${cellHtml(c.text, o.wordish && c.role === "value")}</td>`;
    });
    lines.push(`<tr>${tds.join("")}</tr>`);
  }
  lines.push("</tbody>", "</table>");
  return lines.join("\n");
}

function blockHtml(b: Block, o: HtmlOptions): string {
  switch (b.kind) {
    case "title":
      return `<p style="text-align:center;"><strong>${esc(b.text)}</strong></p>`;
    case "heading":
      return o.headingTag === "h3" ? `<h3>${esc(b.text)}</h3>` : `<p><strong>${esc(b.text)}</strong></p>`;
    case "para":
      return o.wordish
        ? `<p class="MsoNormal" style="text-indent:2em;"><span>${esc(b.text)}</span></p>`
        : `<p style="text-indent:2em;">${esc(b.text)}</p>`;
    case "caption":
      return `<p style="text-align:center;">${esc(b.text)}</p>`;
    case "table":
      return tableHtml(b.table, o);
    case "image":
      return `<p style="text-align:center;"><img src="${o.imageBase}${b.name}.png" alt="" width="640"/></p>`;
    case "signature":
      return [`<p style="text-align:right;">${esc(b.name)}</p>`, b.date ? `<p style="text-align:right;">${esc(b.date)}</p>` : ""]
        .filter(Boolean).join("\n");
  }
}

export function bodyHtml(doc: Doc, o: HtmlOptions, skipTitle: boolean): string {
  return doc.blocks.filter((b) => !(skipTitle && b.kind === "title")).map((b) => blockHtml(b, o)).join("\n");
}

function nav(p: PageInfo): string {
  const items = ["首页", `走进${p.county.short}`, "政务公开", "政务服务", "互动交流", "专题专栏"];
  return `<ul class="nav">${items.map((x, i) => `<li><a href="${i === 0 ? "/" : `/col/col${1200 + i}/index.html`}">${x}</a></li>`).join("")}</ul>`;
}

function breadcrumb(p: PageInfo): string {
  return `<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/xzjd/">乡镇（街道）</a> &gt; <a href="/xxgk/xzjd/${p.siteCode.slice(-3)}/">${esc(p.township)}</a> &gt; 政府信息公开年报</div>`;
}

function metaLine(p: PageInfo): string {
  const when = p.time ? `${p.date} ${p.time}` : p.date;
  return p.style === "c"
    ? `<div class="info"><span>发布日期：${when}</span><span>来源：${esc(p.source)}</span><span>浏览次数：${p.views}</span></div>`
    : `<div class="info">发布日期：${when}&nbsp;&nbsp;&nbsp;&nbsp;来源：${esc(p.source)}&nbsp;&nbsp;&nbsp;&nbsp;浏览次数：<span id="views">${p.views}</span>&nbsp;&nbsp;&nbsp;&nbsp;字号：<a>大</a> <a>中</a> <a>小</a></div>`;
}

function infoBox(p: PageInfo, title: string): string {
  if (!p.indexNo) return "";
  return [
    `<table class="xxgk-info" width="100%">`,
    `<tr><td>索引号：</td><td>${p.indexNo}</td><td>发布机构：</td><td>${esc(p.source)}</td></tr>`,
    `<tr><td>主题分类：</td><td>其他</td><td>生成日期：</td><td>${p.date}</td></tr>`,
    `<tr><td>名称：</td><td colspan="3">${esc(title)}</td></tr>`,
    `<tr><td>文号：</td><td>无</td><td>有效性：</td><td>有效</td></tr>`,
    `</table>`,
  ].join("\n");
}

function footer(p: PageInfo): string {
  return [
    `<div class="footer">`,
    `<p>版权所有：${p.county.name}人民政府办公室&nbsp;&nbsp;主办：${p.county.name}人民政府办公室&nbsp;&nbsp;承办：${p.county.name}大数据中心</p>`,
    `<p>网站标识码：${p.siteCode}&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/" target="_blank">${p.icp}</a>&nbsp;&nbsp;岚公网安备 ${p.siteCode}01号</p>`,
    `<p>建议使用1366×768分辨率浏览本站</p>`,
    `</div>`,
  ].join("\n");
}

export function pageHtml(doc: Doc, p: PageInfo, o: HtmlOptions, skipTitle: boolean, bodyOverride?: string): string {
  const title = doc.title;
  const head = [
    "<!DOCTYPE html>",
    `<html lang="zh-CN">`,
    "<head>",
    `<meta charset="utf-8"/>`,
    `<meta http-equiv="X-UA-Compatible" content="IE=edge"/>`,
    `<title>${esc(title)}_${p.county.name}人民政府</title>`,
    `<meta name="SiteName" content="${p.county.name}人民政府"/>`,
    `<meta name="ArticleTitle" content="${esc(title)}"/>`,
    `<meta name="PubDate" content="${p.date}${p.time ? ` ${p.time}` : ""}"/>`,
    `<meta name="ContentSource" content="${esc(p.source)}"/>`,
    `<link rel="stylesheet" href="/css/${p.style === "a" ? "main" : "xxgk"}.css"/>`,
    "</head>",
  ];
  const bodyTop = p.style === "a"
    ? [`<body>`, `<div class="top"><div class="logo">${p.county.name}人民政府</div>${nav(p)}</div>`, breadcrumb(p)]
    : [`<body class="page-xxgk">`, `<div id="header"><img src="/images/logo.png" alt="${p.county.name}人民政府"/></div>`, `<div id="menu">${nav(p)}</div>`, breadcrumb(p)];
  const article = [
    `<div class="article">`,
    infoBox(p, title),
    `<h1 class="title">${esc(title)}</h1>`,
    metaLine(p),
    `<div class="content" id="zoom">`,
    bodyOverride ?? bodyHtml(doc, o, skipTitle),
    `</div>`,
    `<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a> <a class="qq">QQ空间</a></div>`,
    `<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>`,
    `</div>`,
  ].filter(Boolean);
  return [...head, ...bodyTop, ...article, footer(p), "</body>", "</html>", ""].join("\n");
}

/** A page of the county portal that is not a report (a 通知), for the edge cases. */
export function noticeHtml(p: PageInfo, reportYear: number): string {
  const title = `关于做好${reportYear}年度政府信息公开工作年度报告编制和发布工作的通知`;
  const body = [
    `<p>各乡镇人民政府、街道办事处，${p.county.level === "区" ? "区" : p.county.level === "县" ? "县" : "市"}政府各部门：</p>`,
    `<p style="text-indent:2em;">根据《中华人民共和国政府信息公开条例》规定，现就做好${reportYear}年度政府信息公开工作年度报告编制和发布工作通知如下：</p>`,
    `<p style="text-indent:2em;">一、各单位要严格按照国务院办公厅印发的年度报告格式编制，确保数据准确、内容完整。</p>`,
    `<p style="text-indent:2em;">二、年度报告须于${reportYear + 1}年1月31日前在本单位政府信息公开专栏发布，并报${p.county.name}政务公开办公室备案。</p>`,
    `<p style="text-indent:2em;">三、对未按时发布或内容不规范的单位，将在年度考核中予以通报。</p>`,
    `<p style="text-align:right;">${p.county.name}政务公开办公室</p>`,
    `<p style="text-align:right;">${p.date}</p>`,
  ].join("\n");
  const doc: Doc = { title, blocks: [] };
  return pageHtml(doc, { ...p, source: `${p.county.name}政务公开办公室` }, { wordish: false, headingTag: "strong", imageBase: "" }, true, body);
}
