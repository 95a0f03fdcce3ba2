// One input file → one ReportRecord (the CLI contract). Pure: the caller reads the bytes.
// The data path: read (bytes → text) → normalise → detect template → identity → (tables and
// narrative: later stages) → checks → record.
import type { ReportRecord, Status } from "./types.ts";
import { readReport, readReportAsync, type ReadResult } from "./read/index.ts";
import { isTraditional, normaliseGrid, normaliseText, normaliseWithPages } from "./normalise.ts";
import { detectTemplate } from "./detect-template.ts";
import { identify } from "./identity/identify.ts";
import type { PlaceIndex } from "./identity/places.ts";
import { templates } from "./templates/index.ts";
import { parseTemplateTables, type TablesParse } from "./template/parse-tables.ts";
import { locateRegions } from "./template/locate.ts";
import { runChecks, tablesPresent } from "./checks/run-checks.ts";
import { tableSummary } from "./template/summary.ts";
import { applyNarrative } from "./narrative/apply.ts";
import { gateOcrCells } from "./template/ocr-gate.ts";

export interface ParseOptions {
  places?: PlaceIndex;
  /** Receives each readable report's normalised text (the corpus-wide copy detector compares them). */
  onText?: (file: string, text: string) => void;
  /** Receives the time of each stage in ms, in order (the benchmark's per-stage figures). */
  onStage?: (stage: ParseStage, ms: number) => void;
}

export type ParseStage = "read" | "normalise" | "identity" | "template" | "tables" | "narrative" | "provenance";

/** Calls `report` with the time since the previous lap; nothing at all without a listener. */
function stageClock(report: ParseOptions["onStage"]): (stage: ParseStage) => void {
  if (!report) return () => undefined;
  let t = performance.now();
  return (stage) => {
    const now = performance.now();
    report(stage, now - t);
    t = now;
  };
}

/** Lines searched for the title: reports put it first, saved pages after some chrome. */
const TITLE_LINES = 8;

export function emptyRecord(file: string): ReportRecord {
  return {
    file, status: "error", error: null, township: null, county: null, city: null, province: null, year: null,
    published_on: null, template: "unknown", active_total: null, active_total_approx: null, active_categories: [],
    requests_new_total: null, requests_carried_total: null, requests_handled_total: null,
    requests_forward_total: null, review_total: null, litigation_total: null, fees: null, cells: [], checks: [],
    warnings: [], level: null, unit: null,
  };
}

/** Parses a report synchronously: every format but PDF (use parseReportAsync for those). */
export function parseReport(file: string, bytes: Uint8Array, options: ParseOptions = {}): ReportRecord {
  const lap = stageClock(options.onStage);
  const read = readReport(file, bytes);
  lap("read");
  return parseRead(file, read, options);
}

/** Parses a report in any supported format, PDF included. Never rejects. */
export async function parseReportAsync(file: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ReportRecord> {
  const lap = stageClock(options.onStage);
  const read = await readReportAsync(file, bytes);
  lap("read");
  return parseRead(file, read, options);
}

function parseRead(file: string, read: ReadResult, options: ParseOptions): ReportRecord {
  const lap = stageClock(options.onStage);
  const record = emptyRecord(file);
  if (read.kind !== "text") {
    record.status = read.kind;
    record.error = read.message;
    return identifiedByPath(record, options);
  }
  record.warnings.push(...read.warnings);
  if (read.ocr) record.ocr = true;
  // A PDF's page offsets must survive normalisation (provenance names the page).
  const normalised = read.pageStarts ? normaliseWithPages(read.text, read.pageStarts) : { text: normaliseText(read.text), pageStarts: undefined };
  const text = normalised.text;
  const traditional = read.tables.length > 0 && isTraditional(read.text);
  read = { ...read, tables: read.tables.map((g) => normaliseGrid(g, traditional)) };
  options.onText?.(file, text);
  lap("normalise");
  if (text.trim() === "") {
    record.error = "文件中没有文字内容：可能是空白页或图片版报告";
    return identifiedByPath(record, options);
  }
  const titleLines = [...titleCandidates(text), ...(read.title ? [normaliseText(read.title)] : [])];

  // Identity (loaders/identity): township, place, year, publication date. The official code and
  // the sources are not contract fields: reports.csv and the report page show them.
  const identity = identify({
    file, text, titleLines, pageTitle: read.title ? normaliseText(read.title) : null, url: read.url,
    pageDate: read.pageDate, places: options.places,
  });
  const { level, unit, township, county, city, province, year, published_on } = identity;
  Object.assign(record, { level, unit, township, county, city, province, year, published_on });
  record.warnings.push(...identity.warnings);
  record.code = identity.code;
  record.identity_sources = identity.sources;
  lap("identity");

  // The template, from its labels; a template report without them (tables cut off, images) by its
  // structure, the notice it cites or its year.
  const detection = detectTemplate(text, record.year);
  record.template = detection.template;
  if (detection.template === "unknown") {
    record.warnings.push(detection.templateHeadings
      ? "有模板章节标题但没有找到表格标签，也无法判断模板版本：表格可能是图片"
      : "没有识别出年度报告的格式：这可能不是政府信息公开工作年度报告");
  } else if (detection.decidedBy && detection.decidedBy !== "labels") {
    const by = { notice: "所引用的通知文号", sections: "总体情况的五个部分", year: "报告年度" }[detection.decidedBy];
    record.warnings.push(`没有找到模板表格的标签（表格可能缺失、被截断或是图片）：按模板的章节结构和${by}判断为${detection.template === "template-2021" ? "2021" : "2019"}年模板`);
  }

  lap("template");
  let tables: TablesParse | null = null;
  let ocrEmptied = 0;
  const templateDef = templates.find((t) => t.id === record.template);
  if (templateDef) {
    tables = parseTemplateTables(templateDef, text, read.tables);
    if (read.ocr) {
      // OCR'd numbers count only where the tables' arithmetic confirms them (template/ocr-gate.ts).
      const ocrPages = new Set(read.ocrPages ?? []);
      const pageOf = linePages(text, normalised.pageStarts);
      const gate = gateOcrCells(templateDef, tables.cells, (c) => {
        if (c.source.startsWith("ocr:")) return true;
        const line = /^text:L(\d+)/.exec(c.source);
        return line !== null && ocrPages.has(pageOf(Number(line[1])));
      });
      tables = { ...tables, cells: gate.cells };
      record.warnings.push(...gate.warnings);
      ocrEmptied = gate.emptied;
    }
    record.cells = tables.cells;
    record.warnings.push(...tables.warnings);
    Object.assign(record, tableSummary(tables.cells));
    record.checks = runChecks({ template: record.template, year: record.year, township: record.township, cells: record.cells, tableState: tables.state, split: tables.split });
  } else if (detection.templateHeadings) {
    const { headings } = locateRegions(text);
    record.checks = tablesPresent({ t2: state(headings.has("t2")), t3: state(headings.has("t3")), t4: state(headings.has("t4")) });
  }

  lap("tables");
  // Numbers written in prose (loaders/narrative): never overwrite the table values above.
  applyNarrative(record, tables?.pieces.length ? withoutPieces(text, tables.pieces) : text);

  lap("narrative");
  if (normalised.pageStarts) withPages(record, text, normalised.pageStarts);
  record.status = statusOf(record, tables);
  if ((read.incomplete || ocrEmptied > 0) && record.status === "ok") record.status = "partial";
  if (record.status === "error") record.error = "既没有识别出报告格式，也没有找到报告单位（乡镇或县区、市、部门）和年度：请确认这是政府信息公开工作年度报告";
  lap("provenance");
  return record;
}

/** A file that cannot be read still says whose report it is when its folder and name do
 * (…/青峪市/南门街道/2012年….txt): coverage then counts it as present but unreadable. */
function identifiedByPath(record: ReportRecord, options: ParseOptions): ReportRecord {
  const identity = identify({ file: record.file, text: "", titleLines: [], pageTitle: null, url: null, pageDate: null, places: options.places });
  const { level, unit, township, county, city, province, year } = identity;
  Object.assign(record, { level, unit, township, county, city, province, year });
  record.code = identity.code;
  return record;
}

/** The text with the table pieces of run-on lines blanked out (same length, so prose offsets hold):
 * the prose reader must not take "一、本年新收…数量230 000023" for a sentence. */
function withoutPieces(text: string, pieces: TablesParse["pieces"]): string {
  const lines = text.split("\n");
  for (const p of pieces) {
    const l = lines[p.line - 1];
    lines[p.line - 1] = l.slice(0, p.start) + " ".repeat(p.end - p.start) + l.slice(p.end);
  }
  return lines.join("\n");
}

/** In a PDF, text provenance names the page: "text:L40…" → "pdf:p3:L40…". */
function withPages(record: ReportRecord, text: string, pageStarts: number[]): void {
  const pageOfLine = linePages(text, pageStarts);
  for (const c of record.cells) {
    const m = /^text:L(\d+)/.exec(c.source);
    if (m) c.source = `pdf:p${pageOfLine(Number(m[1]))}:${c.source.slice(5)}`;
  }
  for (const e of record.evidence ?? []) e.page = pageOfLine(e.line);
}

/** The page (1-based) of a line (1-based) of `text`; page 1 for everything without page offsets. */
function linePages(text: string, pageStarts: number[] | undefined): (line: number) => number {
  if (!pageStarts) return () => 1;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (line) => {
    const offset = lineStarts[line - 1] ?? 0;
    let page = 1;
    while (page < pageStarts.length && pageStarts[page] <= offset) page++;
    return page;
  };
}

function titleCandidates(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, TITLE_LINES);
}

function statusOf(r: ReportRecord, tables: TablesParse | null): Status {
  // Whose report: a township, or a unit at another level (a county's report has no township to miss).
  if (r.template === "unknown" && !r.unit && r.year === null) return "error";
  if (r.template === "unknown" || !r.unit || r.year === null) return "partial";
  if (tables && Object.values(tables.state).some((s) => s !== "parsed")) return "partial";
  if (r.cells.some((c) => c.source.endsWith(":unaligned"))) return "partial";
  return "ok";
}

function state(headingPresent: boolean) {
  return headingPresent ? ("empty" as const) : ("missing" as const);
}
