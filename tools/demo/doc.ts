// The document model every writer produces and every renderer consumes, plus the facts
// accumulator: each value a writer puts into a report is recorded here as it is written,
// so the ground truth can never drift from the text.
import type { Category, CHANNEL_CATEGORY } from "../../loaders/categories.ts";

export type TableKey = "t2" | "t3" | "t4" | "appendix";

/** One printed cell of a table grid (HTML <td>, or one chunk of a flattened text line). */
export interface GridCell {
  text: string;
  rowspan: number;
  colspan: number;
  role: "head" | "label" | "value";
}

/**
 * A value cell as the truth records it. Labels are not repeated per cell: a cell is printed under
 * its schema label except where table_variants.label_variants / mangles (lost_ordinals) say otherwise.
 */
export interface TruthCell {
  table: TableKey;
  row: string;
  col: string;
  value: number | null;
  raw: string;
}

export interface TableModel {
  table: TableKey;
  /** Number of grid columns. */
  width: number;
  rows: GridCell[][];
  cells: TruthCell[];
}

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "para"; text: string }
  | { kind: "caption"; text: string }
  | { kind: "table"; table: TableModel }
  /** A table published as a picture: an <img> in HTML, nothing at all in text. */
  | { kind: "image"; name: string }
  | { kind: "signature"; name: string; date: string | null };

export interface Doc {
  title: string;
  blocks: Block[];
}

export interface Fact {
  key: string;
  value: number;
  raw: string;
}

export interface CategoryFact {
  label: string;
  category: Category | typeof CHANNEL_CATEGORY;
  count: number;
  approx: boolean;
}

export interface ReviewOutcomes {
  upheld: number | null;
  corrected: number | null;
  other: number | null;
  pending: number | null;
}

/** Everything a writer states in words (tables are recorded separately, as cells). */
export class Facts {
  activeTotal: number | null = null;
  activeTotalApprox: boolean | null = null;
  activeTotalRaw: string | null = null;
  categories: CategoryFact[] = [];
  channels: { items: { label: string; count: number }[]; overlapping: boolean; raw: string } | null = null;
  percentages: { label: string; percent: number; raw: string }[] = [];
  cumulative: Fact[] = [];
  requestsNew: number | null = null;
  requestsHandled: number | null = null;
  requestsRaw: string | null = null;
  requestOutcomes: Fact[] = [];
  reviewTotal: number | null = null;
  litigationTotal: number | null = null;
  reviewOutcomes: ReviewOutcomes | null = null;
  litigationOutcomes: ReviewOutcomes | null = null;
  reviewRaw: string | null = null;
  fees: number | null = null;
  feesRaw: string | null = null;
  narrativeQuotes: Fact[] = [];
  /** Other numbers written in prose that are not report metrics (consultations, trainings …). */
  other: Fact[] = [];
  statPeriodRaw: string | null = null;

  add(key: string, value: number, raw: string): void {
    this.other.push({ key, value, raw });
  }
}
