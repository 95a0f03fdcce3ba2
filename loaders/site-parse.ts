// The site's parse of its folder (loaders/site-corpus.ts): every file, through the parse cache,
// with the texts the corpus-wide checks compare. Used by src/data/corpus.zip.ts.
import { existsSync } from "node:fs";
import { defaultJobs, displayPath, eachParsed, loadPlaces, type ParseStats } from "./corpus.ts";
import { defaultCacheDir, openParseCache } from "./parse-cache.ts";
import { placeSources, siteCorpus, type SiteCorpus } from "./site-corpus.ts";
import type { PlaceIndex } from "./identity/places.ts";
import type { ReportRecord } from "./types.ts";

/** The parse plus what the corpus-wide checks need: each record's normalised text (same order) and the places. */
export async function parseSiteCorpusWithTexts(
  corpus: SiteCorpus = siteCorpus(),
  env: NodeJS.ProcessEnv = process.env,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<{
  records: ReportRecord[];
  texts: (string | null)[];
  places: PlaceIndex;
  stats: ParseStats;
}> {
  const places = loadPlaces(placeSources(env).filter(existsSync));
  const byFile = new Map<string, string>();
  const jobs = /^[1-9]\d*$/.test(env.NIANBAO_JOBS ?? "") ? Number(env.NIANBAO_JOBS) : defaultJobs(corpus.files.length);
  const cache = openParseCache(defaultCacheDir(env), places);
  const records: ReportRecord[] = [];
  const stats = await eachParsed(corpus.files, { places, jobs, cache, onText: (file, text) => byFile.set(file, text), onProgress }, (r) => records.push(r));
  const texts = records.map((r) => byFile.get(r.file) ?? null);
  for (const r of records) r.file = displayPath(r.file);
  return { records, texts, places, stats };
}
