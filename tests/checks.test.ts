// Each per-report rule, once passing and once failing, on small hand-made tables.
import { describe, expect, it } from "vitest";
import { runChecks } from "../loaders/checks/run-checks.ts";
import type { Cell, Check, TemplateId } from "../loaders/types.ts";

const T3_COLS = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"];

function cells(table: "t2" | "t3" | "t4", rows: Record<string, (number | null)[]>, cols: string[]): Cell[] {
  return Object.entries(rows).flatMap(([row, values]) => values.map((value, i) => ({
    table, row, col: cols[i], row_label: row, col_label: cols[i], value, raw: value === null ? "" : String(value), unit: null, source: "test",
  })));
}

/** Every outcome row of the 2021 table 三, zero unless given. */
const OUTCOME_ROWS_2021 = [
  "granted", "partial", "refused_secret", "refused_law", "refused_safety", "refused_third_party", "refused_internal",
  "refused_process", "refused_enforcement", "refused_query", "unable_no_info", "unable_needs_creation", "unable_unclear",
  "declined_complaint", "declined_repeat", "declined_publication", "declined_mass", "declined_confirm",
  "other_no_correction", "other_no_fee", "other_other",
];

/** A balanced 2021 table 三: 5 new + 1 carried = 5 handled + 1 carried forward. */
function table3(overrides: Record<string, (number | null)[]> = {}): Record<string, (number | null)[]> {
  const zeros = Object.fromEntries(OUTCOME_ROWS_2021.map((r) => [r, [0, 0, 0, 0, 0, 0, 0]]));
  return {
    new: [4, 1, 0, 0, 0, 0, 5], carried: [1, 0, 0, 0, 0, 0, 1], ...zeros, granted: [3, 1, 0, 0, 0, 0, 4],
    unable_no_info: [1, 0, 0, 0, 0, 0, 1], total: [4, 1, 0, 0, 0, 0, 5],
    carry_forward: [1, 0, 0, 0, 0, 0, 1], ...overrides,
  };
}

const tableState = { t2: "parsed", t3: "parsed", t4: "parsed" } as const;
function check(rule: string, c: Cell[], template: TemplateId = "template-2021", year = 2022): Check[] {
  return runChecks({ template, year, cells: c, tableState }).filter((k) => k.rule === rule);
}

describe("t3_balance: 新收 + 上年结转 = 总计 + 结转下年度, per column", () => {
  it("passes on a balanced table", () => {
    expect(check("t3_balance", cells("t3", table3(), T3_COLS)).map((c) => c.status)).toEqual(["pass"]);
  });
  it("fails in the one column that does not balance, with the numbers", () => {
    const c = check("t3_balance", cells("t3", table3({ carry_forward: [2, 0, 0, 0, 0, 0, 2] }), T3_COLS));
    expect(c.map((k) => [k.status, k.expected, k.actual])).toEqual([["fail", 6, 5], ["fail", 7, 6]]);
    expect(c[0].cells).toContain("t3.carry_forward.natural");
  });
  it("is skipped, not passed, when a needed cell is empty", () => {
    const c = check("t3_balance", cells("t3", table3({ carried: [null, null, null, null, null, null, null] }), T3_COLS));
    expect(c.map((k) => k.status)).toEqual(["skip"]);
  });
});

describe("t3_outcome_sum: （七）总计 = the outcome rows", () => {
  it("passes", () => expect(check("t3_outcome_sum", cells("t3", table3(), T3_COLS))[0].status).toBe("pass"));
  it("accepts one merged （六） row in place of its three sub-rows", () => {
    const merged = table3({ other: [0, 0, 0, 0, 0, 0, 0] });
    for (const r of ["other_no_correction", "other_no_fee", "other_other"]) delete merged[r];
    expect(check("t3_outcome_sum", cells("t3", merged, T3_COLS))[0].status).toBe("pass");
  });
  it("is skipped, not failed, when an outcome row was not read at all", () => {
    const partialTable = table3();
    delete partialTable.granted;
    expect(check("t3_outcome_sum", cells("t3", partialTable, T3_COLS)).map((c) => c.status)).toEqual(["skip"]);
  });
  it("fails when an outcome is missing from the total", () => {
    const c = check("t3_outcome_sum", cells("t3", table3({ granted: [2, 1, 0, 0, 0, 0, 3] }), T3_COLS));
    expect(c.map((k) => [k.status, k.expected, k.actual])).toEqual([["fail", 3, 4], ["fail", 4, 5]]);
  });
});

describe("t3_applicant_sum: 总计 = the applicant columns, per row", () => {
  it("passes", () => expect(check("t3_applicant_sum", cells("t3", table3(), T3_COLS))[0].status).toBe("pass"));
  it("fails on the row whose total is off", () => {
    const c = check("t3_applicant_sum", cells("t3", table3({ new: [4, 1, 0, 0, 0, 0, 6] }), T3_COLS));
    expect(c.map((k) => [k.status, k.message.includes("new"), k.expected, k.actual])).toEqual([["fail", true, 5, 6]]);
  });
});

describe("t3_subtotal: 小计 = the five 法人或其他组织 columns", () => {
  const cols = [...T3_COLS.slice(0, 6), "org_subtotal", "total"];
  it("passes", () => {
    expect(check("t3_subtotal", cells("t3", { new: [4, 1, 0, 0, 1, 0, 2, 6] }, cols))[0].status).toBe("pass");
  });
  it("fails", () => {
    expect(check("t3_subtotal", cells("t3", { new: [4, 1, 0, 0, 1, 0, 1, 6] }, cols))[0].status).toBe("fail");
  });
  it("does not apply without a 小计 column", () => {
    expect(check("t3_subtotal", cells("t3", table3(), T3_COLS))).toEqual([]);
  });
});

describe("t4_sum: 总计 = 维持 + 纠正 + 其他 + 尚未审结, per block", () => {
  const cols = ["upheld", "corrected", "other", "pending", "total"];
  it("passes", () => {
    expect(check("t4_sum", cells("t4", { review: [1, 1, 0, 0, 2], lit_direct: [0, 0, 0, 0, 0] }, cols))[0].status).toBe("pass");
  });
  it("fails on an inconsistent block (published as 维持 10, 纠正 1, 总计 0)", () => {
    const c = check("t4_sum", cells("t4", { review: [10, 1, 0, 0, 0], lit_direct: [0, 0, 0, 0, 0] }, cols));
    expect(c.map((k) => [k.status, k.expected, k.actual])).toEqual([["fail", 11, 0]]);
  });
});

describe("counts_non_negative_integer", () => {
  it("passes on counts, and allows a negative 2019 本年增/减", () => {
    const t2 = cells("t2", { licensing: [12, -3, 40] }, ["prev_count", "delta", "decisions"]);
    expect(check("counts_non_negative_integer", t2, "template-2019")[0].status).toBe("pass");
  });
  it("fails on a negative or fractional count", () => {
    expect(check("counts_non_negative_integer", cells("t3", table3({ new: [4, 1, 0, 0, 0, 0, -5] }), T3_COLS))[0].status).toBe("fail");
    expect(check("counts_non_negative_integer", cells("t2", { licensing: [2.5] }, ["decisions"]))[0].status).toBe("fail");
  });
  it("allows a decimal 2021 fee in 万元", () => {
    expect(check("counts_non_negative_integer", cells("t2", { admin_fees: [0.35] }, ["fee_amount"]))[0].status).toBe("pass");
  });
});

describe("t2_rules_township: a township makes no 规章", () => {
  const cols = ["issued", "repealed", "in_force"];
  it("passes on zeros", () => expect(check("t2_rules_township", cells("t2", { rules: [0, 0, 0] }, cols))[0].status).toBe("pass"));
  it("fails on a positive count", () => {
    expect(check("t2_rules_township", cells("t2", { rules: [1, 0, 1] }, cols))[0]).toMatchObject({ status: "fail", actual: 1 });
  });
});

describe("template_current: a 2021+ report on 2019 labels", () => {
  it("passes on a 2020 report with 2019 labels", () => expect(check("template_current", [], "template-2019", 2020)[0].status).toBe("pass"));
  it("fails on a 2022 report with 2019 labels", () => expect(check("template_current", [], "template-2019", 2022)[0].status).toBe("fail"));
});

describe("t*_present: headings present but no table", () => {
  it("passes when parsed and fails when empty", () => {
    const c = runChecks({ template: "template-2021", year: 2022, cells: [], tableState: { t2: "parsed", t3: "empty", t4: "missing" } });
    expect(c.filter((k) => k.rule.endsWith("_present")).map((k) => k.status)).toEqual(["pass", "fail", "fail"]);
  });
});
