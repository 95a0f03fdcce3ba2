// A copy of the project in a temporary folder, for site tests that build or preview their own
// corpus (NIANBAO_REPORTS) without touching the main build: what the build reads is copied,
// node_modules is shared through a link. Builds run inside `unshare -n` when possible (no network).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { PROJECT_ROOT } from "./site-build.ts";

const COPIED = ["loaders", "tools", "data/places", "package.json", "observablehq.config.ts", "tsconfig.json"];

/** Copies the project into `work`/site (Framework's cache and the vendored files left out); returns that folder. */
export function copySite(work: string): string {
  const site = join(work, "site");
  mkdirSync(site, { recursive: true });
  for (const path of COPIED) cpSync(join(PROJECT_ROOT, path), join(site, path), { recursive: true });
  cpSync(join(PROJECT_ROOT, "src"), join(site, "src"), {
    recursive: true,
    filter: (source) => !/[\\/]src[\\/](\.observablehq|vendor)([\\/]|$)/.test(source)
  });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(site, "node_modules"), "dir");
  return site;
}

export function canUnshare(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  return spawnSync("unshare", ["-n", "true"]).status === 0;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The environment of a site command: no telemetry, no colours. */
export function siteEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

export function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-20000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-20000)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** `npm run build` in the copy (offline when possible), with `extra` in the environment. */
export async function buildSite(site: string, extra: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; ms: number; offline: boolean }> {
  const offline = canUnshare();
  const started = performance.now();
  const { code, output } = await run(offline ? ["unshare", "-n", npm, "run", "build"] : [npm, "run", "build"], site, siteEnv(extra));
  return { code, output, ms: Math.round(performance.now() - started), offline };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  origin: string;
  /** Everything the preview printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** `npm run dev -- --port N` in the copy; resolves once the server listens. */
export async function startPreview(site: string, extra: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Preview> {
  const port = await freePort();
  // its own process group, so stopping it ends npm, the wrapper and Framework alike
  const child: ChildProcess = spawn(npm, ["run", "dev", "--", "--port", String(port)], { cwd: site, env: siteEnv(extra), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while (!output.includes(`${origin}/`)) {
    if (child.exitCode !== null || performance.now() - started > timeoutMs) {
      throw new Error(`preview did not start (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
    }
  };
}
