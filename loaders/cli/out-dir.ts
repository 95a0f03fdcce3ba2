// The --out folder: checked before any parsing (a run of an hour should not end on "cannot write"),
// and the errors of writing it said in Chinese with what to do, never as a stack trace.
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { removeStaleTempDirs } from "../output/write-tables.ts";

/** Exit code of a run that could not write its output (0 ran, 2 usage error). */
export const EXIT_CANNOT_WRITE = 3;

/** The errors of the filesystem that this module explains; others are bugs and keep their trace. */
const EXPLAINED = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR", "EEXIST", "EISDIR", "ENAMETOOLONG", "EMFILE", "ENFILE", "EIO", "EBUSY", "ENOENT"]);

/** What went wrong writing `dir`, in Chinese with what to do; null when `e` is no filesystem error. */
export function outputErrorMessage(e: unknown, dir: string, { writing = true } = {}): string | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string" || !EXPLAINED.has(code)) return null;
  const where = `输出目录“${dir}”`;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `没有权限写入${where}：请换一个可写的目录（--out），或修改该文件夹的权限。`;
    case "EROFS":
      return `${where}在只读的磁盘或分区上，无法写入：请换一个可写的目录（--out）。`;
    case "ENOSPC":
    case "EDQUOT":
      return writing
        ? `磁盘空间不足，${where}中的表格未能写完：请清理磁盘空间或换一个目录（--out）后重新运行。该目录中原有的表格没有被改动。`
        : `磁盘已满，无法在${where}中写入：请清理磁盘空间或换一个目录（--out）。`;
    case "ENOTDIR":
      return `${where}的上级路径中有一项是文件而不是文件夹：请换一个目录（--out）。`;
    case "EEXIST":
      return `${where}已存在，但它是一个文件而不是文件夹：请换一个目录名（--out），或先移走这个文件。`;
    case "EISDIR":
      return `${where}中有一个与输出表同名的文件夹（${(e as NodeJS.ErrnoException).path ?? ""}）：请移走它或换一个目录（--out）。`;
    case "ENOENT":
      return `${where}无法创建（路径中的盘符或文件夹不存在）：请换一个目录（--out）。`;
    case "ENAMETOOLONG":
      return `${where}的路径太长：请换一个短一些的目录（--out）。`;
    default:
      return `无法写入${where}（${code}）：请检查磁盘，或换一个目录（--out）后重新运行。`;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

/** mkdir -p one level at a time: Node's recursive mkdir says ENOENT on a read-only disk, this gives the
 * real error (EROFS, EACCES; ENOTDIR for a file above; EEXIST for a file of that name). */
function makeDirs(dir: string): void {
  if (isDirectory(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST" || !isDirectory(dir)) throw e;
  }
}

/**
 * Makes `dir` if it is missing and checks that a file can be created and removed in it. Returns null
 * when it can, else the Chinese message (outputErrorMessage). Also clears the temporary folders a
 * killed run left there.
 */
export function prepareOutDir(dir: string): string | null {
  try {
    makeDirs(dir);
    const probe = join(dir, `.nianbao-probe-${process.pid}`);
    const fd = openSync(probe, "w");
    try {
      writeSync(fd, "nianbao\n");
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
    removeStaleTempDirs(dir);
    return null;
  } catch (e) {
    const message = outputErrorMessage(e, dir, { writing: false });
    if (message === null) throw e;
    return message;
  }
}
