// The official tables as the site's pages need them (ids, labels, ordinals, headings, per
// template), derived from loaders/templates so the browser carries no copy of the templates;
// and the reports' levels with their names (loaders/types.ts).
// Printed by src/data/schema.json.ts; read by src/components/table-schema.js.
import { templates } from "../templates/index.ts";
import { LEVELS, LEVEL_LABELS } from "../types.ts";
import { CORRECTION_COLUMNS, CORRECTIONS_FILE, DECISION_COLUMNS, DECISION_WORDS, DECISIONS_FILE } from "../review/review-files.ts";
import { CORRECTABLE_FIELDS } from "../review/corrections.ts";

export function siteSchema() {
  const byId = Object.fromEntries(templates.map((t) => [t.id, t]));
  const table = (templateId: string, id: string) => byId[templateId].tables.find((t) => t.id === id)!;
  return {
    t2: Object.fromEntries(templates.map((t) => [t.id, table(t.id, "t2").blocks.map((b) => ({
      block: b.label, rows: b.rows.map((r) => [r.id, r.label]), cols: b.columns.map((c) => [c.id, c.label]),
    }))])),
    t3Rows: Object.fromEntries(templates.map((t) => [t.id, table(t.id, "t3").blocks[0].rows.map((r) => ({
      id: r.id, ordinal: r.ordinal ?? "", label: r.label, parent: r.parent ?? null, heading: !!r.heading,
    }))])),
    t3Columns: table("template-2021", "t3").blocks[0].columns.map((c) => ({ id: c.id, label: c.label })),
    t4Rows: table("template-2021", "t4").blocks[0].rows.map((r) => ({ id: r.id, label: r.label })),
    t4Columns: table("template-2021", "t4").blocks[0].columns.map((c) => ({ id: c.id, label: c.label })),
    /** The reports' `level` values, in order, with their names. */
    levels: LEVELS.map((id) => ({ id, label: LEVEL_LABELS[id] })),
    /** The review files' names and columns (loaders/review/review-files.ts): the 核查 page writes them. */
    review: {
      decisionsFile: DECISIONS_FILE, correctionsFile: CORRECTIONS_FILE,
      decisionColumns: DECISION_COLUMNS, correctionColumns: CORRECTION_COLUMNS,
      decisions: Object.entries(DECISION_WORDS).map(([id, w]) => ({ id, ...w })),
      fields: Object.entries(CORRECTABLE_FIELDS).map(([id, d]) => ({ id, ...d })),
    },
  };
}
