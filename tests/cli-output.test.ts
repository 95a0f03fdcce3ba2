// The --out folder (issue 15 items 4 and 5): checked before parsing, errors in Chinese with exit code 3,
// tables replaced only as a complete set.
//
// What is real and what is simulated here: `--out` naming a file (EEXIST) and a path under a file
// (ENOTDIR) are real. A read-only folder cannot be made with chmod as root, so it is a read-only bind
// mount (real EROFS), and a full disk a tiny tmpfs (real ENOSPC while the tables are written, after the
// check passed); both need `mount` (root in a container that allows it) and are skipped otherwise.
// EACCES (a folder without permission) is only checked through its message (outputErrorMessage), since
// root writes anywhere.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { listInputFiles } from "../loaders/corpus.ts";
import { outputErrorMessage, EXIT_CANNOT_WRITE } from "../loaders/cli/out-dir.ts";
import { USAGE } from "../loaders/cli/args.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "nianbao.mjs");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, "--no-cache"], { encoding: "utf8" });
const REPORT = "石桥镇2016年政府信息公开工作年度报告\n\n2016年，我镇主动公开政府信息120条。\n\n石桥镇人民政府\n2017年3月2日\n";

function inputFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-out-"));
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), REPORT);
  return dir;
}

/** No stack trace, and the run stopped before the parse (no progress line, nothing on stdout). */
function expectPlainRefusal(r: ReturnType<typeof run>, words: RegExp) {
  expect(r.status).toBe(EXIT_CANNOT_WRITE);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(r.stderr).not.toContain("解析");
  expect(r.stdout).toBe("");
}

describe("--out that cannot be written: exit 3, in Chinese, before parsing", () => {
  it("--out naming an existing file", () => {
    const dir = inputFolder();
    writeFileSync(join(dir, "out"), "not a folder");
    expectPlainRefusal(run(["parse", join(dir, "in"), "--out", join(dir, "out")]), /是一个文件而不是文件夹/);
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("not a folder");
  });

  it("--out under a regular file (ENOTDIR)", () => {
    const dir = inputFolder();
    writeFileSync(join(dir, "file"), "x");
    expectPlainRefusal(run(["parse", join(dir, "in"), "--out", join(dir, "file", "sub", "out")]), /上级路径中有一项是文件/);
  });

  it("says what is wrong for a folder without permission (message only: root is not stopped by chmod)", () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/x/reports.csv'"), { code: "EACCES" });
    expect(outputErrorMessage(e, "/x")).toMatch(/没有权限写入输出目录“\/x”/);
    expect(outputErrorMessage(new Error("a bug"), "/x")).toBeNull();
  });

  it("documents the exit codes in the usage text", () => {
    expect(USAGE).toMatch(/3 表示无法写入输出目录/);
  });
});

// Mounts made by this file, undone after it.
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts.reverse()) spawnSync("umount", [m]);
});
function mount(args: string[], target: string): boolean {
  const r = spawnSync("mount", [...args, target], { encoding: "utf8" });
  if (r.status === 0) mounts.push(target);
  return r.status === 0;
}
const canMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), "nianbao-mount-"));
  const ok = spawnSync("mount", ["-t", "tmpfs", "-o", "size=4k", "tmpfs", probe]).status === 0;
  if (ok) spawnSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

describe.skipIf(!canMount)("read-only and full disks (real mounts)", () => {
  it("a read-only folder (bind mount, EROFS): exit 3 before parsing", () => {
    const dir = inputFolder();
    mkdirSync(join(dir, "ro"));
    expect(mount(["--bind", "-o", "ro", join(dir, "ro")], join(dir, "ro"))).toBe(true);
    expectPlainRefusal(run(["parse", join(dir, "in"), "--out", join(dir, "ro", "out")]), /只读/);
  });

  it("a disk that fills up while the tables are written: exit 3, the previous complete set untouched, no temporary folder left", () => {
    const dir = inputFolder();
    const disk = join(dir, "disk");
    mkdirSync(disk);
    // room for the one-report tables, not for twelve reports' as well
    expect(mount(["-t", "tmpfs", "-o", "size=192k", "tmpfs"], disk)).toBe(true);
    const out = join(disk, "out");
    expect(run(["parse", join(dir, "in"), "--out", out, "--quiet"]).status).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]));
    mkdirSync(join(dir, "many"));
    for (const f of listInputFiles([join(ROOT, "data/reports/demo")]).files.filter((f) => f.endsWith(".txt")).slice(0, 12)) copyFileSync(f, join(dir, "many", basename(f)));
    const r = run(["parse", join(dir, "many"), "--out", out, "--quiet"]);
    expect(r.status).toBe(EXIT_CANNOT_WRITE);
    expect(r.stderr).toMatch(/磁盘空间不足/);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]))).toEqual(before);
  });
});
