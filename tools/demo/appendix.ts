// The 附表 (政府信息公开情况统计表) some 2014–2018 free-text reports attach: a local variant of the
// 2014 statistics regime with an annual column and a 历年累计 column. No shared schema exists for
// it yet, so its row ids and labels are defined here (table id "appendix" in the truth).
import { activeData, FIRST_YEAR, giFees, miscData, newRequests, table4 } from "./model.ts";
import type { Township } from "./places.ts";
import type { GridCell, TableModel, TruthCell } from "./doc.ts";

export interface AppendixRow {
  id: string;
  label: string;
  unit?: string;
  heading?: boolean;
  /** A stock (number of staff, reading points): no 历年累计, written as —. */
  stock?: boolean;
}

export const APPENDIX_ROWS: AppendixRow[] = [
  { id: "h_active", label: "一、主动公开情况", heading: true },
  { id: "active_total", label: "（一）主动公开政府信息数", unit: "条" },
  { id: "active_normative", label: "其中：主动公开规范性文件数", unit: "条" },
  { id: "h_channels", label: "（二）通过不同渠道和方式公开政府信息的情况", heading: true },
  { id: "ch_website", label: "1.政府网站公开政府信息数", unit: "条" },
  { id: "ch_weibo", label: "2.政务微博公开政府信息数", unit: "条" },
  { id: "ch_wechat", label: "3.政务微信公开政府信息数", unit: "条" },
  { id: "ch_other", label: "4.其他方式公开政府信息数", unit: "条" },
  { id: "h_requests", label: "二、依申请公开情况", heading: true },
  { id: "req_received", label: "（一）收到申请数", unit: "件" },
  { id: "req_done", label: "（二）申请办结数", unit: "件" },
  { id: "req_granted", label: "1.同意公开答复数", unit: "件" },
  { id: "req_partial", label: "2.同意部分公开答复数", unit: "件" },
  { id: "req_refused", label: "3.不同意公开答复数", unit: "件" },
  { id: "req_not_exist", label: "4.申请信息不存在数", unit: "件" },
  { id: "req_other", label: "5.告知通过其他途径办理数", unit: "件" },
  { id: "reviews", label: "三、因政府信息公开申请行政复议数", unit: "件" },
  { id: "lawsuits", label: "四、因政府信息公开申请行政诉讼数", unit: "件" },
  { id: "fees", label: "五、依申请公开信息收取的费用", unit: "元" },
  { id: "h_org", label: "六、机构建设情况", heading: true },
  { id: "org_points", label: "1.设置政府信息公开查阅点数", unit: "个", stock: true },
  { id: "org_staff", label: "2.从事政府信息公开工作人员数", unit: "人", stock: true },
  { id: "h_meet", label: "七、政府信息公开会议和培训情况", heading: true },
  { id: "meetings", label: "1.召开政府信息公开工作会议或专题会议数", unit: "次" },
  { id: "trainings", label: "2.举办各类培训班数", unit: "次" },
  { id: "trainees", label: "3.接受培训人员数", unit: "人次" },
];

export type AppendixValues = Record<string, number>;

/** Free-text-era request outcomes (the 2008 wording), derived from the new requests of a year. */
export interface FreeRequests {
  received: number;
  granted: number;
  partial: number;
  refused: number;
  notExist: number;
  other: number;
}

export function freeRequests(t: Township, year: number): FreeRequests {
  const n = Object.values(newRequests(t, year)).reduce((s, v) => s + v, 0);
  // Deterministic split: most granted, then 信息不存在, a few others.
  const notExist = Math.floor(n * 0.18);
  const other = Math.floor(n * 0.07);
  const refused = Math.floor(n * 0.04);
  const partial = Math.floor(n * 0.05);
  return { received: n, granted: n - notExist - other - refused - partial, partial, refused, notExist, other };
}

/** The annual values of one year's 附表 straight from the model. */
export function appendixValues(t: Township, year: number): AppendixValues {
  const a = activeData(t, year);
  const m = miscData(t, year);
  const q = freeRequests(t, year);
  const t4 = table4(t, year);
  const normative = Math.min(a.total, Math.max(0, Math.round(a.total * 0.03)));
  return {
    active_total: a.total,
    active_normative: normative,
    ch_website: a.website,
    ch_weibo: a.weibo,
    ch_wechat: a.wechat,
    ch_other: a.board,
    req_received: q.received,
    req_done: q.received,
    req_granted: q.granted,
    req_partial: q.partial,
    req_refused: q.refused,
    req_not_exist: q.notExist,
    req_other: q.other,
    reviews: t4.review.total,
    lawsuits: t4.lit_direct.total + t4.lit_after_review.total,
    fees: giFees(t, year),
    org_points: m.readingPoints,
    org_staff: m.staffFull + m.staffPart,
    meetings: m.meetings,
    trainings: m.trainings,
    trainees: m.trainees,
  };
}

/** 历年累计: the sum over 2008..year, using the written value for the report's own year. */
export function appendixCumulative(t: Township, year: number, written: AppendixValues): AppendixValues {
  const out: AppendixValues = {};
  for (const row of APPENDIX_ROWS) {
    if (row.heading || row.stock) continue;
    let s = written[row.id] ?? 0;
    for (let y = FIRST_YEAR; y < year; y++) s += appendixValues(t, y)[row.id] ?? 0;
    out[row.id] = s;
  }
  return out;
}

export function buildAppendix(values: AppendixValues, cumulative: AppendixValues, yearLabel: string, cumLabel: string): TableModel {
  const c = (text: string, role: GridCell["role"], colspan = 1): GridCell => ({ text, role, colspan, rowspan: 1 });
  const rows: GridCell[][] = [[c("统计指标", "head"), c("单位", "head"), c(yearLabel, "head"), c(cumLabel, "head")]];
  const cells: TruthCell[] = [];
  for (const row of APPENDIX_ROWS) {
    if (row.heading) {
      rows.push([c(row.label, "label"), c("", "value"), c("", "value"), c("", "value")]);
      continue;
    }
    const v = values[row.id] ?? 0;
    const raw = String(v);
    const cum = row.stock ? null : cumulative[row.id] ?? 0;
    const cumRaw = cum === null ? "—" : String(cum);
    rows.push([c(row.label, "label"), c(row.unit ?? "", "value"), c(raw, "value"), c(cumRaw, "value")]);
    cells.push({ table: "appendix", row: row.id, col: "year", value: v, raw });
    cells.push({ table: "appendix", row: row.id, col: "cumulative", value: cum, raw: cumRaw });
  }
  return { table: "appendix", width: 4, rows, cells };
}
