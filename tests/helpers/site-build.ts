// What tests/setup/build-site.ts hands to the site tests (vitest provide/inject),
// also written to test-results/site-build.json for people reading a CI log.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface SiteBuildResult {
  /**
   * offline: built inside `unshare -n` (no network at all);
   * online: normal build, see offlineUnavailableReason;
   * reused: NIANBAO_SKIP_SITE_BUILD=1, the existing dist/ was tested
   */
  mode: "offline" | "online" | "reused";
  offlineUnavailableReason?: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  stdoutTail: string;
  stderrTail: string;
  distBytes: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    siteBuild: SiteBuildResult;
  }
}

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST_DIR = join(PROJECT_ROOT, "dist");
export const TEST_RESULTS_DIR = join(PROJECT_ROOT, "test-results");

/** All files under dir (recursive), as absolute paths. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function directoryBytes(dir: string): number {
  return listFiles(dir).reduce((sum, file) => sum + statSync(file).size, 0);
}

/** A failure message that shows why the build failed. */
export function describeBuild(build: SiteBuildResult): string {
  return (
    `${build.command} → exit ${build.exitCode} after ${(build.durationMs / 1000).toFixed(1)} s (${build.mode})\n` +
    `--- stderr (tail) ---\n${build.stderrTail}\n--- stdout (tail) ---\n${build.stdoutTail}`
  );
}
