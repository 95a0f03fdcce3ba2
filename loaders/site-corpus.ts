// What the site's Framework loaders parse: the folder in NIANBAO_REPORTS (default data/reports)
// and the places files in data/places plus NIANBAO_PLACES. Shared by every loader in src/data/.
import { existsSync } from "node:fs";
import { DEFAULT_PLACES_DIR, DEFAULT_REPORTS_DIR, defaultJobs, displayPath, listInputFiles, loadPlaces, parseFiles } from "./corpus.ts";
import type { ReportRecord } from "./types.ts";
import type { PlaceIndex } from "./identity/places.ts";

/** The folder name under which the generator writes the simulated corpus. */
const DEMO_FOLDER = "demo";

export interface SiteCorpus {
  root: string;
  /** True when the corpus includes the bundled simulated reports (示例数据，模拟生成). */
  demo: boolean;
  files: string[];
}

export function siteCorpus(env: NodeJS.ProcessEnv = process.env): SiteCorpus {
  const root = env.NIANBAO_REPORTS?.trim() || DEFAULT_REPORTS_DIR;
  if (!existsSync(root)) throw new Error(`报告文件夹不存在：${root}（请检查环境变量 NIANBAO_REPORTS）`);
  const files = listInputFiles([root]).files;
  const demo = files.some((f) => f.split(/[\\/]/).includes(DEMO_FOLDER));
  return { root, demo, files };
}

/** The parse plus what the corpus-wide checks need: each record's normalised text (same order) and the places. */
export async function parseSiteCorpusWithTexts(corpus: SiteCorpus = siteCorpus(), env: NodeJS.ProcessEnv = process.env): Promise<{
  records: ReportRecord[];
  texts: (string | null)[];
  places: PlaceIndex;
}> {
  const placeDirs = [DEFAULT_PLACES_DIR, ...(env.NIANBAO_PLACES ? env.NIANBAO_PLACES.split(",") : [])].filter(existsSync);
  const places = loadPlaces(placeDirs);
  const byFile = new Map<string, string>();
  const jobs = /^[1-9]\d*$/.test(env.NIANBAO_JOBS ?? "") ? Number(env.NIANBAO_JOBS) : defaultJobs(corpus.files.length);
  const records = await parseFiles(corpus.files, {
    places,
    jobs,
    onText: (file, text) => byFile.set(file, text),
    onProgress: (done, total) => {
      if (done % 500 === 0 || done === total) process.stderr.write(`parsed ${done}/${total}\n`);
    },
  });
  const texts = records.map((r) => byFile.get(r.file) ?? null);
  for (const r of records) r.file = displayPath(r.file);
  return { records, texts, places };
}
