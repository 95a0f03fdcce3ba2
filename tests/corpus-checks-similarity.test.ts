// Copied reports (loaders/corpus-checks/similarity): own content, shingles, MinHash/LSH, copies
// between years and between townships, the figures rule and the direction of a copy.
import { describe, expect, it } from "vitest";
import { analyseCorpus } from "../loaders/corpus-checks/index.ts";
import { extractContent, PlaceNames, SEP } from "../loaders/corpus-checks/similarity/content.ts";
import { U32Set, intersectCount, shingles, sortU32, uniqueSorted, fmix32 } from "../loaders/corpus-checks/similarity/hashing.ts";
import { BANDS, ROWS, SIGNATURE_BINS, estimate, lshCandidates, signature } from "../loaders/corpus-checks/similarity/minhash.ts";
import { compareFigures, figures, figuresCarriedOver } from "../loaders/corpus-checks/similarity/figures.ts";
import { reportId } from "../loaders/output/report-id.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { OPENING, TABLE_2021, WORDING, place, rec, report } from "./helpers/corpus-checks-fixtures.ts";

function contentString(text: string, township: string | null, names?: PlaceNames): string {
  const c = extractContent(text, township, false, names);
  let s = "";
  for (let i = 0; i < c.length; i++) s += c.chars[i] === SEP ? "|" : c.chars[i] === 0xe000 ? "Ⓝ" : c.chars[i] === 0xe001 ? "Ⓤ" : String.fromCharCode(c.chars[i]);
  return s;
}

describe("own content", () => {
  it("drops template table lines, even with labels split over two lines", () => {
    const s = contentString(TABLE_2021, null);
    expect(s.replace(/\|/g, "")).toBe("");
  });
  it("drops the header and label pieces a PDF extraction cut and a converter ran together, keeps prose", () => {
    const pieces = ["商业企科研机社会公法律服", "（四）无2.没有现成信息需要另", "法提供行制作", "维持纠正结果审结维持纠正结果审结"].join("\n");
    expect(contentString(pieces, null).replace(/\|/g, "")).toBe("");
    expect(contentString("镇里把茶叶产业园建设作为公开重点", null)).toContain("茶叶产业园");
  });
  it("cuts the statute's wording and the fixed preamble, keeps the report's own prose", () => {
    const s = contentString(OPENING("梅溪镇", 2020) + "梅溪镇把茶叶产业园建设作为公开重点。", "梅溪镇");
    expect(s).not.toContain("中华人民共和国政府信息公开条例");
    expect(s).not.toContain("统计期限");
    expect(s).toContain("把茶叶产业园建设作为公开重点");
  });
  it("ignores digits and masks place names and unit words", () => {
    const names = new PlaceNames(["梅溪镇", "青山县", "石门乡"]);
    expect(contentString("2021年，梅溪镇公开信息101条。", "梅溪镇", names)).toBe("年Ⓝ公开信息条");
    expect(contentString("我镇在青山县门户网站公开", "梅溪镇", names)).toBe(contentString("我乡在青山县门户网站公开", "石门乡", names));
    expect(contentString("石门乡的做法", "梅溪镇", names)).toBe("Ⓝ的做法");
  });
});

describe("hashing and MinHash", () => {
  it("radix sort agrees with the built-in sort", () => {
    const a = new Uint32Array(50_000).map((_, i) => fmix32(i * 2654435761) % 100_000);
    const b = Uint32Array.from(a).sort();
    expect([...sortU32(a)]).toEqual([...b]);
  });
  it("a set of 32-bit keys, zero included", () => {
    const s = new U32Set(10);
    for (const v of [0, 5, 5, 4294967295]) s.add(v);
    expect([s.has(0), s.has(5), s.has(4294967295), s.has(7), s.size]).toEqual([true, true, true, false, 3]);
  });
  it("signature agreement estimates the Jaccard similarity", () => {
    const base = Array.from({ length: 2000 }, (_, i) => fmix32(i + 1));
    const A = Uint32Array.from(base.slice(0, 1500));
    const B = Uint32Array.from(base.slice(500, 2000)); // J = 1000 / 2000 = 0.5
    const sigs = new Uint32Array(2 * SIGNATURE_BINS);
    signature(A, () => true, sigs.subarray(0, SIGNATURE_BINS));
    signature(B, () => true, sigs.subarray(SIGNATURE_BINS));
    expect(Math.abs(estimate(sigs, 0, 1) - 0.5)).toBeLessThan(0.1);
    const u = uniqueSorted(A.slice());
    expect(intersectCount(u, uniqueSorted(B.slice()))).toBe(1000);
  });
  it("LSH finds near-duplicates without comparing all pairs", () => {
    // 400 documents of 600 random shingles; 10 of them copied with 5% of their shingles changed.
    const n = 410;
    const docs: Uint32Array[] = [];
    for (let d = 0; d < 400; d++) docs.push(Uint32Array.from({ length: 600 }, (_, i) => fmix32(d * 100_003 + i * 7 + 1)));
    for (let c = 0; c < 10; c++) docs.push(docs[c * 13].map((h, i) => (i % 20 === 0 ? fmix32(h ^ 0xabcdef) : h)));
    const sigs = new Uint32Array(n * SIGNATURE_BINS);
    docs.forEach((d, i) => signature(d, () => true, sigs.subarray(i * SIGNATURE_BINS, (i + 1) * SIGNATURE_BINS)));
    const cand = lshCandidates(sigs, docs.map((_, i) => i));
    const pairs = new Set<string>();
    for (let k = 0; k < cand.length; k += 2) pairs.add(`${cand[k]}-${cand[k + 1]}`);
    for (let c = 0; c < 10; c++) expect(pairs.has(`${c * 13}-${400 + c}`)).toBe(true);
    expect(pairs.size).toBeLessThan((n * (n - 1)) / 2 / 100); // far fewer than all pairs
  });

  it("LSH gives every pair that agrees on a whole band exactly once, also when far more band hits than fit its buffer arrive", () => {
    // 60 groups of 30 signatures that differ from their group's in 20 random bins: pairs of a group
    // share about half the bands, so ~850,000 band hits for ~26,000 pairs (the buffer starts at 65,536)
    let seed = 7;
    const rand = () => (seed = fmix32(seed + 0x9e3779b9)) / 2 ** 32;
    const groups = 60;
    const copies = 30;
    const n = groups * copies;
    const sigs = new Uint32Array(n * SIGNATURE_BINS);
    for (let g = 0; g < groups; g++) {
      const base = Uint32Array.from({ length: SIGNATURE_BINS }, () => fmix32(Math.floor(rand() * 2 ** 32)));
      for (let c = 0; c < copies; c++) {
        const sig = sigs.subarray((g * copies + c) * SIGNATURE_BINS, (g * copies + c + 1) * SIGNATURE_BINS);
        sig.set(base);
        for (let k = 0; k < 20; k++) sig[Math.floor(rand() * SIGNATURE_BINS)] = fmix32(Math.floor(rand() * 2 ** 32));
      }
    }
    const cand = lshCandidates(sigs, Array.from({ length: n }, (_, i) => i));
    const want: string[] = [];
    let hits = 0;
    // across groups the bins are independent random 32-bit values: no band agrees (got is checked against all pairs of a group)
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < (Math.floor(i / copies) + 1) * copies; j++) {
        let bands = 0;
        for (let b = 0; b < BANDS; b++) {
          let same = true;
          for (let r = 0; r < ROWS && same; r++) same = sigs[i * SIGNATURE_BINS + b * ROWS + r] === sigs[j * SIGNATURE_BINS + b * ROWS + r];
          if (same) bands++;
        }
        hits += bands;
        if (bands) want.push(`${i}-${j}`);
      }
    }
    expect(hits).toBeGreaterThan(4 * 65_536);
    const got: string[] = [];
    for (let k = 0; k < cand.length; k += 2) got.push(`${cand[k]}-${cand[k + 1]}`);
    expect(got.length).toBe(new Set(got).size);
    expect(got.sort()).toEqual(want.sort());
  });
});

describe("figures carried over", () => {
  it("compares the numbers printed in the same place, leaving out places both print 0", () => {
    const a = figures("全年在专栏发布信息101条，收到申请0件，召开恳谈会3场。", []);
    const same = figures("全年在专栏发布信息101条，收到申请0件，召开恳谈会3场。", []);
    const own = figures("全年在专栏发布信息87条，收到申请0件，召开恳谈会5场。", []);
    expect(compareFigures(a, same)).toEqual({ compared: 2, same: 2 });
    expect(compareFigures(a, own)).toEqual({ compared: 2, same: 0 });
    expect(figuresCarriedOver({ compared: 2, same: 0 })).toBe(true); // too few to tell: the wording decides
    expect(figuresCarriedOver({ compared: 6, same: 1 })).toBe(false);
  });
  it("years, dates and numbers without Chinese around them are not figures", () => {
    expect([...figures("2021年1月15日 发布\n- 3 -\n第5页 第二十条第3项 ISBN 978", []).keys()]).toEqual([]);
  });
});

describe("copied reports across the corpus", () => {
  const places = [place("梅溪镇", "青山县"), place("石门乡", "青山县"), place("柳岸街道", "青山县")];
  function corpus(extra: { r: ReportRecord; text: string }[] = []) {
    const base: { r: ReportRecord; text: string }[] = [];
    const figuresOf = (t: string, y: number) => [60 + ((t.length * 7 + y * 3) % 50), 2 + (y % 4), 1 + (y % 3), y % 3];
    for (const t of ["梅溪镇", "石门乡", "柳岸街道"]) for (const y of [2021, 2022, 2023]) {
      // Each year the township writes its own sentences around the same core, with its own figures.
      const own = `${y}年我们还重点做了${["防汛", "秸秆禁烧", "疫情防控"][y - 2021]}信息的发布工作，${["汛期", "夏收", "全年"][y - 2021]}共发布预警${y - 2015}次。`;
      base.push({ r: rec({ file: `${t}/${y}.txt`, township: t, county: "青山县", year: y, template: "template-2021", published_on: `${y + 1}-01-15` }), text: report(t, y, figuresOf(t, y), own) });
    }
    const all = [...base, ...extra];
    return { records: all.map((x) => x.r), texts: all.map((x) => x.text) };
  }
  const fails = (a: ReturnType<typeof analyseCorpus>, rule: string) => a.checks.filter((c) => c.rule === rule && c.status === "fail");

  it("a township's own reports of other years, with new figures, are not copies", () => {
    const { records, texts } = corpus();
    const a = analyseCorpus(records, texts, { places });
    expect(fails(a, "copy_previous_year")).toEqual([]);
    expect(fails(a, "copy_other_township")).toEqual([]);
    expect(a.checks.filter((c) => c.rule === "copy_previous_year" && c.status === "pass")).toHaveLength(9);
  });

  it("last year's report re-dated, figures and all, is a copy of the previous year", () => {
    const copied = report("梅溪镇", 2023, [0, 0, 0, 0]).replace(/.*/s, (report("梅溪镇", 2022, [60 + ((3 * 7 + 2022 * 3) % 50), 2 + (2022 % 4), 1 + (2022 % 3), 2022 % 3],
      "2022年我们还重点做了秸秆禁烧信息的发布工作，夏收共发布预警7次。")).replaceAll("2022年", "2023年").replaceAll("2023年1月15日", "2024年1月15日"));
    const { records, texts } = corpus();
    const i = records.findIndex((r) => r.file === "梅溪镇/2023.txt");
    texts[i] = copied;
    const a = analyseCorpus(records, texts, { places });
    const f = fails(a, "copy_previous_year");
    expect(f.map((x) => x.report_id)).toEqual([reportId("梅溪镇/2023.txt")]);
    expect(f[0].cells).toBe(reportId("梅溪镇/2022.txt"));
    expect(f[0].message).toMatch(/与本乡镇 2022 年度报告.*内容雷同：相似度 (0\.9\d*|1)，共有 \d+ 字，同处数字 \d+\/\d+ 个相同，如“/);
    const row = a.similar.find((s) => s.copy)!;
    expect(row).toMatchObject({ kind: "same_township_other_year", direction: "b_from_a", evidence: "later_year", report_b: reportId("梅溪镇/2023.txt") });
    expect(row.shared_chars).toBeGreaterThan(200);
    expect(texts[i].replace(/\s+/g, "")).toContain(row.sample.replace(/…$/, ""));
    expect(row.sample).toMatch(/征地补偿|茶叶产业园/);
  });

  it("a neighbour's report with the names swapped but one left over: only the copier fails", () => {
    const { records, texts } = corpus();
    const src = texts[records.findIndex((r) => r.file === "梅溪镇/2022.txt")];
    // 石门乡 takes 梅溪镇's report, swaps the name but forgets it once.
    const swapped = src.replaceAll("梅溪镇", "石门乡").replace("石门乡围绕", "梅溪镇围绕");
    const i = records.findIndex((r) => r.file === "石门乡/2022.txt");
    texts[i] = swapped;
    const a = analyseCorpus(records, texts, { places });
    const f = fails(a, "copy_other_township");
    expect(f.map((x) => x.report_id)).toEqual([reportId("石门乡/2022.txt")]);
    expect(f[0].message).toContain("正文仍留有对方乡镇名称");
    expect(a.similar.find((s) => s.copy)).toMatchObject({ kind: "other_township", evidence: "leftover_name" });
    const source = a.checks.find((c) => c.rule === "copy_other_township" && c.report_id === reportId("梅溪镇/2022.txt"))!;
    expect(source).toMatchObject({ status: "pass", cells: reportId("石门乡/2022.txt") });
  });

  it("the same wording with each township's own figures is listed as similar, not failed as a copy", () => {
    const { records, texts } = corpus();
    const i = records.findIndex((r) => r.file === "柳岸街道/2022.txt");
    texts[i] = report("梅溪镇", 2022, [140, 9, 6, 5], "本年度新增便民查询机两台。").replaceAll("梅溪镇", "柳岸街道");
    const a = analyseCorpus(records, texts, { places });
    expect(fails(a, "copy_other_township")).toEqual([]);
    const row = a.similar.find((s) => s.report_b === reportId("柳岸街道/2022.txt") || s.report_a === reportId("柳岸街道/2022.txt"));
    expect(row).toMatchObject({ copy: false });
    expect(row!.similarity).toBeGreaterThanOrEqual(0.5);
    expect(row!.figures_same).toBeLessThan(row!.figures_compared);
  });

  it("two files of one township-year are duplicates, not copies", () => {
    const { records, texts } = corpus();
    const i = records.findIndex((r) => r.file === "梅溪镇/2021.txt");
    records.push({ ...records[i], file: "梅溪镇/2021（附件）.txt" });
    texts.push(texts[i]);
    const a = analyseCorpus(records, texts, { places });
    expect(fails(a, "copy_previous_year")).toEqual([]);
    expect(a.similar.find((s) => s.kind === "same_township_same_year")).toMatchObject({ similarity: 1, copy: false });
    expect(a.checks.filter((c) => c.rule === "duplicate_file")).toHaveLength(2);
  });

  it("reports with only template wording share nothing of their own (skip, never a copy)", () => {
    const t = (n: string) => `${OPENING(n, 2022)}${TABLE_2021}${n}人民政府`;
    const records = ["梅溪镇", "石门乡"].map((n) => rec({ file: `${n}.txt`, township: n, county: "青山县", year: 2022 }));
    const a = analyseCorpus(records, [t("梅溪镇"), t("石门乡")], { places });
    expect(a.similar).toEqual([]);
    expect(a.checks.filter((c) => c.rule.startsWith("copy_")).map((c) => c.status)).toEqual(["skip", "skip", "skip", "skip"]);
  });

  it("every township's wording in the fixtures is its own", () => {
    expect(Object.keys(WORDING)).toHaveLength(3);
  });
});
