// folder.json: the reports folder as it is now, without parsing it ({root, demo, files, problem}:
// loaders/site-corpus.ts folderSummary). Fast, so a page can say "正在解析 N 个文件" or what is
// wrong with the folder while corpus.zip is still being made.
import { folderSummary, siteCorpus } from "../../loaders/site-corpus.ts";
import { loaderFingerprint, writeStamp } from "../../loaders/site-inputs.ts";

const corpus = siteCorpus();
const fingerprint = loaderFingerprint("folder.json", process.env, corpus);
process.stdout.write(JSON.stringify(folderSummary(corpus)) + "\n");
writeStamp("folder.json", fingerprint);
