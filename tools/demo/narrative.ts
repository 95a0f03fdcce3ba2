// The template-era writer (2019 and 2021 templates): the six sections, with 一、总体情况 quoting
// totals from the tables (or, for a planted narrative_vs_table defect, a value that disagrees),
// sections 五 and 六 in prose, and the three tables built from the shared schemas.
import type { TemplateDef } from "../../loaders/templates/schema.ts";
import type { Block, Doc, Facts, TableModel } from "./doc.ts";
import type { ActiveData, MiscData, TableValues } from "./model.ts";
import {
  type Ctx, fill, IMPROVEMENTS, MANAGEMENT_2019, OVERALL_2019, OVERSIGHT_2019, PLATFORM, PROBLEMS,
} from "./phrases.ts";
import { writeActive, type StatPeriod } from "./prose.ts";
import { rngFor } from "./rng.ts";
import { buildTable2, buildTable3, buildTable4, type LabelVariant, type TableOptions } from "./tables.ts";

export type TableId = "t2" | "t3" | "t4";

export interface TemplateInput {
  ctx: Ctx;
  seed: string;
  template: TemplateDef;
  active: ActiveData;
  misc: MiscData;
  t2: TableValues;
  t3: TableValues;
  t4: TableValues;
  tableOptions: TableOptions;
  /** Cells whose printed value is overridden after the sums ("row:col" → value), for planted defects. */
  t3Overrides: Record<string, number>;
  /** empty_table: these tables are printed as pictures (nothing in text). */
  emptyTables: TableId[];
  /** narrative_vs_table: the quoted value of this key is off by delta. */
  quoteDelta: { key: string; delta: number } | null;
  /** Use the 2008-era section headings above the template tables. */
  oldHeadings: boolean;
  statPeriod: StatPeriod;
  signature: { name: string; date: string | null } | null;
}

export interface TemplateDocResult {
  doc: Doc;
  tables: TableModel[];
  labelVariants: LabelVariant[];
}

const NEW_HEADINGS = [
  "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
];
const OLD_HEADINGS = [
  "一、概述", "二、主动公开政府信息的情况", "三、依申请公开政府信息和不予公开政府信息的情况",
  "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、政府信息公开工作存在的主要问题及改进情况", "六、其他需要报告的事项",
];

/** Overwrite printed table-三 cells ("row:col" → value): truth cell and grid cell alike. */
function applyOverrides(t: TableModel, overrides: Record<string, number>): void {
  const ncols = t.width - 3;
  for (const [key, value] of Object.entries(overrides)) {
    const [row, col] = key.split(":");
    const idx = t.cells.findIndex((c) => c.row === row && c.col === col);
    if (idx < 0) continue;
    t.cells[idx] = { ...t.cells[idx], value, raw: String(value) };
    // Cells run row by row; the grid has three header rows before the first value row.
    const line = t.rows[3 + Math.floor(idx / ncols)];
    line.filter((g) => g.role === "value")[idx % ncols].text = String(value);
  }
}

function cellValue(t: TableModel | undefined, row: string, col: string): number | null {
  return t?.cells.find((c) => c.row === row && c.col === col)?.value ?? null;
}

export function writeTemplateReport(inp: TemplateInput, f: Facts): TemplateDocResult {
  const c = inp.ctx;
  const r = rngFor("narrative", inp.seed);
  const rb = rngFor("narrative-body", inp.seed);
  const used: LabelVariant[] = [];
  const t2 = buildTable2(inp.template, inp.t2, inp.tableOptions, used);
  const t3 = buildTable3(inp.template, inp.t3, inp.tableOptions, used);
  const t4 = buildTable4(inp.template, inp.t4, inp.tableOptions, used);
  applyOverrides(t3, inp.t3Overrides);

  // Values the narrative may quote: the printed table cells (or the model when a table is a picture).
  const sum = (row: string) => Object.entries(inp.t3[row] ?? {}).reduce((s, [, v]) => s + v, 0);
  const q = {
    requests_new_total: cellValue(t3, "new", "total") ?? sum("new"),
    requests_carried_total: cellValue(t3, "carried", "total") ?? sum("carried"),
    requests_handled_total: cellValue(t3, "total", "total") ?? sum("total"),
    requests_forward_total: cellValue(t3, "carry_forward", "total") ?? sum("carry_forward"),
    review_total: inp.t4.review.total,
    litigation_total: inp.t4.lit_direct.total + inp.t4.lit_after_review.total,
  };
  const quote = (key: keyof typeof q, text: (v: number) => string): string => {
    const v = q[key] + (inp.quoteDelta?.key === key ? inp.quoteDelta.delta : 0);
    const raw = text(v);
    f.narrativeQuotes.push({ key, value: v, raw });
    return raw;
  };

  const headings = inp.oldHeadings ? OLD_HEADINGS : NEW_HEADINGS;
  const title = r.pick([
    `${c.name}${c.year}年政府信息公开工作年度报告`, `${c.org}${c.year}年政府信息公开工作年度报告`,
    `${c.name}${c.year}年度政府信息公开工作年度报告`, `${c.name}${c.year}年政务公开工作年度报告`,
  ]);
  const blocks: Block[] = [{ kind: "title", text: title }];
  const tplNo = inp.template.id === "template-2021" ? "国办公开办函〔2021〕30号" : "国办公开办函〔2019〕60号";
  let intro = r.pick([
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（${tplNo}）要求编制。`,
    `根据《中华人民共和国政府信息公开条例》规定，现公布${c.org}${c.year}年政府信息公开工作年度报告。`,
    `本年度报告依据《中华人民共和国政府信息公开条例》第五十条的规定，由${c.org}编制。`,
  ]);
  intro += "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。";
  if (inp.statPeriod === "lost") {
    f.statPeriodRaw = `本报告所列数据的统计期限为${c.year}111231日`;
    intro += `${f.statPeriodRaw}。`;
  } else if (inp.statPeriod !== "none") {
    f.statPeriodRaw = `本报告所列数据的统计期限自${c.year}年1月1日起至${c.year}年12月31日止`;
    intro += `${f.statPeriodRaw}。`;
  }
  if (r.chance(0.5)) intro += `本报告电子版可在${c.county.name}人民政府门户网站查阅或下载。`;
  blocks.push({ kind: "para", text: intro });

  // 一、总体情况
  blocks.push({ kind: "heading", text: headings[0] });
  const portal = `${c.county.name}人民政府门户网站`;
  const active = writeActive(rb, inp.active, {
    year: c.year, self: c.self, portal, statedTotalDelta: 0, forceBreakdown: false, templateEra: true,
  }, f);
  const forceNew = inp.quoteDelta?.key === "requests_new_total";
  const reqParts: string[] = [];
  if (forceNew || rb.chance(0.8)) {
    reqParts.push(rb.chance(0.3) || q.requests_new_total !== 0 || forceNew
      ? quote("requests_new_total", (v) => rb.pick([`全年共收到政府信息公开申请${v}件`, `本年度新收政府信息公开申请${v}件`, `共受理依申请公开${v}件`]))
      : quote("requests_new_total", () => "全年未收到政府信息公开申请"));
    if (q.requests_carried_total > 0 && rb.chance(0.4)) reqParts.push(quote("requests_carried_total", (v) => `上年结转${v}件`));
    if (q.requests_handled_total > 0 && rb.chance(0.5)) reqParts.push(quote("requests_handled_total", (v) => `办结${v}件`));
    if (q.requests_forward_total > 0 ? rb.chance(0.5) : rb.chance(0.1)) {
      reqParts.push(quote("requests_forward_total", (v) => `结转下年度继续办理${v}件`));
    }
  }
  const reqText = reqParts.length ? `${reqParts.join("，")}。` : "严格按照《条例》规定的时限和程序办理政府信息公开申请。";
  let reviewText = "";
  if (rb.chance(0.6)) {
    if (q.review_total === 0 && q.litigation_total === 0) {
      const raw = "未发生因政府信息公开引起的行政复议、行政诉讼案件";
      f.narrativeQuotes.push({ key: "review_total", value: 0, raw }, { key: "litigation_total", value: 0, raw });
      reviewText = `${raw}。`;
    } else {
      reviewText = `发生政府信息公开${quote("review_total", (v) => `行政复议${v}件`)}、${quote("litigation_total", (v) => `行政诉讼${v}件`)}。`;
    }
  }
  if (rb.chance(0.55)) {
    blocks.push({ kind: "para", text: fill(OVERALL_2019, c, [rb.int(0, 9)]) + active + reqText + reviewText });
  } else {
    const subs: [string, string][] = [
      ["（一）主动公开", active + fill(OVERALL_2019, c, [rb.int(0, 9)])],
      ["（二）依申请公开", reqText + reviewText],
      ["（三）政府信息管理", fill(MANAGEMENT_2019, c, rb.sample([0, 1, 2], 2))],
      ["（四）平台建设", fill(PLATFORM, c, rb.sample([0, 1, 2, 3], 2))],
      ["（五）监督保障", fill(OVERSIGHT_2019, c, rb.sample([0, 1, 2], 2)) + training(rb.int(0, 2), inp.misc, f)],
    ];
    for (const [h, p] of subs) {
      blocks.push({ kind: "heading", text: h });
      blocks.push({ kind: "para", text: p });
    }
  }

  // 二、三、四: the tables (or pictures of them).
  const tableBlocks: [string, TableModel][] = [[headings[1], t2], [headings[2], t3], [headings[3], t4]];
  const printed: TableModel[] = [];
  for (const [h, t] of tableBlocks) {
    blocks.push({ kind: "heading", text: h });
    if (inp.emptyTables.includes(t.table as TableId)) {
      blocks.push({ kind: "image", name: t.table });
    } else {
      blocks.push({ kind: "table", table: t });
      printed.push(t);
    }
  }

  // 五、六
  blocks.push({ kind: "heading", text: headings[4] });
  blocks.push({ kind: "para", text: fill(PROBLEMS, c, [rb.int(0, 9)]) + fill(IMPROVEMENTS, c, rb.sample([0, 1, 2, 3, 4, 5], rb.int(1, 2))) });
  blocks.push({ kind: "heading", text: headings[5] });
  blocks.push({ kind: "para", text: otherMatters(rb.int(0, 9), inp, f) });
  if (inp.signature) blocks.push({ kind: "signature", name: inp.signature.name, date: inp.signature.date });
  return { doc: { title, blocks }, tables: printed, labelVariants: used };
}

function training(pick: number, m: MiscData, f: Facts): string {
  if (pick === 0) {
    f.add("trainings", m.trainings, `业务培训${m.trainings}次`);
    return `全年组织政务公开业务培训${m.trainings}次。`;
  }
  if (pick === 1) {
    f.add("interpretations", m.interpretations, `政策解读${m.interpretations}篇`);
    return `围绕重要政策发布政策解读${m.interpretations}篇。`;
  }
  f.add("board_issues", m.boardIssues, `${m.boardIssues}期`);
  return `更新政务公开栏${m.boardIssues}期。`;
}

function otherMatters(pick: number, inp: TemplateInput, f: Facts): string {
  const self = inp.ctx.self;
  if (inp.template.id === "template-2021" && pick % 5 !== 4) {
    const raw = [
      "本年度未收取信息处理费",
      `依据《政府信息公开信息处理费管理办法》，本年度${self}未收取信息处理费`,
      "本机关本年度收取信息处理费0元",
      `${self}本年度没有收取信息处理费`,
    ][pick % 4];
    f.fees = 0;
    f.feesRaw = raw;
    return `${raw}。${pick % 3 === 0 ? "无其他需要报告的事项。" : ""}`;
  }
  if (pick % 3 === 0) {
    const a = inp.misc.proposals;
    const b = Math.max(0, a - 2);
    f.add("deputy_proposals", a, `人大代表建议${a}件`);
    f.add("cppcc_proposals", b, `政协委员提案${b}件`);
    return `本年度共办理人大代表建议${a}件、政协委员提案${b}件，均已按期办结。`;
  }
  if (pick % 3 === 1) {
    f.fees = 0;
    f.feesRaw = "本年度无收费情况";
    return "本年度无收费情况。无其他需要报告的事项。";
  }
  return `${self}无其他需要报告的事项。`;
}
