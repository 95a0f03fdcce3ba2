// The parser on the real development set (../shared/real-dev: real township report pages and whole
// real reports with hand labels, read from there, never copied). Runs the set's own scorer on the CLI
// and holds the line this project reached: precision first, recall not below what was measured.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEV = join(import.meta.dirname, "..", "..", "shared", "real-dev");
const present = existsSync(join(DEV, "score.mjs"));
if (!present) console.warn(`[real-dev] ${DEV} is absent: the scores on real reports are not checked`);

interface Tally { n: number; ok: number; wrong: number; missing: number }
interface Mistake { id: string; field: string; expected: unknown; actual: unknown; kind: "missing" | "wrong" }

/** Precision may not drop below 99.5%; recall not below what the parser reached on the development set
 * (issue 10: excerpts 692/701 with 0 wrong, whole reports 579/579). A change may raise these, never lower them. */
const FLOOR = {
  excerpts: { precision: 0.995, recall: 0.987 },
  full: { precision: 0.995, recall: 1 },
};

function score(): { tally: Record<string, Tally>; mistakes: Mistake[] } {
  const out = join(mkdtempSync(join(tmpdir(), "nianbao-real-dev-")), "score.json");
  execFileSync(process.execPath, [join(DEV, "score.mjs"), "--json", out], { cwd: join(import.meta.dirname, ".."), stdio: "ignore", timeout: 600_000 });
  return JSON.parse(readFileSync(out, "utf8"));
}

function sum(tally: Record<string, Tally>, full: boolean) {
  const fields = Object.keys(tally).filter((f) => f.startsWith("full_") === full);
  const s = fields.reduce((a, f) => ({ n: a.n + tally[f].n, ok: a.ok + tally[f].ok, wrong: a.wrong + tally[f].wrong }), { n: 0, ok: 0, wrong: 0 });
  return { ...s, precision: s.ok / Math.max(1, s.ok + s.wrong), recall: s.ok / Math.max(1, s.n) };
}

describe.skipIf(!present)("the real development set (../shared/real-dev/score.mjs)", () => {
  let result: ReturnType<typeof score> = { tally: {}, mistakes: [] };
  beforeAll(() => {
    result = score();
  }, 300_000);
  const wrong = (full: boolean) => result.mistakes.filter((m) => m.kind === "wrong" && m.field.startsWith("full_") === full)
    .map((m) => `${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);

  it("excerpts of real township pages: precision and recall", () => {
    const s = sum(result.tally, false);
    console.log(`[real-dev] excerpts: precision ${(100 * s.precision).toFixed(1)}%, recall ${(100 * s.recall).toFixed(1)}% (${s.ok}/${s.n}, ${s.wrong} wrong)`);
    expect(s.precision, wrong(false).join("\n")).toBeGreaterThanOrEqual(FLOOR.excerpts.precision);
    expect(s.recall).toBeGreaterThanOrEqual(FLOOR.excerpts.recall);
  });

  it("whole real reports, tables 二/三/四 cell by cell: precision and recall", () => {
    const s = sum(result.tally, true);
    console.log(`[real-dev] whole reports: precision ${(100 * s.precision).toFixed(1)}%, recall ${(100 * s.recall).toFixed(1)}% (${s.ok}/${s.n}, ${s.wrong} wrong)`);
    expect(s.precision, wrong(true).join("\n")).toBeGreaterThanOrEqual(FLOOR.full.precision);
    expect(s.recall).toBeGreaterThanOrEqual(FLOOR.full.recall);
  });

  it("no wrong township name", () => {
    expect(result.mistakes.filter((m) => m.field === "township" && m.kind === "wrong").map((m) => `${m.id}: ${m.actual}`)).toEqual([]);
  });
});
