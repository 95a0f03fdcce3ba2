import { describe, expect, it } from "vitest";
import { readReport } from "../loaders/read/index.ts";
import { decodeBytes } from "../loaders/read/decode.ts";
import { readHtml } from "../loaders/read/html.ts";
import { detectTemplate } from "../loaders/detect-template.ts";
import { normaliseText } from "../loaders/normalise.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decoding", () => {
  it("reads GBK bytes without being told", () => {
    const gbk = Buffer.from("d5c5bcd2c6c2d5f2c8cbc3f1d5feb8ae32303138c4ead5feb8aed0c5cfa2b9abbfaac4eab1a8", "hex");
    expect(decodeBytes(gbk)).toEqual({ text: "张家坡镇人民政府2018年政府信息公开年报", encoding: "gb18030" });
  });
  it("honours BOMs (UTF-8, UTF-16LE)", () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("镇")])).text).toBe("镇");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("年报", "utf16le")]);
    expect(decodeBytes(le)).toEqual({ text: "年报", encoding: "utf-16le" });
  });
});

describe("saved web pages", () => {
  const page = `<!-- saved from url=(0040)https://www.example.gov.cn/xxgk/1234.html -->
<html><head><meta charset="utf-8"><title>某镇2020年报</title><script>var x = "<p>不是正文</p>";</script></head>
<body><nav>首页 &gt; 信息公开</nav><div class="meta">发布日期：2021-01-18 来源：某镇</div>
<h1>某镇2020年政府信息公开工作年度报告</h1><p>正文第一段&nbsp;内容。</p>
<table><tr><td>规章</td><td>0</td></tr></table><footer>版权所有 某县人民政府</footer></body></html>`;
  const read = readHtml(page);

  it("keeps the body and drops scripts, navigation and footer", () => {
    expect(read.text).toContain("某镇2020年政府信息公开工作年度报告");
    expect(read.text).toContain("正文第一段 内容。");
    expect(read.text).not.toContain("不是正文");
    expect(read.text).not.toContain("版权所有");
    expect(read.text).not.toContain("首页");
  });
  it("turns each table into a grid with provenance", () => {
    expect(read.tables).toHaveLength(1);
    expect(read.tables[0].rows[0].map((c) => [c.text, c.source])).toEqual([["规章", "html:t1:r1:c1"], ["0", "html:t1:r1:c2"]]);
  });
  it("keeps the page date and the saved URL", () => {
    expect(read.pageDate).toBe("2021-01-18");
    expect(read.url).toBe("https://www.example.gov.cn/xxgk/1234.html");
  });
});

describe("HTML table spans", () => {
  it("expands rowspan and colspan into a dense grid, marking the copies", () => {
    const { tables } = readHtml(`<table>
      <tr><td rowspan="2">第二十条第（一）项</td><td colspan="2">信息内容</td></tr>
      <tr><td>规章</td><td>&nbsp;</td></tr></table>`);
    const grid = tables[0].rows.map((r) => r.map((c) => (c.spanned ? `(${c.text})` : c.text)));
    expect(grid).toEqual([["第二十条第（一）项", "信息内容", "(信息内容)"], ["(第二十条第（一）项)", "规章", ""]]);
  });
});

describe("files that are not readable reports get a status and a message", () => {
  it.each([
    ["a.txt", new Uint8Array(0), "error", /空文件/],
    ["a.doc", utf8("x"), "unsupported", /\.docx/],
    ["a.wps", utf8("x"), "unsupported", /\.docx/],
    ["a.xyz", utf8("x"), "unsupported", /不支持的文件类型/],
    ["a.txt", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]), "error", /二进制/],
  ])("%s", (name, bytes, kind, message) => {
    const r = readReport(name, bytes);
    expect(r.kind).toBe(kind);
    expect("message" in r ? r.message : "").toMatch(message);
  });
});

describe("template detection from labels, not the year", () => {
  it("finds the 2021 template", () => {
    expect(detectTemplate("2022年……规章 本年制发件数 本年废止件数 现行有效件数").template).toBe("template-2021");
  });
  it("finds a 2022 report still on 2019 labels", () => {
    expect(detectTemplate("某镇2022年政府信息公开工作年度报告 本年新制作数量 本年新公开数量 对外公开总数量").template).toBe("template-2019");
  });
  it("tolerates labels split over lines", () => {
    expect(detectTemplate("信息内容\n本年新\n制作数量\n本年新\n公开数量").template).toBe("template-2019");
  });
  it("calls a report with no table labels free text", () => {
    expect(detectTemplate("2015年，我镇主动公开政府信息120条。政府信息公开工作……").template).toBe("free-text-2008");
  });
  it("does not call an unrelated page a report", () => {
    expect(detectTemplate("关于做好春节期间安全生产工作的通知").template).toBe("unknown");
  });
});

describe("normalisation", () => {
  it("maps full-width digits and removes zero-width characters", () => {
    expect(normaliseText("主动公开１２３条\u200b。\r\n")).toBe("主动公开123条。\n");
  });
});
