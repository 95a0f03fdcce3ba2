// The site must build from node_modules alone and reference nothing outside the served site.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DIST_DIR, PROJECT_ROOT, describeBuild, listFiles } from "./helpers/site-build.ts";

const build = inject("siteBuild");

// Hosts a stock Framework site would load from; none may appear in what the browser is given.
const OUTSIDE_HOSTS = /cdn\.jsdelivr\.net|jsdelivr|unpkg\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|esm\.sh|extensions\.duckdb\.org|registry\.npmjs\.org/i;

describe("offline build", () => {
  if (build.mode !== "offline") {
    console.warn(`offline build not checked: ${build.offlineUnavailableReason}`);
  }

  it.skipIf(build.mode !== "offline")("succeeds inside `unshare -n` (no network at all)", () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
  });

  it("produced dist/index.html", () => {
    expect(build.exitCode, describeBuild(build)).toBe(0);
    expect(existsSync(join(DIST_DIR, "index.html"))).toBe(true);
  });

  it("did not download DuckDB extensions", () => {
    expect(existsSync(join(DIST_DIR, "_duckdb"))).toBe(false);
    expect(existsSync(join(PROJECT_ROOT, "src", ".observablehq", "cache", "_duckdb"))).toBe(false);
  });

  it("ships the DuckDB runtime with the site", () => {
    const wasm = listFiles(DIST_DIR).filter((file) => file.endsWith(".wasm"));
    expect(wasm.map((file) => relative(DIST_DIR, file))).toEqual(
      expect.arrayContaining([expect.stringMatching(/duckdb-eh\.\w+\.wasm$/), expect.stringMatching(/duckdb-mvp\.\w+\.wasm$/)])
    );
  });

  // Library bundles legitimately mention CDN hosts in strings they never fetch here, so this
  // checks what decides what the browser loads: the pages and the stylesheets.
  it("has no outside hosts in HTML pages or stylesheets", () => {
    const files = listFiles(DIST_DIR).filter((file) => /\.(html|css)$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.flatMap((file) => {
      const match = OUTSIDE_HOSTS.exec(readFileSync(file, "utf8"));
      return match ? [`${relative(DIST_DIR, file)}: ${match[0]}`] : [];
    });
    expect(offenders).toEqual([]);
  });
});
