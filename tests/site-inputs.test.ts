// What the site reads (loaders/site-corpus.ts, loaders/site-inputs.ts): the folder NIANBAO_REPORTS
// names, what is wrong with it (in Chinese, with what to do), and a fingerprint that changes with
// every change the site must show and with nothing else.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusProblem, siteCorpus } from "../loaders/site-corpus.ts";
import { folderFingerprint } from "../loaders/site-inputs.ts";
import { emptyRecord } from "../loaders/parse-report.ts";
import type { ReportRecord } from "../loaders/types.ts";

const ROOT = join(import.meta.dirname, "..");
const SAMPLE = join(ROOT, "data", "reports", "real", "zhangjiapo-2018.txt");

function folderWith(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-site-inputs-"));
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    cpSync(SAMPLE, join(dir, f));
  }
  return dir;
}

describe("the site's reports folder", () => {
  it("takes a relative NIANBAO_REPORTS from where the command was typed", () => {
    const dir = folderWith(["县/a.txt"]);
    const corpus = siteCorpus({ NIANBAO_REPORTS: "县", INIT_CWD: dir });
    expect(corpus.path).toBe(join(dir, "县"));
    expect(corpus.files).toHaveLength(1);
    expect(corpus.problem).toBeNull();
  });

  it("says what is wrong with a missing folder, a file, an empty folder, and what to do", () => {
    const dir = folderWith(["a.txt"]);
    const missing = siteCorpus({ NIANBAO_REPORTS: join(dir, "没有") }).problem!;
    expect(missing.code).toBe("missing");
    expect(missing.message).toBe(`报告文件夹不存在：${join(dir, "没有")}`);
    expect(missing.hint).toContain(`环境变量 NIANBAO_REPORTS 现在是“${join(dir, "没有")}”`);
    const file = siteCorpus({ NIANBAO_REPORTS: join(dir, "a.txt") }).problem!;
    expect(file.code).toBe("not-folder");
    mkdirSync(join(dir, "空", ".隐藏"), { recursive: true });
    writeFileSync(join(dir, "空", ".隐藏", "x.txt"), "x"); // dot-folders are not read
    const empty = siteCorpus({ NIANBAO_REPORTS: join(dir, "空") }).problem!;
    expect(empty.code).toBe("empty");
    expect(empty.hint).toMatch(/放进这个文件夹/);
    // the default folder when the variable is not set: the hint says so
    const unset = siteCorpus({ INIT_CWD: dir });
    expect(unset.problem).toBeNull(); // data/reports of the project
    expect(unset.root).toBe("data/reports");
  });

  it("says when none of the files could be read as a report, with the count of each reason", () => {
    const dir = folderWith(["a.doc", "b.txt", "c.txt"]);
    const corpus = siteCorpus({ NIANBAO_REPORTS: dir });
    const records: ReportRecord[] = corpus.files.map((f, i) => ({ ...emptyRecord(f), status: i === 0 ? "unsupported" : "error" }));
    const problem = corpusProblem(corpus, records)!;
    expect(problem.code).toBe("no-reports");
    expect(problem.message).toBe("报告文件夹中的文件都没能读作年报：共 3 个文件，2 个无法读取、1 个格式不支持");
    records[2].status = "partial";
    expect(corpusProblem(corpus, records)).toBeNull();
  });
});

describe("the folder's fingerprint", () => {
  it("changes when a file is added, edited, deleted or renamed, or the places change; not when nothing changed", () => {
    const dir = folderWith(["县/a.txt", "县/b.txt", "县/c.txt"]);
    const env = { NIANBAO_REPORTS: dir };
    const now = () => folderFingerprint(siteCorpus(env), env);
    const seen = new Set([now()]);
    expect(now()).toBe([...seen][0]);
    const changed = (what: () => void) => {
      what();
      const f = now();
      expect(seen.has(f)).toBe(false);
      seen.add(f);
    };
    changed(() => cpSync(SAMPLE, join(dir, "县", "d.txt")));
    changed(() => appendFileSync(join(dir, "县", "a.txt"), "\n"));
    changed(() => unlinkSync(join(dir, "县", "b.txt")));
    changed(() => renameSync(join(dir, "县", "c.txt"), join(dir, "县", "c2.txt")));
    const later = new Date(Date.now() + 120_000);
    changed(() => utimesSync(join(dir, "县", "a.txt"), later, later)); // bytes checked by the parse cache, not here
    const places = join(dir, "..", `places-${Date.now()}.csv`);
    writeFileSync(places, "code,township,county,city,province\n999,测试镇,测试县,测试市,测试省\n");
    changed(() => Object.assign(env, { NIANBAO_PLACES: places }));
    changed(() => appendFileSync(places, "998,二镇,测试县,测试市,测试省\n"));
    changed(() => Object.assign(env, { NIANBAO_REPORTS: join(dir, "县") }));
    changed(() => rmSync(join(dir, "县"), { recursive: true }));
    expect(now()).toBe([...seen].at(-1));
  });
});
