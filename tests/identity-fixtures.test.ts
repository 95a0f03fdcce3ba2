// Identity (level and unit, township, county, year, publication date) on hand-written fixtures, one per phrasing
// pattern of real copies: tests/fixtures/identity/NN-name.txt, and NN-name.json with what must be
// read (fields; sources; warnings that must be given). Every fixture goes through parseReport with
// the national gazetteer, as the CLI does; the texts and figures are our own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../loaders/parse-report.ts";
import type { ReportRecord } from "../loaders/types.ts";

const DIR = join(import.meta.dirname, "fixtures", "identity");

interface Expect {
  pattern: string;
  fields: Partial<Record<"level" | "unit" | "township" | "county" | "city" | "province" | "code" | "year" | "published_on", string | number | null>>;
  sources?: Record<string, string>;
  warnings?: string[];
}

const fixtures = readdirSync(DIR).filter((f) => /^\d{2}-.*\.(txt|html)$/.test(f)).sort();

describe("identity fixtures: one per phrasing pattern", () => {
  for (const file of fixtures) {
    const exp: Expect = JSON.parse(readFileSync(join(DIR, file.replace(/\.(txt|html)$/, ".json")), "utf8"));
    it(`${file}: ${exp.pattern}`, () => {
      const record = parseReport(file, readFileSync(join(DIR, file)));
      for (const [k, v] of Object.entries(exp.fields)) expect(record[k as keyof ReportRecord], k).toEqual(v);
      for (const [k, v] of Object.entries(exp.sources ?? {})) expect(record.identity_sources?.[k], `source of ${k}`).toBe(v);
      for (const w of exp.warnings ?? []) expect(record.warnings.join("\n"), `warning “${w}”`).toContain(w);
    });
  }
});
