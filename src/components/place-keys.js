// The keys of places, pure (no page data): a township is its full path, since names such as 城关镇
// repeat across counties. places.js re-exports them with the filters.
const collator = new Intl.Collator("zh-CN");
export const compareZh = (a, b) => collator.compare(a ?? "", b ?? "");

/** "岚江省/岚州市/岚东区/上坪乡" (missing parts empty). */
export function placeKey(r) {
  return [r.province, r.city, r.county, r.township].map((p) => p ?? "").join("/");
}

/** "岚江省/岚州市/岚东区" */
export function countyKey(r) {
  return [r.province, r.city, r.county].map((p) => p ?? "").join("/");
}
