// File names in outputs: forward slashes on every platform.
import { sep } from "node:path";

export function toPosix(p: string): string {
  return p.split(sep).join("/");
}
