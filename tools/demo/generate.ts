// Orchestration: walks the years (outer) and townships (inner) in a fixed order, threads each
// township's carry-over and table-二 stocks from one written report to the next, applies planted
// defects, writes and renders each report and records its truth. Returns every output file as
// bytes keyed by its path relative to the output directory; nothing here touches the disk.
import { createHash } from "node:crypto";
import { template2019, template2021 } from "../../loaders/templates/index.ts";
import type { TemplateDef } from "../../loaders/templates/schema.ts";
import { table3ApplicantColumns } from "../../loaders/templates/table3.ts";
import { appendixCumulative, appendixValues, buildAppendix, freeRequests } from "./appendix.ts";
import * as defects from "./defects.ts";
import { Facts, type Doc, type TableModel } from "./doc.ts";
import { addDays, iso, lostDate, type Ymd, writeDate } from "./format.ts";
import {
  activeData, activeTotal, giFees, initialT2State, miscData, table2For2019, table2For2021, table3, table4,
  type T2State, type TableValues, YEARS,
} from "./model.ts";
import { writeTemplateReport, type TableId, type TemplateInput } from "./narrative.ts";
import type { Ctx } from "./phrases.ts";
import { countyGov, DEMO_WORLD, officialName, placesCsv, type Township, type World } from "./places.ts";
import {
  buildPlan, DEFECT_KINDS, type Plan, docLayoutOf, type DocLayout, type FilePlan, isCutOff, isHtml, isTextCopy, key, layoutOf, mayLoseOrdinals, type ReportPlan,
} from "./plan.ts";
import { cutAtMark, cutReport } from "./cut.ts";
import { type FreeTextInput, type StatPeriod, writeFreeText } from "./prose.ts";
import type { TableLayout } from "./render/flatten.ts";
import { bodyHtml, type HtmlOptions, noticeHtml, pageHtml, type PageInfo } from "./render/html.ts";
import { pageSourceText, scriptText } from "./render/html-in-text.ts";
import { ocrMarkdown } from "./render/markdown.ts";
import { pdfMarkdown } from "./render/pdf-markdown.ts";
import { runOnText } from "./render/run-on.ts";
import { docText } from "./render/text.ts";
import { type Rng, rngFor, CORPUS_SEED } from "./rng.ts";
import { PLAIN_OPTIONS, type LabelVariant, type TableOptions } from "./tables.ts";
import { crossYearChecks, tableChecks, type TruthDefect, type TruthRecord, truthJsonl } from "./truth.ts";

export const REPORTS_DIR = "reports/demo";
export const TRUTH_DIR = "demo-truth";
export const PLACES_FILE = "places/demo-places.csv";

interface State {
  forward: Record<string, number> | null;
  t2: T2State;
}

type Written =
  | { kind: "free"; input: FreeTextInput }
  | { kind: "template"; input: TemplateInput };

interface Produced {
  doc: Doc;
  facts: Facts;
  tables: TableModel[];
  template: TemplateDef | null;
  tableOptions: TableOptions | null;
  labelVariants: LabelVariant[];
  defects: TruthDefect[];
  signature: { name: string; date: string | null; raw: string | null } | null;
}

const ctxFor = (t: Township, year: number): Ctx => ({
  name: t.name,
  kind: t.kind,
  self: t.kind === "街道" ? rngFor("self", t.code).pick(["本街道", "我街道"]) : `我${t.kind}`,
  org: officialName(t),
  county: t.county,
  countyGov: countyGov(t.county),
  countyParty: t.county.level === "区" ? "区委" : t.county.level === "县" ? "县委" : "市委",
  city: t.city,
  province: t.province,
  year,
  office: rngFor("office", t.code).pick(["党政办", "党政综合办公室", "党政办公室", "综合办公室"]),
});

const clone = <T>(x: T): T => structuredClone(x);

function initialForward(t: Township): Record<string, number> {
  const r = rngFor("forward-2018", t.code);
  const f = Object.fromEntries(table3ApplicantColumns.map((c) => [c, 0]));
  if (t.busy) {
    f.natural = r.int(3, 15);
    f.commercial = r.int(0, 2);
  } else if (r.chance(0.06)) {
    f.natural = 1;
  }
  return f;
}

function t2StateFromWritten(tpl: TemplateDef, v: TableValues, prev: T2State): T2State {
  if (tpl.id === "template-2021") {
    return { ...prev, normativeStock: v.normative.in_force, inForce: v.normative.in_force };
  }
  const items: Record<string, number> = {};
  for (const row of ["licensing", "other_services", "penalty", "coercion", "admin_fees"]) {
    items[row] = v[row].prev_count + v[row].delta;
  }
  return { normativeStock: v.normative.total_public, items, inForce: v.normative.total_public };
}

function tableOptionsFor(p: ReportPlan, tpl: TemplateDef, text: boolean, loseOrdinals: boolean): TableOptions {
  const r = rngFor("table-options", p.t.code, p.year);
  const t3Defect = p.defect !== null && ["t3_balance", "t3_outcome_sum", "t3_applicant_sum", "carry_over_break", "narrative_vs_table"].includes(p.defect);
  const labels: Record<string, string> = {};
  if (r.chance(0.07)) {
    const typo = r.pick([
      ["t3:row:carried", "上年转结政府信息公开申请数量"], ["t3:row:refused_safety", "危及三安全一稳定"],
      ["t3:row:declined_confirm", "要求行政机关确认或重新出具已获取信息的"], ["t3:row:partial", "部分公开"],
      ...(tpl.id === "template-2019" ? [["t2:col:delta", "本年增减"]] : [["t2:row:normative", "规范性文件"]]),
    ]);
    labels[typo[0]] = typo[1];
  }
  if (r.chance(0.05)) {
    const note = r.pick([
      ["t2:row:licensing", "行政许可（本级无此项权限）"], ["t3:row:new", "本年新收政府信息公开申请数量（件）"],
      ["t2:row:normative", `${tpl.id === "template-2021" ? "行政规范性文件" : "规范性文件"}（含${p.t.kind}政府文件）`],
      ["t3:row:unable_no_info", "本机关不掌握相关政府信息（含不属于本机关负责公开的）"],
    ]);
    labels[note[0]] = note[1];
  }
  const extra = r.chance(0.03);
  return {
    ...PLAIN_OPTIONS,
    mergedOther: tpl.id === "template-2021" && r.chance(0.06),
    subtotalColumn: r.chance(0.05),
    extraRow: extra ? { label: "其他主动公开文件", values: [r.int(1, 9), r.int(1, 9), r.int(10, 60)] } : null,
    labels,
    // Markdown tools keep the ordinals; the draw is made for every text copy all the same.
    lostOrdinals: text && r.chance(0.25) && loseOrdinals,
    t2Zero: r.weighted([["0", 70], ["/", 12], ["—", 8], ["无", 4], ["", 6]]),
    t3Zero: t3Defect ? "0" : r.weighted([["0", 94], ["", 3], ["-", 3]]),
    amountWithYuan: r.chance(0.35),
    feeTwoDecimals: r.chance(0.3),
  };
}

function statPeriodFor(p: ReportPlan, r: Rng): StatPeriod {
  if (p.lostDate === "stat_period") return "lost";
  return r.weighted<StatPeriod>([["full", 55], ["short", 20], ["none", 25]]);
}

function signatureFor(p: ReportPlan, name: string): Produced["signature"] {
  if (!p.signDate) return { name, date: null, raw: null };
  if (p.lostDate === "signature") return { name, date: null, raw: lostDate(p.signDate) };
  return { name, date: iso(p.signDate), raw: writeDate(p.signDate, p.signStyle) };
}

// -------------------------------------------------------------------------------------------

export interface GeneratedCorpus {
  files: Map<string, Buffer>;
  truth: TruthRecord[];
  summary: Record<string, unknown>;
}

/** Where a streamed corpus goes: each file as it is made, and each truth record (one JSON line). */
export interface CorpusSink {
  file(path: string, bytes: Buffer): void;
  truth(line: string): void;
}

type EmitFile = (path: string, bytes: Buffer) => void;
type EmitRecord = (rec: TruthRecord) => void;

/** The whole corpus in memory: every file by path, truth.jsonl sorted by file, the summary. */
export function generateCorpus(world: World = DEMO_WORLD): GeneratedCorpus {
  const files = new Map<string, Buffer>();
  const records: TruthRecord[] = [];
  const emitFile: EmitFile = (path, buf) => void files.set(path, buf);
  const emitRecord: EmitRecord = (rec) => void records.push(rec);
  const { plan, mainFile } = walkCorpus(world, emitFile, emitRecord);

  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Cross-year checks against the previous year's main file.
  const byKey = new Map(records.map((r) => [r.file, r]));
  for (const rec of records) {
    if (rec.edge || rec.year === null) continue;
    const prevPath = mainFile.get(key(rec.code, rec.year - 1));
    const prev = prevPath ? byKey.get(prevPath) : undefined;
    rec.expected_checks = { ...rec.expected_checks, ...crossYearChecks(rec, prev && !prev.edge ? prev : undefined) };
  }

  const truth = truthJsonl(records);
  files.set(`${TRUTH_DIR}/truth.jsonl`, Buffer.from(truth, "utf8"));
  const summary = summarise(records, plan, files, world);
  files.set(`${TRUTH_DIR}/summary.json`, Buffer.from(JSON.stringify(summary, null, 2) + "\n", "utf8"));
  files.set(PLACES_FILE, Buffer.from(placesCsv(world), "utf8"));
  return { files, truth: records, summary };
}

/**
 * The same corpus, streamed: each file and truth record goes to `sink` as soon as it is made, and
 * only the previous year's records are held (for the cross-year checks), so a corpus of any size
 * is made in bounded memory. Truth lines come in generation order (year, then township), not sorted
 * by file as in generateCorpus. Returns a short summary.
 */
export function streamCorpus(world: World, sink: CorpusSink): Record<string, unknown> {
  let previous = new Map<string, TruthRecord>();
  let current = new Map<string, TruthRecord>();
  let year = -1;
  const mainFile = new Map<string, string>();
  const counts = { files: 0, reports: 0, report_bytes: 0, defective_reports: 0 };
  const byDefect: Record<string, number> = {};
  const byTemplate: Record<string, number> = {};
  const emitRecord: EmitRecord = (rec) => {
    if (!rec.edge && rec.year !== null) {
      if (rec.year !== year) [previous, current, year] = [current, new Map(), rec.year];
      current.set(rec.file, rec);
      const prevPath = mainFile.get(key(rec.code, rec.year - 1));
      const prev = prevPath ? previous.get(prevPath) : undefined;
      rec.expected_checks = { ...rec.expected_checks, ...crossYearChecks(rec, prev && !prev.edge ? prev : undefined) };
      counts.reports++;
      if (rec.defects.length) counts.defective_reports++;
    }
    counts.files++;
    for (const d of rec.defects) byDefect[d.kind] = (byDefect[d.kind] ?? 0) + 1;
    byTemplate[rec.template] = (byTemplate[rec.template] ?? 0) + 1;
    sink.truth(JSON.stringify(rec));
  };
  const emitFile: EmitFile = (path, buf) => {
    counts.report_bytes += buf.length;
    sink.file(path, buf);
  };
  const { plan } = walkCorpus(world, emitFile, emitRecord, mainFile);
  sink.file(PLACES_FILE, Buffer.from(placesCsv(world), "utf8"));
  byDefect.missing_year = plan.missing.length;
  return {
    generator: "tools/generate-demo.ts --reports", seed: CORPUS_SEED, ...counts,
    defective_share: Math.round((counts.defective_reports / Math.max(1, counts.reports)) * 1000) / 1000,
    townships: world.townships.length, counties: world.counties.length,
    cities: new Set(world.counties.map((c) => c.city)).size,
    provinces: [...new Set(world.townships.map((t) => t.province))],
    years: [YEARS[0], YEARS[YEARS.length - 1]], by_template: byTemplate, by_defect: byDefect,
  };
}

/** Walks the years (outer) and townships (inner), handing out each file and its truth record as it is made. */
function walkCorpus(world: World, emitFile: EmitFile, emitRecord: EmitRecord, mainFile = new Map<string, string>()) {
  const plan = buildPlan(world);
  const states = new Map<string, State>();
  const written = new Map<string, Written>();
  const paths = new Set<string>();
  const byCode = new Map(world.townships.map((t) => [t.code, t]));
  const countyIndex = new Map(world.counties.map((c, i) => [c.code, i]));

  for (const year of YEARS) {
    // Copies read the same year (a neighbour's) or the year before: older reports are let go.
    for (const k of [...written.keys()]) if (Number(k.slice(k.lastIndexOf(":") + 1)) < year - 1) written.delete(k);
    for (const t of world.townships) {
      const p = plan.reports.get(key(t.code, year))!;
      let st = states.get(t.code);
      if (!st) states.set(t.code, (st = { forward: null, t2: initialT2State(t) }));
      const tpl = p.template === "template-2021" ? template2021 : p.template === "template-2019" ? template2019 : null;
      if (tpl && st.forward === null) st.forward = initialForward(t);

      if (p.missing) {
        // No report, but the township kept working: advance its state from the model.
        if (tpl) {
          const v = table3(t, year, st.forward!);
          st.forward = { ...v.carry_forward };
          st.t2 = (tpl.id === "template-2021" ? table2For2021 : table2For2019)(t, year, st.t2).next;
        }
        continue;
      }
      const produced = tpl ? produceTemplate(p, tpl, st, written, byCode) : produceFree(p, written, byCode);
      // Copies name their source file (always generated earlier: an earlier year or township).
      for (const d of produced.defects) {
        if (d.kind === "copied_previous_year" || d.kind === "copied_neighbour") {
          d.source_file = mainFile.get(key(p.copyFrom!.code, p.copyFrom!.year)) ?? null;
        }
      }
      const dir = `${REPORTS_DIR}/${t.county.name}/${t.name}`;
      const filePaths = p.files.map((f) => `${dir}/${f.fileName}`);
      p.files.forEach((f, i) => {
        const r = rngFor("render", t.code, year, i);
        const view = isCutOff(f.rendering) ? cutView(produced, rngFor("cut", t.code, year)) : produced;
        const content = p.emptyFile ? "" : render(p, f, view, r, countyIndex);
        const buf = Buffer.from(content, "utf8");
        if (paths.has(filePaths[i])) throw new Error(`duplicate path ${filePaths[i]}`);
        paths.add(filePaths[i]);
        emitFile(filePaths[i], buf);
        const defectsHere = produced.defects.map((d) => ({ ...d }));
        if (p.defect === "duplicate_file") defectsHere.push({ kind: "duplicate_file", other_file: `data/${filePaths[1 - i]}` });
        emitRecord(truthRecord(p, f, filePaths[i], view, buf, content, defectsHere, r));
      });
      mainFile.set(key(t.code, year), `data/${filePaths[0]}`);
      // Thread the state from what was written.
      if (tpl && produced.template) {
        const w = written.get(key(t.code, year))!;
        if (w.kind === "template") {
          st.forward = { ...w.input.t3.carry_forward };
          st.t2 = t2StateFromWritten(w.input.template, w.input.t2, st.t2);
        }
      }
    }
  }
  writeNotice(plan, countyIndex, emitFile, emitRecord);
  return { plan, mainFile };
}

/** The 通知 page (not a report). */
function writeNotice(plan: Plan, countyIndex: Map<string, number>, emitFile: EmitFile, emitRecord: EmitRecord): void {
  const n = plan.notice;
  const noticePath = `${REPORTS_DIR}/${n.t.county.name}/${n.t.name}/${n.fileName}`;
  const page = pageInfo(n.t, { fileName: n.fileName, rendering: "notice-html", pageDate: n.date, pageTime: "10:05", pageText: false, cutLayout: null }, rngFor("notice-page"), countyIndex);
  const noticeContent = noticeHtml(page, n.year);
  const noticeBuf = Buffer.from(noticeContent, "utf8");
  emitFile(noticePath, noticeBuf);
  emitRecord(edgeRecord(n.t, `data/${noticePath}`, "notice-html", "not_report", noticeBuf, {
    title: `关于做好${n.year}年度政府信息公开工作年度报告编制和发布工作的通知`,
    page: { date: page.date, time: page.time, source: `${n.t.county.name}政务公开办公室`, views: page.views, index_no: page.indexNo, icp: page.icp },
  }));
}

// -------------------------------------------------------------------------------------------
// Writing one report

function produceFree(p: ReportPlan, written: Map<string, Written>, byCode: Map<string, Township>): Produced {
  const t = p.t;
  const r = rngFor("free-options", t.code, p.year);
  const out: TruthDefect[] = [];
  let input: FreeTextInput;
  const sig = signatureFor(p, officialName(t));
  const signature = sig ? { name: sig.name, date: sig.raw } : null;
  const statPeriod = statPeriodFor(p, r);
  if (p.copyFrom) {
    const src = written.get(key(p.copyFrom.code, p.copyFrom.year));
    if (!src || src.kind !== "free") throw new Error(`copy source missing for ${t.code} ${p.year}`);
    input = { ...clone(src.input), ctx: ctxFor(t, p.year), statPeriod, signature };
  } else {
    const appendix = p.appendix ? (() => {
      const v = appendixValues(t, p.year);
      const cum = appendixCumulative(t, p.year, v);
      return buildAppendix(v, cum, r.pick(["本年", "本年度", `${p.year}年`]), r.pick(["历年累计", "累计数"]));
    })() : null;
    input = {
      ctx: ctxFor(t, p.year), seed: `${t.code}:${p.year}`, active: activeData(t, p.year), misc: miscData(t, p.year),
      requests: freeRequests(t, p.year), t4: table4(t, p.year), fees: giFees(t, p.year), appendix, statPeriod, signature,
      statedTotalDelta: 0, forceBreakdown: false,
    };
  }
  if (p.defect === "total_vs_categories") {
    const d = r.int(2, 9) * (r.chance(0.6) ? -1 : 1);
    input.statedTotalDelta = input.active.total + d > 0 ? d : -d;
    input.forceBreakdown = true;
  }
  if (p.defect === "extreme_jump") {
    const factor = r.int(8, 15);
    const typical = median(YEARS.filter((y) => y !== p.year && y <= 2018).map((y) => activeTotal(t, y)));
    input.active = defects.jumpActive(input.active, factor);
    out.push({ kind: "extreme_jump", metric: "active_total", value: input.active.total, typical });
  }
  const facts = new Facts();
  const doc = writeFreeText(input, facts);
  written.set(key(t.code, p.year), { kind: "free", input });
  finishCopy(p, doc, out, byCode);
  if (p.defect === "total_vs_categories") {
    out.push({ kind: "total_vs_categories", stated: facts.activeTotal, categories_sum: facts.categories.reduce((s, c) => s + c.count, 0) });
  }
  commonDefects(p, facts, out);
  return {
    doc, facts, tables: input.appendix ? [input.appendix] : [], template: null, tableOptions: null, labelVariants: [],
    defects: out, signature: sig,
  };
}

function produceTemplate(p: ReportPlan, tpl: TemplateDef, st: State, written: Map<string, Written>, byCode: Map<string, Township>): Produced {
  const t = p.t;
  const r = rngFor("template-options", t.code, p.year);
  const out: TruthDefect[] = [];
  const sig = signatureFor(p, officialName(t));
  const signature = sig ? { name: sig.name, date: sig.raw } : null;
  const statPeriod = statPeriodFor(p, r);
  const text = isTextCopy(p.files[0].rendering);
  let input: TemplateInput;
  if (p.copyFrom) {
    const src = written.get(key(p.copyFrom.code, p.copyFrom.year));
    if (!src || src.kind !== "template") throw new Error(`copy source missing for ${t.code} ${p.year}`);
    input = { ...clone(src.input), ctx: ctxFor(t, p.year), statPeriod, signature, emptyTables: [], quoteDelta: null, t3Overrides: {} };
  } else {
    let newByCol: Record<string, number> | undefined;
    if (p.defect === "extreme_jump") {
      const base = table3(t, p.year, st.forward!);
      newByCol = Object.fromEntries(table3ApplicantColumns.map((c) => [c, base.new[c]]));
      newByCol.natural += r.int(60, 140);
      const typical = median(YEARS.filter((y) => y !== p.year && y >= 2019).map((y) => Object.values(table3(t, y, {})
        .new).reduce((s, v) => s + v, 0)));
      out.push({ kind: "extreme_jump", metric: "requests_new_total", value: Object.values(newByCol).reduce((s, v) => s + v, 0), typical });
    }
    const t3 = table3(t, p.year, st.forward!, newByCol);
    const t2 = (tpl.id === "template-2021" ? table2For2021 : table2For2019)(t, p.year, st.t2).values;
    input = {
      ctx: ctxFor(t, p.year), seed: `${t.code}:${p.year}`, template: tpl, active: activeData(t, p.year), misc: miscData(t, p.year),
      t2, t3, t4: table4(t, p.year), tableOptions: tableOptionsFor(p, tpl, text, mayLoseOrdinals(p.files[0].rendering)), t3Overrides: {}, emptyTables: [],
      quoteDelta: null, oldHeadings: p.year >= 2021 && r.chance(0.02), statPeriod, signature,
    };
    switch (p.defect) {
      case "t3_balance":
        out.push({ kind: "t3_balance", ...defects.breakBalance(input.t3, r) });
        break;
      case "t3_outcome_sum":
        out.push({ kind: "t3_outcome_sum", ...defects.breakOutcomeSum(input.t3, r) });
        break;
      case "t3_applicant_sum": {
        const b = defects.breakApplicantSum(input.t3, r);
        input.t3Overrides = b.overrides;
        out.push({ kind: "t3_applicant_sum", ...b.details });
        break;
      }
      case "t4_sum":
        out.push({ kind: "t4_sum", ...defects.breakT4(input.t4, r) });
        break;
      case "carry_over_break":
        out.push({ kind: "carry_over_break", ...defects.breakCarryOver(input.t3, r) });
        break;
      case "rules_gt_zero":
        input.t2.rules = tpl.id === "template-2021" ? { issued: 1, repealed: 0, in_force: 1 } : { made: 1, published: 1, total_public: 1 };
        out.push({ kind: "rules_gt_zero", row: "rules", values: { ...input.t2.rules } });
        break;
      case "empty_table": {
        const tables: TableId[] = r.chance(0.5) ? ["t3"] : ["t2", "t3", "t4"];
        input.emptyTables = tables;
        out.push({ kind: "empty_table", tables });
        break;
      }
      case "narrative_vs_table": {
        const n = table3ApplicantColumns.reduce((s, c) => s + input.t3.new[c], 0);
        const delta = n > 0 && r.chance(0.5) ? -Math.min(n, r.int(1, 3)) : r.int(1, 4);
        input.quoteDelta = { key: "requests_new_total", delta };
        break;
      }
      case "old_template":
        out.push({ kind: "old_template", used: "template-2019", expected: "template-2021" });
        break;
    }
  }
  const facts = new Facts();
  const res = writeTemplateReport(input, facts);
  written.set(key(t.code, p.year), { kind: "template", input });
  finishCopy(p, res.doc, out, byCode);
  if (p.defect === "narrative_vs_table") {
    const q = facts.narrativeQuotes.find((x) => x.key === "requests_new_total")!;
    out.push({ kind: "narrative_vs_table", key: q.key, quoted: q.value, table: q.value - input.quoteDelta!.delta, raw: q.raw });
  }
  commonDefects(p, facts, out);
  return {
    doc: res.doc, facts, tables: res.tables, template: tpl, tableOptions: input.tableOptions,
    labelVariants: res.labelVariants, defects: out, signature: sig,
  };
}

/** What a truncated copy still prints: the document up to the cut, its cells and facts, no signature. */
function cutView(prod: Produced, r: Rng): Produced {
  const c = cutReport(prod.doc, prod.facts, r);
  const printed = new Set(c.doc.blocks.flatMap((b) => (b.kind === "table" ? b.table.rows.flat().map((g) => g.text) : [])));
  return {
    ...prod, doc: c.doc, tables: c.tables, facts: c.facts, signature: null,
    labelVariants: prod.labelVariants.filter((v) => [...printed].some((text) => text.includes(v.written))),
  };
}

function finishCopy(p: ReportPlan, doc: Doc, out: TruthDefect[], byCode: Map<string, Township>): void {
  if (p.defect === "copied_previous_year") {
    out.push({ kind: "copied_previous_year", source_year: p.copyFrom!.year, source_file: null });
  } else if (p.defect === "copied_neighbour") {
    const src = byCode.get(p.copyFrom!.code)!;
    const leftover = rngFor("leftover", p.t.code, p.year).chance(0.6) ? defects.leaveSourceName(doc, p.t.name, src.name) : null;
    out.push({ kind: "copied_neighbour", source_code: src.code, source_township: src.name, source_file: null, leftover_name: leftover });
  }
}

function commonDefects(p: ReportPlan, facts: Facts, out: TruthDefect[]): void {
  const pub = p.files[0].pageDate ?? p.signDate;
  if (p.defect === "late") out.push({ kind: "late", published_on: pub ? iso(pub) : null, deadline: `${p.year + 1}-03-31` });
  if (p.defect === "pre_year_end") out.push({ kind: "pre_year_end", published_on: pub ? iso(pub) : null, year_end: `${p.year}-12-31` });
  if (p.defect === "lost_date_chars") {
    out.push({
      kind: "lost_date_chars", field: p.lostDate,
      raw: p.lostDate === "stat_period" ? facts.statPeriodRaw : lostDate(p.signDate!),
    });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

// -------------------------------------------------------------------------------------------
// Rendering

function pageInfo(t: Township, f: FilePlan, r: Rng, countyIndex: Map<string, number>): PageInfo {
  const pub = f.pageDate!;
  const countyIdx = countyIndex.get(t.county.code)!;
  const style = countyIdx % 2 === 0 ? (pub.y < 2017 ? "a" : "b") : pub.y < 2018 ? "c" : "b";
  const source = rngFor("source", t.code).pick([officialName(t), t.name, `${t.name}党政办`]);
  const icpNo = 10000000 + (Number(t.county.code.slice(2)) * 7919) % 89999999;
  return {
    county: t.county, township: t.name, date: iso(pub), time: f.pageTime, source, views: r.int(37, 4200),
    indexNo: style === "b" ? `${t.code}/${pub.y}-${String(r.int(1, 99999)).padStart(5, "0")}` : null,
    icp: `${t.province.slice(0, 1)}ICP备${icpNo}号-1`, siteCode: `${t.county.code}0001`, style,
  };
}

interface RenderNotes {
  layout: TableLayout | DocLayout | "html" | null;
  mangles: string[];
  newline: "lf" | "crlf";
  /** The page chrome the file prints (its 发布日期 is the publication date), or null. */
  page: TruthRecord["page"];
}

/** What a file prints of its page: the whole page (HTML), or only some of its lines. */
function pageTruth(p: PageInfo | null, printed: { source: boolean; views: boolean; indexNo: boolean; icp: boolean }): TruthRecord["page"] {
  if (!p) return null;
  return {
    date: p.date, time: p.time, source: printed.source ? p.source : null, views: printed.views ? p.views : null,
    index_no: printed.indexNo ? p.indexNo : null, icp: printed.icp ? p.icp : null,
  };
}

const WHOLE_PAGE = { source: true, views: true, indexNo: true, icp: true };

const renderNotes = new WeakMap<FilePlan, RenderNotes>();

function htmlOptions(p: ReportPlan, r: Rng): HtmlOptions {
  const wordish = r.chance(0.4);
  return { wordish, headingTag: r.chance(0.3) ? "h3" : "strong", imageBase: `/uploads/${p.year + 1}/${p.t.code}_` };
}

function render(p: ReportPlan, f: FilePlan, prod: Produced, r: Rng, countyIndex: Map<string, number>): string {
  const mangles: string[] = [];
  if (prod.tableOptions?.lostOrdinals) mangles.push("lost_ordinals");
  const cut = isCutOff(f.rendering);
  if (cut) mangles.push("cut_off");
  const page = f.pageDate ? pageInfo(p.t, f, r, countyIndex) : null;
  if (isHtml(f.rendering)) {
    const html = pageHtml(prod.doc, page!, htmlOptions(p, r), r.chance(0.5));
    renderNotes.set(f, { layout: prod.tables.length ? "html" : null, mangles, newline: "lf", page: pageTruth(page, WHOLE_PAGE) });
    return cut ? cutAtMark(html) : html;
  }
  if (f.rendering === "html-in-text") return renderHtmlInText(p, f, prod, page, mangles, r);
  const docLayout = docLayoutOf(f.rendering);
  if (docLayout) return renderDocLayout(docLayout, f, prod, page, mangles, r);
  const layout = f.rendering === "text-cut-off" ? f.cutLayout! : layoutOf(f.rendering, r);
  const pdfLike = f.rendering === "text-space-aligned" || (layout === "space-aligned" && r.chance(0.5));
  const splitHeaders = prod.tables.length > 0 && prod.template !== null && layout !== "glued" && r.chance(0.3);
  const o = {
    layout, indent: r.weighted([["　　", 50], ["    ", 15], ["", 35]]), blankBetween: r.chance(0.6),
    wrap: pdfLike ? r.int(70, 80) : null, pageNumbers: pdfLike && r.chance(0.7), page: f.pageText ? page : null,
    crlf: r.chance(0.2), sigIndent: r.int(16, 40), splitHeaders,
  };
  if (o.wrap) mangles.push("hard_wrapped");
  if (o.pageNumbers) mangles.push("page_numbers");
  if (splitHeaders) mangles.push("split_headers");
  if (f.pageText) mangles.push("page_text");
  // A page copied as text keeps its meta line and footer (来源, 浏览次数, the ICP number), not the 索引号 box.
  const printed = pageTruth(o.page, { source: true, views: true, indexNo: false, icp: true });
  renderNotes.set(f, { layout: prod.tables.length ? layout : null, mangles, newline: o.crlf ? "crlf" : "lf", page: printed });
  const text = docText(prod.doc, o, r);
  return cut ? cutAtMark(text) : text;
}

/** A page's source in a text file: page.txt (crawler lines + the page) or a script writing the article. */
function renderHtmlInText(p: ReportPlan, f: FilePlan, prod: Produced, page: PageInfo | null, mangles: string[], r: Rng): string {
  const o = htmlOptions(p, r);
  let text: string;
  if (page) {
    const html = pageHtml(prod.doc, page, o, r.chance(0.5));
    const fetched = addDays(f.pageDate!, r.int(20, 400));
    const at = `${String(r.int(0, 23)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}`;
    text = pageSourceText(html, { title: prod.doc.title, fetched: `${iso(fetched)} ${at}` }, r);
    mangles.push("page_text");
  } else {
    text = scriptText(`<div class="content" id="zoom">\n${bodyHtml(prod.doc, o, false)}\n</div>`, r);
  }
  renderNotes.set(f, { layout: prod.tables.length ? "html" : null, mangles, newline: "lf", page: pageTruth(page, WHOLE_PAGE) });
  return text;
}

/** Renderings of the whole document: a run-on scrape, an OCR tool's markdown, a PDF converter's markdown. */
function renderDocLayout(layout: DocLayout, f: FilePlan, prod: Produced, page: PageInfo | null, mangles: string[], r: Rng): string {
  const crlf = r.chance(0.2);
  let text: string;
  let printed: TruthRecord["page"] = null;
  if (layout === "run-on") {
    const run = runOnText(prod.doc, { page: page!, crlf }, r);
    text = run.text;
    printed = pageTruth(page, { source: run.source, views: false, indexNo: false, icp: false });
    mangles.push("page_text");
  } else if (layout === "ocr-markdown") {
    const md = ocrMarkdown(prod.doc, r, crlf);
    text = md.text;
    if (md.commas) mangles.push("comma_labels");
  } else {
    const md = pdfMarkdown(prod.doc, r, crlf);
    text = md.text;
    mangles.push("hard_wrapped", ...(md.pageNumber ? ["page_numbers"] : []));
  }
  renderNotes.set(f, { layout: prod.tables.length ? layout : null, mangles, newline: crlf ? "crlf" : "lf", page: printed });
  return text;
}

// -------------------------------------------------------------------------------------------
// Truth

function truthRecord(p: ReportPlan, f: FilePlan, path: string, prod: Produced, buf: Buffer, content: string,
  defectsHere: TruthDefect[], _r: Rng): TruthRecord {
  const t = p.t;
  if (p.emptyFile) {
    return { ...edgeRecord(t, `data/${path}`, "empty", "empty_file", buf, {}), year: p.year };
  }
  const notes = renderNotes.get(f)!;
  const fx = prod.facts;
  const cells = prod.tables.flatMap((x) => x.cells);
  const cell = (table: string, row: string, col: string) => cells.find((c) => c.table === table && c.row === row && c.col === col)?.value ?? null;
  const hasT3 = prod.tables.some((x) => x.table === "t3");
  const hasT4 = prod.tables.some((x) => x.table === "t4");
  const tpl = prod.template;
  const signature = prod.signature;
  const published = notes.page ? notes.page.date : signature?.date ?? null;
  const litSum = (col: string): number | null => {
    const a = cell("t4", "lit_direct", col);
    const b = cell("t4", "lit_after_review", col);
    return a === null || b === null ? null : a + b;
  };
  const t4Outcomes = (get: (col: string) => number | null) => ({
    upheld: get("upheld"), corrected: get("corrected"), other: get("other"), pending: get("pending"),
  });
  const appendixCell = (row: string) => cell("appendix", row, "year");
  const quoted = (key: string) => fx.narrativeQuotes.find((q) => q.key === key)?.value ?? null;
  const rec: TruthRecord = {
    file: `data/${path}`, township: t.name, county: t.county.name, city: t.city, province: t.province, code: t.code,
    year: p.year, published_on: published, template: tpl ? tpl.id : "free-text-2008", rendering: f.rendering,
    table_layout: notes.layout, format: formatOf(path), edge: null, title: prod.doc.title,
    page: notes.page,
    signature,
    stat_period_raw: fx.statPeriodRaw,
    active_total: fx.activeTotal,
    active_total_approx: fx.activeTotalApprox,
    active_total_raw: fx.activeTotalRaw,
    active_categories: fx.categories,
    active_channels: fx.channels,
    percentages: fx.percentages,
    cumulative: fx.cumulative,
    // A template report whose table is empty: the prose's figure is the only one (the parser takes it).
    // (A table cut off part-way is printed: a total whose row was cut is null, as a blank cell is.)
    requests_new_total: tpl ? (hasT3 ? cell("t3", "new", "total") : quoted("requests_new_total")) : fx.requestsNew ?? appendixCell("req_received"),
    requests_carried_total: tpl ? (hasT3 ? cell("t3", "carried", "total") : quoted("requests_carried_total")) : null,
    requests_handled_total: tpl ? (hasT3 ? cell("t3", "total", "total") : quoted("requests_handled_total")) : fx.requestsHandled ?? appendixCell("req_done"),
    requests_forward_total: tpl ? (hasT3 ? cell("t3", "carry_forward", "total") : quoted("requests_forward_total")) : null,
    requests_raw: tpl ? null : fx.requestsRaw,
    request_outcomes: fx.requestOutcomes,
    review_total: tpl ? (hasT4 ? cell("t4", "review", "total") : quoted("review_total")) : fx.reviewTotal ?? appendixCell("reviews"),
    litigation_total: tpl ? (hasT4 ? litSum("total") : quoted("litigation_total")) : fx.litigationTotal ?? appendixCell("lawsuits"),
    review_outcomes: tpl ? (hasT4 ? t4Outcomes((c) => cell("t4", "review", c)) : null) : fx.reviewOutcomes,
    litigation_outcomes: tpl ? (hasT4 ? t4Outcomes(litSum) : null) : fx.litigationOutcomes,
    review_raw: fx.reviewRaw,
    fees: fx.fees,
    fees_raw: fx.feesRaw,
    tables_printed: prod.tables.map((x) => x.table),
    cells,
    table_variants: prod.tableOptions ? {
      merged_other: prod.tableOptions.mergedOther,
      subtotal_column: prod.tableOptions.subtotalColumn,
      extra_row: prod.tableOptions.extraRow?.label ?? null,
      label_variants: prod.labelVariants,
      zero_tokens: { t2: prod.tableOptions.t2Zero, t3: prod.tableOptions.t3Zero },
    } : null,
    mangles: notes.mangles,
    newline: notes.newline,
    narrative_quotes: fx.narrativeQuotes,
    other_numbers: fx.other,
    expected_checks: {},
    defects: defectsHere,
    bytes: buf.length,
    sha1: createHash("sha1").update(buf).digest("hex"),
  };
  rec.expected_checks = tableChecks(rec);
  void content;
  return rec;
}

/** The file's kind by its extension: html (.html/.htm), txt, md, js. */
function formatOf(path: string): TruthRecord["format"] {
  const ext = path.slice(path.lastIndexOf(".") + 1);
  return ext === "htm" || ext === "html" ? "html" : ext === "md" ? "md" : ext === "js" ? "js" : "txt";
}

function edgeRecord(t: Township, file: string, rendering: "empty" | "notice-html", edge: "empty_file" | "not_report", buf: Buffer,
  extra: Partial<TruthRecord>): TruthRecord {
  return {
    file, township: t.name, county: t.county.name, city: t.city, province: t.province, code: t.code, year: null,
    published_on: extra.page?.date ?? null, template: "unknown", rendering, table_layout: null,
    format: file.endsWith(".txt") ? "txt" : "html", edge, title: extra.title ?? null, page: extra.page ?? null,
    signature: null, stat_period_raw: null, active_total: null, active_total_approx: null, active_total_raw: null,
    active_categories: [], active_channels: null, percentages: [], cumulative: [], requests_new_total: null,
    requests_carried_total: null, requests_handled_total: null, requests_forward_total: null, requests_raw: null,
    request_outcomes: [], review_total: null, litigation_total: null, review_outcomes: null, litigation_outcomes: null,
    review_raw: null, fees: null, fees_raw: null, tables_printed: [], cells: [], table_variants: null, mangles: [],
    newline: "lf", narrative_quotes: [], other_numbers: [], expected_checks: {}, defects: [], bytes: buf.length,
    sha1: createHash("sha1").update(buf).digest("hex"),
  };
}

function count<T>(xs: T[], f: (x: T) => string | string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) for (const k of ([] as string[]).concat(f(x))) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function summarise(records: TruthRecord[], plan: Plan, files: Map<string, Buffer>, world: World): Record<string, unknown> {
  const reports = records.filter((r) => !r.edge);
  const byDefect: Record<string, number> = Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0]));
  for (const r of records) for (const d of r.defects) byDefect[d.kind]++;
  byDefect.missing_year = plan.missing.length;
  const defective = reports.filter((r) => r.defects.length > 0).length;
  let bytes = 0;
  for (const [path, b] of files) if (path.startsWith(REPORTS_DIR)) bytes += b.length;
  return {
    generator: "tools/generate-demo.ts",
    seed: CORPUS_SEED,
    files: records.length,
    reports: reports.length,
    report_bytes: bytes,
    townships: world.townships.length,
    counties: world.counties.map((c) => c.name),
    cities: [...new Set(world.counties.map((c) => c.city))],
    province: world.townships[0].province,
    years: [YEARS[0], YEARS[YEARS.length - 1]],
    by_template: count(records, (r) => r.template),
    by_rendering: count(records, (r) => r.rendering),
    by_table_layout: count(records.filter((r) => r.table_layout), (r) => r.table_layout!),
    by_year: count(reports, (r) => String(r.year)),
    by_defect: byDefect,
    defective_reports: defective,
    defective_share: Math.round((defective / reports.length) * 1000) / 1000,
    missing: plan.missing.map((p) => ({ code: p.t.code, township: p.t.name, county: p.t.county.name, year: p.year })),
    late_adopters: plan.lateAdopters.map((code) => {
      const t = world.townships.find((x) => x.code === code)!;
      return { code, township: t.name, county: t.county.name, years: [...plan.reports.values()].filter((p) => p.t.code === code && p.defect === "old_template").map((p) => p.year) };
    }),
    edge_files: records.filter((r) => r.edge).map((r) => ({ file: r.file, edge: r.edge })),
  };
}

export type { Ymd };
