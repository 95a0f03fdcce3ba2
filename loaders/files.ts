// Finding input files and naming them in outputs: plain file-system work, with none of the parser
// (so the site's quick loaders and the preview's watcher load fast). Re-exported by corpus.ts.
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import iconv from "iconv-lite";
import { toPosix } from "./paths.ts";

/** Default folder of input reports, relative to the project root. */
export const DEFAULT_REPORTS_DIR = "data/reports";
/** Default folder of places files (CSV: code,township,county,city,province). */
export const DEFAULT_PLACES_DIR = "data/places";

export interface InputFiles {
  /** Every file once, in input order (folders walked sorted by name). */
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
  /** Paths left out because they name a file already listed (the same real file). */
  duplicates: { file: string; first: string }[];
}

/**
 * Lists input files under each path (files are taken as given), sorted, skipping dot-files.
 * Symbolic links are followed (a folder once: a link back to a folder already walked is not
 * walked again); special files (FIFO, socket, device) and broken links are listed too, so that
 * parsing reports them, and never opened here. A real file reached twice (a folder and a file in
 * it, the same file named twice, a link to a listed file) is listed once, the first time. Names
 * that are not UTF-8 (GBK names from a zip made on Chinese Windows) are shown decoded and opened
 * by their bytes (rawPathOf).
 */
export function listInputFiles(paths: string[]): InputFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const duplicates: InputFiles["duplicates"] = [];
  const firstOf = new Map<string, string>();
  const walked = new Set<string>();
  const add = (file: string, raw: string | Buffer) => {
    const real = realKey(raw) ?? `missing:${file}`;
    const first = firstOf.get(real);
    if (first !== undefined) {
      duplicates.push({ file, first });
      return;
    }
    firstOf.set(real, file);
    files.push(file);
  };
  const walk = (dir: string, raw: string | Buffer): void => {
    const real = realKey(raw);
    if (real === null || walked.has(real)) return; // a link back to a folder already walked
    walked.add(real);
    const entries = readdirSync(raw, { withFileTypes: true, encoding: "buffer" })
      .map((e) => ({ e, name: decodeName(e.name) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { e, name } of entries) {
      if (name.startsWith(".")) continue;
      const p = join(dir, name);
      const rawChild = typeof raw === "string" && name === e.name.toString("utf8") ? p : Buffer.concat([Buffer.from(raw), Buffer.from(sep), e.name]);
      if (typeof rawChild !== "string") RAW_PATHS.set(p, rawChild);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(rawChild).isDirectory();
        } catch {
          isDir = false; // a broken link: listed, and reported when parsed
        }
      }
      if (isDir) walk(p, rawChild);
      else add(p, rawChild);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      try {
        lstatSync(p); // a broken link named on the command line is a file to report, not a missing path
      } catch {
        missing.push(p);
        continue;
      }
    }
    if (st?.isDirectory()) walk(p, p);
    else add(p, p);
  }
  return { files, missing, duplicates };
}

/** Raw byte paths of listed files whose names are not UTF-8, by their display path. */
const RAW_PATHS = new Map<string, Buffer>();

/** The path to open a listed file by: its bytes when its name is not UTF-8, else the path itself. */
export function rawPathOf(file: string): string | Buffer {
  return RAW_PATHS.get(file) ?? file;
}

/** Makes `rawPathOf(file)` give `raw` (a worker thread learns the raw paths of its files). */
export function setRawPath(file: string, raw: Uint8Array): void {
  RAW_PATHS.set(file, Buffer.from(raw));
}

/** A file name as text: UTF-8 when it is valid UTF-8, else GB18030 (GBK). */
function decodeName(name: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(name);
  } catch {
    return iconv.decode(name, "gb18030");
  }
}

/** The real path (links resolved) as a key, or null when it cannot be resolved (a broken link). */
function realKey(raw: string | Buffer): string | null {
  try {
    return realpathSync(raw, { encoding: "buffer" }).toString("latin1");
  } catch {
    return null;
  }
}

/** Paths in outputs use forward slashes and are relative to `base` when under it. */
export function displayPath(file: string, base = process.cwd()): string {
  const rel = relative(base, file);
  return toPosix(rel.startsWith("..") ? file : rel);
}
