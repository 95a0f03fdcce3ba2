// Mirror noise and character forms (report-formats.md §6), normalised before any matching.
import { describe, expect, it } from "vitest";
import { isTraditional, normaliseGrid, normaliseText, stripPinyin } from "../loaders/normalise.ts";

describe("Traditional → Simplified, with Taiwan terms", () => {
  const mirror = "青石鎮人民政府2022年政府資訊公開工作年度報告\n一、總體情況\n全年主動公開政府資訊156條，規範性檔案2件，通過入口網站公開。\n本年新收政府資訊公開申請數量13件，行政複議1件。";
  it("converts a Traditional mirror copy, phrases included", () => {
    expect(isTraditional(mirror)).toBe(true);
    expect(normaliseText(mirror)).toBe("青石镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息156条，规范性文件2件，通过门户网站公开。\n本年新收政府信息公开申请数量13件，行政复议1件。");
  });
  it("keeps a mainland page's own words written in Traditional characters (規範性文件 is not 规范性文档)", () => {
    const page = "拖石鎮2020年政府信息公開工作年度報告\n規範性文件(行政機關制定發布的決定、公告) | 3 | 1 | 12 |\n相關資料已歸檔，規範性檔案2件。";
    expect(normaliseText(page)).toBe("拖石镇2020年政府信息公开工作年度报告\n规范性文件(行政机关制定发布的决定、公告) | 3 | 1 | 12 |\n相关资料已归档，规范性文件2件。");
  });
  it("leaves Simplified text alone, even its Traditional-looking names", () => {
    const simplified = "於潜镇人民政府2022年政府信息公开工作年度报告：乾安县转发的规范性文件3件，资料已归档。";
    expect(isTraditional(simplified)).toBe(false);
    expect(normaliseText(simplified)).toBe(simplified);
  });
  it("a single Traditional character in Simplified text is not a mirror", () => {
    const text = "某镇2022年政府信息公开工作年度报告，全年公开信息120条（含轉載）。";
    expect(normaliseText(text)).toBe(text);
  });
});

describe("inserted pinyin", () => {
  it("is removed after characters", () => {
    expect(normaliseText("青石鎮人民政府2022年政府資訊公開工作年度報(bào)告，文號(hào)為青政發〔2022〕1號")).toBe("青石镇人民政府2022年政府信息公开工作年度报告，文号为青政发〔2022〕1号");
    expect(normaliseText("政府信息公开工作年度报(bào)告")).toBe("政府信息公开工作年度报告");
    expect(stripPinyin("本年新收（shōu）政府信息公开申(shēn)请数量")).toBe("本年新收政府信息公开申请数量");
  });
  it("toneless syllables go only in a text that carries toned ones", () => {
    expect(stripPinyin("收(shōu)到(dao)申(shēn)请(qing)")).toBe("收到申请");
    expect(stripPinyin("附件(a)和附件(b)")).toBe("附件(a)和附件(b)");
    expect(stripPinyin("政务公开(PDF)下载")).toBe("政务公开(PDF)下载");
  });
});

describe("character forms", () => {
  it("full-width digits, letters, decimal point and percent", () => {
    expect(normaliseText("收费１２．５万元，占２０％，ＡＢＣ")).toBe("收费12.5万元，占20%，ABC");
  });
  it("keeps Chinese punctuation and a full stop after a number", () => {
    expect(normaliseText("（一）项：共3件。4月份")).toBe("（一）项：共3件。4月份");
  });
  it("zero-width and bidi characters, odd spaces", () => {
    expect(normaliseText("本\u200b年\u200d新\ufeff收\u202a申请\u00a0数量\u3000 \n")).toBe("本年新收申请 数量\n");
  });
  it("Kangxi radicals and compatibility ideographs from PDF text layers", () => {
    expect(normaliseText("⼀、总体情况；⽂件；⾏政")).toBe("一、总体情况；文件；行政");
    expect(normaliseText("\uf9b4")).toBe("\u{f9b4}".normalize("NFKC"));
  });
  it("is idempotent", () => {
    const text = "青石鎮年度報(bào)告１２．５％\u200b⼀\r\n";
    expect(normaliseText(normaliseText(text))).toBe(normaliseText(text));
  });
});

describe("table cells", () => {
  it("are normalised with the document's Traditional decision", () => {
    const grid = { source: "html:t1", rows: [[{ text: "行政複議", source: "html:t1:r1:c1" }, { text: "１２", source: "html:t1:r1:c2" }], [{ text: "行政複議", source: "html:t1:r1:c1", spanned: true }, { text: "號(hào)", source: "html:t1:r2:c2" }]] };
    expect(normaliseGrid(grid, true).rows.map((r) => r.map((c) => c.text))).toEqual([["行政复议", "12"], ["行政复议", "号"]]);
    expect(normaliseGrid(grid, true).rows[1][0]).toEqual({ text: "行政复议", source: "html:t1:r1:c1", spanned: true });
    expect(normaliseGrid(grid, false).rows[0][0].text).toBe("行政複議");
  });
});

describe("declared charsets", async () => {
  const { declaredCharset } = await import("../loaders/read/html.ts");
  it("come from meta tags and the XML declaration", () => {
    expect(declaredCharset(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)).toBe("gb2312");
    expect(declaredCharset(`<meta charset='GBK'>`)).toBe("GBK");
    expect(declaredCharset(`<?xml version="1.0" encoding="GB18030"?><html>`)).toBe("GB18030");
    expect(declaredCharset(`<html><body>`)).toBeNull();
  });
});
