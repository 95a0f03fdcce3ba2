// corpus.zip: every table of the site's corpus from ONE parse of the reports (pages read its
// members as data/corpus/reports.csv, data/corpus/cells.csv, data/corpus/checks.csv,
// data/corpus/similar_reports.csv, data/corpus/coverage.csv, data/corpus/quality.csv,
// data/corpus/corpus.json). See loaders/site-corpus.ts for which folder is parsed; the rules
// across reports (loaders/corpus-checks) run once on the parsed corpus.
import { zipSync, strToU8 } from "fflate";
import { parseSiteCorpusWithTexts, siteCorpus } from "../../loaders/site-corpus.ts";
import { writeTables } from "../../loaders/output/write-tables.ts";
import { analyseCorpus } from "../../loaders/corpus-checks/index.ts";
import { gazetteer } from "../../loaders/identity/gazetteer.ts";

const corpus = siteCorpus();
const { records, texts, places } = await parseSiteCorpusWithTexts(corpus);
const analysis = analyseCorpus(records, texts, { places, gazetteer: gazetteer() });
process.stderr.write(`corpus checks: ${Math.round(analysis.stats.ms_total)} ms, ${analysis.similar.length} similar pairs\n`);
const tables = writeTables(records, analysis);
const files: Record<string, Uint8Array> = {
  "corpus.json": strToU8(JSON.stringify({ root: corpus.root, demo: corpus.demo, files: corpus.files.length }) + "\n"),
};
for (const [name, csv] of Object.entries(tables)) files[name] = strToU8(csv);
// A fixed entry time keeps the archive's bytes the same for the same reports.
process.stdout.write(zipSync(files, { level: 6, mtime: new Date("2020-01-01T00:00:00Z") }));
