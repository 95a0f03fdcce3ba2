// Seeds Observable Framework's npm cache from node_modules so that `observable build` and
// `observable preview` never reach jsDelivr or the npm registry. It relies on how Framework 1.13.4
// (pinned exactly) uses src/.observablehq/cache/_npm (dist/npm.js: resolveNpmVersion, populateNpmCache):
//  - Framework skips the registry for a package when `_npm/<name>@<version>/` exists in its cache;
//  - it skips jsDelivr when that directory already holds the requested file (`_esm.js`, wasm, …).
// Any npm: import not covered here still fails the build loudly when offline; nothing leaks silently.
// Runs before every build/preview (npm "prebuild"/"predev"); cheap when everything is up to date.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundlePackage, cacheDirOf, type SeededPackage } from "./offline/bundle-package.ts";
import { copyIfChanged } from "./offline/copy-if-changed.ts";
import { clientNpmNames, pinnedDuckDBWasmVersion } from "./offline/framework.ts";
import { findPackageDir, packageVersion } from "./offline/packages.ts";

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const srcRoot = join(projectRoot, "src");
const npmCacheDir = join(srcRoot, ".observablehq", "cache", "_npm");
const duckdbVendorDir = join(srcRoot, "vendor", "duckdb");

/** Browser packages bundled into the cache: what pages import plus what Framework's implicit imports need. */
const BROWSER_PACKAGES: { name: string; required: boolean; why: string }[] = [
  { name: "htl", required: true, why: "html/svg template literals" },
  { name: "isoformat", required: true, why: "used by htl-based inputs and Plot" },
  { name: "d3-dsv", required: true, why: "FileAttachment().csv()" },
  { name: "d3", required: true, why: "charts" },
  { name: "apache-arrow", required: true, why: "DuckDB query results, FileAttachment().arrow()" },
  { name: "arquero", required: true, why: "aq" },
  { name: "@duckdb/duckdb-wasm", required: true, why: "SQL in the browser" },
  { name: "@observablehq/plot", required: false, why: "Plot (not a dependency yet; bundled if installed)" },
  { name: "exceljs", required: true, why: "XLSX export in src/components/export.js (loaded when a user exports)" },
  { name: "docx", required: true, why: "DOCX 核查通报 in src/components/notice.js (loaded when a user downloads it)" }
];

/** duckdb-wasm files the browser loads at runtime, besides the JS API in _esm.js. */
const DUCKDB_RUNTIME_FILES = [
  "dist/duckdb-mvp.wasm",
  "dist/duckdb-browser-mvp.worker.js",
  "dist/duckdb-eh.wasm",
  "dist/duckdb-browser-eh.worker.js"
];

const PLACEHOLDER_VERSION = "0.0.0"; // for packages Framework mentions but we do not install

async function main(): Promise<void> {
  const started = performance.now();
  const duckdbPinned = pinnedDuckDBWasmVersion(projectRoot);

  const seeded: SeededPackage[] = [];
  const missing: string[] = [];
  const skippedOptional: string[] = [];
  for (const { name, required, why } of BROWSER_PACKAGES) {
    const packageDir = findPackageDir(name, projectRoot);
    if (!packageDir) {
      if (required) missing.push(`${name} (${why})`);
      else skippedOptional.push(name);
      continue;
    }
    const version = packageVersion(packageDir);
    // Framework always asks for duckdb-wasm at its pinned version, so the installed copy is served under that label.
    const cacheVersion = name === "@duckdb/duckdb-wasm" ? duckdbPinned : version;
    seeded.push({ name, version, cacheVersion, packageDir });
  }
  if (missing.length > 0) {
    throw new Error(
      `offline-seed: required browser packages are not installed in node_modules:\n  ${missing.join("\n  ")}\n` +
        `Run "npm ci" (offline: from a node_modules copy made on a machine with registry access).`
    );
  }

  const removedStale = removeOtherCachedVersions(seeded);

  const placeholders = await createPlaceholderDirs(new Set(seeded.map((p) => p.name)));

  const rebuilt = await Promise.all(seeded.map((pkg) => bundlePackage(pkg, { seeded, npmCacheDir, projectRoot })));

  const duckdb = seeded.find((p) => p.name === "@duckdb/duckdb-wasm")!;
  let copied = 0;
  for (const file of DUCKDB_RUNTIME_FILES) {
    const source = join(duckdb.packageDir, file);
    if (!existsSync(source)) throw new Error(`offline-seed: ${source} is missing; reinstall @duckdb/duckdb-wasm`);
    // for Framework's own DuckDBClient / sql (it resolves these paths at the pinned version)
    if (await copyIfChanged(source, join(cacheDirOf(npmCacheDir, duckdb), file))) copied++;
    // for src/components/db.js, which loads them through FileAttachment
    if (await copyIfChanged(source, join(duckdbVendorDir, file.replace(/^dist\//, "")))) copied++;
  }

  const bundledNow = rebuilt.filter(Boolean).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `offline-seed: ${seeded.length} packages (${bundledNow} bundled, ${seeded.length - bundledNow} up to date), ` +
      `${placeholders} placeholder dirs, duckdb-wasm ${duckdb.version} served as ${duckdbPinned}, ` +
      `${copied} runtime files copied → ${relative(projectRoot, duckdbVendorDir)}` +
      (removedStale.length ? `, removed stale ${removedStale.join(" ")}` : "") +
      (skippedOptional.length ? `, not installed: ${skippedOptional.join(" ")}` : "") +
      ` (${seconds} s)`
  );
}

/**
 * With several cached versions Framework picks the highest, so other versions of a seeded package
 * (e.g. left by an online build or an older install) would shadow the seeded one.
 */
function removeOtherCachedVersions(seeded: SeededPackage[]): string[] {
  const removed: string[] = [];
  for (const pkg of seeded) {
    const parent = dirname(cacheDirOf(npmCacheDir, pkg));
    if (!existsSync(parent)) continue;
    const baseName = pkg.name.split("/").pop()!;
    for (const entry of readdirSync(parent)) {
      if (entry.startsWith(`${baseName}@`) && entry !== `${baseName}@${pkg.cacheVersion}`) {
        rmSync(join(parent, entry), { recursive: true, force: true });
        removed.push(`${dirname(pkg.name) === "." ? "" : `${dirname(pkg.name)}/`}${entry}`);
      }
    }
  }
  return removed;
}

/**
 * Framework's client bundle names ~40 packages it may load lazily (lodash, echarts, …); without a cache
 * directory for each, every build asks the npm registry for its latest version.
 */
async function createPlaceholderDirs(seededNames: Set<string>): Promise<number> {
  let count = 0;
  for (const name of clientNpmNames(projectRoot)) {
    if (seededNames.has(name)) continue;
    const parent = dirname(join(npmCacheDir, `${name}@x`));
    const baseName = name.split("/").pop()!;
    if (existsSync(parent) && readdirSync(parent).some((entry) => entry.startsWith(`${baseName}@`))) continue; // any version will do
    const installed = findPackageDir(name, projectRoot);
    await mkdir(join(npmCacheDir, `${name}@${installed ? packageVersion(installed) : PLACEHOLDER_VERSION}`), { recursive: true });
    count++;
  }
  return count;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
