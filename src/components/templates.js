// The report templates as shown to users: order, Chinese label and colour.
// Colours come from the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies); the two official templates are two blues of clearly different lightness.
export const TEMPLATES = [
  {key: "free-text-2008", label: "自由文本(2008)", color: "#e69f00"},
  {key: "template-2019", label: "2019年模板", color: "#56b4e9"},
  {key: "template-2021", label: "2021年模板", color: "#0072b2"},
  {key: "unknown", label: "无法识别", color: "#999999"}
];

const BY_KEY = new Map(TEMPLATES.map((t) => [t.key, t]));

/** The template entry for a CSV value; null/empty/unexpected values count as 无法识别. */
export function templateOf(key) {
  return BY_KEY.get(key) ?? BY_KEY.get("unknown");
}

/** Colour of the 缺失 (no report) cells in the coverage grid. */
export const MISSING_COLOR = "#ffffff";
