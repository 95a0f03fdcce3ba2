// CSV text for the output tables: a header in a fixed column order, null as an empty field.
import Papa from "papaparse";

export function toCsv<C extends string>(columns: readonly C[], rows: Record<C, unknown>[]): string {
  const data = rows.map((row) => columns.map((c) => {
    const v = row[c];
    return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  }));
  return Papa.unparse({ fields: [...columns], data }, { newline: "\n" }) + "\n";
}
