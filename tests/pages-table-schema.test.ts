// What the pages know of the parser's definitions: the tables' schema (generated from
// loaders/templates, annotated for charts), the category names and the rule labels.
import { describe, expect, it } from "vitest";
import { templates } from "../loaders/templates/index.ts";
import { CATEGORIES } from "../loaders/categories.ts";
import { WEIGHTS } from "../loaders/corpus-checks/weights.ts";
import { siteSchema } from "../loaders/output/site-schema.ts";
// @ts-expect-error plain browser JS modules without types
import { annotateT3Rows, annotateT4 } from "../src/components/table-rows.js";
// @ts-expect-error plain browser JS modules without types
import * as categories from "../src/components/categories.js";
// @ts-expect-error plain browser JS modules without types
import { RULES } from "../src/components/rules.js";

const byId = Object.fromEntries(templates.map((t) => [t.id, t]));

describe("the pages' table schema (src/data/schema.json from loaders/templates, annotated by src/components/table-rows.js)", () => {
  const schema = siteSchema();
  const rows = annotateT3Rows(schema) as { id: string; ordinal: string; label: string; heading?: boolean; group?: string; templates?: string[] }[];

  for (const id of ["template-2019", "template-2021"] as const) {
    it(`table 三 rows of ${id}, in printed order, as the parser has them`, () => {
      const t3 = byId[id].tables.find((t) => t.id === "t3")!.blocks[0];
      const mine = rows.filter((r) => !r.templates || r.templates.includes(id));
      expect(mine.map((r) => [r.id, r.label, !!r.heading])).toEqual(t3.rows.map((r) => [r.id, r.label, !!r.heading]));
    });
  }

  it("every value row of table 三 except the four flow rows belongs to an outcome group", () => {
    const ungrouped = rows.filter((r) => !r.heading && !r.group).map((r) => r.id);
    expect(ungrouped.sort()).toEqual(["carried", "carry_forward", "new", "total"]);
    expect(rows.find((r) => r.id === "refused_query")?.group).toBe("refused");
    expect(rows.find((r) => r.id === "other_other")?.group).toBe("other");
  });

  it("names table 四's blocks for charts and colours its outcomes", () => {
    const t4 = annotateT4(schema);
    expect(t4.rows.map((r: { label: string }) => r.label)).toEqual(["行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"]);
    expect(t4.columns.filter((c: { color?: string }) => c.color).map((c: { id: string }) => c.id)).toEqual(["upheld", "corrected", "other", "pending"]);
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
