// schema.json: the official tables' ids and labels for the pages (loaders/output/site-schema.ts).
import { siteSchema } from "../../loaders/output/site-schema.ts";
import { loaderFingerprint, writeStamp } from "../../loaders/site-inputs.ts";

const fingerprint = loaderFingerprint("schema.json");
process.stdout.write(JSON.stringify(siteSchema()) + "\n");
writeStamp("schema.json", fingerprint);
