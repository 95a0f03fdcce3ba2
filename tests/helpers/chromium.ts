// Finds and launches a headless Chromium for the browser tests.
// Order: NIANBAO_CHROMIUM=bundled forces the npm-shipped one; else CHROMIUM_PATH; else the system
// Chromium (Debian: apt install chromium fonts-noto-cjk); else @sparticuz/chromium (unpacked to /tmp).
// There is no silent skip: when nothing is found the caller gets an error that says what was tried.
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export interface ChromiumExecutable {
  path: string;
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
}

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Flags that keep Chromium from reaching out on a closed network (and let it run as root in CI). */
export const QUIET_CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumExecutable> {
  if (env.NIANBAO_CHROMIUM === "bundled") return bundledChromium();
  const tried: string[] = [];
  if (env.CHROMIUM_PATH) {
    if (isExecutable(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  for (const candidate of SYSTEM_CANDIDATES) {
    if (isExecutable(candidate)) return { path: candidate, source: "system" };
    tried.push(candidate);
  }
  try {
    return await bundledChromium();
  } catch (error) {
    tried.push(`@sparticuz/chromium (${error instanceof Error ? error.message : String(error)})`);
  }
  throw new Error(
    `No Chromium found for the browser tests. Tried: ${tried.join("; ")}. ` +
      `Install one (Debian: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH.`
  );
}

async function bundledChromium(): Promise<ChromiumExecutable> {
  const { default: sparticuz } = await import("@sparticuz/chromium");
  return { path: await sparticuz.executablePath(), source: "@sparticuz/chromium" };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LaunchedChromium {
  context: BrowserContext;
  executable: ChromiumExecutable;
  /** closes the browser and removes its fresh profile directory */
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile directory (no cache or state from earlier runs). */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  const executable = await findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), "nianbao-chromium-"));
  // Playwright passes userDataDir as --user-data-dir itself (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: executable.path,
    headless: true,
    args: QUIET_CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: "zh-CN"
  });
  return {
    context,
    executable,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  };
}

/**
 * Routes every request of the context (pages and workers): requests for `origin`, data: and blob:
 * go through, anything else is recorded in `outside` and aborted, so a test proves the site is
 * offline and never waits on a network that is not there. `onLocal` sees each local URL.
 */
export async function allowOnlyOrigin(
  context: BrowserContext,
  origin: string,
  outside: string[],
  onLocal?: (url: string) => void
): Promise<void> {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) onLocal?.(url);
    if (url.startsWith(`${origin}/`) || /^(data|blob):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
}

/** Opens `origin + path` in a new page of `context` and waits until `ready` is in the page; page
 * errors (and, with `consoleErrors`, console errors) are collected in `problems`. */
export async function openPage(
  context: BrowserContext, origin: string, path: string, ready: string, { consoleErrors = false } = {},
): Promise<{ page: import("playwright-core").Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  if (consoleErrors) page.on("console", (message) => message.type() === "error" && problems.push(`console error: ${message.text()}`));
  await page.goto(`${origin}${path}`);
  await page.waitForSelector(ready, { timeout: 60_000, state: "attached" });
  return { page, problems };
}
