// corpus.json: which folder the site shows and whether it is the bundled simulated demo.
import { siteCorpus } from "../../loaders/site-corpus.ts";

const { root, demo, files } = siteCorpus();
process.stdout.write(JSON.stringify({ root, demo, files: files.length }) + "\n");
