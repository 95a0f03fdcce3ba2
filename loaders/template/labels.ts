// Matching printed labels to schema labels. Labels are compared after removing white space,
// ordinals and bracketed explanations; a label cut short matches when it is a unique, long
// enough prefix. Aliases in the schema cover typos and older wordings.
import type { Label } from "../templates/schema.ts";

const ORDINAL = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）][、.．]?|\d+[、.．]|[（(]\d+[)）])/;
const BRACKETED = /[（(][^（()）]*[)）]/g;

/** The comparable form of a label. With `keepBracketed`, a bracketed part stays (without its
 * brackets): "行政诉讼（未经复议直接起诉）" names a block by what the brackets say. */
export function labelKey(label: string, keepBracketed = false): string {
  let s = label.replace(/\s+/g, "").replace(/[“”"「」]/g, "");
  for (let i = 0; i < 3 && ORDINAL.test(s); i++) s = s.replace(ORDINAL, "");
  // Bracketed explanations, also one cut short by a line break ("部分公开（区分处理的，只计这一").
  s = keepBracketed ? s.replace(/[（()）]/g, "") : s.replace(BRACKETED, "").replace(/[（(][^（()）]*$/, "");
  // Separators inside a label differ between copies ("…不补正、行政机关…" / "…不补正, 行政机关…").
  return s.replace(/[：:，,。；;、]+/g, "");
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
    if (!keys) keyCache.set(item, (keys = [item.label, ...(item.aliases ?? [])].map((l) => labelKey(l))));
    return { item, keys };
  });
}

/** Minimum length of a cut-short label for a prefix match. */
const MIN_PREFIX = 4;

/** Every schema label the printed label may be (exact matches first; prefixes only if none). */
export function matchLabel<T extends Label>(printed: string, labels: KeyedLabel<T>[]): T[] {
  const found = matchKey(labelKey(printed), labels);
  if (found.length || !/[（(]/.test(printed)) return found;
  const exact = labelKey(printed, true);
  return labels.filter((l) => l.keys.includes(exact)).map((l) => l.item);
}

function matchKey<T extends Label>(key: string, labels: KeyedLabel<T>[]): T[] {
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

/** Words every table header may print besides its column and block labels. */
const GENERIC_HEADER_WORDS = ["信息内容", "申请人情况", "法人或其他组织", "法人或者其他组织", "第二十条第", "项目", "类别", "序号",
  "本列数据的勾稽关系为", "第一项加第二项之和", "等于第三项加第四项之和"];

/** True when a printed label is made of header words only (block and column labels, 信息内容 …):
 * the label cell of the row under it was blank, so its values follow the header directly. */
export function isHeaderText(text: string, words: string[]): boolean {
  let rest = text.replace(/\s+/g, "");
  if (rest === "") return true;
  for (const w of [...words, ...GENERIC_HEADER_WORDS].map((w) => w.replace(/\s+/g, "")).sort((a, b) => b.length - a.length)) {
    if (w) rest = rest.split(w).join("");
  }
  rest = rest.replace(BRACKETED, "").replace(/[0-9一二三四五六七八九十、.．，,：:；;|｜“”"]/g, "");
  return rest.length <= 1;
}
