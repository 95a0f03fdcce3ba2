// Where each topic of a report stands. Free-text reports (2008–2018) cover six topics under
// headings that vary (一、概述 first, skipped numbers, extra sections such as 咨询处理情况,
// headings run into their first sentence); template reports have 一、总体情况 … 六、其他需要报告的事项,
// and their sections 二三四 are tables, never read as prose. report-formats.md §2–§4.
//
// The result is the report cut into sentences, each tagged with the topic it stands under, and
// the headings with their bodies (a section whose whole body is "无。" says zero).
import type { TemplateId } from "../types.ts";
import { globalOf, maskAds, spanOf, type Block, type Sentence, type TextIndex, type Topic } from "./text.ts";

export interface Heading {
  topic: Topic;
  level: 1 | 2 | 3;
  title: string;
  /** Offsets of the title, and of the body up to the next heading (global, end exclusive). */
  start: number;
  titleEnd: number;
  bodyEnd: number;
}

export interface Segmented {
  sentences: Sentence[];
  headings: Heading[];
}

const TOPIC_WORDS: [Exclude<Topic, "table" | "appendix" | "general">, RegExp][] = [
  ["review", /复议|诉讼|申诉/],
  ["fees", /收费|减免|费用|处理费/],
  ["requests", /依申请|申请公开|公开申请|申请的|申请情况|申请办理|申请处理|不予公开/],
  ["active", /主动公开/],
  // The template's 一、总体情况 also has （三）政府信息管理 （四）平台建设 （五）监督保障: figures there are a
  // platform's or a channel's ("借助视频号等平台全年发布政务信息100余条"), not the year's 主动公开 total.
  ["management", /政府信息管理|平台建设|监督保障/],
  ["problems", /问题|不足|改进|整改|努力方向|下一步|工作计划|工作打算|工作重点|意见建议/],
  ["other", /其他需要报告|其它需要报告|需要说明|其他事项|其它事项|需要报告的|附表|附件/],
  ["overview", /概述|总体情况|基本情况|工作概况|概况|总体|概要|综述/],
];

const CN_ORD: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
function cnOrdinal(s: string): number {
  if (s.length === 1) return CN_ORD[s] ?? 0;
  if (s[0] === "十") return 10 + (CN_ORD[s[1]] ?? 0);
  return (CN_ORD[s[0]] ?? 0) * 10 + (s[1] === "十" ? (s[2] ? CN_ORD[s[2]] ?? 0 : 0) : 0);
}

const L1 = /^\s*(?:第([一二三四五六七八九十]{1,3})(?:部分|章|项)\s*[、.．:：]?\s*|([一二三四五六七八九十]{1,3})\s*[、.．,，]\s*)/;
const L2 = /^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*/;
const L3 = /^\s*(?:(\d{1,2})\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[①②③④⑤⑥⑦⑧⑨⑩])\s*/;
const MAX_TITLE = 40;
/** Section titles of the templates (and of 一、总体情况's five parts), longest first. */
const KNOWN_TITLES = [
  "政府信息公开行政复议、行政诉讼情况", "收到和处理政府信息公开申请情况", "政府信息公开工作存在的主要问题及改进情况",
  "存在的主要问题及改进情况", "其他需要报告的事项", "主动公开政府信息情况", "政府信息公开平台建设情况", "政府信息管理情况",
  "监督保障情况", "依申请公开情况", "主动公开情况", "总体情况", "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障",
].sort((a, b) => b.length - a.length);

interface Found {
  level: 1 | 2 | 3;
  ordinal: number | null;
  title: string;
  topic: Topic;
  /** Offset (in the segment) where the title ends. */
  titleEnd: number;
}

function topicOf(title: string): Topic {
  for (const [topic, re] of TOPIC_WORDS) if (re.test(title)) return topic;
  return "general";
}

/** A heading at the start of a segment (a line or the text after a 。), or null. */
function headingAt(seg: string, wholeLine: boolean): Found | null {
  let level: 1 | 2 | 3;
  let ordinal: number | null = null;
  let m = L1.exec(seg);
  if (m) {
    level = 1;
    ordinal = cnOrdinal(m[1] ?? m[2]);
  } else if ((m = L2.exec(seg))) {
    level = 2;
  } else if ((m = L3.exec(seg))) {
    level = 3;
  } else {
    // A line of its own, short, without numbers or a full stop, naming a topic: a heading without ordinal.
    const t = seg.trim();
    if (!wholeLine || t.length > 30 || t.length < 4 || /\d|[。，,；;]$/.test(t)) return null;
    const topic = topicOf(t);
    if (topic === "general" || topic === "other") return null;
    return { level: 1, ordinal: null, title: t, topic, titleEnd: seg.length };
  }
  const after = m[0].length;
  const rest = seg.slice(after);
  let cut = rest.search(/[。：:；;，,]| {2}|\t/);
  if (cut < 0) cut = rest.length;
  let title = rest.slice(0, cut);
  if (title.length > MAX_TITLE || /\d/.test(title)) {
    const digit = title.search(/\d/);
    if (digit <= 0) return null;
    title = title.slice(0, digit);
    cut = digit;
    if (title.length > MAX_TITLE) return null;
  }
  title = title.trim();
  if (title === "") return null;
  // A heading run into its first sentence with no stop ("六、其他需要报告的事项我镇本年度没有收取…"):
  // a known section title ends the heading there, the rest is the section's first sentence.
  const known = KNOWN_TITLES.find((k) => title.startsWith(k) && title.length > k.length);
  if (known) {
    cut = rest.indexOf(known) + known.length;
    title = known;
  }
  const topic = topicOf(title);
  if (level === 3 && (topic === "general" || title.length > 20)) return null; // "1.组织机构" is a list item
  if (/^[是要]/.test(title)) return null; // 一是…
  return { level, ordinal, title, topic, titleEnd: after + cut };
}

/** A line break inside a paragraph that is only a wrap: the line runs on into the next one. */
function softBreak(line: string, next: string): boolean {
  const l = line.trim();
  const n = next.trim();
  if (n === "" || /[。！？!?]$/.test(l)) return false;
  if (L1.test(n) || L2.test(n) || L3.test(n) || /^[一二三四五六七八九十]是/.test(n)) return false;
  if (/[，,、]$/.test(l)) return true; // a clause goes on
  if (l.length < 15 || /(?:报告|年报|通知|公告)$/.test(l)) return false; // short lines, titles
  if (l.length <= 45 && headingAt(l, true) && (L1.test(l) || L2.test(l))) return false;
  return true;
}

function sentenceAt(block: Block, offset: number, str: string, topic: Topic): Sentence {
  const s: Sentence = { start: 0, end: 0, text: str, topic, block, offset };
  [s.start, s.end] = spanOf(s, 0, str.length);
  return s;
}

/** Paragraphs of prose: runs of non-excluded lines joined at soft breaks. */
function blocks(index: TextIndex, excluded: (line: number) => boolean): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  for (let li = 0; li < index.lineCount; li++) {
    if (excluded(li)) {
      cur = null;
      continue;
    }
    const line = index.lineText(li);
    const lead = line.length - line.trimStart().length;
    const body = line.slice(lead).trimEnd();
    if (body === "") {
      cur = null;
      continue;
    }
    if (!cur) out.push((cur = { text: "", pieces: [] }));
    cur.pieces.push({ at: cur.text.length, g: index.lineStarts[li] + lead });
    cur.text += maskAds(body);
    const next = li + 1 < index.lineCount && !excluded(li + 1) ? index.lineText(li + 1) : "";
    if (!softBreak(body, next)) cur = null;
  }
  return out;
}

/**
 * Cuts the prose into sentences with their topic. `excluded(lineIndex)` says which lines are not
 * prose (tables, the 附表). Wrapped lines are joined first.
 */
export function segment(index: TextIndex, template: TemplateId, excluded: (line: number) => boolean): Segmented {
  const isTemplate = template === "template-2019" || template === "template-2021";
  const sentences: Sentence[] = [];
  const headings: Heading[] = [];
  let l1: Topic = "overview";
  let l2: Topic | null = null;
  let l3: Topic | null = null;
  let lastOrdinal = 0;
  const effective = (): Topic => {
    if (l1 === "table" || l1 === "problems" || l1 === "appendix") return l1;
    if (l3 && l3 !== "general") return l3;
    if (l2 && l2 !== "general") return l2;
    return l1;
  };
  const seg = /[^。！？!?]+[。！？!?]*/g;
  for (const block of blocks(index, excluded)) {
    const text = block.text;
    seg.lastIndex = 0;
    for (let m = seg.exec(text); m; m = seg.exec(text)) {
      const lead = m[0].length - m[0].trimStart().length;
      const str = m[0].slice(lead).trimEnd();
      const offset = m.index + lead;
      if (str === "") continue;
      const h = headingAt(str, m.index === 0 && m[0].length === text.length);
      if (h) {
        let topic = h.topic;
        if (h.level === 1) {
          const specific = topic === "active" || topic === "requests" || topic === "fees" || topic === "review";
          // A list restarting at 一、 inside a section is not a section, unless it names one of the six topics.
          if (h.ordinal !== null && h.ordinal <= lastOrdinal && !specific) topic = "general";
          else {
            if (h.ordinal !== null) lastOrdinal = h.ordinal;
            // Tables 三 and 四 hold the applications and reviews; table 二 has no 主动公开 total, so the
            // prose before it ("全镇主动公开政府信息114条") is read (the table's own lines are excluded).
            if (isTemplate && (topic === "requests" || topic === "review")) topic = "table";
            l1 = topic;
            l2 = l3 = null;
          }
        } else if (h.level === 2) {
          l2 = topic;
          l3 = null;
        } else l3 = topic;
        const hs = sentenceAt(block, offset, str, effective());
        const prev = headings.at(-1);
        if (prev) prev.bodyEnd = hs.start;
        headings.push({ topic: effective(), level: h.level, title: h.title, start: hs.start, titleEnd: globalOf(hs, h.titleEnd - 1) + 1, bodyEnd: index.text.length });
        const body = str.slice(h.titleEnd);
        if (body.trim() !== "") {
          const off = h.titleEnd + (body.length - body.trimStart().length);
          sentences.push(sentenceAt(block, offset + off, str.slice(off), effective()));
        }
        continue;
      }
      sentences.push(sentenceAt(block, offset, str, effective()));
    }
  }
  // A heading's body ends where an excluded region (a table) starts.
  for (const h of headings) {
    const from = index.lineIndex(h.titleEnd);
    for (let li = from + 1; li < index.lineCount && index.lineStarts[li] < h.bodyEnd; li++) {
      if (excluded(li)) {
        h.bodyEnd = index.lineStarts[li];
        break;
      }
    }
  }
  return { sentences, headings };
}

/** A section body that says nothing but "none" (无。/ 没有。/ 无此类情况。/ 零). */
export function bodySaysNone(text: string): boolean {
  const t = text.replace(/\s+/g, "").replace(/^[：:]/, "");
  return /^(?:本(?:年度?|年)|全年|今年)?(?:无|没有|暂无|无此类?情况|无相关情况|无上述情况|无此项|无该类情况|零|均为零|均无)[。.；;]?$/.test(t);
}
