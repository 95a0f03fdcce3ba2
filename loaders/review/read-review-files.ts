// The I/O edge of the review: the review files found among a folder's files, or named by the CLI.
import { readFileSync } from "node:fs";
import { toPosix } from "../paths.ts";
import { DECISIONS_FILE, isReviewFile, parseCorrectionsCsv, parseDecisionsCsv } from "./review-files.ts";
import type { ReviewInputs } from "./index.ts";
import { pushAll } from "../push-all.ts";

/** Splits a folder's listing: the reports, and the review files among them (核查记录.csv, 更正记录.csv at any depth). */
export function splitReviewFiles(files: string[]): { reports: string[]; review: string[] } {
  return { reports: files.filter((f) => !isReviewFile(f)), review: files.filter(isReviewFile) };
}

/** Reads the review files (each a 核查记录.csv or 更正记录.csv by name; `kinds` overrides by path). */
export function readReviewFiles(files: string[], kinds: Record<string, "decisions" | "corrections"> = {}): ReviewInputs {
  const out: ReviewInputs = { decisions: [], corrections: [], problems: [], files: [] };
  for (const file of files) {
    const shown = toPosix(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      out.problems.push({ at: shown, message: `无法读取 ${shown}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    out.files.push(shown);
    const kind = kinds[file] ?? (shown.endsWith(DECISIONS_FILE) ? "decisions" : "corrections");
    if (kind === "decisions") {
      const { rows, problems } = parseDecisionsCsv(text, shown);
      pushAll(out.decisions, rows);
      pushAll(out.problems, problems);
    } else {
      const { rows, problems } = parseCorrectionsCsv(text, shown);
      pushAll(out.corrections, rows);
      pushAll(out.problems, problems);
    }
  }
  return out;
}
