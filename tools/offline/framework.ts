// Facts about the installed Observable Framework that the offline seed depends on.
// Framework is pinned to an exact version because these are internals, not API.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseNpmName } from "./packages.ts";

export function frameworkDir(projectRoot: string): string {
  return join(projectRoot, "node_modules", "@observablehq", "framework");
}

/** The duckdb-wasm version Framework hard-codes for `npm:@duckdb/duckdb-wasm` (no registry lookup). */
export function pinnedDuckDBWasmVersion(projectRoot: string): string {
  const file = join(frameworkDir(projectRoot), "dist", "duckdb.js");
  const match = /\bDUCKDB_WASM_VERSION\s*=\s*"([^"]+)"/.exec(readFileSync(file, "utf8"));
  if (!match) throw new Error(`offline-seed: DUCKDB_WASM_VERSION not found in ${file}; did the Framework version change?`);
  return match[1];
}

/**
 * Package names that Framework's client code mentions as `npm:<name>…`.
 * Framework asks the npm registry for a version of each one while building its client bundle
 * unless `_npm/<name>@<version>/` already exists in the cache.
 */
export function clientNpmNames(projectRoot: string): string[] {
  const clientDir = join(frameworkDir(projectRoot), "dist", "client");
  const names = new Set<string>();
  for (const file of listJsFiles(clientDir)) {
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/["'`]npm:([^"'`\s]+)["'`]/g)) names.add(parseNpmName(specifier));
  }
  if (names.size === 0) throw new Error(`offline-seed: no npm: imports found under ${clientDir}; did the Framework layout change?`);
  return [...names].sort();
}

function listJsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
}
