// The browser copies of the templates (src/components/table-schema.js), the category taxonomy
// (src/components/categories.js) and the rule labels (src/components/rules.js) must agree with
// the parser's definitions: pages cannot import from loaders/, so they carry copies.
import { describe, expect, it } from "vitest";
import { templates } from "../loaders/templates/index.ts";
import { CATEGORIES } from "../loaders/categories.ts";
import { WEIGHTS } from "../loaders/corpus-checks/weights.ts";
// @ts-expect-error plain browser JS modules without types
import * as schema from "../src/components/table-schema.js";
// @ts-expect-error plain browser JS modules without types
import * as categories from "../src/components/categories.js";
// @ts-expect-error plain browser JS modules without types
import { RULES } from "../src/components/rules.js";

const byId = Object.fromEntries(templates.map((t) => [t.id, t]));

describe("src/components/table-schema.js matches loaders/templates", () => {
  for (const id of ["template-2019", "template-2021"] as const) {
    it(`table 二 blocks, rows and columns of ${id}`, () => {
      const t2 = byId[id].tables.find((t) => t.id === "t2")!;
      const expected = t2.blocks.map((b) => ({
        block: b.label,
        rows: b.rows.map((r) => [r.id, r.label]),
        cols: b.columns.map((c) => [c.id, c.label])
      }));
      expect(schema.T2_BLOCKS[id]).toEqual(expected);
    });

    it(`table 三 rows of ${id}, in printed order`, () => {
      const t3 = byId[id].tables.find((t) => t.id === "t3")!.blocks[0];
      const expected = t3.rows.map((r) => ({ id: r.id, ordinal: r.ordinal, label: r.label, heading: !!r.heading }));
      const actual = schema.t3RowsOf(id).map((r: { id: string; ordinal: string; label: string; heading?: boolean }) => ({
        id: r.id, ordinal: r.ordinal, label: r.label, heading: !!r.heading
      }));
      expect(actual).toEqual(expected);
    });

    it(`table 三 columns and table 四 of ${id}`, () => {
      const t3 = byId[id].tables.find((t) => t.id === "t3")!.blocks[0];
      expect(schema.T3_COLUMNS.map((c: { id: string }) => c.id)).toEqual(t3.columns.map((c) => c.id));
      expect(schema.T3_COLUMNS.map((c: { label: string }) => c.label)).toEqual(t3.columns.map((c) => c.label));
      const t4 = byId[id].tables.find((t) => t.id === "t4")!.blocks[0];
      expect(schema.T4_ROWS.map((r: { id: string }) => r.id)).toEqual(t4.rows.map((r) => r.id));
      expect(schema.T4_COLUMNS.map((c: { id: string; label: string }) => [c.id, c.label])).toEqual(t4.columns.map((c) => [c.id, c.label]));
    });
  }

  it("every value row of table 三 except the four flow rows belongs to an outcome group", () => {
    const valueRows = schema.T3_ROWS.filter((r: { heading?: boolean }) => !r.heading);
    const ungrouped = valueRows.filter((r: { group?: string }) => !r.group).map((r: { id: string }) => r.id);
    expect(ungrouped.sort()).toEqual(["carried", "carry_forward", "new", "total"]);
  });
});

describe("src/components/categories.js names the categories of loaders/categories.ts", () => {
  it("has the same categories in the same order", () => {
    expect(categories.CATEGORIES.map((c: { id: string }) => c.id)).toEqual([...CATEGORIES]);
  });
});

describe("src/components/rules.js", () => {
  it("names every weighted rule in Chinese", () => {
    const missing = Object.keys(WEIGHTS).filter((rule) => !RULES[rule]);
    expect(missing).toEqual([]);
  });
});
