// A page scraped into one run of text: headings, labels and digits with no line breaks
// ("…二、主动公开政府信息情况 第二十条第（一）项信息内容…规章000规范性文件898989第二十条第（五）项…
// 一、本年新收政府信息公开申请数量230 000023二、上年结转…"). Such a line is cut into pieces at the
// section headings, and inside the tables before each block and row label of the template (with its
// ordinal, also when the ordinal is glued to the digits before it: "…00000002.其他法律…"), so each
// row stands on a piece of its own, as in a flattened table whose cells were glued ("规章000").
import type { TemplateDef } from "../templates/schema.ts";
import type { Line } from "./tokens.ts";

/** A line shorter than this is never a whole report. */
const MIN_RUN_ON = 200;
/** Row labels followed directly by digits that make a line a run-on table. */
const MIN_GLUED_LABELS = 3;
/** Labels shorter than this are cut at only where their ordinal is printed (总计 → （七）总计). */
const MIN_BARE_LABEL = 4;

/** Headings of the sections that hold tables 二, 三 and 四, and of the sections after them. */
const TABLE_HEADINGS = new Set([
  "主动公开政府信息情况", "主动公开政府信息的情况", "收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况",
  "政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼的情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
]);
const SECTION_HEADINGS = [...TABLE_HEADINGS, "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"];
const CHINESE_ORDINAL = /[一二三四五六七八九十]、$/;

interface Label {
  text: string;
  /** Ordinal forms that may stand right before it ("2." "2．" "2、", "（一）" "(一)"). */
  ordinals: string[];
}

export function runOnLines(lines: Line[], template: TemplateDef): Line[] {
  const labels = tableLabels(template);
  const out: Line[] = [];
  for (const line of lines) {
    if (line.text.length < MIN_RUN_ON || gluedLabels(line.text, labels) < MIN_GLUED_LABELS) out.push(line);
    else out.push(...pieces(line, labels));
  }
  return out;
}

function pieces(line: Line, labels: Label[]): Line[] {
  const text = line.text;
  const cuts = new Set<number>();
  // Section headings: a piece of their own (cut before the ordinal and after the words).
  const sections: { at: number; end: number; table: boolean }[] = [];
  for (const h of SECTION_HEADINGS) {
    for (let at = text.indexOf(h); at >= 0; at = text.indexOf(h, at + 1)) {
      if (sections.some((s) => at >= s.at && at < s.end)) continue;
      const ordinal = CHINESE_ORDINAL.exec(text.slice(Math.max(0, at - 3), at));
      // A heading is numbered; the same words in the preamble's list of sections are not a heading.
      if (!ordinal) continue;
      sections.push({ at: at - ordinal[0].length, end: at + h.length, table: TABLE_HEADINGS.has(h) });
    }
  }
  sections.sort((a, b) => a.at - b.at);
  sections.forEach((s, i) => {
    cuts.add(s.at);
    cuts.add(s.end);
    if (!s.table) return;
    // Inside a table: before each block and row label, longest first, never inside another label.
    const zoneEnd = sections[i + 1]?.at ?? text.length;
    const taken: [number, number][] = [];
    for (const label of labels) {
      for (let at = text.indexOf(label.text, s.end); at >= 0 && at < zoneEnd; at = text.indexOf(label.text, at + 1)) {
        if (taken.some(([a, b]) => at < b && at + label.text.length > a)) continue;
        const ordinal = label.ordinals.find((o) => text.slice(0, at).endsWith(o));
        // A short label without its ordinal (规章) only where a row follows it: its cells (digits, or
        // marks for blank cells: 规章———), or, all its cells blank, the next row's label.
        const after = text.slice(at + label.text.length, at + label.text.length + 40);
        const rowFollows = /^\s*[\d/／\-—－–无]/.test(after) || labels.some((l) => l !== label && after.trimStart().startsWith(l.text));
        if (!ordinal && label.text.length < MIN_BARE_LABEL && !rowFollows) continue;
        taken.push([at, at + label.text.length]);
        cuts.add(at - (ordinal?.length ?? 0));
      }
    }
  });
  const bounds = [...new Set([0, ...cuts, text.length])].filter((b) => b >= 0 && b <= text.length).sort((a, b) => a - b);
  const out: Line[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const piece = text.slice(bounds[i], bounds[i + 1]);
    if (piece.trim() !== "") out.push({ number: line.number, text: piece, start: (line.start ?? 0) + bounds[i] });
  }
  return out;
}

/** How many of the template's row labels stand directly before a digit in the text. */
function gluedLabels(text: string, labels: Label[]): number {
  let n = 0;
  for (const label of labels) {
    const at = text.indexOf(label.text);
    if (at >= 0 && /^\s*\d/.test(text.slice(at + label.text.length, at + label.text.length + 3))) n++;
  }
  return n;
}

/** Block and row labels of tables 二 and 三 (spellings and aliases), longest first. */
function tableLabels(template: TemplateDef): Label[] {
  const out = new Map<string, Label>();
  for (const table of template.tables.filter((t) => t.id !== "t4")) {
    for (const block of table.blocks) {
      if (table.id === "t2") {
        for (const text of [block.label, ...(block.aliases ?? [])]) {
          for (const form of [text, text.replace(/（/g, "(").replace(/）/g, ")")]) out.set(form, { text: form, ordinals: [] });
        }
      }
      for (const row of block.rows) {
        for (const text of [row.label, ...(row.aliases ?? [])]) {
          if (!out.has(text)) out.set(text, { text, ordinals: row.ordinal ? ordinalForms(row.ordinal) : [] });
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => b.text.length - a.text.length);
}

function ordinalForms(ordinal: string): string[] {
  const core = ordinal.replace(/[（()）、.．]/g, "");
  if (/^\d+$/.test(core)) return [`${core}.`, `${core}．`, `${core}、`];
  if (ordinal.startsWith("（")) return [`（${core}）`, `(${core})`];
  return [`${core}、`];
}
