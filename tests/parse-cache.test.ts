// The parse cache (loaders/parse-cache.ts): a warm run writes the same bytes as a cold one and as a
// run without the cache; only files whose bytes (or name, or places) changed are parsed again;
// results that depend on the moment are not kept; old parser versions are pruned.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eachParsed, listInputFiles, loadPlaces, type CorpusOptions } from "../loaders/corpus.ts";
import { indexPlaces } from "../loaders/identity/places.ts";
import { cacheKey, isCacheable, KEEP_VERSIONS, openParseCache, placesKey, readCached, versionFolder, writeCached } from "../loaders/parse-cache.ts";
import { emptyRecord } from "../loaders/parse-report.ts";
import { timeoutFailure } from "../loaders/read/errors.ts";
import type { ReportRecord } from "../loaders/types.ts";
import { ocrEngine } from "../loaders/read/ocr.ts";
import { textLinesPng } from "./helpers/scan-fixtures.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "nianbao.mjs");
const TABLES = ["reports", "cells", "checks", "evidence", "categories", "similar_reports", "coverage", "quality"];
const places = loadPlaces([join(ROOT, "data/places")]);

function cli(args: string[], cacheDir: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, NIANBAO_CACHE_DIR: cacheDir }
  });
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** Each table's SHA-256 (comparing 10 MB buffers element by element would take minutes). */
function tablesIn(dir: string): Record<string, string> {
  return Object.fromEntries(TABLES.map((t) => [t, createHash("sha256").update(readFileSync(join(dir, `${t}.csv`))).digest("hex")]));
}

async function parse(files: string[], options: CorpusOptions) {
  const records: ReportRecord[] = [];
  const texts = new Map<string, string>();
  const stats = await eachParsed(files, { places, onText: (f, t) => texts.set(f, t), ...options }, (r) => records.push(r));
  return { records, texts, stats };
}

/** Copies of a few demo reports in a fresh folder. */
function smallFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-cache-files-"));
  const demo = listInputFiles([join(ROOT, "data/reports/demo")]).files;
  for (const [i, f] of [demo[0], demo[1], demo[2]].entries()) cpSync(f, join(dir, `${i}-${f.split(/[\\/]/).pop()}`));
  return dir;
}

describe("the parse cache", () => {
  it("gives byte-identical tables cold, warm and without the cache (the whole demo folder, the real sample, PDFs, bad files)", () => {
    const work = mkdtempSync(join(tmpdir(), "nianbao-cache-"));
    const input = join(work, "input");
    cpSync(join(ROOT, "data/reports"), join(input, "reports"), { recursive: true });
    cpSync(join(ROOT, "tests/fixtures/files"), join(input, "pdf"), { recursive: true, filter: (s) => !s.endsWith(".ts") });
    writeFileSync(join(input, "empty.txt"), "");
    writeFileSync(join(input, "old.doc"), "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
    const cache = join(work, "cache");
    const run = (out: string, ...extra: string[]) => cli(["parse", input, "--out", join(work, out), ...extra], cache);

    const cold = run("cold");
    const warm = run("warm");
    const none = run("none", "--no-cache");
    const files = listInputFiles([input]).files.length;
    expect(cold.stderr).not.toContain("取自解析缓存");
    expect(warm.stderr).toContain(`（${files} 个未改动，取自解析缓存）`);
    expect(none.stderr).not.toContain("取自解析缓存");
    expect(tablesIn(join(work, "warm"))).toEqual(tablesIn(join(work, "cold")));
    expect(tablesIn(join(work, "none"))).toEqual(tablesIn(join(work, "cold")));
    // --json too, in order, on worker threads as well (the PDFs and the bad files: now all cached)
    const some = [join(input, "pdf"), join(input, "empty.txt"), join(input, "old.doc")];
    const jsonNone = cli(["parse", ...some, "--json", "--quiet", "--no-cache"], cache).stdout;
    expect(cli(["parse", ...some, "--json", "--quiet"], cache).stdout).toBe(jsonNone);
    expect(cli(["parse", ...some, "--json", "--quiet", "--jobs", "2"], cache).stdout).toBe(jsonNone);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it("--no-cache neither reads nor writes the cache", () => {
    const cache = mkdtempSync(join(tmpdir(), "nianbao-cache-none-"));
    cli(["parse", smallFolder(), "--json", "--quiet", "--no-cache"], cache);
    expect(readdirSync(cache)).toEqual([]);
  });

  it("parses again exactly the files whose bytes changed, whose name changed or that are new; a touched file is not", async () => {
    const dir = smallFolder();
    const cacheRoot = mkdtempSync(join(tmpdir(), "nianbao-cache-lib-"));
    const cache = openParseCache(cacheRoot, places);
    const files = () => listInputFiles([dir]).files;
    const first = await parse(files(), { cache });
    expect(first.stats).toEqual({ parsed: 3, cached: 0 });

    const [a, b, c] = files();
    const later = new Date(Date.now() + 60_000);
    utimesSync(a, later, later); // touched: same bytes
    appendFileSync(b, "\n"); // edited (one byte more)
    renameSync(c, join(dir, "renamed.txt")); // renamed: the path is a clue, so it is parsed under its new name
    cpSync(join(ROOT, "data/reports/real/zhangjiapo-2018.txt"), join(dir, "new.txt")); // new
    const second = await parse(files(), { cache });
    expect(second.stats).toEqual({ parsed: 3, cached: 1 });
    // and the records are what a run without the cache gives, texts included
    const fresh = await parse(files(), {});
    expect(second.records).toEqual(fresh.records);
    expect(second.texts).toEqual(fresh.texts);
    expect(second.records.map((r) => r.file)).toContain(join(dir, "renamed.txt"));
  });

  it("uses the same cache on worker threads", async () => {
    const dir = smallFolder();
    const cache = openParseCache(mkdtempSync(join(tmpdir(), "nianbao-cache-workers-")), places);
    const cold = await parse(listInputFiles([dir]).files, { cache, jobs: 2 });
    const warm = await parse(listInputFiles([dir]).files, { cache, jobs: 2 });
    expect(cold.stats).toEqual({ parsed: 3, cached: 0 });
    expect(warm.stats).toEqual({ parsed: 0, cached: 3 });
    expect(warm.records).toEqual(cold.records);
    expect(warm.texts).toEqual(cold.texts);
  });

  it.skipIf(!ocrEngine())("keeps an OCR'd scan, so a rebuild does not OCR it again; another OCR engine re-reads the scans and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-cache-ocr-"));
    writeFileSync(join(dir, "scan.png"), await textLinesPng(["青石镇人民政府2022年政府信息公开工作年度报告", "本年度主动公开政府信息一百二十条。"]));
    cpSync(join(ROOT, "data/reports/real/zhangjiapo-2018.txt"), join(dir, "text.txt"));
    const root = mkdtempSync(join(tmpdir(), "nianbao-cache-ocr-root-"));
    const cache = openParseCache(root, places)!;
    const files = listInputFiles([dir]).files;
    const cold = await parse(files, { cache });
    expect(cold.stats).toEqual({ parsed: 2, cached: 0 });
    const scan = cold.records.find((r) => r.file.endsWith("scan.png"))!;
    expect(scan.ocr).toBe(true);
    const warm = await parse(files, { cache });
    expect(warm.stats).toEqual({ parsed: 0, cached: 2 });
    expect(warm.records).toEqual(cold.records);
    // The same folder under another engine marker (tesseract upgraded, other language data).
    const otherEngine = await parse(files, { cache: { ...cache, ocrEngine: "tesseract 9.9 chi_sim+eng 0000" } });
    expect(otherEngine.stats).toEqual({ parsed: 1, cached: 1 });
    expect(otherEngine.records).toEqual(cold.records);
  }, 60_000);

  it("keys entries by the places too: other places files, other results", () => {
    const other = indexPlaces([{ code: "999999001", township: "测试镇", county: "测试县", city: null, province: "测试省", origin: "places" }]);
    expect(placesKey(other)).not.toBe(placesKey(places));
    const root = mkdtempSync(join(tmpdir(), "nianbao-cache-places-"));
    const bytes = new TextEncoder().encode("测试");
    expect(cacheKey(openParseCache(root, other)!, "a.txt", bytes)).not.toBe(cacheKey(openParseCache(root, places)!, "a.txt", bytes));
  });

  it("treats a damaged entry as missing", () => {
    const cache = openParseCache(mkdtempSync(join(tmpdir(), "nianbao-cache-damaged-")), places)!;
    const bytes = new TextEncoder().encode("x");
    const key = cacheKey(cache, "a.txt", bytes);
    writeCached(cache, key, "a.txt", { record: emptyRecord("a.txt"), text: "x" });
    expect(readCached(cache, key, "a.txt")?.text).toBe("x");
    const path = join(cache.dir, key.slice(0, 2), `${key}.json`);
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 20));
    expect(readCached(cache, key, "a.txt")).toBeNull();
  });

  it("does not keep a read that hit the time limit, nor an OCR that ran out of time", () => {
    const record = emptyRecord("slow.pdf");
    record.error = timeoutFailure(30_000).message;
    expect(isCacheable(record)).toBe(false);
    const ocrSlow = emptyRecord("scan.pdf");
    ocrSlow.status = "needs-ocr";
    ocrSlow.error = "PDF 没有文字层（共 3 页，可能是扫描件或图片版），且无法 OCR 识别：OCR 识别超时（第 2 页，OCR 时限 180 秒）：…";
    expect(isCacheable(ocrSlow)).toBe(false);
    const ok = emptyRecord("a.txt");
    ok.error = "空文件：没有任何内容";
    expect(isCacheable(ok)).toBe(true);
  });

  it(`keeps the results of the ${KEEP_VERSIONS} most recently used parser versions`, () => {
    const root = mkdtempSync(join(tmpdir(), "nianbao-cache-prune-"));
    for (let i = 0; i < KEEP_VERSIONS + 2; i++) {
      const dir = join(root, versionFolder(`${i}`.repeat(24)));
      mkdirSync(dir);
      const used = new Date(Date.now() - (i + 1) * 3600_000);
      utimesSync(dir, used, used);
    }
    openParseCache(root, places);
    const kept = readdirSync(root).sort();
    expect(kept).toHaveLength(KEEP_VERSIONS);
    expect(kept).toContain(versionFolder()); // the running parser's, marked as used now
    expect(kept).toEqual([versionFolder(), ...Array.from({ length: KEEP_VERSIONS - 1 }, (_, i) => versionFolder(`${i}`.repeat(24)))].sort());
  });
});
