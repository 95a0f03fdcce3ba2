// What the site's Framework loaders parse: the folder in NIANBAO_REPORTS (default data/reports)
// and the places files in data/places plus NIANBAO_PLACES. Shared by every loader in src/data/.
// The parse itself is loaders/site-parse.ts (this module stays light: data/folder.json and the
// preview's watcher load only it). Nothing here throws for a wrong folder: what is wrong (and what to do) is a FolderProblem, which
// the loaders put into the data and the pages show in Chinese.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_PLACES_DIR, DEFAULT_REPORTS_DIR, displayPath, listInputFiles } from "./files.ts";
import type { ReportRecord, Status } from "./types.ts";
import { splitReviewFiles } from "./review/read-review-files.ts";

/** The folder name under which the generator writes the simulated corpus. */
const DEMO_FOLDER = "demo";

export type FolderProblemCode = "missing" | "not-folder" | "unreadable" | "empty" | "no-reports";

/** What is wrong with the folder, in words for the page and the terminal. */
export interface FolderProblem {
  code: FolderProblemCode;
  /** What is wrong (one sentence). */
  message: string;
  /** What to do. */
  hint: string;
}

export interface SiteCorpus {
  /** The folder as shown: relative to the project when inside it, else absolute. */
  root: string;
  /** The folder's absolute path. */
  path: string;
  /** NIANBAO_REPORTS as set (null: the default folder). */
  setting: string | null;
  /** True when the corpus includes the bundled simulated reports (示例数据，模拟生成). */
  demo: boolean;
  files: string[];
  /** The review files in the folder (核查记录.csv, 更正记录.csv: loaders/review), not reports. */
  review: string[];
  /** Why there is nothing to show (missing, not a folder, unreadable, empty); null when files were found. */
  problem: FolderProblem | null;
}

/** The folder NIANBAO_REPORTS names: a relative path is taken from where the command was typed
 * (npm's INIT_CWD), the default from the project. */
export function reportsFolder(env: NodeJS.ProcessEnv = process.env): { path: string; setting: string | null } {
  const setting = env.NIANBAO_REPORTS?.trim() || null;
  return setting ? { path: resolve(env.INIT_CWD || process.cwd(), setting), setting } : { path: resolve(DEFAULT_REPORTS_DIR), setting: null };
}

/** The deadline the 核查 page starts from: NIANBAO_DEADLINE = auto (by the rules of the report's year:
 * 31 January from the 2019 reports on, 31 March before), 01-31 or 03-31. Anything else: auto, said on stderr. */
export function deadlineSetting(env: NodeJS.ProcessEnv = process.env): "auto" | "01-31" | "03-31" {
  const v = env.NIANBAO_DEADLINE?.trim() ?? "";
  if (v === "" || v === "auto") return "auto";
  if (v === "01-31" || v === "03-31") return v;
  process.stderr.write(`年报通：NIANBAO_DEADLINE=“${v}”无法识别（可用 auto、01-31、03-31），按 auto 处理\n`);
  return "auto";
}

/** The places files and folders the site reads: data/places, then NIANBAO_PLACES (comma-separated). */
export function placeSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.NIANBAO_PLACES ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  return [resolve(DEFAULT_PLACES_DIR), ...extra.map((p) => resolve(env.INIT_CWD || process.cwd(), p))];
}

export function siteCorpus(env: NodeJS.ProcessEnv = process.env): SiteCorpus {
  const { path, setting } = reportsFolder(env);
  const base = { root: displayPath(path) || ".", path, setting, demo: false, files: [] as string[], review: [] as string[] };
  const problem = (code: FolderProblemCode, detail?: string): SiteCorpus => ({ ...base, problem: folderProblem(code, base, detail) });
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? problem("missing") : problem("unreadable", code);
  }
  if (!isDir) return problem("not-folder");
  let files: string[];
  let review: string[];
  try {
    // listed from the shown root, so the paths given to the parser (and the parse cache's keys) are
    // those `npx nianbao parse data/reports` uses from the project
    ({ reports: files, review } = splitReviewFiles(listInputFiles([base.root]).files));
  } catch (e) {
    return problem("unreadable", (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  if (files.length === 0) return { ...problem("empty"), review };
  const demo = files.some((f) => f.split(/[\\/]/).includes(DEMO_FOLDER));
  return { ...base, demo, files, review, problem: null };
}

/** Where the folder came from, for the hints: the variable as set, or the default. */
function settingNote(corpus: Pick<SiteCorpus, "setting">): string {
  return corpus.setting === null
    ? `没有设置环境变量 NIANBAO_REPORTS，所以读取默认文件夹 ${DEFAULT_REPORTS_DIR}`
    : `环境变量 NIANBAO_REPORTS 现在是“${corpus.setting}”`;
}

const HOW_TO_SET = "例如：NIANBAO_REPORTS=/home/用户/年报 npm start（Windows 命令行：set NIANBAO_REPORTS=D:\\年报 && npm start）";

function folderProblem(code: FolderProblemCode, corpus: Pick<SiteCorpus, "path" | "setting">, detail?: string): FolderProblem {
  switch (code) {
    case "missing":
      return {
        code,
        message: `报告文件夹不存在：${corpus.path}`,
        hint: `${settingNote(corpus)}。请让 NIANBAO_REPORTS 指向存放年报文件的文件夹（可以有子文件夹），${HOW_TO_SET}。`
      };
    case "not-folder":
      return {
        code,
        message: `NIANBAO_REPORTS 指向的是一个文件，不是文件夹：${corpus.path}`,
        hint: `请让它指向存放年报的文件夹（可以有子文件夹）；只分析一个文件可以用命令行：npx nianbao parse 文件名。`
      };
    case "unreadable":
      return {
        code,
        message: `无法读取报告文件夹：${corpus.path}（${detail ?? "未知原因"}）`,
        hint: `请检查这个文件夹和其中子文件夹的读取权限。${settingNote(corpus)}。`
      };
    case "empty":
      return {
        code,
        message: `报告文件夹里没有文件：${corpus.path}`,
        hint: `请把年报文件（网页 .html、文本 .txt、Word .docx、PDF 等，可以按县分子文件夹）放进这个文件夹，然后刷新页面（npm start 时）或重新运行 npm run build。以“.”开头的文件和文件夹不会读取。`
      };
    case "no-reports":
      return {
        code,
        message: `报告文件夹中的文件都没能读作年报：${detail ?? ""}`,
        hint: `每个文件的原因见「数据质量」页的问题文件列表。旧版 Word（.doc）和 WPS 文件请另存为 .docx 或 .pdf；扫描版 PDF 和图片需要先做文字识别（OCR）。`
      };
  }
}

const STATUS_WORDS: Record<Status, string> = {
  ok: "完整读取",
  partial: "部分读取",
  error: "无法读取",
  unsupported: "格式不支持",
  "needs-ocr": "图片或扫描件（需要文字识别）"
};

/** Files per parse status, in a fixed order. */
export function statusCounts(records: ReportRecord[]): Record<Status, number> {
  const counts = { ok: 0, partial: 0, error: 0, unsupported: 0, "needs-ocr": 0 } as Record<Status, number>;
  for (const r of records) counts[r.status]++;
  return counts;
}

/** The corpus's problem once parsed: the folder's own, or none of its files read as a report. */
export function corpusProblem(corpus: SiteCorpus, records: ReportRecord[]): FolderProblem | null {
  if (corpus.problem) return corpus.problem;
  const counts = statusCounts(records);
  if (counts.ok + counts.partial > 0) return null;
  const parts = (Object.keys(counts) as Status[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} 个${STATUS_WORDS[s]}`);
  return folderProblem("no-reports", corpus, `共 ${records.length} 个文件，${parts.join("、")}`);
}

/** What the pages are told about the folder (data/folder.json, and corpus.json with the parse's counts). */
export function folderSummary(corpus: SiteCorpus): { root: string; demo: boolean; files: number; problem: FolderProblem | null } {
  return { root: corpus.root, demo: corpus.demo, files: corpus.files.length, problem: corpus.problem };
}

/** The terminal's line for a problem (the loaders write it to stderr; the pages show the same words). */
export function problemLine(problem: FolderProblem): string {
  return `年报通：${problem.message}\n  ${problem.hint}\n`;
}
