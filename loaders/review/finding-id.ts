// Ids of findings that survive rebuilds, re-parses and renames: a finding is one failed or warned
// check row of a report (the report's content hash, the rule, the cells the row names) or a
// missing report (the township and year). A report whose bytes change gets a new hash, so
// decisions on its old findings no longer apply (报告已更新，需重新核查).
import { createHash } from "node:crypto";

/** The report's content hash: the first 16 hex digits of the SHA-256 of its bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** The cells as an id names them: as written when short, else the first cell and a digest of all
 * (a sum rule names every cell of a column, 20 and more). */
export function cellsTag(cells: string | null): string {
  const c = cells ?? "";
  if (c.length <= 48 || /^\S+\+[0-9a-f]{8}$/.test(c)) return c;
  return `${c.split(" ")[0]}+${createHash("sha1").update(c).digest("hex").slice(0, 8)}`;
}

/** `<hash>:<rule>:<cells tag>`; rule ids hold no colon, so the cells (which may) are the rest. */
export function findingId(hash: string, rule: string, cells: string | null): string {
  return `${hash}:${rule}:${cellsTag(cells)}`;
}

/** A township-year without a report. */
export function missingFindingId(county: string, township: string, year: number): string {
  return `missing:${county}|${township}|${year}`;
}

/** The parts of a finding id (`cells` is the cells tag). */
export function parseFindingId(id: string): { hash: string; rule: string; cells: string } | null {
  const m = /^([^:]+):([^:]+):(.*)$/.exec(id.trim());
  return m ? { hash: m[1], rule: m[2], cells: m[3] } : null;
}

/** How one report's check row is keyed within a build (report ids are stable for a build); `cells`
 * as the check row has them, or already as a tag (a tag is its own tag). */
export function rowKey(reportId: string, rule: string, cells: string | null): string {
  return `${reportId}\u0000${rule}\u0000${cellsTag(cells)}`;
}
