// The built CSV tables parsed in JS with their declared column types (corpus.js): empty → null,
// numbers, booleans. Its own module, free of Framework imports, so that Node tests can use it.
import * as d3 from "npm:d3";
import {unprefixFormula} from "./csv-safe.js";

/** Text fields lose the apostrophe the build put before formula-like text (loaders/output/formula.ts),
 * so the pages show what the report says; DuckDB's tables keep the files' text. */
export function parseTypedCsv(text, types) {
  const convert = Object.fromEntries(Object.entries(types).map(([column, type]) => [column, converter(type) ?? unprefixed]));
  return d3.csvParse(text.replace(/^\uFEFF/, ""), (row) => {
    for (const key in row) {
      const value = row[key];
      row[key] = value === "" ? null : (convert[key] ?? unprefixed)(value);
    }
    return row;
  });
}

const unprefixed = (v) => (v.charCodeAt(0) === 39 ? unprefixFormula(v) : v);

function converter(type) {
  switch (type) {
    case "INTEGER":
    case "BIGINT":
    case "DOUBLE":
      return (v) => {
        const n = Number(v);
        return Number.isNaN(n) ? null : n;
      };
    case "BOOLEAN":
      return (v) => (/^(true|1)$/i.test(v) ? true : /^(false|0)$/i.test(v) ? false : null);
    default:
      return undefined;
  }
}

