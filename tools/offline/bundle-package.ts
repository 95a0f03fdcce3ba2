// Writes `_npm/<name>@<version>/_esm.js`: an esbuild ESM bundle of an installed package,
// standing in for the jsDelivr "+esm" file Framework would otherwise download.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { build, version as esbuildVersion, type Plugin } from "esbuild";
import { findPackageDir, packageVersion } from "./packages.ts";

/** A package that gets its own `_esm.js` in the cache. */
export interface SeededPackage {
  name: string;
  /** installed version */
  version: string;
  /** version in the cache directory name (differs only for duckdb-wasm, see offline-seed.ts) */
  cacheVersion: string;
  packageDir: string;
}

export function cacheDirOf(npmCacheDir: string, pkg: Pick<SeededPackage, "name" | "cacheVersion">): string {
  return join(npmCacheDir, `${pkg.name}@${pkg.cacheVersion}`);
}

// Changing this file (or esbuild, or any seeded version) invalidates every bundle.
const BUNDLER_FINGERPRINT = createHash("sha256")
  .update(readFileSync(new URL(import.meta.url), "utf8"))
  .update(esbuildVersion)
  .digest("hex");

/** Returns true if the bundle was (re)written, false if the existing one is up to date. */
export async function bundlePackage(
  pkg: SeededPackage,
  { seeded, npmCacheDir, projectRoot }: { seeded: SeededPackage[]; npmCacheDir: string; projectRoot: string }
): Promise<boolean> {
  const outDir = cacheDirOf(npmCacheDir, pkg);
  const outFile = join(outDir, "_esm.js");
  const stampFile = join(outDir, ".offline-seed.json");
  const stamp = JSON.stringify({
    bundler: BUNDLER_FINGERPRINT,
    package: `${pkg.name}@${pkg.version}`,
    seeded: seeded.map((p) => `${p.name}@${p.version}>${p.cacheVersion}`)
  });
  if (existsSync(outFile) && existsSync(stampFile) && (await readFile(stampFile, "utf8")) === stamp) return false;

  const result = await build({
    entryPoints: [pkg.name],
    absWorkingDir: projectRoot,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "eof",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
    plugins: [importSeededPackagesAsSiblings(pkg, seeded, outDir, npmCacheDir)]
  });
  await mkdir(outDir, { recursive: true });
  await writeFile(outFile, result.outputFiles[0].contents);
  await writeFile(stampFile, stamp);
  return true;
}

/**
 * Keeps imports of other seeded packages as imports of their `_esm.js`, so that e.g. d3 and
 * everything built on it share one copy in the browser. Framework follows these relative imports
 * when it copies the cache into dist/.
 */
function importSeededPackagesAsSiblings(self: SeededPackage, seeded: SeededPackage[], outDir: string, npmCacheDir: string): Plugin {
  const byName = new Map(seeded.map((p) => [p.name, p]));
  return {
    name: "seeded-siblings",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const dep = byName.get(args.path);
        if (!dep || dep.name === self.name || args.kind === "entry-point") return undefined;
        const installedDir = findPackageDir(dep.name, args.resolveDir);
        const installed = installedDir && packageVersion(installedDir);
        if (installed !== dep.version) {
          throw new Error(
            `${self.name} imports ${dep.name}@${installed ?? "?"} but ${dep.name}@${dep.version} is the seeded copy; ` +
              `dedupe node_modules (npm dedupe) so both use one version`
          );
        }
        const target = join(cacheDirOf(npmCacheDir, dep), "_esm.js");
        const relative = posixRelative(outDir, target);
        return { path: relative.startsWith(".") ? relative : `./${relative}`, external: true };
      });
    }
  };
}

function posixPath(path: string): string {
  return path.split("\\").join("/");
}

function posixRelative(from: string, to: string): string {
  return posix.relative(posixPath(from), posixPath(to));
}
