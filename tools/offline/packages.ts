// Locating installed packages in node_modules without going through package "exports"
// (several browser packages do not export ./package.json).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** "@scope/name@1.2/sub/path" → "@scope/name" */
export function parseNpmName(specifier: string): string {
  const parts = specifier.split("/");
  const nameAndRange = specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  const at = nameAndRange.indexOf("@", 1);
  return at > 0 ? nameAndRange.slice(0, at) : nameAndRange;
}

/** The directory Node would resolve `name` to from `fromDir` (walks up through node_modules). */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function packageVersion(packageDir: string): string {
  return JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
}

