// Text normalisation applied before any matching: one form for digits, spaces and line breaks.
// Chinese punctuation (（）、：；) is kept as is: the official labels are written with it.

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(ZERO_WIDTH, "")
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00a0\u3000\u2002\u2003\u2009]/g, " ")
    .replace(/[ \t]+\n/g, "\n");
}

/** A label for comparison: no white space at all (labels are often split or padded). */
export function compactLabel(s: string): string {
  return s.replace(/\s+/g, "");
}
