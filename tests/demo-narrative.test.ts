// Numbers written in prose, scored on the whole demo corpus against the generator's ground truth
// (data/demo-truth/truth.jsonl): every free-text report, its 附表, and the 一、总体情况 of template
// reports. Prints the accuracy per field and lists every mismatch.
//
// One deliberate difference from the truth file: where a free-text report has a 附表, the truth
// takes active_total and fees from the prose (or nothing, when the prose gives only a channel
// split), while the parser takes the 附表's annual column (a table beats prose; the prose is kept
// as a narrative_vs_table quote). Expected values here follow the parser's rule: the 附表 cell
// when there is one, else the truth's value.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseReport } from "../loaders/parse-report.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { CATEGORIES, CHANNEL_CATEGORY } from "../loaders/categories.ts";
import { tableSummary } from "../loaders/template/summary.ts";

const ROOT = join(import.meta.dirname, "..");
const TRUTH = join(ROOT, "data/demo-truth/truth.jsonl");

interface Fact { key: string; value: number; raw: string }
interface Truth {
  file: string; template: string; rendering: string; edge: string | null;
  active_total: number | null; active_total_approx: boolean | null;
  active_categories: { label: string; category: string; count: number; approx: boolean }[];
  requests_new_total: number | null; requests_carried_total: number | null; requests_handled_total: number | null;
  requests_forward_total: number | null; review_total: number | null; litigation_total: number | null; fees: number | null;
  cells: { table: string; row: string; col: string; value: number | null }[];
  narrative_quotes: Fact[]; cumulative: Fact[]; tables_printed: string[];
  expected_checks: Record<string, "pass" | "fail" | "skip">;
}

const truths: Truth[] = existsSync(TRUTH)
  ? readFileSync(TRUTH, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((t: Truth) => !t.edge)
  : [];
const parsed = new Map<string, ReportRecord>(truths.map((t) => [t.file, parseReport(t.file, readFileSync(join(ROOT, t.file)))]));

const PROSE_FIELDS = ["requests_new_total", "requests_carried_total", "requests_handled_total", "requests_forward_total", "review_total", "litigation_total"] as const;
const cats = (l: { category: string; count: number; approx: boolean }[]) => JSON.stringify(l.map((c) => [c.category, c.count, c.approx]).sort());

/** Field → [expected, got] for one report. */
function compare(t: Truth): Record<string, [unknown, unknown]> {
  const r = parsed.get(t.file)!;
  const appendix = (row: string) => t.cells.find((c) => c.table === "appendix" && c.row === row && c.col === "year")?.value ?? null;
  const out: Record<string, [unknown, unknown]> = {
    active_total: [appendix("active_total") ?? t.active_total, r.active_total],
    active_total_approx: [appendix("active_total") !== null ? false : t.active_total_approx, r.active_total_approx],
    active_categories: [cats(t.active_categories), cats(r.active_categories)],
    fees: [appendix("fees") ?? t.fees, r.fees],
  };
  if (t.template === "free-text-2008") {
    for (const f of PROSE_FIELDS) out[f] = [t[f], r[f]];
  } else {
    const quotes = (r.evidence ?? []).filter((e) => e.field.startsWith("narrative.")).map((e) => [e.field.slice(10), e.value]);
    out.narrative_quotes = [JSON.stringify(t.narrative_quotes.map((q) => [q.key, q.value]).sort()), JSON.stringify(quotes.sort())];
    // A table left empty: its totals come from the prose (the tables' own values are scored in demo-tables).
    for (const f of PROSE_FIELDS) if (!t.tables_printed.includes(f.startsWith("requests") ? "t3" : "t4")) out[f] = [t[f], r[f]];
  }
  return out;
}

describe.skipIf(truths.length === 0)("narrative numbers on the demo corpus", () => {
  const rows = truths.map((t) => ({ t, fields: compare(t) }));

  it("extracts every ground-truth value (free-text reports, 附表, template 一、总体情况)", () => {
    const score = new Map<string, { ok: number; n: number }>();
    const misses: string[] = [];
    for (const { t, fields } of rows) {
      for (const [field, [exp, got]] of Object.entries(fields)) {
        const s = score.get(field) ?? { ok: 0, n: 0 };
        s.n++;
        if (JSON.stringify(exp) === JSON.stringify(got)) s.ok++;
        else misses.push(`${t.file} [${t.rendering}] ${field}: truth ${JSON.stringify(exp)}, parsed ${JSON.stringify(got)}`);
        score.set(field, s);
      }
    }
    const lines = [...score].map(([f, s]) => `  ${f.padEnd(24)} ${s.ok}/${s.n} (${((100 * s.ok) / s.n).toFixed(1)}%)`);
    console.log(`demo corpus, narrative fields (${rows.length} reports):\n${lines.join("\n")}${misses.length ? `\nmismatches:\n  ${misses.join("\n  ")}` : ""}`);
    expect(misses).toEqual([]);
  });

  it("never takes a cumulative figure, a channel split or a percentage as the year's total", () => {
    const bad: string[] = [];
    for (const t of truths) {
      const r = parsed.get(t.file)!;
      if (r.active_total === null) continue;
      const year = t.cells.find((c) => c.table === "appendix" && c.row === "active_total" && c.col === "year")?.value ?? t.active_total;
      if (r.active_total !== year) bad.push(`${t.file}: ${r.active_total}`);
    }
    expect(bad).toEqual([]);
  });

  it("uses the truth's category names (loaders/categories.ts: the nine topics, and 发布渠道 for a breakdown by channel)", () => {
    const names = new Set(truths.flatMap((t) => t.active_categories.map((c) => c.category)));
    expect([...names].filter((n) => !(CATEGORIES as readonly string[]).includes(n) && n !== CHANNEL_CATEGORY)).toEqual([]);
    expect(names.has(CHANNEL_CATEGORY)).toBe(true);
  });

  it("flags a stated total that disagrees with its categories, and prose that disagrees with the tables", () => {
    const wrong: string[] = [];
    for (const t of truths) {
      const r = parsed.get(t.file)!;
      for (const rule of ["total_vs_categories", "narrative_vs_table"]) {
        const exp = t.expected_checks[rule];
        const mine = r.checks.filter((c) => c.rule === rule).map((c) => c.status);
        const got = mine.includes("fail") ? "fail" : mine[0];
        if (!exp || exp === got) continue;
        // A table the template parser could not read (glued digits) leaves nothing to compare: skip.
        // (The record may hold the prose's figure there, loaders/narrative/apply.ts: the cells decide.)
        const fromCells = tableSummary(r.cells) as Record<string, number | null>;
        if (rule === "narrative_vs_table" && got === "skip" && t.narrative_quotes.every((q) => (fromCells[q.key] ?? null) === null)) continue;
        wrong.push(`${t.file} ${rule}: truth ${exp}, parsed ${got ?? "absent"}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("records evidence for every number it takes from prose", () => {
    const missing: string[] = [];
    for (const t of truths) {
      const r = parsed.get(t.file)!;
      const ev = new Set((r.evidence ?? []).map((e) => `${e.field}=${e.value}`));
      const fields = t.template === "free-text-2008" ? ["active_total", "fees", ...PROSE_FIELDS] : ["active_total", "fees"];
      for (const f of fields) {
        const v = r[f as keyof ReportRecord];
        if (v !== null && !ev.has(`${f}=${v}`)) missing.push(`${t.file} ${f}=${v}`);
      }
      for (const c of r.active_categories) if (!ev.has(`active_categories.${c.label}=${c.count}`)) missing.push(`${t.file} ${c.label}`);
    }
    expect(missing).toEqual([]);
  });
});
