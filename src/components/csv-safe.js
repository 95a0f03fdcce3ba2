// Excel runs a CSV field that starts with = + - @ (or a tab / CR before one) as a formula: report
// prose and file names are untrusted text. Such text gets a leading apostrophe (OWASP); a plain
// number (-3, -0.5) stays; text already starting with apostrophes before one of those characters
// gets one more, so that unprefixFormula gives back exactly what was written.
// Twin of loaders/output/formula.ts (the CLI's and the build's tables); tests/csv-formula.test.ts
// keeps them equal.

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function needsFormulaPrefix(text) {
  // only what follows the apostrophes counts: "'-3" is no formula and stays as written
  const core = text.replace(/^'+/, "");
  return TRIGGER.test(core) && !PLAIN_NUMBER.test(core);
}

export function prefixFormula(text) {
  return needsFormulaPrefix(text) ? `'${text}` : text;
}

export function unprefixFormula(text) {
  return text.startsWith("'") && needsFormulaPrefix(text.slice(1)) ? text.slice(1) : text;
}
