// Finding input files and naming them in outputs: plain file-system work, with none of the parser
// (so the site's quick loaders and the preview's watcher load fast). Re-exported by corpus.ts.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { toPosix } from "./paths.ts";

/** Default folder of input reports, relative to the project root. */
export const DEFAULT_REPORTS_DIR = "data/reports";
/** Default folder of places files (CSV: code,township,county,city,province). */
export const DEFAULT_PLACES_DIR = "data/places";

/** Lists input files under each path (files are taken as given), sorted, skipping dot-files. */
export function listInputFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return { files, missing };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Paths in outputs use forward slashes and are relative to `base` when under it. */
export function displayPath(file: string, base = process.cwd()): string {
  const rel = relative(base, file);
  return toPosix(rel.startsWith("..") ? file : rel);
}
