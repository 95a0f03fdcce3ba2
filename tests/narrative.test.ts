// Numbers written in prose (loaders/narrative): one hand-written fixture per phrasing pattern in
// tests/fixtures/narrative/ (NN-name.txt, and NN-name.json with what must be read: fields,
// categories as written, checks, warnings, evidence, and numbers that must NOT be taken).
// Every fixture goes through parseReport, so normalisation (Traditional → Simplified …) applies.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../loaders/parse-report.ts";
import { normaliseText } from "../loaders/normalise.ts";
import type { ReportRecord } from "../loaders/types.ts";

const DIR = join(import.meta.dirname, "fixtures", "narrative");

interface Expect {
  pattern: string;
  template?: string;
  fields?: Record<string, number | boolean | null>;
  categories?: [string, string, number, boolean][];
  checks?: Record<string, "pass" | "fail" | "skip" | "absent">;
  warnings?: string[];
  evidence?: [string, number][];
  not_values?: number[];
}

const fixtures = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

function parse(name: string): { record: ReportRecord; text: string } {
  const bytes = readFileSync(join(DIR, name));
  return { record: parseReport(name, bytes), text: normaliseText(new TextDecoder().decode(bytes)) };
}

const NUMERIC_FIELDS = [
  "active_total", "requests_new_total", "requests_carried_total", "requests_handled_total", "requests_forward_total",
  "review_total", "litigation_total", "fees",
] as const;
const TABLE_FIELDS = new Set<string>(NUMERIC_FIELDS.filter((k) => k !== "active_total" && k !== "fees"));

describe("narrative fixtures: one per phrasing pattern", () => {
  it("has at least 40 of them", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of fixtures) {
    const exp: Expect = JSON.parse(readFileSync(join(DIR, file.replace(/\.txt$/, ".json")), "utf8"));
    it(`${file}: ${exp.pattern}`, () => {
      const { record, text } = parse(file);
      if (exp.template) expect(record.template).toBe(exp.template);
      for (const [k, v] of Object.entries(exp.fields ?? {})) expect(record[k as keyof ReportRecord], k).toEqual(v);
      if (exp.categories) {
        expect(record.active_categories.map((c) => [c.label, c.category, c.count, c.approx])).toEqual(exp.categories);
      }
      for (const [rule, status] of Object.entries(exp.checks ?? {})) {
        const found = record.checks.filter((c) => c.rule === rule).map((c) => c.status);
        if (status === "absent") expect(found, rule).toEqual([]);
        else expect(found, rule).toContain(status);
      }
      for (const w of exp.warnings ?? []) expect(record.warnings.join("\n"), `warning “${w}”`).toContain(w);
      const evidence = record.evidence ?? [];
      for (const [field, value] of exp.evidence ?? []) {
        expect(evidence.some((e) => e.field === field && e.value === value), `evidence ${field}=${value}`).toBe(true);
      }
      // Every number that was taken records where it stands.
      for (const k of NUMERIC_FIELDS) {
        const v = record[k];
        if (v === null || (exp.fields && !(k in exp.fields))) continue;
        if (record.template.startsWith("template") && TABLE_FIELDS.has(k)) continue; // from the tables: cells carry their source
        expect(evidence.some((e) => e.field === k && e.value === v), `evidence for ${k}=${v}`).toBe(true);
      }
      const lines = text.split("\n");
      for (const e of evidence) {
        const line = lines[e.line - 1];
        expect(line, `line ${e.line} of ${e.field}`).toBeDefined();
        expect(e.start).toBeGreaterThanOrEqual(1);
        expect(e.end).toBeGreaterThanOrEqual(e.start);
        expect(e.end).toBeLessThanOrEqual(line.length);
        expect(line.slice(e.start - 1, e.end), `${e.field} span`).toMatch(/\d|[零〇一二两三四五六七八九十百千万无没未不免]/);
        expect(e.snippet.length).toBeGreaterThan(0);
      }
      const taken = [
        ...NUMERIC_FIELDS.map((k) => record[k]),
        ...record.active_categories.map((c) => c.count),
      ];
      for (const bad of exp.not_values ?? []) expect(taken, `${bad} must not be taken`).not.toContain(bad);
    });
  }
});

describe("the real seed report (张家坡镇 2018)", () => {
  const bytes = readFileSync(join(import.meta.dirname, "..", "data", "reports", "real", "zhangjiapo-2018.txt"));
  const r = parseReport("zhangjiapo-2018.txt", bytes);
  it("reads 182 with its five categories, fees 0, reviews 0, and invents no application count", () => {
    expect(r.active_total).toBe(182);
    expect(r.active_total_approx).toBe(false);
    expect(r.active_categories.map((c) => [c.label, c.count])).toEqual([
      ["机构职能", 1], ["政策法规", 8], ["规划工作", 6], ["业务工作", 88], ["其他信息", 79],
    ]);
    expect(r.fees).toBe(0);
    expect(r.review_total).toBe(0);
    expect(r.litigation_total).toBe(0);
    expect([r.requests_new_total, r.requests_carried_total, r.requests_handled_total, r.requests_forward_total]).toEqual([null, null, null, null]);
    expect(r.checks.find((c) => c.rule === "total_vs_categories")?.status).toBe("pass");
  });
  it("records the line and span of 182", () => {
    const e = r.evidence?.find((x) => x.field === "active_total");
    const line = normaliseText(new TextDecoder().decode(bytes)).split("\n")[e!.line - 1];
    expect(line.slice(e!.start - 1, e!.end)).toBe("182条");
  });
});
