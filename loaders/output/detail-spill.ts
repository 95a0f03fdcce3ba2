// The long tables' rows kept on disk while a long run keeps only compact records in memory
// (compact-record.ts): one file per long table in the output folder, started with the table's
// header, to which each report's rows (detail-rows.ts, made by the parse workers) are appended in
// the run's order. Writing the tables then moves each file into place and appends the rows of the
// whole run (the checks across reports) after it: the table is never read back or made again.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Appender } from "./appender.ts";
import { csvChunks } from "./csv.ts";
import { DETAIL_TABLES, DETAIL_TABLE_NAMES, type DetailRows, type DetailTable } from "./detail-rows.ts";

/** A run's spill files in the output folder: `.nianbao-spill-<pid>-cells.csv` … */
export const SPILL_PREFIX = ".nianbao-spill-";

/** The pid in a spill file's name, or null when the name is no spill's. */
export function spillPid(name: string): number | null {
  const m = name.startsWith(SPILL_PREFIX) ? /^(\d+)-/.exec(name.slice(SPILL_PREFIX.length)) : null;
  return m ? Number(m[1]) : null;
}

export class DetailSpill {
  private readonly files = new Map<DetailTable, Appender>();

  /** The files go in `dir` (the output folder: the same disk as the tables, so they are moved, not copied). */
  constructor(dir: string, pid = process.pid) {
    try {
      for (const name of DETAIL_TABLE_NAMES) {
        const file = new Appender(join(dir, `${SPILL_PREFIX}${pid}-${name}`));
        this.files.set(name, file);
        file.append([...csvChunks(DETAIL_TABLES[name].columns, [])].join(""));
      }
    } catch (e) {
      this.remove();
      throw e;
    }
  }

  /** One report's rows, in the run's order. */
  add(rows: DetailRows): void {
    for (const [name, file] of this.files) file.append(rows[name]);
  }

  /** Every file written out and closed: table name → the file holding its header and the reports' rows.
   * After this the spill takes no more rows; the caller moves the files away (csv.ts writeCsvFile `head`). */
  heads(): Record<DetailTable, string> {
    const out = {} as Record<DetailTable, string>;
    for (const [name, file] of this.files) {
      file.finish();
      out[name] = file.path;
    }
    return out;
  }

  /** Removes the files not moved away. */
  remove(): void {
    for (const file of this.files.values()) {
      file.close();
      rmSync(file.path, { force: true });
    }
  }
}
