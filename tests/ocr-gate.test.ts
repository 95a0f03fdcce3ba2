// The arithmetic gate for OCR'd table numbers (loaders/template/ocr-gate.ts) on hand-made cell
// sets: a consistent table (a demo report's truth), then single and double misreads.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { gateOcrCells, UNCHECKED } from "../loaders/template/ocr-gate.ts";
import { templates } from "../loaders/templates/index.ts";
import type { Cell } from "../loaders/types.ts";

const FILE = "data/reports/demo/岚东区/文昌街道/xxgk_2021.html";
const template = templates.find((t) => t.id === "template-2021")!;
const truth: { table: Cell["table"]; row: string; col: string; value: number; raw: string }[] = readFileSync("data/demo-truth/truth.jsonl", "utf8")
  .split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((t) => t.file === FILE).cells;

/** The truth's cells as OCR'd ones (a blank cell of the demo read as 0, so every sum can be evaluated), with `change` applied. */
function cells(change: Record<string, number> = {}): Cell[] {
  return truth.map((t, i) => {
    const key = `${t.table}.${t.row}.${t.col}`;
    const value = key in change ? change[key] : (t.value ?? 0);
    return { table: t.table, row: t.row, col: t.col, row_label: t.row, col_label: t.col, value, raw: String(value), unit: null, source: `ocr:p1:${t.table}:r${i}:c1` };
  });
}
const all = () => true;
const byKey = (list: Cell[]) => new Map(list.map((c) => [`${c.table}.${c.row}.${c.col}`, c]));

describe("the OCR arithmetic gate", () => {
  it("confirms every cell of a consistent table 三 and 四, and marks table 二 (no sum rules) unchecked", () => {
    const input = cells();
    expect(input.filter((c) => c.table === "t3" && (c.value ?? 0) > 0).length).toBeGreaterThan(50); // numbers that can fail
    const gate = gateOcrCells(template, input, all);
    expect(gate.emptied).toBe(0);
    for (const c of gate.cells) {
      expect(c.value, `${c.table}.${c.row}.${c.col}`).toBe(byKey(input).get(`${c.table}.${c.row}.${c.col}`)!.value);
      expect(c.source.endsWith(UNCHECKED), `${c.table}.${c.row}.${c.col}`).toBe(c.table === "t2");
    }
    expect(gate.warnings).toHaveLength(1);
    expect(gate.warnings[0]).toMatch(/没有勾稽关系可以核对.*可信度较低/);
  });

  it("empties a wrong digit in a summed row and column, naming what was read, and keeps the rest", () => {
    const key = "t3.granted.natural";
    const right = byKey(cells()).get(key)!.value!;
    const wrong = right + 7; // a 1 read as 8, say
    const gate = gateOcrCells(template, cells({ [key]: wrong }), all);
    const out = byKey(gate.cells);
    expect(out.get(key)!.value).toBeNull();
    expect(gate.emptied).toBe(1);
    expect(gate.warnings.join("\n")).toContain(`读作 ${wrong}`);
    // Its row and column neighbours are still there, confirmed by their other rule.
    expect(out.get("t3.granted.total")!.value).toBe(byKey(cells()).get("t3.granted.total")!.value);
    expect(out.get("t3.granted.total")!.source.endsWith(UNCHECKED)).toBe(false);
    expect(out.get("t3.total.natural")!.value).toBe(byKey(cells()).get("t3.total.natural")!.value);
  });

  it("empties a wrong total (it breaks three sums) and nothing else", () => {
    const key = "t3.total.natural";
    const gate = gateOcrCells(template, cells({ [key]: byKey(cells()).get(key)!.value! + 10 }), all);
    expect(gate.emptied).toBe(1);
    expect(byKey(gate.cells).get(key)!.value).toBeNull();
  });

  it("empties every OCR'd cell of a sum that two misreads break in a way no one cell explains", () => {
    // Two wrong cells in the same column, each in a row whose own sum is then also broken,
    // plus a third that only the column sees: the column cannot be settled.
    const base = byKey(cells());
    const change = {
      "t3.granted.natural": base.get("t3.granted.natural")!.value! + 1,
      "t3.partial.natural": base.get("t3.partial.natural")!.value! + 2,
    };
    const gate = gateOcrCells(template, cells(change), all);
    const out = byKey(gate.cells);
    for (const k of Object.keys(change)) expect(out.get(k)!.value, k).toBeNull();
    // No accepted cell differs from the truth.
    for (const c of gate.cells) if (c.value !== null) expect(c.value).toBe(base.get(`${c.table}.${c.row}.${c.col}`)!.value);
  });

  it("never accepts a wrong value: a misread in every cell of table 三, one at a time", () => {
    const base = byKey(cells());
    const t3 = truth.filter((t) => t.table === "t3");
    let caught = 0;
    for (const t of t3) {
      const key = `${t.table}.${t.row}.${t.col}`;
      const gate = gateOcrCells(template, cells({ [key]: (t.value ?? 0) + 3 }), all);
      const got = byKey(gate.cells).get(key)!;
      // Wrong and kept only as an unchecked value (a cell no sum covers), never as a confirmed one.
      if (got.value !== null) expect(got.source.endsWith(UNCHECKED), key).toBe(true);
      else caught++;
      for (const c of gate.cells) if (c.value !== null && `${c.table}.${c.row}.${c.col}` !== key) expect(c.value).toBe(base.get(`${c.table}.${c.row}.${c.col}`)!.value);
    }
    expect(caught).toBe(t3.length);
  });

  it("leaves cells not read by OCR alone, even where the sums fail", () => {
    const key = "t3.granted.natural";
    const gate = gateOcrCells(template, cells({ [key]: 999 }), (c) => c.table === "t4");
    expect(byKey(gate.cells).get(key)!.value).toBe(999);
  });
});
