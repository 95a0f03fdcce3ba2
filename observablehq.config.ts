// Observable Framework configuration for the 年报通 dashboard.
// Everything must work on intranets without internet: no outside URLs, no web fonts,
// no DuckDB extension downloads (see tools/offline-seed.ts for the npm side).

// Set here rather than in the npm scripts so it also works under Windows cmd.exe.
process.env.OBSERVABLE_TELEMETRY_DISABLE ??= "true";

// (Framework percent-encodes the attribute itself; single quotes keep it a valid HTML attribute.)
const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>" +
  "<rect x='1' y='8' width='4' height='7' fill='rgb(230,159,0)'/><rect x='6' y='4' width='4' height='11' fill='rgb(86,180,233)'/>" +
  "<rect x='11' y='1' width='4' height='14' fill='rgb(0,114,178)'/></svg>";

export default {
  title: "年报通 · nianbao",
  root: "src",
  // The default global stylesheet loads a Google web font; src/style.css uses system CJK fonts instead.
  globalStylesheets: [],
  style: "style.css",
  // Pages using sql/DuckDBClient would otherwise make the build download the json and parquet extensions.
  duckdb: { extensions: { json: null, parquet: null } },
  pages: [
    { name: "总览", path: "/" },
    { name: "乡镇对比", path: "/compare" },
    { name: "公开内容", path: "/content" },
    { name: "依申请公开", path: "/applications" },
    { name: "数据质量", path: "/quality" },
    { name: "核查与整改", path: "/review" },
    { name: "报告详情", path: "/report" },
    { name: "数据浏览与导出", path: "/explore" },
    { name: "分析笔记示例", path: "/notebook" }
  ],
  search: false,
  // Framework prints its pager in English ("Next page"); the sidebar already lists every page.
  pager: false,
  toc: false,
  // lang=zh-CN makes browsers pick Simplified Chinese glyph forms; the inline icon stops the
  // browser from requesting /favicon.ico (a 404 on most intranet servers).
  head:
    `<script>document.documentElement.lang = "zh-CN";</script>\n` +
    `<link rel="icon" href="data:image/svg+xml,${FAVICON_SVG}">`,
  footer: "年报通 · 乡镇政府信息公开工作年度报告分析 · 离线版：所有数据与程序均在本机，不访问互联网。"
};
