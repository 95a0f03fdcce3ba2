// The publication date: the signature date at the end of the report, else the page's 发布日期.
import { findDates } from "./dates.ts";

/** How far from the end a signature date may stand (characters). */
const SIGNATURE_ZONE = 400;

export function publishedOn(text: string, pageDate: string | null): { date: string | null; source: string | null } {
  const tail = text.slice(-SIGNATURE_ZONE);
  const last = findDates(tail).at(-1);
  if (last) return { date: last.iso, source: `signature:${text.length - tail.length + last.index}` };
  if (pageDate) return { date: pageDate, source: "page:发布日期" };
  return { date: null, source: null };
}
