// The SQL 数据浏览 refuses (src/components/sql-guard.js): nothing that reads a file or a URL, loads an
// extension or changes a setting; the page's own queries and examples all pass.
import { describe, expect, it, vi } from "vitest";
// @ts-expect-error plain browser JS modules without types
import { refuseSql } from "../src/components/sql-guard.js";

describe("refuseSql", () => {
  it.each([
    ["SELECT * FROM read_csv('http://example.invalid/x.csv')", /网址（http:\/\//],
    ["select * from READ_CSV_AUTO('https://x/y.csv')", /网址（https:\/\//],
    ["SELECT * FROM 's3://bucket/x.parquet'", /网址（s3:\/\//],
    ["SELECT * FROM read_parquet('/etc/passwd')", /read_parquet\(\)/],
    ["SELECT * FROM read_json ('x.json')", /read_json\(\)/],
    ["SELECT * FROM read_text('/x')", /read_text\(\)/],
    ["SELECT * FROM glob('/*')", /glob\(\)/],
    ["ATTACH 'x.db' AS x", /ATTACH/],
    ["INSTALL httpfs", /INSTALL/],
    ["SELECT 1; LOAD httpfs", /LOAD/],
    ["-- comment\nFORCE INSTALL httpfs", /FORCE INSTALL/],
    ["COPY reports TO 'out.csv'", /COPY/],
    ["SET enable_external_access = true", /SET/],
    ["PRAGMA version", /PRAGMA/],
    ["CREATE SECRET s (TYPE s3)", /CREATE SECRET/],
    ["SELECT * FROM 'reports.csv'", /文件名当作表/],
  ])("refuses %s", (sql, words) => {
    expect(refuseSql(sql)).toMatch(words);
  });

  it.each([
    "SELECT r.* FROM reports r WHERE r.county = '桐川县' ORDER BY r.year",
    "SELECT report_id, county, township, year, published_on FROM reports WHERE published_on > (year + 1) || '-03-31'",
    "SELECT table_name FROM information_schema.columns",
    "SELECT * FROM cells c JOIN reports r USING (report_id) WHERE c.\"table\" = 't3'",
    "SELECT settings, loaded FROM (SELECT 1 AS settings, 2 AS loaded)",
  ])("runs %s", (sql) => {
    expect(refuseSql(sql)).toBeNull();
  });
});

// explore-sql.js reaches table-schema.js, which reads schema.json through Framework's FileAttachment.
vi.mock("observablehq:stdlib", async () => {
  const { siteSchema } = await import("../loaders/output/site-schema.ts");
  return { FileAttachment: () => ({ json: async () => JSON.parse(JSON.stringify(siteSchema())) }) };
});

describe("the page's own SQL is never refused", () => {
  it("the example queries and the filters' queries pass", async () => {
    // @ts-expect-error plain browser JS modules without types
    const { EXAMPLE_QUERIES, exploreSql } = await import("../src/components/explore-sql.js");
    for (const e of EXAMPLE_QUERIES) expect(refuseSql(e.sql), e.label).toBeNull();
    for (const table of ["reports", "cells", "checks"]) {
      expect(refuseSql(exploreSql({ table, county: "江苏省/淮安市/洪泽区", townships: ["江苏省/淮安市/洪泽区/老子山镇"], years: [2019, 2024], template: "template-2021", status: "ok" }))).toBeNull();
    }
  });
});
