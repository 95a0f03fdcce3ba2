// The township a report is about, from its title lines. Only the title is searched: the body
// says 我镇 and names other places.

const SUFFIX = "(?:镇|乡|街道|苏木)";
const CANDIDATE = new RegExp(`[\\u4e00-\\u9fff]{2,16}?${SUFFIX}(?=人民政府|政府|办事处|党委|[0-9]{4}|\\s|关于|政务|信息|$)`, "g");
// Administrative prefixes that may precede the township's own name in a title.
const PREFIX_END = /[省市县区旗州盟]/g;

/** Words that end like a township but are not one (全镇, 各乡镇, 推进乡镇…). */
const NOT_TOWNSHIP = /(^(全|我|本|该|各)(镇|乡|街道)$)|(城镇|乡镇|城乡|村镇)$|^关于/;

export function townshipFromTitle(titleLines: string[]): string | null {
  for (const line of titleLines) {
    const compact = line.replace(/\s+/g, "");
    for (const m of compact.matchAll(CANDIDATE)) {
      const name = stripPrefix(m[0]);
      if (name && !NOT_TOWNSHIP.test(name)) return name;
    }
  }
  return null;
}

/** "沂源县张家坡镇" → "张家坡镇"; "城区街道" stays (too short once cut). */
function stripPrefix(name: string): string | null {
  const suffixLength = name.endsWith("街道") || name.endsWith("苏木") ? 2 : 1;
  let shortest = name;
  for (const m of name.matchAll(PREFIX_END)) {
    const rest = name.slice(m.index! + 1);
    if (rest.length - suffixLength >= 2) shortest = rest;
  }
  return shortest.length - suffixLength >= 2 ? shortest : null;
}
