// The free-text writer (2008–2018 reports): six required topics plus optional extra sections,
// with the many ways township offices phrase their counts (report-formats.md §2). Every figure it
// writes is recorded in the Facts at the moment it is written.
import type { Block, Doc, Facts } from "./doc.ts";
import type { ActiveData, MiscData, TableValues } from "./model.ts";
import type { FreeRequests } from "./appendix.ts";
import {
  CONFIDENTIALITY, type Ctx, fill, IMPROVEMENTS, INTRO_BASIS, ORGANISATION, OTHER_MATTERS, OVERVIEW,
  PROBLEMS, ACTIVE_AFTER,
} from "./phrases.ts";
import { type Rng, rngFor } from "./rng.ts";
import { CHANNEL_CATEGORY } from "../../loaders/categories.ts";
import type { TableModel } from "./doc.ts";

export type StatPeriod = "full" | "short" | "lost" | "none";

export interface FreeTextInput {
  ctx: Ctx;
  /** Seed of all phrasing choices (a copied report keeps its source's seed). */
  seed: string;
  active: ActiveData;
  misc: MiscData;
  requests: FreeRequests;
  t4: TableValues;
  fees: number;
  appendix: TableModel | null;
  statPeriod: StatPeriod;
  signature: { name: string; date: string | null } | null;
  /** total_vs_categories: the stated total is the category sum plus this. */
  statedTotalDelta: number;
  forceBreakdown: boolean;
}

const CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

// ---------------------------------------------------------------------------------------------
// Proactive disclosure (主动公开): shared with the template-era narrative.

export interface ActiveOptions {
  year: number;
  self: string;
  portal: string;
  statedTotalDelta: number;
  forceBreakdown: boolean;
  /** Template-era narratives: fewer patterns, no cumulative appendix figures. */
  templateEra: boolean;
}

function unitFor(r: Rng): string {
  return r.weighted([["条", 70], ["件", 9], ["项", 6], ["份", 4], ["个", 4], ["次", 3], ["宗", 4]]);
}

function itemText(fmt: number, label: string, n: number, u: string): string {
  const endsXinxi = label.endsWith("信息");
  switch (fmt) {
    case 0: return `${label}类${n}${u}`;
    case 1: return `${label}${n}${u}`;
    case 2: return `${n}${u}${label}`;
    case 3: return endsXinxi ? `${label}${n}${u}` : `${label}类信息${n}${u}`;
    default: return endsXinxi ? `${label}${n}${u}` : `${label}信息${n}${u}`;
  }
}

/** Writes the sentences about proactive disclosure and records what they state. */
export function writeActive(r: Rng, a: ActiveData, o: ActiveOptions, f: Facts): string {
  const u = unitFor(r);
  const T = a.total;
  const pattern = o.forceBreakdown ? "breakdown" : r.weighted<string>(o.templateEra
    ? [["total", 45], ["breakdown", 25], ["channels", 15], ["none", 15]]
    : [["breakdown", 44], ["total", 16], ["categories", 10], ["channels", 10], ["cumulative", 12], ["none", 8]]);
  const parts: string[] = [];
  const lead = r.pick([
    `${o.year}年，${o.self}共主动公开政府信息`, `全年共主动公开各类政府信息`, `${o.year}年度，${o.self}通过各种形式主动公开政府信息`,
    `本年度主动公开政府信息`, `全年${o.self}主动公开政府信息`, `${o.year}年共发布政府信息`,
  ]);
  const setTotal = (value: number, approx: boolean, raw: string) => {
    f.activeTotal = value;
    f.activeTotalApprox = approx;
    f.activeTotalRaw = raw;
  };
  const writeItems = (withPercent: boolean): string => {
    const fmt = r.int(0, 4);
    // Numbered lists put the label first ("1.组织机构5条"): "1.74条…" would read as a decimal.
    const numbered = !withPercent && fmt !== 2 && r.chance(0.18);
    const sep = withPercent ? "；" : numbered ? r.pick([";", "；"]) : r.pick(["、", "，", "；", ";"]);
    const items = a.categories.map((c, i) => {
      let text = itemText(fmt, c.label, c.count, u);
      if (numbered) text = `${r.pick([`${i + 1}.`, `${i + 1}、`, `（${i + 1}）`])}${text}`;
      f.categories.push({ label: c.label, category: c.category, count: c.count, approx: false });
      if (withPercent) {
        const pct = Math.round((c.count / T) * 1000) / 10;
        const pctText = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
        const raw = `占${pctText}%`;
        f.percentages.push({ label: c.label, percent: Number(pctText), raw });
        text += `，${raw}`;
      }
      return text;
    });
    return items.join(sep);
  };
  switch (pattern) {
    case "breakdown": {
      const stated = T + o.statedTotalDelta;
      const approx = o.statedTotalDelta === 0 && !o.forceBreakdown && T >= 40 && r.chance(0.12);
      const shown = approx ? Math.floor(T / 10) * 10 : stated;
      const totalText = approx ? `${shown}${r.pick(["余", "多"])}${u}` : `${shown}${u}`;
      setTotal(shown, approx, totalText);
      const withPercent = !approx && r.chance(0.15);
      const intro = r.pick(["其中", "其中：", "其中，", "包括", "从内容分类看，", "paren"]);
      if (intro === "paren") {
        parts.push(`${lead}${totalText}（${writeItems(false)}）。`);
      } else if (intro === "从内容分类看，") {
        parts.push(`${lead}${totalText}。${intro}${writeItems(withPercent)}。`);
      } else {
        parts.push(`${lead}${totalText}，${intro}${writeItems(withPercent)}。`.replace("，其中：", "。其中："));
      }
      break;
    }
    case "total": {
      const style = r.weighted<string>(o.templateEra
        ? [["exact", 75], ["yu", 10], ["duo", 5], ["yue", 7], ["bare", 3]]
        : [["exact", 55], ["yu", 18], ["duo", 10], ["yue", 10], ["bare", 7]]);
      if (style === "exact" || T < 20) {
        setTotal(T, false, `${T}${u}`);
        parts.push(`${lead}${T}${u}。`);
      } else if (style === "yue") {
        const v = Math.round(T / 10) * 10;
        setTotal(v, true, `约${v}${u}`);
        parts.push(`${lead}约${v}${u}。`);
      } else {
        const v = Math.floor(T / 10) * 10;
        const raw = style === "yu" ? `${v}余${u}` : style === "duo" ? `${v}多${u}` : `${v}余`;
        setTotal(v, true, raw);
        parts.push(`${lead}${raw}，内容涵盖机构职能、工作动态、民生保障等方面。`);
      }
      break;
    }
    case "categories": {
      parts.push(`${o.year}年，${o.self}共公开${writeItems(false)}。`);
      break;
    }
    case "channels": {
      const overlap = a.wechat > 0 && r.chance(0.35);
      const w = overlap ? T : a.website;
      const x = overlap ? T : a.wechat;
      const items = [{ label: "门户网站", count: w }, { label: "政务微信", count: x }];
      let raw: string;
      if (overlap) {
        raw = `在${o.portal}公开信息${w}条，政务微信公众号同步推送${x}条`;
        parts.push(`${o.year}年，${o.self}${raw}。`);
      } else if (x === 0) {
        // The one channel counted: its figure is the year's total (website = total when WeChat is 0).
        raw = `通过${o.portal}公开政府信息${w}条`;
        setTotal(w, false, `${w}条`);
        items.pop();
        parts.push(`${o.year}年，${o.self}${raw}。`);
      } else if (r.chance(0.5)) {
        raw = `通过${o.portal}公开${w}条，通过政务微信公开${x}条`;
        setTotal(T, false, `${T}条`);
        parts.push(`全年主动公开政府信息${T}条，其中${raw}。`);
        // The stated total's own breakdown, by channel, adding up to it: recorded as its parts
        // (README "Category taxonomy": 发布渠道, not a topic).
        for (const i of items) f.categories.push({ label: i.label, category: CHANNEL_CATEGORY, count: i.count, approx: false });
      } else {
        raw = `门户网站公开${w}条，政务微信公开${x}条`;
        parts.push(`${o.year}年${o.self}${raw}。`);
      }
      f.channels = { items, overlapping: overlap, raw };
      break;
    }
    case "cumulative": {
      const raw = r.chance(0.5) ? `累计主动公开政府信息${a.cumulative}条` : `历年累计公开政府信息${a.cumulative}条`;
      f.cumulative.push({ key: "active", value: a.cumulative, raw });
      setTotal(T, false, `${T}${u}`);
      if (raw.startsWith("累计")) parts.push(`截至${o.year}年底，${o.self}${raw}，其中${o.year}年新增${T}${u}。`);
      else parts.push(`${o.year}年${o.self}主动公开政府信息${T}${u}，${raw}。`);
      break;
    }
    default:
      parts.push(`${o.self}全年主动公开了机构职能、政策文件、工作动态、财政资金等各类政府信息。`);
  }
  // Add-ons: a channel sentence, a cumulative sentence.
  if (pattern !== "channels" && pattern !== "none" && !o.templateEra && a.wechat > 0 && r.chance(0.18)) {
    const overlap = r.chance(0.3);
    if (overlap) {
      const raw = `门户网站和政务微信各发布${T}条`;
      f.channels = { items: [{ label: "门户网站", count: T }, { label: "政务微信", count: T }], overlapping: true, raw };
      parts.push(`从发布渠道看，${raw}。`);
    } else {
      const raw = `门户网站发布${a.website}条，政务微信发布${a.wechat}条`;
      f.channels = { items: [{ label: "门户网站", count: a.website }, { label: "政务微信", count: a.wechat }], overlapping: false, raw };
      parts.push(`从发布渠道看，${raw}。`);
    }
  }
  if (pattern !== "cumulative" && !o.templateEra && r.chance(0.12)) {
    const raw = `累计主动公开政府信息${a.cumulative}条`;
    f.cumulative.push({ key: "active", value: a.cumulative, raw });
    parts.push(`自政府信息公开工作开展以来，${o.self}${raw}。`);
  }
  return parts.join("");
}

// ---------------------------------------------------------------------------------------------
// The other topics.

function writeRequests(r: Rng, c: Ctx, q: FreeRequests, f: Facts): string {
  const n = q.received;
  if (n === 0) {
    const zero = r.weighted<string>([
      [`${c.year}年，${c.self}没有接到公民、法人或其他组织提出的政府信息公开申请`, 22],
      [`本年度${c.self}未收到依申请公开政府信息的申请`, 20],
      [`${c.year}年度依申请办理事项为零`, 10],
      [`本年度依申请公开政府信息零报告`, 8],
      [`全年受理依申请公开政府信息0件次`, 10],
      [`全年无一例依申请公开政府信息的情况`, 8],
      [`全年共收到政府信息公开申请0件`, 10],
      ["silent", 12],
    ]);
    if (zero === "silent") return `${c.year}年，对于应当主动公开的政府信息，${c.self}均按时按要求予以公开。`;
    f.requestsNew = 0;
    f.requestsRaw = zero;
    let s = `${zero}。`;
    if (r.chance(0.5)) {
      f.requestOutcomes.push({ key: "不予公开", value: 0, raw: "无不予公开政府信息的情况" });
      s += "无不予公开政府信息的情况。";
    }
    return s;
  }
  const u = r.weighted([["件", 70], ["宗", 10], ["人次", 10], ["次", 10]]);
  const outcome = (key: string, value: number, word: string): string => {
    const raw = `${word}${value}${u}`;
    f.requestOutcomes.push({ key, value, raw });
    return raw;
  };
  const outs: string[] = [outcome("同意公开", q.granted, r.pick(["同意公开", "予以公开"]))];
  if (q.partial) outs.push(outcome("部分公开", q.partial, "同意部分公开"));
  if (q.refused) outs.push(outcome("不予公开", q.refused, "不予公开"));
  if (q.notExist) outs.push(outcome("信息不存在", q.notExist, "信息不存在"));
  if (q.other) outs.push(outcome("其他", q.other, "告知通过其他途径办理"));
  f.requestsNew = n;
  const style = r.int(0, 3);
  if (style === 0) {
    f.requestsRaw = `全年共受理政府信息公开申请${n}${u}`;
    return `${f.requestsRaw}，已全部按期答复。其中${outs.join("，")}。`;
  }
  if (style === 1) {
    f.requestsRaw = `共收到依申请公开政府信息${n}${u}`;
    f.requestsHandled = n;
    return `${c.year}年，${c.self}${f.requestsRaw}，已办结${n}${u}（${outs.join("、")}）。`;
  }
  if (style === 2) {
    f.requestOutcomes.length = 0;
    f.requestsRaw = `受理依申请公开事项${n}${u}`;
    f.add("requests_done_rate", 100, "办结率100%");
    return `本年度${f.requestsRaw}，均在规定时限内办结，办结率100%。`;
  }
  f.requestsRaw = `收到公民、法人或其他组织政府信息公开申请${n}${u}`;
  return `全年${f.requestsRaw}，${c.self}均依法在规定期限内作出答复，${outs.join("；")}。`;
}

function writeFees(r: Rng, c: Ctx, fees: number, f: Facts): string {
  f.fees = fees;
  if (fees > 0) {
    f.feesRaw = `收取复印、邮寄成本费共计${fees}元`;
    return `${c.year}年，${c.self}依申请提供政府信息，${f.feesRaw}，无减免情况。`;
  }
  const raw = r.pick([
    "无收费", "未收取任何费用", "本年度政府信息公开工作未收取任何费用，也未发生减免情况",
    `${c.self}依申请提供政府信息，均未收取费用`, "政府信息公开的收费及减免情况：无", "本年度无收费及减免情况",
  ]);
  f.feesRaw = raw;
  return `${raw}。`;
}

function outcomesText(b: Record<string, number>, u: string): string {
  const words: [string, string][] = [["upheld", "结果维持"], ["corrected", "结果纠正"], ["other", "其他结果"], ["pending", "尚未审结"]];
  return words.filter(([k]) => b[k] > 0).map(([k, w]) => `${b[k]}${u}${w}`).join("，");
}

function writeReviews(r: Rng, c: Ctx, t4: TableValues, f: Facts): string {
  const rev = t4.review;
  const lit = {
    upheld: t4.lit_direct.upheld + t4.lit_after_review.upheld,
    corrected: t4.lit_direct.corrected + t4.lit_after_review.corrected,
    other: t4.lit_direct.other + t4.lit_after_review.other,
    pending: t4.lit_direct.pending + t4.lit_after_review.pending,
    total: t4.lit_direct.total + t4.lit_after_review.total,
  };
  f.reviewTotal = rev.total;
  f.litigationTotal = lit.total;
  if (rev.total === 0 && lit.total === 0) {
    const raw = r.pick([
      "无行政复议、行政诉讼情况", `本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况`,
      "因政府信息公开申请行政复议、提起行政诉讼均为0件", "全年没有发生政府信息公开方面的行政复议和行政诉讼案件",
      "本年度无因政府信息公开引起的行政复议和行政诉讼",
    ]);
    f.reviewRaw = raw;
    return `${raw}。`;
  }
  const pieces: string[] = [];
  if (rev.total > 0) {
    f.reviewOutcomes = { upheld: rev.upheld, corrected: rev.corrected, other: rev.other, pending: rev.pending };
    pieces.push(`因政府信息公开申请提起行政复议${rev.total}件（${outcomesText(rev, "件")}）`);
  } else {
    pieces.push("未发生行政复议案件");
  }
  if (lit.total > 0) {
    f.litigationOutcomes = { upheld: lit.upheld, corrected: lit.corrected, other: lit.other, pending: lit.pending };
    pieces.push(`提起行政诉讼${lit.total}件（${outcomesText(lit, "件")}）`);
  } else {
    pieces.push("未发生行政诉讼案件");
  }
  f.reviewRaw = pieces.join("，");
  return `${c.year}年，${f.reviewRaw}。`;
}

function writeConsultations(r: Rng, c: Ctx, m: MiscData, f: Facts): string {
  const s: string[] = [];
  const raw = `接待群众来电来访咨询${m.consultations}人次`;
  f.add("consultations", m.consultations, raw);
  s.push(`全年共${raw}，均给予了耐心细致的解答。`);
  if (r.chance(0.5)) {
    const raw2 = `网上咨询${Math.max(1, Math.floor(m.consultations / 4))}条`;
    f.add("online_consultations", Math.max(1, Math.floor(m.consultations / 4)), raw2);
    s.push(`其中受理${raw2}。`);
  }
  return s.join("");
}

function writeTraining(r: Rng, c: Ctx, m: MiscData, f: Facts): string {
  const pick = r.int(0, 3);
  if (pick === 0) {
    f.add("trainings", m.trainings, `业务培训${m.trainings}次`);
    f.add("trainees", m.trainees, `${m.trainees}人次`);
    return `组织开展政府信息公开业务培训${m.trainings}次，参训人员${m.trainees}人次。`;
  }
  if (pick === 1) {
    f.add("meetings", m.meetings, `专题会议${m.meetings}次`);
    return `全年召开政府信息公开工作专题会议${m.meetings}次，研究部署相关工作。`;
  }
  if (pick === 2) {
    f.add("board_issues", m.boardIssues, `${m.boardIssues}期`);
    return `及时更新政务公开栏，全年共更新${m.boardIssues}期。`;
  }
  f.add("staff_full", m.staffFull, `专职人员${m.staffFull}名`);
  f.add("staff_part", m.staffPart, `兼职人员${m.staffPart}名`);
  return `${c.office}配备专职人员${m.staffFull}名、兼职人员${m.staffPart}名，负责政府信息公开日常工作。`;
}

function statPeriodSentence(r: Rng, y: number, mode: StatPeriod, f: Facts): string {
  if (mode === "none") return "";
  let raw: string;
  if (mode === "lost") raw = `本报告统计期限为${y}111231日`;
  else if (mode === "short") raw = `本报告所列数据统计期限为${y}年1月1日至12月31日`;
  else raw = r.pick([`本报告中所列数据的统计期限自${y}年1月1日起至${y}年12月31日止`, `统计期限为${y}年1月1日至${y}年12月31日`]);
  f.statPeriodRaw = raw;
  return `${raw}。`;
}

// ---------------------------------------------------------------------------------------------

interface Section {
  id: string;
  headings: string[];
  body: () => string;
}

export function writeFreeText(inp: FreeTextInput, f: Facts): Doc {
  const c = inp.ctx;
  const r = rngFor("prose", inp.seed);
  const rb = rngFor("prose-body", inp.seed);
  const portal = `${c.county.name}人民政府门户网站`;
  const title = r.pick([
    `${c.name}${c.year}年政府信息公开年报`, `${c.org}${c.year}年政府信息公开工作年度报告`,
    `${c.name}${c.year}年度政府信息公开工作报告`, `${c.county.name}${c.name}${c.year}年政府信息公开工作年度报告`,
    `关于${c.name}${c.year}年度政府信息公开工作情况的报告`, `${c.name}${c.year}年度政府信息公开工作年度报告`,
  ]);
  const blocks: Block[] = [{ kind: "title", text: title }];
  // The 统计期限 sentence draws from its own stream, so a copied report keeps its source's wording.
  const intro = fill(INTRO_BASIS, c, [r.int(0, 9)]) + statPeriodSentence(rngFor("prose-stat", inp.seed), c.year, inp.statPeriod, f);
  blocks.push({ kind: "para", text: intro });

  const sections: Section[] = [];
  const overviewFirst = r.chance(0.75);
  if (overviewFirst) {
    sections.push({
      id: "overview", headings: ["概述", "政府信息公开工作概述", "基本情况", "总体情况"],
      body: () => fill(OVERVIEW, c, rb.sample([0, 1, 2, 3, 4, 5], rb.int(2, 3))),
    });
  }
  if (r.chance(0.45)) {
    sections.push({
      id: "organisation", headings: ["政府信息公开的组织领导和制度建设情况", "组织领导和制度建设情况", "加强组织领导，健全工作机制"],
      body: () => fill(ORGANISATION, c, rb.sample([0, 1, 2, 3, 4, 5], rb.int(2, 4))) + (rb.chance(0.4) ? writeTraining(rb, c, inp.misc, f) : ""),
    });
  }
  sections.push({
    id: "active", headings: ["主动公开政府信息的情况", "主动公开政府信息情况", "主动公开政府信息以及公开平台建设情况", "主动公开情况"],
    body: () => writeActive(rb, inp.active, {
      year: c.year, self: c.self, portal, statedTotalDelta: inp.statedTotalDelta, forceBreakdown: inp.forceBreakdown,
      templateEra: false,
    }, f) + fill(ACTIVE_AFTER, c, rb.sample([0, 1, 2, 3, 4, 5], rb.int(1, 2))),
  });
  sections.push({
    id: "requests", headings: ["依申请公开政府信息和不予公开政府信息的情况", "政府信息公开申请的办理情况", "依申请公开政府信息情况", "依申请公开情况"],
    body: () => writeRequests(rb, c, inp.requests, f),
  });
  const feeSection: Section = {
    id: "fees", headings: ["政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况"],
    body: () => writeFees(rb, c, inp.fees, f),
  };
  const reviewSection: Section = {
    id: "reviews", headings: ["因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请行政复议、行政诉讼的情况", "行政复议和行政诉讼情况"],
    body: () => writeReviews(rb, c, inp.t4, f),
  };
  if (r.chance(0.85)) sections.push(feeSection, reviewSection);
  else sections.push(reviewSection, feeSection);
  if (r.chance(0.3)) {
    sections.push({
      id: "consultations", headings: ["咨询处理情况", "政府信息公开咨询情况"],
      body: () => writeConsultations(rb, c, inp.misc, f),
    });
  }
  if (r.chance(0.3)) {
    sections.push({
      id: "confidentiality", headings: ["政府信息公开保密审查及监督检查情况", "保密审查情况"],
      body: () => fill(CONFIDENTIALITY, c, rb.sample([0, 1, 2], rb.int(1, 2))),
    });
  }
  sections.push({
    id: "problems", headings: ["政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进措施", "存在的不足及改进措施"],
    body: () => fill(PROBLEMS, c, [rb.int(0, 9)]) + fill(IMPROVEMENTS, c, rb.sample([0, 1, 2, 3, 4, 5], rb.int(1, 2))),
  });
  sections.push({
    id: "other", headings: ["其他需要报告的事项", "需要说明的事项", "其他事项"],
    body: () => fill(OTHER_MATTERS, c, [rb.int(0, 9)])
      + (inp.appendix ? `附件：${c.name}${c.year}年政府信息公开情况统计表。` : ""),
  });
  if (!overviewFirst && r.chance(0.5)) {
    sections.unshift({ id: "overview", headings: ["概述"], body: () => fill(OVERVIEW, c, [rb.int(0, 9)]) });
  }

  const numbering = r.weighted<string>([["cn", 78], ["none", 8], ["skip", 6], ["part", 8]]);
  const skipAt = numbering === "skip" ? r.int(2, Math.max(2, sections.length - 2)) : -1;
  let k = 0;
  sections.forEach((s, i) => {
    if (i === skipAt) k++;
    const h = r.pick(s.headings);
    const text = numbering === "none" ? h : numbering === "part" ? `第${CN_NUM[k]}部分 ${h}` : `${CN_NUM[k]}、${h}`;
    k++;
    blocks.push({ kind: "heading", text });
    blocks.push({ kind: "para", text: s.body() });
  });
  if (inp.appendix) {
    blocks.push({ kind: "caption", text: `附件：${c.name}${c.year}年政府信息公开情况统计表` });
    blocks.push({ kind: "table", table: inp.appendix });
  }
  if (inp.signature) blocks.push({ kind: "signature", name: inp.signature.name, date: inp.signature.date });
  return { title, blocks };
}
