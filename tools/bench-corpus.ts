// `npx tsx tools/bench-corpus.ts [--reports N] [--seed S]`: times analyseCorpus (the rules across
// reports, loaders/corpus-checks) on a synthetic corpus generated in memory — by default 20,000
// reports of 1,200 townships in 60 counties over 2008–2025, written like real reports (stock
// sentences with each township's own wording and figures, template tables from 2019 on), with
// planted copies (a township's previous year; a neighbour's report of the same year with the
// names swapped). Prints the time of each stage, peak memory, and the recall of the planted copies.
import { analyseCorpus } from "../loaders/corpus-checks/index.ts";
import { reportId } from "../loaders/output/report-id.ts";
import type { Place } from "../loaders/identity/places.ts";
import type { Cell, ReportRecord } from "../loaders/types.ts";
import { template2021 } from "../loaders/templates/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt("--reports", 20_000);
const SEED = opt("--seed", 7);

// ── deterministic randomness ───────────────────────────────────────────────────────────────
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

// ── places ─────────────────────────────────────────────────────────────────────────────────
const SYL = "安宝北碧滨昌城川春大德东峰凤福高古广桂海和河红华黄江金锦景兰乐黎莲林柳龙隆鹿马梅明南宁平浦青清庆泉仁瑞沙山石双顺松太桃天通铜湾万文西溪霞祥新兴阳永玉元云长正中竹".split("");
const name2 = () => pick(SYL) + pick(SYL);
const TOWNSHIPS_PER_COUNTY = 20;
const YEARS = Array.from({ length: 18 }, (_, i) => 2008 + i);
const nTownships = Math.ceil(N / (YEARS.length * 0.93));
const nCounties = Math.ceil(nTownships / TOWNSHIPS_PER_COUNTY);
const places: Place[] = [];
const usedNames = new Set<string>();
for (let c = 0; c < nCounties; c++) {
  let county = name2() + pick(["县", "区", "市"]);
  while (usedNames.has(county)) county = name2() + pick(["县", "区"]);
  usedNames.add(county);
  const city = `${pick(SYL)}${pick(SYL)}市`;
  for (let t = 0; t < TOWNSHIPS_PER_COUNTY && places.length < nTownships; t++) {
    let township = name2() + pick(["镇", "镇", "镇", "乡", "街道"]);
    while (usedNames.has(`${county}${township}`)) township = name2() + pick(["镇", "乡"]);
    usedNames.add(`${county}${township}`);
    places.push({ code: String(900000000 + places.length), township, county, city, province: "模拟省", origin: "places" } as Place);
  }
}

// ── wording ────────────────────────────────────────────────────────────────────────────────
const SUBJ = ["我镇", "全镇", "镇政府", "镇党委、镇政府", "我们", "镇政务公开领导小组", "党政办"];
const VERB = ["认真贯彻落实", "深入推进", "扎实开展", "持续深化", "不断完善", "全面加强", "积极探索", "着力规范", "进一步健全", "切实抓好"];
const OBJ = ["政府信息公开工作", "政务公开标准化规范化建设", "重点领域信息公开", "政策解读和回应关切", "基层政务公开", "公开平台建设",
  "信息发布审核机制", "依申请公开办理流程", "村务公开和党务公开", "政务服务事项公开", "财政预决算公开", "惠民资金发放公开",
  "征地拆迁信息公开", "公共资源配置信息公开", "政府信息公开目录编制", "保密审查制度"];
const TAIL = ["，取得了明显成效。", "，公开质量进一步提升。", "，群众满意度不断提高。", "，各项工作有序推进。", "，做到应公开尽公开。",
  "，确保了公开工作规范运行。", "，推动了政府工作透明化。", "，为全镇经济社会发展提供了有力保障。"];
const ISSUES = ["公开内容还不够全面", "部分信息更新不够及时", "政策解读形式较为单一", "工作人员业务水平有待提高", "公开栏管理不够规范",
  "网上公开与线下公开衔接不够紧密", "依申请公开答复质量有待提升", "信息公开的深度和广度不够"];
const MEASURES = ["加强业务培训", "完善工作制度", "拓宽公开渠道", "强化监督考核", "丰富解读形式", "规范公开栏管理", "提高信息发布时效", "健全协调机制"];
const CATEGORIES = ["工作动态", "政策文件", "规划计划", "财政资金", "人事信息", "重点领域", "机构职能", "便民服务"];
const PLACES_WORDS = ["便民服务中心", "村（社区）公开栏", "镇政府门户网页", "政务微信公众号", "政务微博", "电子显示屏", "档案室查阅点"];

interface Style { lines: string[] }
/** Each township's own wording: a fixed selection of sentences it reuses with variations. */
function styleOf(): Style {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) lines.push(`${pick(SUBJ)}${pick(VERB)}${pick(OBJ)}${pick(TAIL)}`);
  return { lines };
}

function paragraph(style: Style, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += rand() < 0.6 ? pick(style.lines) : `${pick(SUBJ)}${pick(VERB)}${pick(OBJ)}${pick(TAIL)}`;
  return s;
}

/** Table 三's printed rows, from the 2021 template schema (25 rows). */
const T3_ROWS = template2021.tables.find((t) => t.id === "t3")!.blocks[0].rows.map((r) => `${r.ordinal ?? ""}${r.label}`);

function reportText(p: Place, year: number, style: Style, f: Figures): string {
  const lines: string[] = [];
  const era = year >= 2021 ? 2021 : year >= 2019 ? 2019 : 2008;
  lines.push(`${p.township}${year}年政府信息公开工作年度报告`);
  lines.push(`根据《中华人民共和国政府信息公开条例》规定，现公布${p.township}人民政府${year}年政府信息公开工作年度报告。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`);
  lines.push("一、总体情况");
  lines.push(`${year}年，${paragraph(style, int(10, 16))}`);
  lines.push(`全年共主动公开政府信息${f.active}条，其中${CATEGORIES.slice(0, 4).map((c, i) => `${c}类${f.cats[i]}条`).join("，")}。通过${pick(PLACES_WORDS)}公开信息${f.channel}条。`);
  lines.push(paragraph(style, int(8, 14)));
  lines.push("二、主动公开政府信息情况");
  if (era === 2008) {
    lines.push(`${paragraph(style, int(8, 12))}在${pick(PLACES_WORDS)}设置查阅点${f.points}个，接待群众查阅${f.visits}人次。`);
  } else {
    lines.push("第二十条第（一）项");
    lines.push(era === 2021 ? "信息内容    本年制发件数    本年废止件数    现行有效件数" : "信息内容    本年新制作数量    本年新公开数量    对外公开总数量");
    lines.push(`规章    0    0    0`);
    lines.push(`${era === 2021 ? "行政" : ""}规范性文件    ${f.normative}    0    ${f.inForce}`);
  }
  lines.push("三、收到和处理政府信息公开申请情况");
  if (era === 2008) {
    lines.push(`${year}年，我镇共收到政府信息公开申请${f.requests}件，已全部按期答复。${paragraph(style, 2)}`);
  } else {
    lines.push("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）    申请人情况");
    lines.push("自然人    法人或其他组织    总计");
    for (const row of T3_ROWS) lines.push(`${row}    ${f.requests}    0    0    0    0    0    ${f.requests}`);
  }
  lines.push("四、政府信息公开行政复议、行政诉讼情况");
  lines.push(era === 2008 ? `本年度未发生因政府信息公开申请提起的行政复议和行政诉讼。` : "行政复议    行政诉讼\n0    0    0    0    0    0    0    0    0    0    0    0    0    0    0");
  lines.push("五、存在的主要问题及改进情况");
  lines.push(`存在的主要问题：一是${pick(ISSUES)}；二是${pick(ISSUES)}。下一步，我们将${pick(MEASURES)}，${pick(MEASURES)}，${paragraph(style, int(4, 8))}`);
  lines.push("六、其他需要报告的事项");
  lines.push(`本年度共办理人大代表建议${f.proposals}件、政协委员提案${f.motions}件。${paragraph(style, 1)}`);
  lines.push(`${p.township}人民政府`);
  lines.push(f.published);
  return lines.join("\n");
}

interface Figures {
  active: number; cats: number[]; channel: number; points: number; visits: number; normative: number; inForce: number;
  requests: number; proposals: number; motions: number; published: string;
}

function figures(year: number, level: number): Figures {
  const active = Math.max(5, Math.round(level * (0.7 + rand() * 0.6)));
  const cats = [0, 0, 0, 0].map(() => int(0, Math.round(active / 3)));
  const late = rand() < 0.03;
  const month = late ? int(4, 10) : int(1, 3);
  return {
    active, cats, channel: int(Math.round(active / 2), active), points: int(1, 5), visits: int(10, 400), normative: int(0, 5),
    inForce: int(5, 40), requests: rand() < 0.6 ? 0 : int(1, 6), proposals: int(0, 12), motions: int(0, 8),
    published: `${year + 1}-${String(month).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`,
  };
}

// ── the corpus ─────────────────────────────────────────────────────────────────────────────
const t0 = performance.now();
const records: ReportRecord[] = [];
const texts: string[] = [];
const planted: { copier: string; source: string; kind: string }[] = [];
const byPlaceYear = new Map<string, { text: string; file: string; f: Figures }>();
const styles = places.map(() => styleOf());
const levels = places.map(() => int(30, 400));
outer: for (const year of YEARS) {
  for (let pi = 0; pi < places.length; pi++) {
    if (records.length >= N) break outer;
    if (rand() < 0.07) continue; // a missing report
    const p = places[pi];
    const f = figures(year, levels[pi]);
    const file = `synthetic/${p.county}/${p.township}/${year}.txt`;
    let text = reportText(p, year, styles[pi], f);
    const prev = byPlaceYear.get(`${pi}|${year - 1}`);
    const r = rand();
    if (prev && r < 0.01) {
      // copied last year's report: only the year changed
      text = prev.text.replaceAll(String(year - 1), String(year)).replaceAll(String(year), String(year));
      planted.push({ copier: file, source: prev.file, kind: "previous_year" });
    } else if (r < 0.015 && pi > 0 && places[pi - 1].county === p.county) {
      const src = byPlaceYear.get(`${pi - 1}|${year}`);
      if (src) {
        text = src.text.replaceAll(places[pi - 1].township, p.township);
        planted.push({ copier: file, source: src.file, kind: "neighbour" });
      }
    }
    byPlaceYear.set(`${pi}|${year}`, { text, file, f });
    const template = year >= 2021 ? "template-2021" : year >= 2019 ? "template-2019" : "free-text-2008";
    const cells: Cell[] = template === "free-text-2008" ? [] : [
      { table: "t3", row: "new", col: "total", row_label: "", col_label: "", value: f.requests, raw: String(f.requests), unit: null, source: "" },
      { table: "t3", row: "carried", col: "total", row_label: "", col_label: "", value: 0, raw: "0", unit: null, source: "" },
      { table: "t3", row: "carry_forward", col: "total", row_label: "", col_label: "", value: 0, raw: "0", unit: null, source: "" },
    ];
    records.push({
      file, status: "ok", error: null, level: "township", unit: p.township, township: p.township, county: p.county, city: p.city, province: p.province, year,
      published_on: f.published, template, active_total: f.active, active_total_approx: false, active_categories: [],
      requests_new_total: f.requests, requests_carried_total: null, requests_handled_total: null, requests_forward_total: null,
      review_total: 0, litigation_total: 0, fees: 0, cells, checks: [], warnings: [],
    });
    texts.push(text);
  }
}
const genMs = performance.now() - t0;
const chars = texts.reduce((s, t) => s + t.length, 0);
console.log(`synthetic corpus: ${records.length} reports, ${places.length} townships, ${nCounties} counties, ${(chars / 1e6).toFixed(1)} M characters (avg ${Math.round(chars / records.length)}), ${planted.length} planted copies; generated in ${(genMs / 1000).toFixed(1)} s`);

// ── the run ────────────────────────────────────────────────────────────────────────────────
const rssBefore = process.memoryUsage().rss;
const t1 = performance.now();
const a = analyseCorpus(records, texts, { places });
const runMs = performance.now() - t1;
const mem = process.memoryUsage();
const peakRss = process.resourceUsage().maxRSS * 1024;

const copies = new Set(a.similar.filter((s) => s.copy).map((s) => [s.report_a, s.report_b].sort().join("~")));
const found = planted.filter((p) => copies.has([reportId(p.copier), reportId(p.source)].sort().join("~"))).length;
const stages = Object.entries(a.stats).filter(([k]) => k.startsWith("ms_")).map(([k, v]) => `${k.slice(3)} ${(v / 1000).toFixed(2)} s`).join(" · ");
console.log(`analyseCorpus: ${(runMs / 1000).toFixed(1)} s on ${records.length} reports (Node ${process.version}, one thread)`);
console.log(`  stages: ${stages}`);
console.log(`  similarity: ${a.stats.similarity_compared} reports compared, ${a.stats.similarity_candidates} LSH candidate pairs, ${a.stats.similarity_verified} verified, ${a.similar.length} similar pairs listed, ${a.similar.filter((s) => s.copy).length} copies`);
console.log(`  planted copies found: ${found}/${planted.length}`);
console.log(`  rows: ${a.checks.length} checks, ${a.coverage.length} coverage, ${a.quality.length} quality`);
console.log(`memory: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (before the run ${(rssBefore / 2 ** 20).toFixed(0)} MB); heap used after ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB; array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MB`);
if (runMs > 60_000) {
  console.error("bench-corpus: slower than one minute");
  process.exitCode = 1;
}
