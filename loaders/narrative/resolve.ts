// Several statements of one value in a report: agree → that value; a count written as a number
// outranks a zero read from words (the words may cover only part of it); disagree → null and a warning.
import type { Evidence } from "./text.ts";

export interface Found {
  value: number;
  evidence: Evidence;
  /** A zero read from words (未收到…申请, 无收费), not from a written number. */
  words?: boolean;
}

export function resolve(list: Found[], name: string, warnings: string[]): Found | null {
  if (list.length === 0) return null;
  const distinct = (l: Found[]) => [...new Set(l.map((f) => f.value))];
  if (distinct(list).length === 1) return list[0];
  const written = list.filter((f) => !f.words);
  if (written.length && distinct(written).length === 1) return written[0];
  warnings.push(`${name}有多个不同的说法（${distinct(list).join("、")}），无法确定，留空`);
  return null;
}
