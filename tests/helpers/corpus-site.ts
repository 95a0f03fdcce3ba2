// Builds the site from a folder of reports of the test's own, in a copy of the project in a
// temporary folder (node_modules linked), inside `unshare -n` when possible, so that the main
// site build keeps the demo corpus. Returns the built dist/ and a way to remove it all.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "./site-build.ts";

export interface CorpusSite {
  dist: string;
  mode: "offline" | "online";
  ms: number;
  remove: () => void;
}

function canUnshare(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  return spawnSync("unshare", ["-n", "true"]).status === 0;
}

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-8000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-8000)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** `fill(corpusDir)` writes the reports; the site is built from them. Throws with the build's output on failure. */
export async function buildCorpusSite(prefix: string, fill: (corpusDir: string) => void): Promise<CorpusSite> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const corpus = join(work, "corpus");
  mkdirSync(corpus, { recursive: true });
  fill(corpus);
  const site = join(work, "site");
  mkdirSync(site);
  for (const path of ["loaders", "tools", "data/places", "package.json", "observablehq.config.ts", "tsconfig.json"]) {
    cpSync(join(PROJECT_ROOT, path), join(site, path), { recursive: true });
  }
  cpSync(join(PROJECT_ROOT, "src"), join(site, "src"), {
    recursive: true,
    filter: (source) => !/[\\/]src[\\/](\.observablehq|vendor)([\\/]|$)/.test(source)
  });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(site, "node_modules"), "dir");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const offline = canUnshare();
  const argv = offline ? ["unshare", "-n", npm, "run", "build"] : [npm, "run", "build"];
  const started = performance.now();
  const { code, output } = await run(argv, site, { ...process.env, NIANBAO_REPORTS: corpus, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1" });
  const remove = () => rmSync(work, { recursive: true, force: true });
  if (code !== 0) {
    remove();
    throw new Error(`site build from ${corpus} failed (exit ${code}):\n${output}`);
  }
  return { dist: join(site, "dist"), mode: offline ? "offline" : "online", ms: Math.round(performance.now() - started), remove };
}
