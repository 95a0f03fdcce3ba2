// Run before `npm run build` (npm "prebuild", after offline-seed): removes the cached output of
// every site loader whose inputs changed since it ran (tools/site-freshness.ts), so the build shows
// the reports folder as it is now. A folder that is missing, not a folder or unreadable stops the
// build here with the reason in Chinese (an empty site is never what was meant); an empty folder
// or one without a readable report still builds, and its pages say so.
import { problemLine, siteCorpus } from "../loaders/site-corpus.ts";
import { refreshBeforeRun } from "./site-freshness.ts";

const FATAL_FOR_BUILD = new Set(["missing", "not-folder", "unreadable"]);

const corpus = siteCorpus();
if (corpus.problem && FATAL_FOR_BUILD.has(corpus.problem.code)) {
  process.stderr.write(problemLine(corpus.problem));
  process.exit(1);
}
const stale = refreshBeforeRun();
const what = `报告文件夹 ${corpus.root}（${corpus.files.length.toLocaleString("zh-CN")} 个文件）`;
console.log(stale.length ? `年报通：${what}；${stale.join("、")} 的输入有变化，将重新生成` : `年报通：${what}；数据与输入一致，不需要重新生成`);
