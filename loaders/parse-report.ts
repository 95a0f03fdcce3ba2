// One input file → one ReportRecord (the CLI contract). Pure: the caller reads the bytes.
// The data path: read (bytes → text) → normalise → detect template → identity → (tables and
// narrative: later stages) → checks → record.
import type { ReportRecord, Status } from "./types.ts";
import { readReport } from "./read/index.ts";
import { normaliseText } from "./normalise.ts";
import { detectTemplate } from "./detect-template.ts";
import { identify } from "./identity/identify.ts";
import type { PlaceIndex } from "./identity/places.ts";
import { templates } from "./templates/index.ts";
import { parseTemplateTables, type TablesParse } from "./template/parse-tables.ts";
import { locateRegions } from "./template/locate.ts";
import { runChecks, tablesPresent } from "./checks/run-checks.ts";
import { tableSummary } from "./template/summary.ts";
import { applyNarrative } from "./narrative/apply.ts";

export interface ParseOptions {
  places?: PlaceIndex;
  /** Receives each readable report's normalised text (the corpus-wide copy detector compares them). */
  onText?: (file: string, text: string) => void;
}

/** Lines searched for the title: reports put it first, saved pages after some chrome. */
const TITLE_LINES = 8;

export function emptyRecord(file: string): ReportRecord {
  return {
    file, status: "error", error: null, township: null, county: null, city: null, province: null, year: null,
    published_on: null, template: "unknown", active_total: null, active_total_approx: null, active_categories: [],
    requests_new_total: null, requests_carried_total: null, requests_handled_total: null,
    requests_forward_total: null, review_total: null, litigation_total: null, fees: null, cells: [], checks: [],
    warnings: [],
  };
}

export function parseReport(file: string, bytes: Uint8Array, options: ParseOptions = {}): ReportRecord {
  const record = emptyRecord(file);
  const read = readReport(file, bytes);
  if (read.kind !== "text") {
    record.status = read.kind;
    record.error = read.message;
    return record;
  }
  const text = normaliseText(read.text);
  options.onText?.(file, text);
  if (text.trim() === "") {
    record.error = "文件中没有文字内容：可能是空白页或图片版报告";
    return record;
  }
  const titleLines = [...titleCandidates(text), ...(read.title ? [normaliseText(read.title)] : [])];
  const detection = detectTemplate(text);
  record.template = detection.template;
  if (detection.template === "unknown") {
    record.warnings.push(detection.templateHeadings
      ? "有模板章节标题但没有找到表格标签：表格可能是图片"
      : "没有识别出年度报告的格式：这可能不是政府信息公开工作年度报告");
  }

  // Identity (loaders/identity): township, place, year, publication date. The official code and
  // the sources are not contract fields: reports.csv and the report page show them.
  const identity = identify({
    file, text, titleLines, pageTitle: read.title ? normaliseText(read.title) : null, url: read.url,
    pageDate: read.pageDate, places: options.places,
  });
  const { township, county, city, province, year, published_on } = identity;
  Object.assign(record, { township, county, city, province, year, published_on });
  record.warnings.push(...identity.warnings);
  record.code = identity.code;
  record.identity_sources = identity.sources;

  let tables: TablesParse | null = null;
  const templateDef = templates.find((t) => t.id === record.template);
  if (templateDef) {
    tables = parseTemplateTables(templateDef, text, read.tables);
    record.cells = tables.cells;
    record.warnings.push(...tables.warnings);
    Object.assign(record, tableSummary(tables.cells));
    record.checks = runChecks({ template: record.template, year: record.year, cells: record.cells, tableState: tables.state });
  } else if (detection.templateHeadings) {
    const { headings } = locateRegions(text);
    record.checks = tablesPresent({ t2: state(headings.has("t2")), t3: state(headings.has("t3")), t4: state(headings.has("t4")) });
  }

  // Numbers written in prose (loaders/narrative): never overwrite the table values above.
  applyNarrative(record, text);

  record.status = statusOf(record, tables);
  if (record.status === "error") record.error = "既没有识别出报告格式，也没有找到乡镇名称和年度：请确认这是政府信息公开工作年度报告";
  return record;
}

function titleCandidates(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, TITLE_LINES);
}

function statusOf(r: ReportRecord, tables: TablesParse | null): Status {
  if (r.template === "unknown" && !r.township && r.year === null) return "error";
  if (r.template === "unknown" || !r.township || r.year === null) return "partial";
  if (tables && Object.values(tables.state).some((s) => s !== "parsed")) return "partial";
  if (r.cells.some((c) => c.source.endsWith(":unaligned"))) return "partial";
  return "ok";
}

function state(headingPresent: boolean) {
  return headingPresent ? ("empty" as const) : ("missing" as const);
}
