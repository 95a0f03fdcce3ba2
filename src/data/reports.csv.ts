// reports.csv: one row per input file of the site's corpus (see loaders/site-corpus.ts).
import { parseSiteCorpus } from "../../loaders/site-corpus.ts";
import { writeTables } from "../../loaders/output/write-tables.ts";

process.stdout.write(writeTables(parseSiteCorpus())["reports.csv"]);
