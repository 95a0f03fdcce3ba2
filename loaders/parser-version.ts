// The parser's version, for the caches (loaders/parse-cache.ts, loaders/site-inputs.ts): a hash of
// the library's own source (every file under loaders/) and of the installed dependencies
// (package-lock.json, else package.json). Any edit to either gives new cache keys, so a cached
// parse is never one an older parser made.
import { createHash, type Hash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { toPosix } from "./paths.ts";

/** loaders/ */
export const LIBRARY_DIR = dirname(fileURLToPath(import.meta.url));
/** The project (package) root: the folder holding loaders/ and package.json. */
export const PROJECT_ROOT = dirname(LIBRARY_DIR);

/** Adds every file under `dir` to `hash`: its path relative to `base` and its bytes, in a fixed order. */
export function hashTree(hash: Hash, dir: string, base = dir): Hash {
  if (!existsSync(dir)) return hash;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) hashTree(hash, path, base);
    else if (e.isFile()) hash.update(`${toPosix(relative(base, path))}\0`).update(readFileSync(path)).update("\0");
  }
  return hash;
}

/** The version as computed now (reads the source again: for long-running watchers). */
export function currentParserVersion(root = PROJECT_ROOT): string {
  const hash = createHash("sha256");
  hashTree(hash, join(root, "loaders"));
  const lock = [join(root, "package-lock.json"), join(root, "package.json")].find(existsSync);
  if (lock) hash.update("lock\0").update(readFileSync(lock));
  return hash.digest("hex");
}

let memo: string | undefined;

/** The version of the parser this process runs (computed once: the source a process loaded does not change under it). */
export function parserVersion(): string {
  return (memo ??= currentParserVersion());
}
