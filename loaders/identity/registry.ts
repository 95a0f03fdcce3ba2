// The identity found for each parsed record, kept beside it rather than in it: the CLI's JSON
// contract (loaders/types.ts) is fixed and has no `code` field, while reports.csv has one.
// Type-only imports: the table writers can use this without loading the gazetteer.
import type { Identity } from "./identify.ts";

const remembered = new WeakMap<object, Identity>();

/**
 * The identity parse-report found for `record`, or null. Records that were copied (a JSON round
 * trip, structuredClone) have none; the record object itself may be changed (site-corpus
 * rewrites `file`) without losing it.
 */
export function identityOf(record: object): Identity | null {
  return remembered.get(record) ?? null;
}

export function rememberIdentity(record: object, identity: Identity): void {
  remembered.set(record, identity);
}
