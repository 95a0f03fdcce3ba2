// Keeps Framework's cached loader output true to what the loaders read (loaders/site-inputs.ts):
// a loader whose stamp differs from its inputs as they are now is invalidated.
//  - Before a build or a preview starts: its cached output is removed (`observable build` would
//    reuse even stale output; a missing one it always regenerates).
//  - While the preview runs: the loader's file is touched (its mtime set to now), which is how
//    Framework itself marks a loader stale: the next request re-runs it, and the preview's file
//    watchers tell open pages, which reload the new data. Touched only while Framework holds the
//    output fresh, so a run in progress is not touched over and over; if the inputs changed
//    during that run, its stamp (taken at its start) differs afterwards and it is touched then.
import { existsSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { frameworkCacheDir, loaderFingerprint, loaderSource, readStamp, SITE_LOADER_IDS, SITE_LOADERS, type SiteLoaderId } from "../loaders/site-inputs.ts";

/** Loaders whose cached output was made from other inputs than there are now (or is not stamped). */
export function staleLoaders(env: NodeJS.ProcessEnv = process.env): SiteLoaderId[] {
  return SITE_LOADER_IDS.filter((id) => readStamp(id) !== loaderFingerprint(id, env));
}

function outputPaths(id: SiteLoaderId): string[] {
  return SITE_LOADERS[id].outputs.map((o) => join(frameworkCacheDir(), o));
}

/** Removes a loader's cached output (an archive's extracted members too). */
export function dropOutput(id: SiteLoaderId): void {
  for (const path of outputPaths(id)) rmSync(path, { recursive: true, force: true });
}

/** True when Framework would serve the cached output as it is: it exists and is not older than the loader. */
export function outputIsFresh(id: SiteLoaderId): boolean {
  const [main] = outputPaths(id);
  if (!existsSync(main)) return false;
  return statSync(main).mtimeMs >= statSync(loaderSource(id)).mtimeMs;
}

/** Marks a loader stale the way Framework checks it: its file is newer than its output. */
export function touchLoader(id: SiteLoaderId): void {
  const now = new Date();
  utimesSync(loaderSource(id), now, now);
}

/** Before a build or preview: removes the output of every stale loader; returns those loaders. */
export function refreshBeforeRun(env: NodeJS.ProcessEnv = process.env): SiteLoaderId[] {
  const stale = staleLoaders(env);
  for (const id of stale) dropOutput(id);
  return stale;
}

/** While the preview runs: touches every stale loader whose output Framework still holds fresh; returns those. */
export function refreshWhileRunning(env: NodeJS.ProcessEnv = process.env): SiteLoaderId[] {
  const touched = staleLoaders(env).filter((id) => outputIsFresh(id));
  for (const id of touched) touchLoader(id);
  return touched;
}
