// corpus.zip: every table of the site's corpus from ONE parse of the reports (pages read its
// members as data/corpus/reports.csv, data/corpus/cells.csv, data/corpus/checks.csv,
// data/corpus/corpus.json). See loaders/site-corpus.ts for which folder is parsed.
import { zipSync, strToU8 } from "fflate";
import { parseSiteCorpus, siteCorpus } from "../../loaders/site-corpus.ts";
import { writeTables } from "../../loaders/output/write-tables.ts";

const corpus = siteCorpus();
const tables = writeTables(parseSiteCorpus(corpus));
const files: Record<string, Uint8Array> = {
  "corpus.json": strToU8(JSON.stringify({ root: corpus.root, demo: corpus.demo, files: corpus.files.length }) + "\n"),
};
for (const [name, csv] of Object.entries(tables)) files[name] = strToU8(csv);
// A fixed entry time keeps the archive's bytes the same for the same reports.
process.stdout.write(zipSync(files, { level: 6, mtime: new Date("2020-01-01T00:00:00Z") }));
