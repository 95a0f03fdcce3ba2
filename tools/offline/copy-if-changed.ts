// Idempotent file copy: skips when the target already has the source's size and mtime.
import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir, utimes } from "node:fs/promises";
import { dirname } from "node:path";

/** Returns true if the file was copied. */
export async function copyIfChanged(source: string, target: string): Promise<boolean> {
  const from = statSync(source);
  if (existsSync(target)) {
    const to = statSync(target);
    if (to.size === from.size && Math.abs(to.mtimeMs - from.mtimeMs) < 2) return false; // utimes keeps ms precision only
  }
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
  await utimes(target, from.atime, from.mtime); // lets the next run recognise the copy
  return true;
}
