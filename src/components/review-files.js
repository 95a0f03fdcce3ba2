// Writing the review files from the browser: 核查记录.csv and 更正记录.csv with the columns the
// build reads (src/data/schema.json `review`, from loaders/review/review-files.ts), UTF-8 with a
// BOM and CRLF like the CLI's. The file's earlier rows (the built decisions/corrections tables, as
// read) come first and the browser's new rows after them: the file stays its own audit trail.
// The files are opened in Excel: formula-like text gets a leading apostrophe, which the build's
// reader (loaders/review/review-files.ts) strips again.
import * as d3 from "npm:d3";
import {download} from "./export.js";
import {prefixFormula} from "./csv-safe.js";

function fileText(columns, rows) {
  const header = columns.map(([, label]) => label);
  const body = rows.map((r) => columns.map(([field]) => (r[field] == null ? "" : prefixFormula(String(r[field])))));
  return "\uFEFF" + d3.csvFormatRows([header, ...body]).replace(/\n/g, "\r\n") + "\r\n";
}

/** 核查记录.csv: the built rows (decision as the file's word) and the pending ones. */
export function decisionsFileText(review, builtRows, pendingRows) {
  const rows = [...builtRows.filter((r) => r.state !== "invalid"), ...pendingRows.map((p) => ({...p, decision: p.word}))];
  return fileText(review.decisionColumns, rows);
}

/** 更正记录.csv: the built rows (as read: original = the value the file gave) and the pending ones. */
export function correctionsFileText(review, builtRows, pendingRows) {
  const asRead = builtRows.filter((r) => r.state !== "invalid").map((r) => ({...r, original: r.original_value}));
  return fileText(review.correctionColumns, [...asRead, ...pendingRows]);
}

/** Can this browser write a file where the user chooses (File System Access API)? */
export function canWriteFiles() {
  return typeof globalThis.showSaveFilePicker === "function" && globalThis.isSecureContext !== false;
}

/**
 * Writes `text` to a file the user picks (Chromium-based browsers), else downloads it.
 * @returns {Promise<"written"|"downloaded"|"cancelled">}
 */
export async function saveText(name, text, {pick = canWriteFiles()} = {}) {
  if (pick) {
    try {
      const handle = await globalThis.showSaveFilePicker({suggestedName: name, types: [{description: "CSV 文件", accept: {"text/csv": [".csv"]}}]});
      const writable = await handle.createWritable();
      await writable.write(new Blob([text], {type: "text/csv;charset=utf-8"}));
      await writable.close();
      return "written";
    } catch (error) {
      if (error?.name === "AbortError") return "cancelled";
      // not allowed here (a file:// page, a policy): fall back to a download
    }
  }
  download(text, name, "text/csv;charset=utf-8");
  return "downloaded";
}
