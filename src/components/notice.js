// The county supervisor's 核查情况通报 (review notice on the townships' annual reports) as a Word
// document and an Excel workbook. Both builders are pure and take the library as an argument, so the
// pages pass `await import("npm:docx")` / `(await import("npm:exceljs")).default` (loaded only when a
// user downloads) and Node tests pass the installed packages: the same code makes both files.
//
// The model (plain JSON, see tests/notice.test.ts): {county, city, province, year, generatedOn,
// deadline: {label, date}, summary: [{label, value, unit}], townships: [{township, status,
// published_on, days_late, score, completeness, n_findings, n_open, report_id, file, findings, fixes}],
// tables: [{name, columns: [{key, label}], rows}]}. Any field may be null.
import {MISSING, formatNumber, isMissing} from "./format.js";
import {INVALID_XML, MAX_CELL_CHARS, sheetName, textWidth} from "./xlsx-text.js";

// XML 1.0 forbids most control characters: Word and Excel refuse a file containing them.

const DISMISSED = "排除（误报）";
const PENDING = "待核查";

function text(value) {
  return isMissing(value) ? "" : String(value).replace(INVALID_XML, "");
}

function shown(value) {
  return isMissing(value) ? MISSING : text(value);
}

function num(value) {
  // a date rule's expected/actual are dates (review-model.js gives them as YYYY-MM-DD)
  if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(value)) return value;
  return isMissing(value) ? MISSING : formatNumber(value);
}

/** "2026-12-02" → "2026年12月2日" (other text as it is). */
function longDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text(value));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : text(value);
}

/** "2025-02-10" → a Date at UTC midnight (ExcelJS writes the serial of the UTC day); other text stays text. */
function dateValue(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(value));
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : isMissing(value) ? null : text(value);
}

function townships(model) {
  return Array.isArray(model?.townships) ? model.townships : [];
}

function findingsOf(t) {
  return Array.isArray(t?.findings) ? t.findings : [];
}

function fixesOf(t) {
  return (Array.isArray(t?.fixes) ? t.fixes : []).map(text).filter(Boolean);
}

export function noticeTitle(model) {
  return `${text(model?.county)}${text(model?.year)}年度政府信息公开工作年度报告核查情况通报`;
}

/** "桐川县2024年度政府信息公开年报核查情况通报.docx"; characters file systems refuse become "_". */
export function noticeFileName(model, ext) {
  const base = `${text(model?.county)}${text(model?.year)}年度政府信息公开年报核查情况通报`.replace(/[\\/:*?"<>|]/g, "_");
  const suffix = String(ext ?? "").replace(/^\.+/, "");
  return suffix ? `${base}.${suffix}` : base;
}

/** 逾期天数 as read: "按期" when on or before the deadline, "—" when not known. */
function lateText(daysLate) {
  if (isMissing(daysLate)) return MISSING;
  return Number(daysLate) > 0 ? `${formatNumber(daysLate)}天` : "按期";
}

function statusText(t) {
  const status = text(t.status) || MISSING;
  // a partly read report is worth saying: its score and counts cover only what was read
  return t.completeness && t.completeness !== "完整" && status !== "缺失" ? `${status}（${text(t.completeness)}）` : status;
}

/** 核查结论 of a finding: the decision, with its reason, who and when; dismissed ones say so, never vanish. */
function decisionText(f) {
  const decision = text(f.decision);
  const note = text(f.decision_note);
  const who = [text(f.decided_by), text(f.decided_on)].filter(Boolean).join("，");
  if (!decision) return `${PENDING}${f.status ? `（${text(f.status)}）` : ""}`;
  const head = decision === DISMISSED ? `${DISMISSED}：${note || "未注明原因"}` : note ? `${decision}：${note}` : decision;
  return who ? `${head}（${who}）` : head;
}

function kindText(f) {
  return text(f.kind) || "其他";
}

/** 1 → "一", 12 → "十二", 21 → "二十一" (sub-heading numbers of a 通报). */
export function chineseNumber(n) {
  const digits = "零一二三四五六七八九";
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return digits[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : digits[tens]}十${ones ? digits[ones] : ""}`;
}

function place(model) {
  return [model?.province, model?.city, model?.county].map(text).filter(Boolean).join("");
}

function overview(model) {
  const ts = townships(model);
  const missing = ts.filter((t) => t.status === "缺失").length;
  const published = ts.length - missing;
  const late = ts.filter((t) => t.status !== "缺失" && Number(t.days_late) > 0).length;
  const open = ts.reduce((s, t) => s + (Number(t.n_open) || 0), 0);
  const toFix = ts.filter((t) => Number(t.n_open) > 0 || fixesOf(t).length > 0).length;
  return {n: ts.length, missing, published, late, open, toFix};
}

// ---------------------------------------------------------------------------------------------
// DOCX

// A4 portrait with the margins of GB/T 9704 (公文格式): 37 / 35 / 28 / 26 mm.
const MM = 56.7; // twips per millimetre
const PAGE = {width: 11906, height: 16838, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM)};
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 8845 twips
// Word on Chinese Windows has 仿宋/黑体; elsewhere the viewer substitutes a CJK font for eastAsia text.
const BODY_FONT = {ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman", eastAsia: "仿宋", hint: "eastAsia"};
const HEAD_FONT = {ascii: "Arial", hAnsi: "Arial", cs: "Arial", eastAsia: "黑体", hint: "eastAsia"};
const BODY_SIZE = 28; // half-points: 四号 (14 pt)
const TABLE_SIZE = 20; // 10 pt, so seven columns fit the page width
const HEADER_FILL = "E7E6E6";

/** Runs of a text; line breaks in it stay line breaks. */
function runs(docx, value, options = {}) {
  return text(value)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new docx.TextRun({text: line, break: i ? 1 : undefined, ...options}));
}

function para(docx, value, {runOptions, ...options} = {}) {
  return new docx.Paragraph({children: runs(docx, value, runOptions), ...options});
}

function bodyPara(docx, value, {keepNext = false} = {}) {
  return para(docx, value, {indent: {firstLineChars: 200, firstLine: 2 * BODY_SIZE * 10}, spacing: {line: 440}, keepNext});
}

function cell(docx, value, width, {header = false, align, muted = false} = {}) {
  return new docx.TableCell({
    width: {size: width, type: docx.WidthType.DXA},
    verticalAlign: docx.VerticalAlignTable?.CENTER ?? "center",
    margins: {top: 40, bottom: 40, left: 80, right: 80},
    ...(header && {shading: {type: docx.ShadingType.CLEAR, color: "auto", fill: HEADER_FILL}}),
    children: [
      new docx.Paragraph({
        alignment: header ? docx.AlignmentType.CENTER : align,
        spacing: {line: 260},
        children: runs(docx, value, {
          size: TABLE_SIZE,
          ...(header && {bold: true, font: HEAD_FONT}),
          ...(muted && {color: "666666"})
        })
      })
    ]
  });
}

/**
 * A real table spanning the text width: a bold shaded header row repeated on every page, rows that
 * do not split across pages, fixed column widths (twips) so long text wraps instead of widening it.
 */
function table(docx, columns, rows, {width = TEXT_WIDTH, alignment} = {}) {
  const widths = columns.map((c) => c.width);
  const header = new docx.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) => cell(docx, c.label, c.width, {header: true}))
  });
  const body = rows.map(
    (r) =>
      new docx.TableRow({
        cantSplit: true,
        children: columns.map((c, i) => cell(docx, r.cells[i], c.width, {align: c.align, muted: r.muted}))
      })
  );
  return new docx.Table({
    rows: [header, ...body],
    width: {size: width, type: docx.WidthType.DXA},
    columnWidths: widths,
    layout: docx.TableLayoutType.FIXED,
    alignment
  });
}

function fitWidths(weights, total = TEXT_WIDTH) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[0] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function summaryTable(docx, model) {
  const items = Array.isArray(model?.summary) ? model.summary : [];
  const [w1, w2] = fitWidths([3, 2], 6000);
  const C = docx.AlignmentType.CENTER;
  return table(
    docx,
    [
      {label: "项目", width: w1},
      {label: "数值", width: w2, align: C}
    ],
    items.map((s) => ({cells: [text(s.label), isMissing(s.value) ? MISSING : `${formatNumber(s.value)}${s.unit ? ` ${text(s.unit)}` : ""}`]})),
    {width: 6000, alignment: C}
  );
}

function townshipTable(docx, model) {
  const C = docx.AlignmentType.CENTER;
  // 年报 fits "已发布（部分读取）" and 发布日期 a date on one line at 10 pt, even in a wider substitute font
  const widths = fitWidths([1645, 2000, 1500, 1000, 900, 900, 900]);
  const labels = ["乡镇", "年报", "发布日期", "逾期天数", "质量分", "问题数", "待整改"];
  const columns = labels.map((label, i) => ({label, width: widths[i], align: i === 0 ? undefined : C}));
  return table(
    docx,
    columns,
    townships(model).map((t) => ({
      cells: [shown(t.township), statusText(t), shown(t.published_on), lateText(t.days_late), num(t.score), num(t.n_findings), num(t.n_open)]
    }))
  );
}

function findingsTable(docx, findings) {
  const C = docx.AlignmentType.CENTER;
  const widths = fitWidths([1000, 3000, 750, 750, 1300, 2045]);
  const labels = ["问题类型", "说明", "应为", "实为", "单元格", "核查结论"];
  const columns = labels.map((label, i) => ({label, width: widths[i], align: [0, 2, 3].includes(i) ? C : undefined}));
  return table(
    docx,
    columns,
    findings.map((f) => ({
      // dismissed findings stay listed, greyed, so the reader sees what was looked at and why it was dropped
      muted: text(f.decision) === DISMISSED,
      cells: [kindText(f), text(f.message) || text(f.rule_label) || MISSING, num(f.expected), num(f.actual), shown(f.cells), decisionText(f)]
    }))
  );
}

function heading(docx, value, level) {
  return para(docx, value, {heading: level, keepNext: true});
}

function noticeChildren(docx, model) {
  const H = docx.HeadingLevel;
  const o = overview(model);
  const deadline = model?.deadline ?? {};
  const deadlineText = [text(deadline.label), deadline.date ? `（${text(deadline.date)}）` : ""].join("") || MISSING;
  const children = [
    // broken where a 公文 title would be, not wherever the line happens to end
    para(docx, noticeTitle(model).replace(/(年度报告)(核查情况通报)$/, "$1\n$2"), {heading: H.TITLE, alignment: docx.AlignmentType.CENTER}),
    para(docx, `${place(model) ? `${place(model)}　　` : ""}通报日期：${longDate(model?.generatedOn) || MISSING}`, {
      alignment: docx.AlignmentType.CENTER,
      runOptions: {size: 24}
    }),
    para(docx, `发布期限：${deadlineText}`, {alignment: docx.AlignmentType.CENTER, spacing: {after: 240}, runOptions: {size: 24}}),
    para(docx, "各乡镇（街道）：", {spacing: {line: 440}}),
    bodyPara(
      docx,
      `根据政府信息公开工作年度报告的有关要求，现对本县${o.n}个乡镇（街道）${text(model?.year)}年度政府信息公开工作年度报告的发布情况和内容进行了核查，现将核查情况通报如下。`
    ),
    heading(docx, "一、总体情况", H.HEADING_1),
    bodyPara(
      docx,
      `本次核查应报乡镇${o.n}个，已发布年报${o.published}个，未发布（缺失）${o.missing}个；` +
        `已发布的年报中逾期发布${o.late}个。经核查，共有${o.toFix}个乡镇存在需整改的问题，待整改问题${o.open}个。主要数据如下：`,
      {keepNext: true}
    ),
    summaryTable(docx, model),
    heading(docx, "二、各乡镇情况", H.HEADING_1),
    bodyPara(docx, `各乡镇年报的发布和核查情况见下表（逾期天数按发布期限${deadline.date ? text(deadline.date) : ""}计算；“—”表示无法确定）。`, {keepNext: true}),
    townshipTable(docx, model),
    heading(docx, "三、需整改事项", H.HEADING_1)
  ];
  const ts = townships(model);
  if (!ts.length) children.push(bodyPara(docx, "未发现需整改的问题。"));
  ts.forEach((t, i) => {
    children.push(heading(docx, `（${chineseNumber(i + 1)}）${shown(t.township)}`, H.HEADING_2));
    const fixes = fixesOf(t);
    const findings = findingsOf(t);
    const open = findings.filter((f) => ![DISMISSED, "已整改"].includes(text(f.decision)));
    if (!fixes.length && !open.length) children.push(bodyPara(docx, "未发现需整改的问题。"));
    if (fixes.length) {
      children.push(bodyPara(docx, "需整改事项：", {keepNext: true}));
      fixes.forEach((fix, j) =>
        children.push(para(docx, fix, {numbering: {reference: "fixes", level: 0, instance: i + 1}, spacing: {line: 440}, keepNext: j < fixes.length - 1}))
      );
    }
    if (findings.length) {
      children.push(bodyPara(docx, `核查发现的问题（${findings.length}个，其中待整改${open.length}个）：`, {keepNext: true}));
      children.push(findingsTable(docx, findings));
    }
  });
  children.push(
    para(docx, "", {spacing: {before: 240}}),
    bodyPara(docx, "请有关乡镇对照上述问题逐项整改，整改完成后更新已发布的年度报告，并将整改情况报县政府信息公开工作主管部门。")
  );
  return children;
}

function documentOf(docx, model) {
  const title = noticeTitle(model);
  return new docx.Document({
    creator: "年报通 nianbao",
    title,
    description: "政府信息公开工作年度报告核查情况通报",
    styles: {
      default: {
        // zh-CN makes viewers pick Simplified Chinese glyphs when they substitute the font
        document: {run: {font: BODY_FONT, size: BODY_SIZE, language: {value: "en-US", eastAsia: "zh-CN"}}, paragraph: {spacing: {line: 360}}},
        title: {run: {font: HEAD_FONT, size: 40, bold: false, color: "000000"}, paragraph: {spacing: {before: 240, after: 240, line: 560}}},
        heading1: {run: {font: HEAD_FONT, size: 30, bold: false, color: "000000"}, paragraph: {spacing: {before: 280, after: 140}}},
        heading2: {run: {font: HEAD_FONT, size: BODY_SIZE, bold: false, color: "000000"}, paragraph: {spacing: {before: 200, after: 100}}}
      }
    },
    numbering: {
      config: [
        {
          reference: "fixes",
          levels: [
            {
              level: 0,
              format: docx.LevelFormat.DECIMAL,
              text: "%1.",
              alignment: docx.AlignmentType.START,
              style: {paragraph: {indent: {left: 2 * BODY_SIZE * 10 + 360, hanging: 360}}}
            }
          ]
        }
      ]
    },
    sections: [
      {
        properties: {
          page: {
            size: {width: PAGE.width, height: PAGE.height, orientation: docx.PageOrientation.PORTRAIT},
            margin: {top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992}
          }
        },
        footers: {
          default: new docx.Footer({
            children: [
              new docx.Paragraph({
                alignment: docx.AlignmentType.CENTER,
                children: [new docx.TextRun({children: ["第 ", docx.PageNumber.CURRENT, " 页"], size: 24})]
              })
            ]
          })
        },
        children: noticeChildren(docx, model)
      }
    ]
  });
}

/**
 * The notice as .docx bytes.
 * @param {typeof import("docx")} docx  the docx module (npm:docx in the browser, docx in Node)
 * @param {object} model
 * @returns {Promise<Uint8Array>}
 */
export async function noticeDocx(docx, model) {
  const doc = documentOf(docx, model);
  // Packer.pack(…, "uint8array") works the same in the browser and in Node (toBuffer is Node-only)
  if (typeof docx.Packer.pack === "function") return new Uint8Array(await docx.Packer.pack(doc, "uint8array"));
  return new Uint8Array(await docx.Packer.toArrayBuffer(doc));
}

// ---------------------------------------------------------------------------------------------
// XLSX

const XLSX_HEADER_FILL = {type: "pattern", pattern: "solid", fgColor: {argb: "FFE7E6E6"}};

/**
 * A cell value: numbers as numbers, ISO dates as dates, everything else as plain text. Strings are
 * always string values (ExcelJS never turns them into formulas), so "=HYPERLINK(…)" stays text.
 */
function xlsxValue(value) {
  if (value == null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const s = String(value).replace(INVALID_XML, "").slice(0, MAX_CELL_CHARS);
  return s === "" ? null : s;
}



/**
 * A list sheet: a bold shaded header row, frozen, with filters; columns [{label, value(row), max?, wrap?}].
 */
function listSheet(workbook, used, name, columns, rows) {
  const ws = workbook.addWorksheet(sheetName(name, used, ""), {
    views: [{state: "frozen", ySplit: 1}],
    // printed on A4 landscape, all columns on one page width, the header on every page
    pageSetup: {paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1"}
  });
  const header = ws.addRow(columns.map((c) => c.label));
  header.font = {bold: true};
  header.alignment = {vertical: "middle"};
  header.eachCell((c) => (c.fill = XLSX_HEADER_FILL));
  const values = rows.map((r) => columns.map((c) => xlsxValue(c.value(r))));
  for (const v of values) ws.addRow(v);
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    let width = textWidth(c.label);
    for (const v of values.slice(0, 500)) width = Math.max(width, textWidth(v[i]));
    column.width = Math.min(c.max ?? 40, Math.max(6, width + 2));
    if (values.some((v) => v[i] instanceof Date)) column.numFmt = "yyyy-mm-dd";
    // top-aligned throughout, so a wrapped cell's neighbours line up with its first line
    // numbers and dates centred: right-aligned they run into the left-aligned text of the next column
    const numeric = values.some((v) => v[i] != null) && values.every((v) => v[i] == null || typeof v[i] === "number" || v[i] instanceof Date);
    column.alignment = {vertical: "top", ...(c.wrap && {wrapText: true}), ...(numeric && {horizontal: "center"})};
  });
  // ExcelJS writes no row heights and Excel does not grow rows on open: give wrapped rows their lines
  values.forEach((v, r) => {
    let lines = 1;
    columns.forEach((c, i) => {
      if (!c.wrap || typeof v[i] !== "string") return;
      const room = Math.max(1, ws.getColumn(i + 1).width - 1);
      lines = Math.max(lines, v[i].split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / room)), 0));
    });
    if (lines > 1) ws.getRow(r + 2).height = 15 * lines;
  });
  if (columns.length) ws.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: columns.length}};
  return ws;
}

function overviewSheet(workbook, used, model) {
  const ws = workbook.addWorksheet(sheetName("概况", used, ""), {pageSetup: {paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0}});
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 28;
  ws.getColumn(3).width = 8;
  ws.getCell("A1").value = xlsxValue(noticeTitle(model));
  ws.getCell("A1").font = {bold: true, size: 14};
  const deadline = model?.deadline ?? {};
  const facts = [
    ["地区", place(model)],
    ["通报日期", dateValue(model?.generatedOn)],
    ["发布期限", text(deadline.label)],
    ["期限日期", dateValue(deadline.date)]
  ];
  ws.addRow([]);
  for (const [k, v] of facts) {
    const row = ws.addRow([k, xlsxValue(v)]);
    row.getCell(1).font = {bold: true};
    if (v instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd";
    row.getCell(2).alignment = {horizontal: "left"};
  }
  ws.addRow([]);
  const head = ws.addRow(["项目", "数值", "单位"]);
  head.font = {bold: true};
  head.eachCell((c) => (c.fill = XLSX_HEADER_FILL));
  for (const s of Array.isArray(model?.summary) ? model.summary : []) ws.addRow([xlsxValue(s.label), xlsxValue(s.value), xlsxValue(s.unit)]);
  return ws;
}

const TOWNSHIP_COLUMNS = [
  {label: "乡镇", value: (t) => t.township},
  {label: "年报", value: (t) => t.status},
  {label: "发布日期", value: (t) => dateValue(t.published_on)},
  {label: "是否按期", value: (t) => (isMissing(t.days_late) ? null : Number(t.days_late) > 0 ? "逾期" : "按期")},
  {label: "逾期天数", value: (t) => t.days_late},
  {label: "质量分", value: (t) => t.score},
  {label: "问题数", value: (t) => t.n_findings},
  {label: "待整改", value: (t) => t.n_open},
  {label: "读取情况", value: (t) => t.completeness},
  {label: "需整改事项", value: (t) => fixesOf(t).join("\n") || null, max: 60, wrap: true},
  {label: "报告编号", value: (t) => t.report_id},
  {label: "文件", value: (t) => t.file, max: 60}
];

const FINDING_COLUMNS = [
  {label: "乡镇", value: (f) => f.township},
  {label: "问题类型", value: (f) => kindText(f)},
  {label: "规则", value: (f) => f.rule},
  {label: "规则说明", value: (f) => f.rule_label, max: 40, wrap: true},
  {label: "状态", value: (f) => f.status},
  {label: "说明", value: (f) => f.message, max: 60, wrap: true},
  {label: "应为", value: (f) => f.expected},
  {label: "实为", value: (f) => f.actual},
  {label: "单元格", value: (f) => f.cells, max: 30},
  {label: "核查结论", value: (f) => text(f.decision) || PENDING},
  {label: "说明/原因", value: (f) => f.decision_note, max: 40, wrap: true},
  {label: "核查人", value: (f) => f.decided_by},
  {label: "核查日期", value: (f) => dateValue(f.decided_on)},
  {label: "核查编号", value: (f) => f.finding_id},
  {label: "报告编号", value: (f) => f.report_id}
];

/**
 * The notice as .xlsx bytes: 概况, 乡镇, 问题清单 and one sheet per entry of model.tables.
 * @param {any} ExcelJS  the ExcelJS module's default export
 * @param {object} model
 * @returns {Promise<Uint8Array>}
 */
export async function noticeXlsx(ExcelJS, model) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "年报通 nianbao";
  workbook.title = noticeTitle(model);
  const used = new Set();
  overviewSheet(workbook, used, model);
  const ts = townships(model);
  listSheet(workbook, used, "乡镇", TOWNSHIP_COLUMNS, ts);
  const findings = ts.flatMap((t) => findingsOf(t).map((f) => ({...f, township: t.township, report_id: t.report_id})));
  listSheet(workbook, used, "问题清单", FINDING_COLUMNS, findings);
  for (const t of Array.isArray(model?.tables) ? model.tables : []) {
    const columns = (t.columns ?? []).map((c) => ({label: text(c.label ?? c.key), value: (r) => r[c.key]}));
    listSheet(workbook, used, t.name, columns, t.rows ?? []);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
