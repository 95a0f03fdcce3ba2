// The shape of a declarative template schema. The official templates are data (see
// template-2019.ts, template-2021.ts); parsers and the demo generator both read them.

export type ValueKind =
  | "count" // non-negative integer
  | "delta" // integer, may be negative (2019 本年增/减)
  | "money"; // decimal amount in `unit`

export interface Label {
  /** Stable id used in cells.csv and the CLI (`row` / `col`). */
  id: string;
  /** The label exactly as printed on the official template. */
  label: string;
  /** Other spellings real reports use (typos, shortened, older wording). Matched after normalisation. */
  aliases?: string[];
}

export interface ColumnDef extends Label {
  kind: ValueKind;
  /** Unit of the value when it is not a plain count (e.g. 万元). */
  unit?: string;
  /** Present only in some publishers' copies (e.g. the 8th 小计 column of table 三). */
  optional?: boolean;
}

export interface RowDef extends Label {
  /** Ordinal printed before the label (一、 / （三） / 1.), kept apart so a lost ordinal still matches. */
  ordinal?: string;
  /** Id of the heading row this row belongs to (e.g. （三）不予公开 for its eight reasons). */
  parent?: string;
  /** A heading row carries no values of its own. */
  heading?: boolean;
}

/** A group of rows sharing one set of columns (table 二 has several; tables 三 and 四 one each). */
export interface BlockDef {
  id: string;
  label: string;
  aliases?: string[];
  rows: RowDef[];
  columns: ColumnDef[];
}

export interface TableDef {
  id: "t2" | "t3" | "t4";
  /** Section heading the table stands under. */
  heading: string;
  blocks: BlockDef[];
}

export interface TemplateDef {
  id: "template-2019" | "template-2021";
  name: string;
  /** Labels found only in this template: any of them identifies it (report-formats.md §1). */
  signature: string[];
  tables: TableDef[];
}
