// The geometry of PDF pages, on hand-made runs and rules (no pdfjs): lines, ruled tables with
// spans, tables continued on the next page, paragraphs re-joined, page numbers dropped.
import { describe, expect, it } from "vitest";
import { layoutPages, type PageInput, type Rule, type TextRun } from "../loaders/read/pdf-layout.ts";

const run = (str: string, x0: number, y0: number, size = 10): TextRun => ({ str, x0, x1: x0 + str.length * size, y0, y1: y0 + size, size });
const page = (n: number, runs: TextRun[], rules: Rule[] = []): PageInput => ({ page: n, width: 595, height: 842, runs, rules });
const h = (y: number, x0: number, x1: number): Rule => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, x1: x, y0, y1 });
const spans = (rows: { text: string; spanned?: boolean }[][]) => rows.map((r) => r.map((c) => (c.spanned ? `^${c.text}` : c.text)));

/** A ruled grid: rows of cells with their x-ranges; `merged` lists cells (r,c) that have no right border. */
function box(x: number[], y: number[], noRight: [number, number][] = [], noBottom: [number, number][] = []): Rule[] {
  const rules: Rule[] = [];
  for (let r = 0; r < y.length - 1; r++) {
    for (let c = 0; c < x.length - 1; c++) {
      if (r === 0) rules.push(h(y[0], x[c], x[c + 1]));
      if (c === 0) rules.push(v(x[0], y[r], y[r + 1]));
      if (!noRight.some(([a, b]) => a === r && b === c)) rules.push(v(x[c + 1], y[r], y[r + 1]));
      if (!noBottom.some(([a, b]) => a === r && b === c)) rules.push(h(y[r + 1], x[c], x[c + 1]));
    }
  }
  return rules;
}

describe("lines", () => {
  it("orders runs by x, puts tabs in wide gaps, no spaces from justified CJK", () => {
    const { text } = layoutPages([page(1, [run("总计", 300, 100), run("规章", 72, 100), run("0", 200, 100), run("邮", 72, 130), run("编：", 86, 130), run("223100", 110, 130), run("2024", 72, 160), run("年", 115, 160)])]);
    expect(text.split("\n")).toEqual(["规章\t0\t总计", "邮编：223100", "2024 年"]);
  });
  it("drops overprinted duplicates (fake bold) and page numbers", () => {
    const { text } = layoutPages([page(1, [run("一、总体情况", 72, 100), run("一、总体情况", 72.4, 100.3), run("- 3 -", 280, 800)])]);
    expect(text).toBe("一、总体情况");
  });
});

describe("ruled tables", () => {
  it("a missing border is a span; text goes to the cell under it", () => {
    // 3 columns × 3 rows; row 0: one cell over all columns; column 0: rows 1–2 merged.
    const x = [72, 172, 272, 372];
    const y = [100, 120, 140, 160];
    const rules = box(x, y, [[0, 0], [0, 1]], [[1, 0]]);
    const runs = [run("第二十条第（一）项", 80, 105, 8), run("规章", 80, 125, 8), run("1", 180, 125), run("2", 280, 125), run("3", 180, 145), run("4", 280, 145)];
    const { tables, text } = layoutPages([page(1, runs, rules)]);
    expect(tables).toHaveLength(1);
    expect(spans(tables[0].rows)).toEqual([
      ["第二十条第（一）项", "^第二十条第（一）项", "^第二十条第（一）项"],
      ["规章", "1", "2"],
      ["^规章", "3", "4"],
    ]);
    expect(tables[0].rows[2][2].source).toBe("pdf:p1:t1:r3:c3");
    expect(text.split("\n")).toEqual(["第二十条第（一）项\t\t", "规章\t1\t2", "\t3\t4"]);
  });
  it("wrapped text in a cell is joined without spaces; vertical labels read top to bottom", () => {
    const x = [72, 100, 300];
    const y = [100, 150, 200];
    const runs = [run("三", 80, 105), run("、", 80, 117), run("本", 80, 129), run("（二）部分公开（区分处理的，只计这一情", 102, 105, 8), run("形，不计其他情形）", 102, 117, 8)];
    const { tables } = layoutPages([page(1, runs, box(x, y, [], [[0, 0]]))]);
    expect(spans(tables[0].rows)).toEqual([["三、本", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], ["^三、本", ""]]);
  });
  it("a table that ends a page and goes on at the top of the next is one grid; an empty top cell continues the label", () => {
    const x = [72, 150, 250, 350];
    const p1 = page(1, [run("上文", 72, 60), run("三、本年度", 75, 705, 8), run("（一）予以公开", 152, 705, 8), run("6", 260, 705), run("（二）部分公开", 152, 725, 8), run("1", 260, 725), run("- 1 -", 280, 800)], box(x, [700, 720, 740], [], [[0, 0]]));
    const p2 = page(2, [run("（三）不予公开", 152, 75, 8), run("0", 260, 75), run("下文", 72, 120)], box(x, [70, 90]));
    const { tables, text, pageStarts } = layoutPages([p1, p2]);
    expect(tables.map((t) => t.source)).toEqual(["pdf:p1:t1+p2:t1"]);
    expect(spans(tables[0].rows)).toEqual([
      ["三、本年度", "（一）予以公开", "6"],
      ["^三、本年度", "（二）部分公开", "1"],
      ["^三、本年度", "（三）不予公开", "0"],
    ]);
    expect(tables[0].rows[2][0]).toMatchObject({ spanned: true, source: "pdf:p1:t1:r1:c1" });
    expect(tables[0].rows[2][1]).toMatchObject({ text: "（三）不予公开", source: "pdf:p2:t1:r1:c2" });
    // The text keeps each part on its own page.
    expect(text.slice(pageStarts[1]).split("\n").filter(Boolean)).toEqual(["\t（三）不予公开\t0", "下文"]);
  });
});

describe("paragraphs", () => {
  it("wrapped lines are joined, also across a page break; indented lines start paragraphs", () => {
    const full = (s: string) => s.padEnd(40, "文");
    const p1 = page(1, [run("（一）主动公开情况。", 92, 100), run(full("全年"), 72, 120), run(full("继续"), 72, 140), run("结束。", 72, 160), run("（二）依申请公开。", 92, 180), run(full("收到申请"), 72, 200)]);
    const p2 = page(2, [run("3119件。", 72, 80), run("（三）其他。", 92, 100)]);
    const { text, pageStarts } = layoutPages([p1, p2]);
    expect(text.split("\n")).toEqual([
      "（一）主动公开情况。",
      full("全年") + full("继续") + "结束。",
      "（二）依申请公开。",
      full("收到申请") + "3119件。",
      "（三）其他。",
    ]);
    expect(text.slice(pageStarts[1])).toMatch(/^3119件。/);
  });
});
