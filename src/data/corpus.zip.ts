// corpus.zip: every table of the site's corpus from ONE parse of the reports (pages read its
// members as data/corpus/reports.csv, data/corpus/cells.csv, data/corpus/checks.csv,
// data/corpus/similar_reports.csv, data/corpus/coverage.csv, data/corpus/quality.csv,
// data/corpus/corpus.json). See loaders/site-corpus.ts for which folder is parsed; the rules
// across reports (loaders/corpus-checks) run once on the parsed corpus. Files whose bytes did not
// change since an earlier run come from the parse cache (loaders/parse-cache.ts). A missing or
// empty folder is no error here: corpus.json says what is wrong (the pages show it) and the tables
// are empty. The stamp written last tells tools/site-data.ts what this output was made from.
import { zipSync, strToU8 } from "fflate";
import { corpusProblem, deadlineSetting, folderSummary, problemLine, siteCorpus, statusCounts } from "../../loaders/site-corpus.ts";
import { parseSiteCorpusWithTexts } from "../../loaders/site-parse.ts";
import { loaderFingerprint, writeStamp } from "../../loaders/site-inputs.ts";
import { writeTables } from "../../loaders/output/write-tables.ts";
import { analyseWithReview } from "../../loaders/review/index.ts";
import { readReviewFiles } from "../../loaders/review/read-review-files.ts";
import { gazetteer } from "../../loaders/identity/gazetteer.ts";

const started = performance.now();
const corpus = siteCorpus();
const fingerprint = loaderFingerprint("corpus.zip", process.env, corpus);
const log = (line: string) => process.stderr.write(`年报通：${line}\n`);
const n = (count: number) => count.toLocaleString("zh-CN");
if (corpus.problem) process.stderr.write(problemLine(corpus.problem));
else log(`正在解析 ${n(corpus.files.length)} 个文件（${corpus.root}），未改动的文件取自解析缓存…`);
const { records, texts, places, stats } = await parseSiteCorpusWithTexts(corpus, process.env, (done, total) => {
  if (done % 500 === 0 && done < total) log(`已处理 ${n(done)}/${n(total)} 个文件`);
});
// 核查记录.csv and 更正记录.csv in the folder: corrections applied, dismissed findings left out of the scores
const reviewInputs = readReviewFiles(corpus.review);
for (const p of reviewInputs.problems) log(p.message);
const { analysis, review } = analyseWithReview(records, texts, { places, gazetteer: gazetteer() }, reviewInputs);
const problem = corpusProblem(corpus, records);
if (problem && !corpus.problem) process.stderr.write(problemLine(problem));
const tables = writeTables(records, analysis, review);
const info = {
  ...folderSummary(corpus), problem, statuses: statusCounts(records),
  // the review files as read (the pages save them back whole, with the new rows appended)
  review: { files: reviewInputs.files, problems: reviewInputs.problems.map((p) => p.message) },
  // the 核查 page's default deadline (NIANBAO_DEADLINE: auto, 01-31 or 03-31; loaders/site-corpus.ts)
  settings: { deadline: deadlineSetting() },
};
const files: Record<string, Uint8Array> = { "corpus.json": strToU8(JSON.stringify(info) + "\n") };
for (const [name, csv] of Object.entries(tables)) files[name] = strToU8(csv);
// A fixed entry time keeps the archive's bytes the same for the same reports.
process.stdout.write(zipSync(files, { level: 6, mtime: new Date("2020-01-01T00:00:00Z") }));
writeStamp("corpus.zip", fingerprint);
if (records.length) {
  log(
    `${n(records.length)} 个文件：新解析 ${n(stats.parsed)} 个，未改动 ${n(stats.cached)} 个（取自缓存）；` +
      `跨报告核对 ${Math.round(analysis.stats.ms_total)} ms，${analysis.similar.length} 对相似报告；共 ${((performance.now() - started) / 1000).toFixed(1)} 秒`
  );
}
