// The parse worker as one plain JavaScript file. A worker started on the TypeScript sources has to
// register tsx and load ~100 modules through its hooks thread: about a second before its first file
// (measured on the demo: first file at 0.96–1.13 s). Bundled once per parser version with esbuild
// (already installed: Framework builds with it), it starts in a fraction of that. Falls back to the
// TypeScript entry when the bundle cannot be made (read-only node_modules, esbuild missing).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parserVersion, PROJECT_ROOT } from "../parser-version.ts";

/** The TypeScript entry (registers tsx, then imports parse-worker.ts). */
export const SOURCE_ENTRY = new URL("./worker-entry.mjs", import.meta.url);

/** Bundles live inside the project so that the packages they import resolve from its node_modules. */
export function bundleDir(root = PROJECT_ROOT): string {
  return join(root, "node_modules", ".cache", "nianbao-worker");
}

let memo: Promise<URL> | undefined;

/** The script to start parse workers from: the bundle for this parser version, made on first use. */
export function parseWorkerScript(): Promise<URL> {
  if (process.env.NIANBAO_WORKER_FROM_SOURCE === "1") return Promise.resolve(SOURCE_ENTRY);
  return (memo ??= bundle().catch(() => SOURCE_ENTRY));
}

async function bundle(): Promise<URL> {
  const dir = bundleDir();
  // The bundle holds the modules' absolute URLs: a project moved elsewhere makes a new one.
  const key = createHash("sha256").update(`${parserVersion()}\0${PROJECT_ROOT}`).digest("hex").slice(0, 24);
  const file = join(dir, `parse-worker-${key}.mjs`);
  if (existsSync(file)) return pathToFileURL(file);
  const { build } = await import("esbuild");
  mkdirSync(dir, { recursive: true });
  // Written beside and renamed: two processes making the same bundle never see half a file.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await build({
      entryPoints: [fileURLToPath(new URL("./parse-worker.ts", import.meta.url))],
      outfile: temp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "silent",
      plugins: [keepModuleUrls],
    });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  removeOlderBundles(dir);
  return pathToFileURL(file);
}

// Modules find files beside them (the parser's own source for its version, package data through
// createRequire) by import.meta.url; in one bundle that would be the bundle's. Each keeps its own.
const keepModuleUrls = {
  name: "keep-module-urls",
  setup(b: { onLoad: (o: { filter: RegExp }, f: (a: { path: string }) => { contents: string; loader: "ts" }) => void }) {
    b.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, "utf8").replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
  },
};

/** Bundles kept (the most recently made): a process of an older parser may still start workers. */
const KEEP_BUNDLES = 4;

function removeOlderBundles(dir: string): void {
  try {
    const bundles = readdirSync(dir)
      .filter((name) => /^parse-worker-.*\.mjs$/.test(name))
      .map((name) => ({ path: join(dir, name), made: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.made - a.made);
    for (const old of bundles.slice(KEEP_BUNDLES)) rmSync(old.path, { force: true });
  } catch {
    // an old bundle left behind costs only disk
  }
}
