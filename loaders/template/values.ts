// A table cell's raw token → its value. Blank, "/", "-", "—", "无" are not 0: the value is null
// and the raw token is kept. Units written in the cell ("251000元") are recorded.

export interface CellValue {
  value: number | null;
  raw: string;
  unit: string | null;
}

/** Tokens that mean "nothing written here" (not zero). */
const NOT_A_VALUE = /^(|\/|-|－|—|–|——|无|\\|\*+)$/;
const NUMBER = /^([+-]?)(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|元|件|个|项|条)?$/;

export function parseValue(raw: string): CellValue {
  const token = raw.trim().replace(/[−－]/g, "-").replace(/．/g, ".");
  if (NOT_A_VALUE.test(token)) return { value: null, raw, unit: null };
  const m = NUMBER.exec(token);
  if (!m) return { value: null, raw, unit: null };
  const n = Number(m[2].replace(/,/g, ""));
  const unit = m[3] === "万元" || m[3] === "元" ? m[3] : null;
  return { value: m[1] === "-" ? -n : n, raw, unit };
}

/** True when the token is a value cell (a number or an explicit blank marker), not a label. */
export function isValueToken(raw: string): boolean {
  const token = raw.trim().replace(/[−－]/g, "-");
  return NOT_A_VALUE.test(token) || NUMBER.test(token);
}
