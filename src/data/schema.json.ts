// schema.json: the official tables' ids and labels for the pages (loaders/output/site-schema.ts).
import { siteSchema } from "../../loaders/output/site-schema.ts";

process.stdout.write(JSON.stringify(siteSchema()) + "\n");
