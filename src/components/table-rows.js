// Pure helpers over the tables' schema (src/data/schema.json, from loaders/templates): the page
// annotations — outcome groups, short chart labels, colours — added to the parser's own rows.

/** Short chart labels for table 三 rows whose printed label is long. */
const T3_SHORT = {
  declined_confirm: "要求确认或重新出具已获取信息",
  other_no_correction: "逾期不补正、不再处理",
  other_no_fee: "逾期未缴费、不再处理",
  other_other: "其他"
};

/** Display labels of table 四's blocks (the two 行政诉讼 blocks named with their parent). */
const T4_DISPLAY = {lit_direct: "行政诉讼·未经复议直接起诉", lit_after_review: "行政诉讼·复议后起诉"};
const T4_COLOURS = {upheld: "#0072b2", corrected: "#d55e00", other: "#999999", pending: "#e69f00"};

/** The outcome group of a table 三 row: 予以公开, 部分公开 (and a single （六） row) stand alone; the
 * reasons under 不予公开 / 无法提供 / 不予处理 / （六）其他处理 belong to their heading. */
function groupOf(row) {
  if (row.heading || !row.parent || row.id === "total") return undefined;
  return row.parent === "results" ? row.id : row.parent;
}

/**
 * Table 三 rows of both templates in printed order, with `group`, `short` and `templates` (where
 * the row exists: "other" is one row in 2019 and a heading with three sub-rows in 2021).
 */
export function annotateT3Rows(schema) {
  const rows19 = schema.t3Rows["template-2019"];
  const rows21 = schema.t3Rows["template-2021"];
  const annotate = (r, templates) => {
    const row = {id: r.id, ordinal: r.ordinal, label: r.label};
    if (r.heading) row.heading = true;
    const group = groupOf(r);
    if (group) row.group = group;
    if (T3_SHORT[r.id]) row.short = T3_SHORT[r.id];
    if (templates) row.templates = templates;
    return row;
  };
  const out = [];
  for (const r21 of rows21) {
    const r19 = rows19.find((r) => r.id === r21.id);
    if (r19 && r19.heading === r21.heading) out.push(annotate(r21));
    else {
      if (r19) out.push(annotate(r19, ["template-2019"]));
      out.push(annotate(r21, ["template-2021"]));
    }
  }
  return out;
}

export function annotateT4(schema) {
  return {
    rows: schema.t4Rows.map((r) => ({id: r.id, label: T4_DISPLAY[r.id] ?? r.label})),
    columns: schema.t4Columns.map((c) => (T4_COLOURS[c.id] ? {...c, color: T4_COLOURS[c.id]} : {...c}))
  };
}
