// Generates the synthetic demo corpus of township annual reports and its ground truth.
//   npm run demo                      → writes into the repo's data/
//   npx tsx tools/generate-demo.ts --out DIR
//   npm run demo -- --out DIR --reports N   → a scale corpus of about N reports (see below)
// Writes DIR/reports/demo/**, DIR/demo-truth/{truth.jsonl,summary.json}, DIR/places/demo-places.csv,
// replacing only those paths. Deterministic: same bytes on every run (see tools/demo/).
// With --reports N the places are made for the size (tools/demo/scale-world.ts: about N / 18
// townships in fictitious provinces) and the corpus is streamed to disk in bounded memory, with
// the demo's model, renderings and defects (their counts scaled to the size); its truth.jsonl is
// in generation order.
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, PLACES_FILE, REPORTS_DIR, streamCorpus, TRUTH_DIR } from "./demo/generate.ts";
import { scaleWorld } from "./demo/scale-world.ts";

function parseArgs(argv: string[]): { out: string; reports: number | null } {
  const repoData = resolve(dirname(fileURLToPath(import.meta.url)), "..", "data");
  let out = repoData;
  let reports: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--reports") {
      reports = Number(argv[++i]);
      if (!Number.isInteger(reports) || reports < 100) throw new Error("--reports needs a whole number of at least 100");
    } else if (argv[i] === "--out") {
      const v = argv[++i];
      if (!v) throw new Error("--out needs a directory");
      out = resolve(v);
    } else if (argv[i].startsWith("--out=")) {
      out = resolve(argv[i].slice(6));
    } else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log("usage: tsx tools/generate-demo.ts [--out DIR] [--reports N]   (default: the demo corpus in the repo's data/)");
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (reports !== null && out === repoData) throw new Error("--reports needs --out DIR (the repo's data/ holds the demo corpus)");
  return { out, reports };
}

const started = performance.now();
const { out, reports } = parseArgs(process.argv.slice(2));
rmSync(join(out, REPORTS_DIR), { recursive: true, force: true });
rmSync(join(out, TRUTH_DIR), { recursive: true, force: true });
rmSync(join(out, PLACES_FILE), { force: true });
const writeOut = (rel: string, buf: Buffer | string) => {
  const path = join(out, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buf);
};
if (reports === null) {
  const corpus = generateCorpus();
  let bytes = 0;
  for (const [rel, buf] of corpus.files) {
    writeOut(rel, buf);
    bytes += buf.length;
  }
  const s = corpus.summary as { files: number; defective_reports: number; defective_share: number };
  console.log(`demo corpus: ${s.files} files (${s.defective_reports} defective reports, share ${s.defective_share}), `
    + `${(bytes / 1e6).toFixed(1)} MB written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else {
  const world = scaleWorld(reports);
  mkdirSync(join(out, TRUTH_DIR), { recursive: true });
  const truth = openSync(join(out, TRUTH_DIR, "truth.jsonl"), "w");
  let files = 0;
  const summary = streamCorpus(world, {
    file: (rel, buf) => {
      writeOut(rel, buf);
      if (++files % 5000 === 0) process.stderr.write(`\r${files} files…`);
    },
    truth: (line) => void writeSync(truth, line + "\n"),
  });
  closeSync(truth);
  writeOut(join(TRUTH_DIR, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const s = summary as { files: number; reports: number; report_bytes: number; townships: number; counties: number; defective_share: number };
  process.stderr.write("\r");
  console.log(`scale corpus: ${s.files} files (${s.reports} reports, ${s.townships} townships in ${s.counties} counties, defective share ${s.defective_share}), `
    + `${(s.report_bytes / 1e6).toFixed(1)} MB written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
