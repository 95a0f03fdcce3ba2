// The corpus plan: for every township-year, which template and rendering, which file name, when
// it was published, and which defects are planted where (a known minority, weighted towards
// careless offices). Numbers are not decided here (model.ts), only the shape of each report.
import type { TemplateId } from "../../loaders/types.ts";
import { addDays, daysInMonth, type DateStyle, type Ymd } from "./format.ts";
import { newRequests, profile, YEARS } from "./model.ts";
import { DEMO_WORLD, type Township, type World } from "./places.ts";
import { type Rng, rngFor } from "./rng.ts";
import type { TableLayout } from "./render/flatten.ts";

export type Rendering =
  | "html-table" | "text-cell-per-line" | "text-pipe" | "text-pipe-broken" | "text-space-aligned" | "text-glued"
  | "text-run-on" | "text-ocr-markdown" | "text-pdf-markdown" | "html-in-text" | "html-cut-off" | "text-cut-off"
  | "prose" | "prose-html" | "appendix-text" | "appendix-html" | "empty" | "notice-html";

export const DEFECT_KINDS = [
  "t3_balance", "t3_outcome_sum", "t3_applicant_sum", "t4_sum", "total_vs_categories", "missing_year", "late",
  "pre_year_end", "empty_table", "copied_previous_year", "copied_neighbour", "carry_over_break", "extreme_jump",
  "old_template", "rules_gt_zero", "narrative_vs_table", "lost_date_chars", "duplicate_file",
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface FilePlan {
  fileName: string;
  rendering: Rendering;
  /** Date on the web page (HTML, or text saved from a page), else null. */
  pageDate: Ymd | null;
  pageTime: string | null;
  /** Text renderings: a saved web page's breadcrumb and meta line are kept. */
  pageText: boolean;
  /** text-cut-off: the layout of the tables in the text that stops. */
  cutLayout: TableLayout | null;
}

export interface ReportPlan {
  t: Township;
  year: number;
  template: Exclude<TemplateId, "unknown">;
  defect: DefectKind | null;
  missing: boolean;
  /** The main file, and a second file for duplicate_file. */
  files: FilePlan[];
  signDate: Ymd | null;
  signStyle: DateStyle;
  /** lost_date_chars: which date lost its characters. */
  lostDate: "stat_period" | "signature" | null;
  copyFrom: { code: string; year: number } | null;
  appendix: boolean;
  /** Edge case: the file is empty (failed download). */
  emptyFile: boolean;
  /** The copy stops after section 二's heading or inside a table (a truncated page): a clean report. */
  cutOff: boolean;
}

export const key = (code: string, year: number) => `${code}:${year}`;

/** The file is a saved web page (.html / .htm). */
export function isHtml(r: Rendering): boolean {
  return r === "html-table" || r === "prose-html" || r === "appendix-html" || r === "notice-html" || r === "html-cut-off";
}

/** The tables are HTML <table>s: a saved page, or a page's source held in a text file. */
export function hasHtmlTables(r: Rendering): boolean {
  return isHtml(r) || r === "html-in-text";
}

/** Whole-document renderings of their own (the tables are not a flattening of the grid). */
export type DocLayout = "run-on" | "ocr-markdown" | "pdf-markdown";

export function docLayoutOf(r: Rendering): DocLayout | null {
  return r === "text-run-on" ? "run-on" : r === "text-ocr-markdown" ? "ocr-markdown" : r === "text-pdf-markdown" ? "pdf-markdown" : null;
}

/**
 * Text extracted from a document may lose its ordinals (Word's automatic numbering); a scrape of a
 * page (run-on) and the markdown tools keep the ordinals the page or the PDF prints.
 */
export function mayLoseOrdinals(r: Rendering): boolean {
  return !hasHtmlTables(r) && r !== "text-run-on" && r !== "text-ocr-markdown" && r !== "text-pdf-markdown";
}

/** What the table options are drawn for: extracted text, or HTML tables (a page, or its source). */
export function isTextCopy(r: Rendering): boolean {
  return !hasHtmlTables(r);
}

export function isCutOff(r: Rendering): boolean {
  return r === "html-cut-off" || r === "text-cut-off";
}

export function layoutOf(r: Rendering, rng: Rng): TableLayout {
  switch (r) {
    case "text-cell-per-line": return "cell-per-line";
    case "text-pipe": return "pipe";
    case "text-pipe-broken": return "pipe-broken";
    case "text-space-aligned": return "space-aligned";
    case "text-glued": return "glued";
    default: return rng.pick(["cell-per-line", "pipe", "space-aligned"] as const);
  }
}

function templateFor(year: number): ReportPlan["template"] {
  return year <= 2018 ? "free-text-2008" : year <= 2020 ? "template-2019" : "template-2021";
}

const TEMPLATE_RENDERINGS: [Rendering, number][] = [
  ["html-table", 40], ["text-space-aligned", 16], ["text-cell-per-line", 12], ["text-pipe", 11],
  ["text-pipe-broken", 9], ["text-glued", 7],
];

function pickRendering(t: Township, year: number, appendix: boolean): Rendering {
  const r = rngFor("rendering", t.code, year);
  const era = year <= 2013 ? 1 : year <= 2018 ? 2 : 3;
  const habit = rngFor("rendering-habit", t.code, era);
  if (era < 3) {
    const html = habit.next() < (era === 1 ? 0.35 : 0.55) ? r.chance(0.85) : r.chance(0.15);
    return appendix ? (html ? "appendix-html" : "appendix-text") : html ? "prose-html" : "prose";
  }
  const preferred = habit.weighted(TEMPLATE_RENDERINGS);
  let pick = r.chance(0.7) ? preferred : r.weighted(TEMPLATE_RENDERINGS);
  if (pick === "text-glued" && t.busy) pick = "text-space-aligned";
  return pick;
}

/**
 * Renderings of real copies (a crawler's scrape, an OCR tool's or a PDF converter's markdown, a
 * page's source in a text file), each taking a share of the rendering it is the cousin of, drawn
 * from a stream of its own so every other report keeps its rendering. Cut-off copies are not drawn
 * here: a fixed number of clean reports is truncated (buildPlan).
 */
const REAL_COPIES: { from: Rendering[]; to: Rendering; share: number }[] = [
  { from: ["text-glued"], to: "text-run-on", share: 0.5 },
  { from: ["html-table"], to: "html-in-text", share: 0.07 },
  { from: ["text-cell-per-line", "text-pipe"], to: "text-ocr-markdown", share: 0.18 },
  { from: ["text-space-aligned"], to: "text-pdf-markdown", share: 0.2 },
];

function realCopy(t: Township, year: number, r: Rendering): Rendering {
  const copy = REAL_COPIES.find((c) => c.from.includes(r));
  return copy && rngFor("real-copy", t.code, year).chance(copy.share) ? copy.to : r;
}

// -------------------------------------------------------------------------------------------
// Dates

function normalDate(r: Rng, year: number, templateEra: boolean): Ymd {
  const y = year + 1;
  const m = templateEra ? r.weighted([[1, 70], [2, 20], [3, 10]]) : r.weighted([[1, 20], [2, 35], [3, 45]]);
  const d = r.int(m === 1 ? 8 : 1, daysInMonth(y, m));
  return { y, m, d };
}

function lateDate(r: Rng, year: number): Ymd {
  const y = year + 1;
  const m = r.int(4, 11);
  return { y, m, d: r.int(1, daysInMonth(y, m)) };
}

function preYearEndDate(r: Rng, year: number): Ymd {
  return r.chance(0.7) ? { y: year, m: 12, d: r.int(10, 30) } : { y: year, m: 11, d: r.int(20, 30) };
}

// -------------------------------------------------------------------------------------------
// File names

const NAME_STYLES = ["year-first", "name-first", "xxgk", "official", "short", "cms", "art", "paren"] as const;
type NameStyle = (typeof NAME_STYLES)[number];

function fileName(t: Township, year: number, style: NameStyle, ext: string, date: Ymd | null, r: Rng): string {
  const org = t.kind === "街道" ? `${t.name}办事处` : `${t.name}人民政府`;
  const d = date ?? { y: year + 1, m: 2, d: 1 };
  const stamp = `${d.y}${String(d.m).padStart(2, "0")}${String(d.d).padStart(2, "0")}`;
  switch (style) {
    case "year-first": return `${year}年${t.name}政府信息公开工作年度报告.${ext}`;
    case "name-first": return `${t.name}${year}年度政府信息公开年报.${ext}`;
    case "xxgk": return `xxgk_${year}.${ext}`;
    case "official": return `${org}${year}年政府信息公开工作年度报告.${ext}`;
    case "short": return `${year}年度政府信息公开工作报告.${ext}`;
    case "cms": return `t${stamp}_${r.int(1000000, 9999999)}.${ext}`;
    case "art": return `art_${r.int(1000, 9999)}_${r.int(10000, 99999)}.${ext}`;
    case "paren": return `${year}年政务公开年报（${t.name}）.${ext}`;
  }
}

function nameStyle(t: Township, year: number, html: boolean): NameStyle {
  const era = year <= 2013 ? 1 : year <= 2018 ? 2 : 3;
  const habit = rngFor("name-habit", t.code, era, html ? "h" : "t");
  const pool: NameStyle[] = html ? ["year-first", "name-first", "xxgk", "official", "cms", "art", "paren"] : ["year-first", "name-first", "official", "short", "paren"];
  const r = rngFor("name-style", t.code, year);
  return r.chance(0.8) ? habit.pick(pool) : r.pick(pool);
}

function htmlExt(t: Township, year: number): string {
  return rngFor("ext", t.code, year <= 2016 ? 1 : 2).chance(0.3) ? "htm" : "html";
}

// -------------------------------------------------------------------------------------------
// Defect allocation

/** Weighted sampling without replacement (Efraimidis–Spirakis keys), deterministic. */
function weightedSample<T>(r: Rng, items: T[], weight: (x: T) => number, n: number): T[] {
  const keyed = items.map((x) => ({ x, k: r.next() ** (1 / Math.max(1e-6, weight(x))) }));
  keyed.sort((a, b) => b.k - a.k);
  return keyed.slice(0, n).map((e) => e.x);
}

export interface Plan {
  reports: Map<string, ReportPlan>;
  lateAdopters: string[];
  missing: ReportPlan[];
  emptyFileKey: string;
  notice: { t: Township; year: number; fileName: string; date: Ymd };
}

export const DEFECT_COUNTS: Record<Exclude<DefectKind, "old_template">, number> = {
  missing_year: 8, copied_previous_year: 10, copied_neighbour: 6, carry_over_break: 6, t3_balance: 8,
  t3_outcome_sum: 7, t3_applicant_sum: 6, t4_sum: 4, total_vs_categories: 14, late: 14, pre_year_end: 5,
  empty_table: 6, extreme_jump: 5, rules_gt_zero: 5, narrative_vs_table: 7, lost_date_chars: 4, duplicate_file: 4,
};

/** The planted defects scale with the corpus: the demo's counts per DEMO_WORLD's townships. */
export function defectCount(n: number, world: World): number {
  return world === DEMO_WORLD ? n : Math.max(1, Math.round((n * world.townships.length) / DEMO_WORLD.townships.length));
}

export function buildPlan(world: World = DEMO_WORLD): Plan {
  const TOWNSHIPS = world.townships;
  const scaled = (n: number) => defectCount(n, world);
  const reports = new Map<string, ReportPlan>();
  for (const year of YEARS) {
    for (const t of TOWNSHIPS) {
      const r = rngFor("plan", t.code, year);
      const appendix = year >= 2014 && year <= 2018 && r.chance(profile(t).appendixHabit * 0.9);
      reports.set(key(t.code, year), {
        t, year, template: templateFor(year), defect: null, missing: false, files: [], signDate: null,
        signStyle: "plain", lostDate: null, copyFrom: null, appendix, emptyFile: false, cutOff: false,
      });
    }
  }
  const all = [...reports.values()];
  const r = rngFor("defects");
  const w = (p: ReportPlan) => 0.15 + profile(p.t).sloppiness;
  const free = (p: ReportPlan) => p.defect === null && !p.missing;
  const get = (code: string, year: number) => reports.get(key(code, year));
  const isTemplate = (p: ReportPlan) => p.template !== "free-text-2008";
  const hasRequests = (p: ReportPlan) => p.t.busy || Object.values(newRequests(p.t, p.year)).some((v) => v > 0);

  // Late adopters: three quiet townships keep the 2019 labels in 2021 (two of them in 2022 too).
  const adopters = weightedSample(r, TOWNSHIPS.filter((t) => !t.busy && t.kind !== "街道"), (t) => 0.1 + profile(t).sloppiness, scaled(3));
  adopters.forEach((t, i) => {
    for (const year of i < 2 ? [2021, 2022] : [2021]) {
      const p = get(t.code, year)!;
      p.template = "template-2019";
      p.defect = "old_template";
    }
  });
  const adopterCodes = new Set(adopters.map((t) => t.code));

  const assign = (kind: DefectKind, pool: ReportPlan[], n: number) => {
    for (const p of weightedSample(r, pool.filter(free), w, scaled(n))) p.defect = kind;
  };

  // missing years: never two in a row, never right before or after another planned defect year.
  for (const p of weightedSample(r, all.filter((p) => free(p) && p.year > 2008), w, scaled(DEFECT_COUNTS.missing_year))) {
    const prev = get(p.t.code, p.year - 1);
    if (prev?.missing) continue;
    p.missing = true;
    p.defect = "missing_year";
  }
  const prevOk = (p: ReportPlan) => {
    const prev = get(p.t.code, p.year - 1);
    return !!prev && !prev.missing && prev.defect === null;
  };
  const sameFamily = (a: number, b: number) => templateFor(a) === templateFor(b);
  assign("copied_previous_year", all.filter((p) => p.year > 2008 && sameFamily(p.year, p.year - 1) && prevOk(p)
    && !adopterCodes.has(p.t.code) && !p.appendix), DEFECT_COUNTS.copied_previous_year);
  // copied_neighbour: a township of the same kind and county, earlier in generation order.
  const inCounty = new Map<string, Township[]>();
  for (const t of TOWNSHIPS) (inCounty.get(t.county.code) ?? inCounty.set(t.county.code, []).get(t.county.code)!).push(t);
  const neighbourOf = (p: ReportPlan): ReportPlan | undefined => inCounty.get(p.t.county.code)!
    .filter((o) => o.kind === p.t.kind && o.busy === p.t.busy && o.index < p.t.index)
    .map((o) => get(o.code, p.year)!)
    .find((o) => !o.missing && o.defect === null && o.template === p.template && !o.appendix);
  let neighbourCopies = 0;
  for (const p of weightedSample(r, all.filter((p) => free(p) && !adopterCodes.has(p.t.code) && !p.appendix), w, scaled(40))) {
    if (neighbourCopies >= scaled(DEFECT_COUNTS.copied_neighbour)) break;
    const src = neighbourOf(p);
    if (!src || !free(p)) continue;
    p.defect = "copied_neighbour";
    p.copyFrom = { code: src.t.code, year: p.year };
    neighbourCopies++;
  }
  for (const p of all) if (p.defect === "copied_previous_year") p.copyFrom = { code: p.t.code, year: p.year - 1 };
  // Sources of copies and the year after a copy stay clean (so each copy has one clear source).
  const protectedKeys = new Set(all.filter((p) => p.copyFrom).map((p) => key(p.copyFrom!.code, p.copyFrom!.year)));
  const open = (p: ReportPlan) => free(p) && !protectedKeys.has(key(p.t.code, p.year));
  const pool = (f: (p: ReportPlan) => boolean) => all.filter((p) => open(p) && f(p));
  const template = (p: ReportPlan) => isTemplate(p) && p.defect === null;

  assign("carry_over_break", pool((p) => template(p) && p.year >= 2020 && prevOk(p) && get(p.t.code, p.year - 1)!.template !== "free-text-2008"), DEFECT_COUNTS.carry_over_break);
  const breakPrev = new Set(all.filter((p) => p.defect === "carry_over_break").map((p) => key(p.t.code, p.year - 1)));
  assign("t3_balance", pool((p) => template(p) && hasRequests(p)), DEFECT_COUNTS.t3_balance);
  assign("t3_outcome_sum", pool((p) => template(p) && hasRequests(p)), DEFECT_COUNTS.t3_outcome_sum);
  assign("t3_applicant_sum", pool((p) => template(p) && hasRequests(p)), DEFECT_COUNTS.t3_applicant_sum);
  assign("t4_sum", pool(template), DEFECT_COUNTS.t4_sum);
  assign("narrative_vs_table", pool(template), DEFECT_COUNTS.narrative_vs_table);
  assign("rules_gt_zero", pool(template), DEFECT_COUNTS.rules_gt_zero);
  assign("empty_table", pool((p) => template(p) && !breakPrev.has(key(p.t.code, p.year))), DEFECT_COUNTS.empty_table);
  assign("total_vs_categories", pool((p) => !isTemplate(p)), DEFECT_COUNTS.total_vs_categories);
  assign("extreme_jump", [
    ...weightedSample(r, pool((p) => !isTemplate(p) && p.year >= 2010 && !p.appendix), w, scaled(3)),
    ...weightedSample(r, pool((p) => template(p) && !p.t.busy && p.year >= 2020), w, scaled(2)),
  ], DEFECT_COUNTS.extreme_jump);
  assign("late", pool(() => true), DEFECT_COUNTS.late);
  assign("pre_year_end", pool(() => true), DEFECT_COUNTS.pre_year_end);
  assign("lost_date_chars", pool(() => true), DEFECT_COUNTS.lost_date_chars);
  assign("duplicate_file", pool(() => true), DEFECT_COUNTS.duplicate_file);

  // The edge cases: one empty file (a failed download of a clean free-text year) and one 通知 page.
  const emptyPick = weightedSample(r, pool((p) => p.year >= 2010 && p.year <= 2013), () => 1, 1)[0];
  emptyPick.emptyFile = true;
  // Truncated copies: clean template reports whose tables the next year's carry-over break is not read against.
  const cutPool = pool((p) => template(p) && !breakPrev.has(key(p.t.code, p.year)));
  for (const p of weightedSample(rngFor("cut-off"), cutPool, () => 1, scaled(CUT_OFF_COUNT))) p.cutOff = true;

  // Shape of every report: renderings, file names, dates.
  let lostIndex = 0;
  let emptyIndex = 0;
  for (const p of all) {
    if (p.missing) continue;
    const rr = rngFor("shape", p.t.code, p.year);
    const templateEra = isTemplate(p);
    let rendering = pickRendering(p.t, p.year, p.appendix);
    // Half the pictured tables are on web pages (an <img>), half in extracted text (nothing at all).
    if (p.defect === "empty_table") rendering = emptyIndex++ % 2 === 0 ? "html-table" : rendering === "html-table" ? "text-cell-per-line" : rendering;
    if (p.defect === "lost_date_chars") {
      p.lostDate = lostIndex++ % 2 === 0 ? "stat_period" : "signature";
      if (p.lostDate === "signature") rendering = templateEra ? "text-space-aligned" : p.appendix ? "appendix-text" : "prose";
    }
    if (p.emptyFile) rendering = "empty";
    else if (templateEra && !p.cutOff) rendering = realCopy(p.t, p.year, rendering);
    let cutLayout: TableLayout | null = null;
    if (p.cutOff) {
      cutLayout = layoutBeforeCut(rendering, rngFor("cut-layout", p.t.code, p.year));
      rendering = hasHtmlTables(rendering) ? "html-cut-off" : "text-cut-off";
    }
    const date = p.defect === "late" ? lateDate(rr, p.year)
      : p.defect === "pre_year_end" ? preYearEndDate(rr, p.year)
      : normalDate(rr, p.year, templateEra);
    const signDate = addDays(date, -rr.int(0, 6));
    p.signDate = p.defect === "pre_year_end" || p.defect === "late" || p.lostDate === "signature" || rr.chance(0.93) ? signDate : null;
    // A signature date never falls in the covered year unless that is the planted defect.
    if (p.signDate && p.defect !== "pre_year_end" && p.signDate.y <= p.year) p.signDate = { y: p.year + 1, m: 1, d: 2 };
    p.signStyle = rr.weighted<DateStyle>([["plain", 58], ["padded", 10], ["chinese", 17], ["spaced", 5], ["dotted", 4], ["dashed", 6]]);
    const main = makeFile(p, rendering, date, rr);
    main.cutLayout = rendering === "text-cut-off" ? cutLayout : null;
    p.files.push(main);
    if (p.defect === "duplicate_file") {
      const twin: Rendering = isHtml(rendering)
        ? templateEra ? "text-cell-per-line" : p.appendix ? "appendix-text" : "prose"
        : templateEra ? "html-table" : p.appendix ? "appendix-html" : "prose-html";
      const second = makeFile(p, twin, date, rngFor("shape-dup", p.t.code, p.year));
      const stem = main.fileName.replace(/\.[a-z]+$/, "");
      const ext = second.fileName.split(".").pop();
      second.fileName = `${stem}${rr.pick(["（修订版）", "(1)", "_副本", "（附件）"])}.${ext}`;
      p.files.push(second);
    }
  }
  const noticeT = TOWNSHIPS[rngFor("notice").int(0, TOWNSHIPS.length - 1)];
  const missing = all.filter((p) => p.missing);
  return {
    reports, lateAdopters: adopters.map((t) => t.code), missing, emptyFileKey: key(emptyPick.t.code, emptyPick.year),
    notice: { t: noticeT, year: 2019, fileName: "关于做好2019年度政府信息公开工作年度报告编制和发布工作的通知.html", date: { y: 2019, m: 12, d: 16 } },
  };
}

export const CUT_OFF_COUNT = 10;

/** A truncated text keeps the flattening its rendering had (a rendering of its own gets a plain one). */
function layoutBeforeCut(r: Rendering, rng: Rng): TableLayout {
  const kept: Partial<Record<Rendering, TableLayout>> = {
    "text-cell-per-line": "cell-per-line", "text-pipe": "pipe", "text-pipe-broken": "pipe-broken", "text-space-aligned": "space-aligned",
  };
  return kept[r] ?? rng.pick(["cell-per-line", "pipe", "space-aligned"] as const);
}

function makeFile(p: ReportPlan, rendering: Rendering, date: Ymd, rr: Rng): FilePlan {
  const html = isHtml(rendering);
  const markdown = rendering === "text-ocr-markdown" || rendering === "text-pdf-markdown";
  // A page's source in a text file: a crawler's page.txt (the page, its 发布日期 included) or a
  // script that writes the article body (no page chrome).
  const script = rendering === "html-in-text" && rr.chance(0.5);
  const pageText = rendering === "text-run-on" || (rendering === "html-in-text" && !script)
    || (!html && !markdown && rendering !== "html-in-text" && rendering !== "empty" && rr.chance(0.12) && p.lostDate !== "signature");
  const style = nameStyle(p.t, p.year, html);
  const ext = rendering === "empty" ? rr.pick(["txt", "html"]) : html ? htmlExt(p.t, p.year) : markdown ? "md" : script ? "js" : "txt";
  return {
    fileName: fileName(p.t, p.year, style, ext, date, rr),
    rendering,
    pageDate: html || pageText ? date : null,
    pageTime: html && rr.chance(0.4) ? `${String(rr.int(8, 17)).padStart(2, "0")}:${String(rr.int(0, 59)).padStart(2, "0")}` : null,
    pageText,
    cutLayout: null,
  };
}
