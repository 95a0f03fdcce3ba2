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

describe("the pages' words for checks and sources (src/components/rules.js)", () => {
  // @ts-expect-error plain browser JS modules without types
  const rules = import("../src/components/rules.js");
  it("shows the date rules' expected and actual values as dates, other rules' as numbers", async () => {
    const { checkValue } = await rules;
    expect(checkValue("published_by_mar31", 90, 2020)).toBe("2021-03-31");
    expect(checkValue("published_by_jan31_local", 31, 2021)).toBe("2022-01-31");
    expect(checkValue("published_after_year_end", -3, 2019)).toBe("2019-12-28");
    expect(checkValue("t3_balance", 5, 2020)).toBe(5);
    expect(checkValue("published_by_mar31", null, 2020)).toBeNull();
  });
  it("describes every kind of source the parser writes (README “source”)", async () => {
    const { describeSource } = await rules;
    expect(describeSource("pdf:p4:t2:r5:c3")).toBe("PDF第4页第2个表格第5行第3格");
    expect(describeSource("pdf:p3:L40")).toBe("PDF第3页正文第40行");
    expect(describeSource("docx:t1:r3:c2")).toBe("Word 文件第1个表格第3行第2格");
    expect(describeSource("text:L10:C4629-4654:part1:split1")).toBe("正文第10行第4629–4654字其中第1段数字连写数字按勾稽关系拆出的第1个数");
    expect(describeSource("text:L12-L13")).toBe("正文第12–13行");
    expect(describeSource("pdf:p4:t2+p5:t1:r3:c2")).toBe("PDF第4页第2个表格（续至第5页第1个表格）第3行第2格");
  });
});

describe("the pages' year range (src/components/years.js)", () => {
  // @ts-expect-error plain browser JS modules without types
  const places = import("../src/components/years.js");
  it("spans the corpus's own years, not a fixed 2008–2025", async () => {
    const { yearDomain } = await places;
    expect(yearDomain([{ year: 2018 }, { year: 2024 }, { year: null }, { year: 2020 }])).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(yearDomain([{ year: null }])).toHaveLength(1);
  });
});

describe("DuckDB's errors in words a user can act on (src/components/sql-error.js)", () => {
  // @ts-expect-error plain browser JS modules without types
  const mod = import("../src/components/sql-error.js");
  const known = { tables: ["reports", "cells", "checks"], columns: { reports: ["township", "county", "year", "n_checks_failed"], cells: ["value", "raw", "row", "col"] } };
  it("an unknown column: its name, the closest real ones, where it stands", async () => {
    const { explainSqlError } = await mod;
    const e = explainSqlError('Binder Error: Referenced column "townshp" not found in FROM clause!\nCandidate bindings: "n_cells"\n\nLINE 1: SELECT townshp FROM reports\n               ^', known);
    expect(e.title).toBe("没有名为“townshp”的列");
    expect(e.hint).toContain("township");
    expect(e.where).toEqual({ line: 1, column: 8, text: "SELECT townshp FROM reports" });
  });
  it("an unknown table: the tables there are, not DuckDB's own pg_tables", async () => {
    const { explainSqlError } = await mod;
    const e = explainSqlError('Catalog Error: Table with name report does not exist!\nDid you mean "pg_tables"?\n\nLINE 1: SELECT * FROM report\n                      ^', known);
    expect(e.title).toBe("没有名为“report”的表");
    expect(e.hint).toContain("是否想用 reports");
    expect(e.hint).not.toContain("pg_tables");
  });
  it("a syntax error with its position; an unknown error keeps DuckDB's text", async () => {
    const { explainSqlError } = await mod;
    const e = explainSqlError('Parser Error: syntax error at or near "FROM"\n\nLINE 1: SELECT count(* FROM reports\n                       ^', known);
    expect(e.title).toBe("SQL 语法错误：在“FROM”附近");
    expect(e.where?.column).toBe(16);
    expect(explainSqlError("Out of Memory Error: failed", known)).toMatchObject({ title: "查询出错", raw: "Out of Memory Error: failed" });
  });
});
