// Excel runs a CSV field that starts with = + - @ (or a tab / CR before one) as a formula: report
// prose and file names are untrusted text (`=HYPERLINK("http://…"&A1,"详情")`). The OWASP rule: such
// a text field gets a leading apostrophe, which Excel shows as text; a plain number (-3, -0.5, +2)
// stays as it is. A field that already starts with apostrophes before one of those characters gets
// one more, so that `unprefixFormula` (strip one) gives back exactly what was written.
// The browser's twin is src/components/csv-safe.js (tests/csv-formula.test.ts keeps them equal).

export const TRIGGER = /^[=+\-@\t\r]/;
export const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when Excel would evaluate the text (or it is an apostrophe-escaped one of those). */
export function needsFormulaPrefix(text: string): boolean {
  // only what follows the apostrophes counts: "'-3" is no formula and stays as written
  const core = text.replace(/^'+/, "");
  return TRIGGER.test(core) && !PLAIN_NUMBER.test(core);
}

/** The text as written to a CSV meant for Excel. */
export function prefixFormula(text: string): string {
  return needsFormulaPrefix(text) ? `'${text}` : text;
}

/** The text as it was before `prefixFormula` (reading a file back). */
export function unprefixFormula(text: string): string {
  return text.startsWith("'") && needsFormulaPrefix(text.slice(1)) ? text.slice(1) : text;
}
