// The supervisor's review files (loaders/review): decisions and corrections read from the reports
// folder, applied after parsing, the same in the CLI's --out and in the site's tables.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import {
  correctionsCsv, decisionsCsv, parseCorrectionsCsv, parseDecisionsCsv, DECISIONS_FILE, CORRECTIONS_FILE, DECISION_WORDS,
} from "../loaders/review/review-files.ts";
import { cellsTag, findingId, parseFindingId, rowKey } from "../loaders/review/finding-id.ts";
import { parseSiteCorpusWithTexts } from "../loaders/site-parse.ts";
import { siteCorpus } from "../loaders/site-corpus.ts";
import { analyseWithReview } from "../loaders/review/index.ts";
import { readReviewFiles } from "../loaders/review/read-review-files.ts";
import { writeTables } from "../loaders/output/write-tables.ts";
// @ts-expect-error plain browser JS module without types
import { DECISION_LABELS } from "../src/components/review-model.js";
import { gazetteer } from "../loaders/identity/gazetteer.ts";

const BIN = join(import.meta.dirname, "..", "bin", "nianbao.mjs");
const DEMO_COUNTY = join(import.meta.dirname, "..", "data", "reports", "demo", "桐川县");
type Row = Record<string, string>;
const table = (dir: string, name: string): Row[] => Papa.parse<Row>(readFileSync(join(dir, name), "utf8"), { header: true, skipEmptyLines: true }).data;

function cliOut(folder: string, extra: string[] = []): string {
  const out = mkdtempSync(join(tmpdir(), "nianbao-review-out-"));
  const r = spawnSync(process.execPath, [BIN, "parse", folder, "--out", out, "--quiet", "--no-cache", ...extra], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe("the review files' format", () => {
  it("writes UTF-8 with a BOM and a Chinese header, and reads back what it wrote", () => {
    const row = { finding_id: "abc:t3_balance:t3.new.total", report_id: "r1", file: "a/b.txt", township: "梅林镇", year: "2024", rule: "t3_balance", decision: "dismissed" as const, note: "印刷无误，合计含“其他”", by: "张三", date: "2026-12-01" };
    const text = decisionsCsv([row]);
    expect(text.startsWith("\uFEFF核查编号,报告编号,")).toBe(true);
    expect(text).toContain(",排除,");
    const back = parseDecisionsCsv(text);
    expect(back.problems).toEqual([]);
    expect(back.rows).toHaveLength(1);
    const { at, ...fields } = back.rows[0];
    expect(fields).toEqual(row);
    expect(at).toContain("第 2 行");
  });

  it("takes English headers and the long words, and says which rows it could not use", () => {
    const text = "finding_id,decision,note\nx:r:c,排除（误报）,ok\ny:r:c,也许,?\n,确认,\n";
    const { rows, problems } = parseDecisionsCsv(text, "核查记录.csv");
    expect(rows.map((r) => r.decision)).toEqual(["dismissed"]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining("第 3 行：结论“也许”无法识别"),
      expect.stringContaining("第 4 行：没有核查编号"),
    ]);
    expect(parseDecisionsCsv("a,b\n1,2\n").problems[0].message).toContain("缺少列：核查编号、结论");
  });

  it("the pages' decision words are the loader's", () => {
    expect(DECISION_LABELS).toEqual(Object.fromEntries(Object.entries(DECISION_WORDS).map(([k, w]) => [k, w.label])));
  });

  it("round-trips corrections", () => {
    const row = { report_id: "r1", content_hash: "0123456789abcdef", file: "x.txt", township: "", year: "", target: "t3.new.total", original: "5", value: "6", reason: "原表合计抄错", by: "李四", date: "2026-12-01" };
    const { rows } = parseCorrectionsCsv(correctionsCsv([row]));
    const { at: _at, ...fields } = rows[0];
    expect(fields).toEqual(row);
  });

  it("keeps finding ids short and their cells part stable", () => {
    const many = Array.from({ length: 20 }, (_, i) => `t3.row${i}.total`).join(" ");
    const id = findingId("0123456789abcdef", "t3_outcome_sum", many);
    expect(id.length).toBeLessThan(70);
    const parsed = parseFindingId(id)!;
    expect(parsed.rule).toBe("t3_outcome_sum");
    expect(rowKey("r1", parsed.rule, parsed.cells)).toBe(rowKey("r1", "t3_outcome_sum", many));
    expect(cellsTag("t3.new.total")).toBe("t3.new.total");
    expect(parseFindingId("abc:copy_other_township:r123:t3.a.b")).toEqual({ hash: "abc", rule: "copy_other_township", cells: "r123:t3.a.b" });
  });
});

describe("the CLI's review options", () => {
  const folder = mkdtempSync(join(tmpdir(), "nianbao-review-cli-"));
  cpSync(join(DEMO_COUNTY, "梅林镇"), join(folder, "梅林镇"), { recursive: true });

  it("--decisions and --corrections need --out, and a missing file is named", () => {
    const noOut = spawnSync(process.execPath, [BIN, "parse", folder, "--decisions", join(folder, "x.csv")], { encoding: "utf8" });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("--decisions 和 --corrections 需要与 --out 一起使用");
    const missing = spawnSync(process.execPath, [BIN, "parse", folder, "--out", join(folder, "o"), "--decisions", join(folder, "没有这个文件.csv")], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("找不到：");
  });

  it("a decisions file named on the command line (any name, outside the folder) is applied; bad rows are said", () => {
    const before = cliOut(folder);
    const f = table(before, "findings.csv").find((x) => x.status === "fail" && x.report_id)!;
    const file = join(mkdtempSync(join(tmpdir(), "nianbao-review-file-")), "my-review.csv");
    writeFileSync(file, decisionsCsv([
      { finding_id: f.finding_id, report_id: f.report_id, file: "", township: "", year: "", rule: f.rule, decision: "fixed", note: "已补正", by: "甲", date: "2026-12-02" },
    ]) + "x:y:z,,,,,,也许,,,\r\n");
    const out = mkdtempSync(join(tmpdir(), "nianbao-review-out-"));
    const r = spawnSync(process.execPath, [BIN, "parse", folder, "--out", out, "--quiet", "--decisions", file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("第 3 行：结论“也许”无法识别");
    const after = table(out, "findings.csv").find((x) => x.finding_id === f.finding_id)!;
    expect(after.decision).toBe("fixed");
    // 已整改 changes no score
    const score = (dir: string) => table(dir, "quality.csv").find((q) => q.level === "report" && q.report_id === f.report_id)!.score;
    expect(score(out)).toBe(score(before));
  });

  it("a dismissed missing report no longer scores the township-year 0", () => {
    // the whole county, so that coverage counts its townships' years
    const county = mkdtempSync(join(tmpdir(), "nianbao-review-missing-"));
    cpSync(DEMO_COUNTY, join(county, "桐川县"), { recursive: true });
    const gone = join(county, "桐川县", "梅林镇");
    const files = readdirSync(gone).filter((n) => /2015/.test(n));
    expect(files.length).toBeGreaterThan(0);
    for (const n of files) rmSync(join(gone, n));
    const before = cliOut(county);
    const missing = table(before, "findings.csv").find((x) => x.rule === "report_missing" && x.year === "2015")!;
    expect(missing.finding_id).toBe("missing:桐川县|梅林镇|2015");
    const tyScore = (dir: string) => table(dir, "quality.csv").find((q) => q.level === "township_year" && q.township === "梅林镇" && q.year === "2015")!;
    expect(tyScore(before)).toMatchObject({ score: "0", rule: "report_missing" });
    writeFileSync(join(county, DECISIONS_FILE), decisionsCsv([
      { finding_id: missing.finding_id, report_id: "", file: "", township: "梅林镇", year: "2015", rule: "report_missing", decision: "dismissed", note: "当年未设该镇", by: "乙", date: "2026-12-02" },
    ]));
    const after = cliOut(county);
    expect(tyScore(after)).toMatchObject({ score: "100", rule: "" });
    expect(table(after, "findings.csv").find((x) => x.finding_id === missing.finding_id)!.decision).toBe("dismissed");
  });
});

describe("decisions and corrections on the demo's 桐川县 (CLI --out and the site's tables)", () => {
  const folder = mkdtempSync(join(tmpdir(), "nianbao-review-"));
  cpSync(DEMO_COUNTY, join(folder, "桐川县"), { recursive: true });
  const before = cliOut(folder);
  const findings = table(before, "findings.csv");
  const reports = table(before, "reports.csv");
  const quality = table(before, "quality.csv");
  const reportOf = (id: string) => reports.find((r) => r.report_id === id)!;
  const scoreOf = (q: Row[], id: string) => Number(q.find((r) => r.level === "report" && r.report_id === id)!.score);

  // a report whose only failed check is one row of t2_rules_township (so dismissing it lifts the rule's deduction)
  const target = findings.find((f) => f.rule === "t2_rules_township" && f.status === "fail" &&
    findings.filter((g) => g.report_id === f.report_id && g.rule === f.rule).length === 1)!;
  // a report failing t3_balance on the 总计 column: corrected so that the balance holds
  const balance = findings.find((f) => f.rule === "t3_balance" && f.cells.startsWith("t3.new.total ") && f.report_id !== target.report_id)!;
  const cells = table(before, "cells.csv").filter((c) => c.report_id === balance.report_id);
  const cell = (row: string) => Number(cells.find((c) => c.table === "t3" && c.row === row && c.col === "total")!.value);
  const fixedNew = cell("total") + cell("carry_forward") - cell("carried");

  writeFileSync(join(folder, DECISIONS_FILE), decisionsCsv([
    { finding_id: target.finding_id, report_id: target.report_id, file: reportOf(target.report_id).file, township: target.township, year: target.year, rule: target.rule, decision: "dismissed", note: "测试：误报", by: "测试员", date: "2026-12-02" },
  ]));
  writeFileSync(join(folder, CORRECTIONS_FILE), correctionsCsv([
    { report_id: balance.report_id, content_hash: reportOf(balance.report_id).content_hash, file: reportOf(balance.report_id).file, township: "", year: "", target: "t3.new.total", original: String(cell("new")), value: String(fixedNew), reason: "测试：本年新收抄错", by: "测试员", date: "2026-12-02" },
  ]));
  const after = cliOut(folder);

  it("found the findings the test needs", () => {
    expect(target).toBeTruthy();
    expect(balance).toBeTruthy();
    expect(fixedNew).not.toBe(cell("new"));
  });

  it("a dismissed finding stays listed as dismissed and no longer deducts from the score or counts as failed", () => {
    const f = table(after, "findings.csv").find((x) => x.finding_id === target.finding_id)!;
    expect(f.decision).toBe("dismissed");
    expect(f.decision_note).toBe("测试：误报");
    expect(f.review_state).toBe("decided");
    const weight = Number(quality.find((q) => q.report_id === target.report_id && q.level === "report" && q.rule === "t2_rules_township")!.points);
    expect(weight).toBeGreaterThan(0);
    const q2 = table(after, "quality.csv");
    expect(scoreOf(q2, target.report_id)).toBe(Math.min(100, scoreOf(quality, target.report_id) + weight));
    expect(q2.some((q) => q.report_id === target.report_id && q.rule === "t2_rules_township")).toBe(false);
    const r2 = table(after, "reports.csv").find((r) => r.report_id === target.report_id)!;
    expect(Number(r2.n_checks_failed)).toBe(Number(reportOf(target.report_id).n_checks_failed) - 1);
    expect(table(after, "decisions.csv")[0].state).toBe("applied");
  });

  it("a correction is applied before the checks: the cell, its source, the headline figure and the rule follow", () => {
    const c2 = table(after, "cells.csv").find((c) => c.report_id === balance.report_id && c.table === "t3" && c.row === "new" && c.col === "total")!;
    expect(Number(c2.value)).toBe(fixedNew);
    expect(c2.source).toContain("更正（测试员，2026-12-02：测试：本年新收抄错）；原值 " + cell("new"));
    const r2 = table(after, "reports.csv").find((r) => r.report_id === balance.report_id)!;
    expect(Number(r2.requests_new_total)).toBe(fixedNew);
    const checks2 = table(after, "checks.csv").filter((c) => c.report_id === balance.report_id && c.rule === "t3_balance");
    expect(checks2.some((c) => c.status === "fail" && c.cells.startsWith("t3.new.total "))).toBe(false);
    const corr = table(after, "corrections.csv");
    expect(corr).toHaveLength(1);
    expect(corr[0]).toMatchObject({ state: "applied", original_value: String(cell("new")), value: String(fixedNew), target: "t3.new.total" });
  });

  it("the site's tables from the same folder are the CLI's", async () => {
    const corpus = siteCorpus({ NIANBAO_REPORTS: folder, NIANBAO_CACHE_DIR: join(folder, ".cache") });
    expect(corpus.review.map((f) => f.split("/").pop()).sort()).toEqual([CORRECTIONS_FILE, DECISIONS_FILE].sort());
    expect(corpus.files.some((f) => f.endsWith(".csv"))).toBe(false);
    const { records, texts, places } = await parseSiteCorpusWithTexts(corpus, { NIANBAO_REPORTS: folder, NIANBAO_CACHE_DIR: join(folder, ".cache"), NIANBAO_JOBS: "1" });
    const { analysis, review } = analyseWithReview(records, texts, { places, gazetteer: gazetteer() }, readReviewFiles(corpus.review));
    const site = writeTables(records, analysis, review);
    for (const name of ["findings.csv", "quality.csv", "corrections.csv", "decisions.csv"]) {
      // the site names files relative to the project; the CLI as given: compare all but the file columns
      const strip = (text: string) => Papa.parse<Row>(text, { header: true }).data.map(({ file, ...rest }) => rest);
      expect(strip(site[name]), name).toEqual(strip(readFileSync(join(after, name), "utf8")));
    }
  }, 60_000);

  it("a report changed since: its decisions and corrections are not applied and say 报告已更新，需重新核查", () => {
    appendFileSync(join(folder, reportOf(target.report_id).file.slice(folder.length + 1)), "\n（本报告于发布后修改）\n");
    appendFileSync(join(folder, reportOf(balance.report_id).file.slice(folder.length + 1)), "\n（本报告于发布后修改）\n");
    const changed = cliOut(folder);
    const f = table(changed, "findings.csv").filter((x) => x.report_id === target.report_id && x.rule === "t2_rules_township");
    expect(f).toHaveLength(1);
    expect(f[0].decision).toBe("");
    expect(f[0].review_state).toBe("stale");
    expect(table(changed, "decisions.csv")[0].state).toBe("stale");
    const corr = table(changed, "corrections.csv");
    expect(corr[0].state).toBe("stale");
    expect(corr[0].message).toContain("报告已更新，需重新核查");
    const r = table(changed, "reports.csv").find((x) => x.report_id === balance.report_id)!;
    expect(r.warnings).toContain("报告已更新（内容已改变），需重新核查");
    expect(Number(r.requests_new_total)).toBe(cell("new"));
  });
});
