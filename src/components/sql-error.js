// DuckDB's error messages, said in Chinese for the 数据浏览 page: the common ones (an unknown table or
// column, a syntax error) with what to do and the real names that come closest; the original message
// stays available under it. Pure: no DOM, so it is unit-tested.

/**
 * @param {string} message DuckDB's message ("Binder Error: Referenced column …\n\nLINE 1: …\n   ^")
 * @param {{tables: string[], columns?: Record<string, string[]>}} known the site's tables and their columns
 * @returns {{title: string, hint: string | null, where: {line: number, column: number, text: string} | null, raw: string}}
 */
export function explainSqlError(message, known) {
  const raw = String(message ?? "").replace(/^Error:\s*/, "").trim();
  const where = position(raw);
  let m;
  if ((m = /Table with name (\S+) does not exist/i.exec(raw))) {
    const name = m[1].replace(/^"|"$/g, "");
    const close = closest(name, known.tables);
    return {
      title: `没有名为“${name}”的表`,
      hint: `可查询的表：${known.tables.join("、")}${close.length ? `；是否想用 ${close.join("、")}？` : ""}`,
      where, raw
    };
  }
  if ((m = /Referenced column "?([^"\s]+)"? not found/i.exec(raw)) || (m = /column "?([^"\s]+)"? (?:does not exist|not found)/i.exec(raw))) {
    const name = m[1];
    const all = [...new Set(Object.values(known.columns ?? {}).flat())];
    const close = closest(name, all);
    return {
      title: `没有名为“${name}”的列`,
      hint: `${close.length ? `相近的列：${close.join("、")}。` : ""}各表的列见上方“表的列与类型”。`,
      where, raw
    };
  }
  if ((m = /syntax error at or near "([^"]*)"/i.exec(raw)) || /syntax error at end of input/i.test(raw)) {
    return {title: m ? `SQL 语法错误：在“${m[1]}”附近` : "SQL 语法错误：语句不完整（缺少括号、引号或后半句）", hint: "请检查关键字拼写、括号和引号是否成对。", where, raw};
  }
  if (/Conversion Error|Could not convert/i.test(raw)) {
    return {title: "类型转换出错：某个值不能转成所需的类型", hint: "数字与文字比较时，文字要加单引号，如 year = 2021、township = '城关镇'。", where, raw};
  }
  if ((m = /Ambiguous reference to column name "?([^"\s]+)"?/i.exec(raw))) {
    return {title: `列名“${m[1]}”有歧义：多张表都有这一列`, hint: `请写明表的别名，如 r.${m[1]} 或 c.${m[1]}。`, where, raw};
  }
  return {title: "查询出错", hint: null, where, raw};
}

/** "LINE 1: SELECT …\n      ^" → the line, the column of the caret (1-based) and the line's text. */
function position(raw) {
  const m = /LINE (\d+): ([^\n]*)\n( *)\^/.exec(raw);
  if (!m) return null;
  const prefix = `LINE ${m[1]}: `.length;
  return {line: Number(m[1]), column: Math.max(1, m[3].length - prefix + 1), text: m[2]};
}

/** Up to three names closest to `name` (edit distance, case-insensitive), none farther than half its length. */
function closest(name, names) {
  const n = name.toLowerCase();
  return names
    .map((c) => ({c, d: distance(n, c.toLowerCase())}))
    .filter(({c, d}) => d <= Math.max(2, Math.floor(name.length / 2)) || c.toLowerCase().includes(n) || n.includes(c.toLowerCase()))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, 3)
    .map(({c}) => c);
}

function distance(a, b) {
  const row = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
