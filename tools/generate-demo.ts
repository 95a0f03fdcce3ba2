// Generates the synthetic demo corpus of township annual reports and its ground truth.
//   npm run demo                      → writes into the repo's data/
//   npx tsx tools/generate-demo.ts --out DIR
// Writes DIR/reports/demo/**, DIR/demo-truth/{truth.jsonl,summary.json}, DIR/places/demo-places.csv,
// replacing only those paths. Deterministic: same bytes on every run (see tools/demo/).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, PLACES_FILE, REPORTS_DIR, TRUTH_DIR } from "./demo/generate.ts";

function parseArgs(argv: string[]): { out: string } {
  const repoData = resolve(dirname(fileURLToPath(import.meta.url)), "..", "data");
  let out = repoData;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      const v = argv[++i];
      if (!v) throw new Error("--out needs a directory");
      out = resolve(v);
    } else if (argv[i].startsWith("--out=")) {
      out = resolve(argv[i].slice(6));
    } else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log("usage: tsx tools/generate-demo.ts [--out DIR]   (default: the repo's data/)");
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return { out };
}

const started = performance.now();
const { out } = parseArgs(process.argv.slice(2));
const corpus = generateCorpus();
rmSync(join(out, REPORTS_DIR), { recursive: true, force: true });
rmSync(join(out, TRUTH_DIR), { recursive: true, force: true });
rmSync(join(out, PLACES_FILE), { force: true });
let bytes = 0;
for (const [rel, buf] of corpus.files) {
  const path = join(out, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buf);
  bytes += buf.length;
}
const s = corpus.summary as { files: number; defective_reports: number; defective_share: number };
console.log(`demo corpus: ${s.files} files (${s.defective_reports} defective reports, share ${s.defective_share}), `
  + `${(bytes / 1e6).toFixed(1)} MB written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
