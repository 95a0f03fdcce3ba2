// The SQL 数据浏览 refuses (src/components/sql-guard.js): nothing that reads a file or a URL, loads an
// extension or changes a setting; the page's own queries and examples all pass.
import { describe, expect, it } from "vitest";
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
