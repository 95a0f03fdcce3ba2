import { createHash } from "node:crypto";

/** A short stable id for a report, from its file path (cells.csv and checks.csv refer to it). */
export function reportId(file: string): string {
  return "r" + createHash("sha1").update(file).digest("hex").slice(0, 11);
}
