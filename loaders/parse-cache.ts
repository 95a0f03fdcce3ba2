// The parse cache, shared by the CLI and the site: each file's parse result (its record and its
// normalised text) stored under a key made of
//  - the file's bytes (content-addressed: an edited file is a new key, a touched one is not),
//  - the file's name as given to the parser (the path is a clue to the township, the extension to the format),
//  - the parser's version (loaders/parser-version.ts: the library's source and its dependencies),
//  - the places (the places files' content decides townships),
//  - for scans only (a record read by OCR, or needs-ocr): the OCR engine and its language data
//    (read/ocr.ts ocrEngineMarker), checked on reading, so a new engine (or one just installed)
//    re-reads the scans and nothing else.
// So a cached result is always the one the current parser would give for these bytes here: a warm
// run writes the same bytes as a cold one. Results that depend on the moment are not stored: a PDF
// that hit the time limit (isCacheable), a parser crash (corpus.ts), a worker that died (never stored:
// its record is made by the pool, not by a parse).
//
// Layout: <dir>/<version>/<key[0..1]>/<key>.json, one JSON file per parsed file; <version> holds
// the parser version and CACHE_FORMAT. Each run marks its version folder as used; only the
// KEEP_VERSIONS most recently used are kept (an edited parser leaves its older results behind).
// Deleting the folder at any time is safe. This module does the cache's file I/O; workers get the
// plain ParseCacheConfig and read/write entries themselves.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parserVersion, PROJECT_ROOT } from "./parser-version.ts";
import type { PlaceIndex } from "./identity/places.ts";
import type { ReportRecord } from "./types.ts";
import { ocrEngineMarker } from "./read/ocr.ts";

/** Bump when the entry layout changes. */
export const CACHE_FORMAT = 1;
/** Parser versions whose results are kept (the most recently used). */
export const KEEP_VERSIONS = 4;

/** Where the cache lives unless NIANBAO_CACHE_DIR says otherwise: node_modules/.cache/nianbao in the project. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIANBAO_CACHE_DIR?.trim() || join(PROJECT_ROOT, "node_modules", ".cache", "nianbao");
}

/** What a parse needs to find its entries; plain data, so it can be handed to worker threads. */
export interface ParseCacheConfig {
  /** The version folder: <dir>/<format and parser version>. */
  dir: string;
  /** Hash of the places the records were resolved against. */
  places: string;
  /** The OCR engine marker (read/ocr.ts ocrEngineMarker) scans' entries must match. */
  ocrEngine: string;
}

export interface CachedParse {
  record: ReportRecord;
  /** The normalised text (null when the file had none). */
  text: string | null;
}

/** A fixed digest of the places (their content and origin, in index order). */
export function placesKey(places: PlaceIndex | undefined): string {
  return createHash("sha256").update(JSON.stringify(places ? [...places] : [])).digest("hex");
}

/** The version folder's name for the running parser. */
export function versionFolder(version = parserVersion()): string {
  return `v${CACHE_FORMAT}-${version.slice(0, 24)}`;
}

/**
 * Opens the cache for a run: creates the running parser's folder, marks it as used now and removes
 * the folders of parser versions beyond the KEEP_VERSIONS most recently used. Returns null (run
 * without a cache) when the folder cannot be created, e.g. on a read-only disk.
 */
export function openParseCache(root: string, places: PlaceIndex | undefined): ParseCacheConfig | null {
  const dir = join(root, versionFolder());
  try {
    mkdirSync(dir, { recursive: true });
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    return null;
  }
  pruneVersions(root);
  return { dir, places: placesKey(places), ocrEngine: ocrEngineMarker() };
}

function pruneVersions(root: string, keep = KEEP_VERSIONS): void {
  try {
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^v\d+-/.test(e.name))
      .map((e) => ({ path: join(root, e.name), used: statSync(join(root, e.name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const old of folders.slice(keep)) rmSync(old.path, { recursive: true, force: true });
  } catch {
    // another process pruning at the same time; the next run tries again
  }
}

/** The entry's key: the bytes, the name as given to the parser, the places (the parser version is the folder). */
export function cacheKey(config: ParseCacheConfig, name: string, bytes: Uint8Array): string {
  return createHash("sha256").update(`${name}\0${config.places}\0`).update(bytes).digest("hex");
}

function entryPath(config: ParseCacheConfig, key: string): string {
  return join(config.dir, key.slice(0, 2), `${key}.json`);
}

/** The stored result for these bytes under this name, or null (also for an unreadable or damaged entry). */
export function readCached(config: ParseCacheConfig, key: string, name: string): CachedParse | null {
  try {
    const entry = JSON.parse(readFileSync(entryPath(config, key), "utf8")) as CachedParse & { name: string; ocrEngine?: string };
    if (entry.name !== name || !entry.record) return null;
    if (dependsOnOcr(entry.record) && entry.ocrEngine !== config.ocrEngine) return null;
    return { record: entry.record, text: entry.text ?? null };
  } catch {
    return null;
  }
}

/** A result another OCR engine could give differently: read by OCR, or a scan OCR could not read. */
function dependsOnOcr(record: ReportRecord): boolean {
  return record.ocr === true || record.status === "needs-ocr";
}

/** The start of the message of a PDF/DOCX read that hit its time limit (loaders/read/errors.ts timeoutFailure). */
const TIMED_OUT = /^读取超时/;

/** Part of the message of an OCR that ran out of its time (read/ocr.ts ocrTimeoutFailure). */
const OCR_TIMED_OUT = /OCR 识别超时/;

/** False for a result another run could get differently: a read that hit the time limit, or an OCR that ran out of time (a busy machine). */
export function isCacheable(record: ReportRecord): boolean {
  return !(record.error && (TIMED_OUT.test(record.error) || OCR_TIMED_OUT.test(record.error)));
}

/** Stores a result (atomically: a reader never sees half an entry). A cache that cannot be written is skipped. */
export function writeCached(config: ParseCacheConfig, key: string, name: string, result: CachedParse): void {
  if (!isCacheable(result.record)) return;
  const path = entryPath(config, key);
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(join(config.dir, key.slice(0, 2)), { recursive: true });
    writeFileSync(temp, JSON.stringify({ name, record: result.record, text: result.text, ocrEngine: config.ocrEngine }));
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
