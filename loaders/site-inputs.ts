// What each of the site's Framework loaders (src/data/*.ts) reads, as a fingerprint, and the stamp
// each loader leaves beside Framework's cached output: the fingerprint of what that output was made
// from. Framework itself re-runs a loader only when the loader's own file is newer than its cached
// output (preview), and reuses even that stale output in `observable build`; it knows nothing of
// the reports folder, the places files or the parser the loader imports. tools/site-data.ts
// compares each stamp with the inputs as they are now, before every build and preview and while
// the preview runs, and invalidates what differs.
//
// The folder's fingerprint is cheap (a stat per file: path, size, mtime, ctime); the parse cache
// (loaders/parse-cache.ts) then re-parses only the files whose bytes changed.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listInputFiles } from "./files.ts";
import { currentParserVersion, PROJECT_ROOT } from "./parser-version.ts";
import { placeSources, siteCorpus, type SiteCorpus } from "./site-corpus.ts";

/** What a loader's output depends on besides its own source. */
type Input = "parser" | "folder";

export const SITE_LOADERS = {
  /** every table, parsed from the folder */
  "corpus.zip": { reads: ["parser", "folder"], outputs: ["data/corpus.zip", "data/corpus"] },
  /** the folder's listing, for the pages' first message (正在解析 N 个文件) */
  "folder.json": { reads: ["folder"], outputs: ["data/folder.json"] },
  /** the templates' ids and labels */
  "schema.json": { reads: ["parser"], outputs: ["data/schema.json"] },
} satisfies Record<string, { reads: Input[]; outputs: string[] }>;

export type SiteLoaderId = keyof typeof SITE_LOADERS;
export const SITE_LOADER_IDS = Object.keys(SITE_LOADERS) as SiteLoaderId[];

/** Framework's cache of loader output (src/.observablehq/cache). */
export function frameworkCacheDir(): string {
  return join(PROJECT_ROOT, "src", ".observablehq", "cache");
}

export function loaderSource(id: SiteLoaderId): string {
  return join(PROJECT_ROOT, "src", "data", `${id}.ts`);
}

function stampPath(id: SiteLoaderId): string {
  return join(frameworkCacheDir(), ".nianbao-inputs", `${id}.json`);
}

function statLine(file: string): string {
  try {
    const s = statSync(file);
    return `${file}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}`;
  } catch {
    return `${file}\0gone`;
  }
}

/** The reports folder as it is now (every file's path, size and times) and the places files' content. */
export function folderFingerprint(corpus: SiteCorpus = siteCorpus(), env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash("sha256");
  hash.update(`${corpus.path}\0${corpus.problem?.code ?? ""}\n`);
  for (const file of corpus.files) hash.update(statLine(file)).update("\n");
  for (const file of corpus.review ?? []) hash.update("review\0").update(statLine(file)).update("\n");
  for (const source of placeSources(env)) {
    hash.update(`places\0${source}\n`);
    for (const file of listInputFiles([source]).files.filter((f) => f.toLowerCase().endsWith(".csv"))) {
      hash.update(`${file}\0`).update(readFileSync(file)).update("\n");
    }
  }
  return hash.digest("hex");
}

/** Everything loader `id` reads, now: its own source, the parser, the folder (computed afresh). */
export function loaderFingerprint(id: SiteLoaderId, env: NodeJS.ProcessEnv = process.env, corpus?: SiteCorpus): string {
  const hash = createHash("sha256").update(`${id}\0`);
  const source = loaderSource(id);
  if (existsSync(source)) hash.update(readFileSync(source));
  const reads: readonly Input[] = SITE_LOADERS[id].reads;
  if (reads.includes("parser")) hash.update(`\0parser\0${currentParserVersion()}`);
  if (reads.includes("folder")) hash.update(`\0folder\0${folderFingerprint(corpus ?? siteCorpus(env), env)}\0deadline\0${env.NIANBAO_DEADLINE ?? ""}`);
  return hash.digest("hex");
}

/** The fingerprint loader `id`'s cached output was made from (null: none recorded). */
export function readStamp(id: SiteLoaderId): string | null {
  try {
    return (JSON.parse(readFileSync(stampPath(id), "utf8")) as { fingerprint: string }).fingerprint;
  } catch {
    return null;
  }
}

/** Called by loader `id` as its last step, with the fingerprint of the inputs it read (taken before reading them). */
export function writeStamp(id: SiteLoaderId, fingerprint: string): void {
  const path = stampPath(id);
  mkdirSync(join(path, ".."), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ fingerprint, written: new Date().toISOString() }) + "\n");
  renameSync(temp, path);
}
