// Matching printed labels to schema labels. Labels are compared after removing white space,
// ordinals and bracketed explanations; a label cut short matches when it is a unique, long
// enough prefix. Aliases in the schema cover typos and older wordings.
import type { Label } from "../templates/schema.ts";

const ORDINAL = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）][、.．]?|\d+[、.．]|[（(]\d+[)）])/;
const BRACKETED = /[（(][^（()）]*[)）]/g;

/** The comparable form of a label. */
export function labelKey(label: string): string {
  let s = label.replace(/\s+/g, "").replace(/[“”"「」]/g, "");
  for (let i = 0; i < 3 && ORDINAL.test(s); i++) s = s.replace(ORDINAL, "");
  // Bracketed explanations, also one cut short by a line break ("部分公开（区分处理的，只计这一").
  s = s.replace(BRACKETED, "").replace(/[（(][^（()）]*$/, "");
  return s.replace(/[：:，,。；;]+$/g, "");
}

/** True when the text begins with an ordinal (一、 （三） 1.), i.e. starts a new label. */
export function hasOrdinal(text: string): boolean {
  return ORDINAL.test(text.replace(/\s+/g, ""));
}

export interface KeyedLabel<T extends Label> {
  item: T;
  keys: string[];
}

const keyCache = new WeakMap<Label, string[]>();

export function keyLabels<T extends Label>(items: T[]): KeyedLabel<T>[] {
  return items.map((item) => {
    let keys = keyCache.get(item);
    if (!keys) keyCache.set(item, (keys = [item.label, ...(item.aliases ?? [])].map(labelKey)));
    return { item, keys };
  });
}

/** Minimum length of a cut-short label for a prefix match. */
const MIN_PREFIX = 4;

/** Every schema label the printed label may be (exact matches first; prefixes only if none). */
export function matchLabel<T extends Label>(printed: string, labels: KeyedLabel<T>[]): T[] {
  const key = labelKey(printed);
  if (key === "") return [];
  const exact = labels.filter((l) => l.keys.includes(key)).map((l) => l.item);
  if (exact.length) return exact;
  if (key.length < MIN_PREFIX) return [];
  const prefix = labels.filter((l) => l.keys.some((k) => k.startsWith(key) && key.length >= Math.min(k.length * 0.5, 8))).map((l) => l.item);
  if (prefix.length) return prefix;
  // Characters lost where a wrapped cell broke across lines ("其他法律行政止公开" for
  // 其他法律行政法规禁止公开): same start and end, the rest in order, most of the label there.
  const gapped = labels.filter((l) => l.keys.some((k) => withGap(key, k)));
  return gapped.length === 1 ? [gapped[0].item] : [];
}

function withGap(printed: string, label: string): boolean {
  if (printed.length >= label.length || printed.length < Math.max(MIN_PREFIX, label.length * 0.6)) return false;
  if (printed.slice(0, 3) !== label.slice(0, 3) || printed.slice(-2) !== label.slice(-2)) return false;
  let i = 0;
  for (const ch of label) if (ch === printed[i]) i++;
  return i === printed.length;
}
