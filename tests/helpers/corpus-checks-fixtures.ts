// Hand-made records and texts for the corpus-check tests (tests/corpus-checks*.test.ts).
import type { Place } from "../../loaders/identity/places.ts";
import type { Cell, ReportRecord, TemplateId } from "../../loaders/types.ts";

export function rec(over: Partial<ReportRecord> & { file: string }): ReportRecord {
  return {
    status: "ok", error: null, township: null, county: null, city: "青州市", province: "东山省", year: null, published_on: null,
    template: "free-text-2008", active_total: null, active_total_approx: null, active_categories: [], requests_new_total: null,
    requests_carried_total: null, requests_handled_total: null, requests_forward_total: null, review_total: null,
    litigation_total: null, fees: null, cells: [], checks: [], warnings: [],
    level: over.township ? "township" : null, unit: over.township ?? null, ...over,
  };
}

export function cell(table: Cell["table"], row: string, col: string, value: number | null): Cell {
  return { table, row, col, row_label: row, col_label: col, value, raw: value === null ? "" : String(value), unit: null, source: "test" };
}

/** Table 三 carried / carry-forward rows for the applicant columns given (others 0). */
export function t3(carried: Record<string, number>, forward: Record<string, number>): Cell[] {
  const cols = ["natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"];
  return cols.flatMap((c) => [cell("t3", "carried", c, carried[c] ?? 0), cell("t3", "carry_forward", c, forward[c] ?? 0)]);
}

/** A template report of a township-year with the given table 三 carry rows. */
export function templateReport(township: string, county: string, year: number, cells: Cell[], template: TemplateId = year >= 2021 ? "template-2021" : "template-2019"): ReportRecord {
  return rec({ file: `${county}/${township}/${year}.txt`, township, county, year, template, cells, published_on: `${year + 1}-01-20` });
}

export function place(township: string, county: string, code = ""): Place {
  return { code, township, county, city: "青州市", province: "东山省", origin: "places" } as Place;
}

// ── texts ───────────────────────────────────────────────────────────────────────────────────
// Three townships' own wordings (written for these tests), plus the fixed parts every report has.

export const OPENING = (t: string, y: number) =>
  `${t}${y}年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现公布${t}人民政府${y}年政府信息公开工作年度报告。本报告所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。\n一、总体情况\n`;

export const TABLE_2021 = `二、主动公开政府信息情况
第二十条第
信息内容                   本年制       本年废       现行有
                           发件数       止件数       效件数
规章                       0            0            0
行政规范性文件             2            0            9
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请数量                     1          0          0          0          0          0          1
上年结转政府信息公开申请数量                     0          0          0          0          0          0          0
结转下年度继续办理                               0          0          0          0          0          0          0
`;

export const WORDING: Record<string, (y: number, n: number[]) => string> = {
  梅溪镇: (y, n) => `${y}年，梅溪镇围绕茶叶产业园建设和人居环境整治两项中心任务，把征地补偿、危房改造补助和低保名单作为公开重点，` +
    `全年在镇政府信息公开专栏发布信息${n[0]}条，其中征地补偿公示${n[1]}批次，危房改造名单${n[2]}批次。镇里在五个村的便民服务点配了触摸查询机，` +
    `群众可以随时查询惠民资金发放到户情况。茶农合作社的扶持资金分配方案经村民代表会议讨论后在村务公开栏张贴七天。` +
    `本年度收到政府信息公开申请${n[3]}件，均为村民查询宅基地审批进度，已在法定期限内答复。` +
    `存在的问题是部分村公开栏内容更新滞后，个别村干部对公开范围把握不准；下一步将每季度开展一次公开栏巡查，并把公开质量纳入村干部年度考核。`,
  石门乡: (y, n) => `今年石门乡政务公开以水库移民后期扶持为主线，移民直补资金、项目资金使用情况逐月在乡政府门口电子屏滚动播放，` +
    `累计播放时长超过三百小时，全年公开各类信息${n[0]}条。乡里编印了移民政策问答小册子${n[1]}册发到每户，` +
    `并在赶集日设置政策咨询台，由驻村干部现场解答。对地质灾害隐患点搬迁安置方案，乡政府召开听证会两次，听取群众意见后再行公布。` +
    `全年受理依申请公开${n[3]}件。不足之处在于信息发布仍以纸质张贴为主，网络渠道利用不够，明年计划开通乡级政务微信号。`,
  柳岸街道: (y, n) => `柳岸街道地处老城区，辖区内棚户区改造和老旧小区加装电梯是居民最关心的事项。街道把改造项目的征收补偿标准、` +
    `安置房源分配结果、加装电梯财政补贴名单逐项公开，共发布信息${n[0]}条，召开居民恳谈会${n[1]}场。` +
    `为方便老年居民，街道在十二个社区设立了纸质查阅角，每周三由社区网格员代为打印需要的文件。` +
    `本年度收到信息公开申请${n[3]}件，主要涉及房屋征收评估报告，其中部分公开两件。` +
    `工作中还存在答复文书格式不统一的问题，街道已制定依申请公开答复模板，并安排法律顾问审核每一份答复。`,
};

export function report(township: string, year: number, n: number[], extra = ""): string {
  return `${OPENING(township, year)}${WORDING[township](year, n)}\n${TABLE_2021}五、存在的主要问题及改进情况\n${extra}\n${township}人民政府\n${year + 1}年1月15日\n`;
}
