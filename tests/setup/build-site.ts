// vitest globalSetup for the site tests: builds the site once per test run, from a clean
// Framework cache (no stale loader output, npm cache re-seeded from node_modules), and when
// possible inside a network namespace with no interfaces (`unshare -n`, root only) so that any
// attempt to reach jsDelivr, the npm registry or DuckDB's extension server fails the build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { DIST_DIR, PROJECT_ROOT, TEST_RESULTS_DIR, directoryBytes, type SiteBuildResult } from "../helpers/site-build.ts";

const TAIL_CHARS = 4000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

export default async function buildSite(project: TestProject): Promise<void> {
  const result = process.env.NIANBAO_SKIP_SITE_BUILD === "1" ? reuseExistingDist() : await cleanBuild();
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  writeFileSync(join(TEST_RESULTS_DIR, "site-build.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(
    `site build (${result.mode}): exit ${result.exitCode} in ${(result.durationMs / 1000).toFixed(1)} s, ` +
      `dist ${(result.distBytes / 1e6).toFixed(1)} MB` +
      (result.offlineUnavailableReason ? ` — offline build not checked: ${result.offlineUnavailableReason}` : "")
  );
  project.provide("siteBuild", result);
}

function reuseExistingDist(): SiteBuildResult {
  return {
    mode: "reused",
    offlineUnavailableReason: "NIANBAO_SKIP_SITE_BUILD=1: testing the existing dist/ without building",
    command: "(none)",
    exitCode: existsSync(DIST_DIR) ? 0 : null,
    durationMs: 0,
    stdoutTail: "",
    stderrTail: existsSync(DIST_DIR) ? "" : "dist/ does not exist; run npm run build",
    distBytes: existsSync(DIST_DIR) ? directoryBytes(DIST_DIR) : 0
  };
}

async function cleanBuild(): Promise<SiteBuildResult> {
  // Framework reuses cached loader output in `build` even when the parser changed.
  rmSync(join(PROJECT_ROOT, "src", ".observablehq", "cache"), { recursive: true, force: true });
  rmSync(join(PROJECT_ROOT, "src", "vendor"), { recursive: true, force: true });

  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const offlineUnavailableReason = whyNoNetworkNamespace();
  const argv = offlineUnavailableReason ? [npm, "run", "build"] : ["unshare", "-n", npm, "run", "build"];
  const started = performance.now();
  const { exitCode, stdout, stderr } = await run(argv);
  return {
    mode: offlineUnavailableReason ? "online" : "offline",
    ...(offlineUnavailableReason && { offlineUnavailableReason }),
    command: argv.join(" "),
    exitCode,
    durationMs: Math.round(performance.now() - started),
    stdoutTail: stdout.slice(-TAIL_CHARS),
    stderrTail: stderr.slice(-TAIL_CHARS),
    distBytes: existsSync(DIST_DIR) ? directoryBytes(DIST_DIR) : 0
  };
}

/** undefined when `unshare -n` works here; otherwise the reason it cannot be used. */
function whyNoNetworkNamespace(): string | undefined {
  if (process.platform !== "linux") return `platform is ${process.platform}, network namespaces need Linux`;
  if (process.getuid?.() !== 0) return "not running as root (unshare -n needs CAP_SYS_ADMIN)";
  const probe = spawnSync("unshare", ["-n", "true"], { encoding: "utf8" });
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  if (probe.status !== 0) return `unshare -n failed: ${probe.stderr.trim() || `exit ${probe.status}`}`;
  return undefined;
}

function run(argv: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: PROJECT_ROOT,
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
      shell: process.platform === "win32", // npm.cmd
      stdio: ["ignore", "pipe", "pipe"]
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout = (stdout + chunk).slice(-4 * TAIL_CHARS)));
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4 * TAIL_CHARS)));
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}
