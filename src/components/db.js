// DuckDB-WASM for the pages: openDuckDB({name: {file, types}}) loads CSV files into tables
// and returns {query}.
//
// Why our own loader rather than Framework's DuckDBClient/sql: Framework pins duckdb-wasm 1.29.0,
// and offline we can only serve the installed 1.32.0 under that label (tools/offline-seed.ts).
// Here the JS API (npm:@duckdb/duckdb-wasm, seeded from node_modules) and the worker + wasm
// (src/vendor/duckdb, copied from the same package) are always the same version, and the wasm
// files are plain FileAttachments: hashed, copied into dist/ and served by whatever serves the site.
// Nothing is fetched from a CDN and extension autoloading is switched off, so a query that would
// need an extension fails loudly instead of trying the internet.
import * as duckdb from "npm:@duckdb/duckdb-wasm";
import {FileAttachment} from "observablehq:stdlib";
import {refuseSql} from "./sql-guard.js";

// mvp runs in older browsers (common on government intranets); eh is faster where supported.
const BUNDLES = {
  mvp: {
    mainModule: FileAttachment("../vendor/duckdb/duckdb-mvp.wasm").href,
    mainWorker: FileAttachment("../vendor/duckdb/duckdb-browser-mvp.worker.js").href
  },
  eh: {
    mainModule: FileAttachment("../vendor/duckdb/duckdb-eh.wasm").href,
    mainWorker: FileAttachment("../vendor/duckdb/duckdb-browser-eh.worker.js").href
  }
};

/**
 * @param {Record<string, {file: {text(): Promise<string>}, types?: Record<string, string>}>} tables
 *   table name → CSV FileAttachment and optional column types (others are sniffed)
 */
export async function openDuckDB(tables) {
  // fetch the CSV files while the wasm compiles (the slow part: ~2 s for 34 MB on a 2-core PC)
  const texts = Object.entries(tables).map(([name, {file, types = {}}]) => {
    const text = file.text();
    text.catch(() => {}); // rethrown where awaited below; avoids an "unhandled rejection" meanwhile
    return {name, types, text};
  });
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  performance.mark("duckdb:instantiated"); // read by the browser test's timing report
  const connection = await db.connect();
  await connection.query("SET autoinstall_known_extensions = false");
  await connection.query("SET autoload_known_extensions = false");
  const loadTable = async ({name, types, text}) => {
    const fileName = `${name}.csv`;
    await db.registerFileText(fileName, await text);
    await connection.query(
      `CREATE TABLE ${quoteIdentifier(name)} AS SELECT * FROM read_csv(${quoteString(fileName)}, ` +
        `header = true, auto_detect = true${Object.keys(types).length ? `, types = ${structLiteral(types)}` : ""})`
    );
  };
  for (const table of texts) await loadTable(table);
  performance.mark("duckdb:tables-loaded");
  const loaded = new Set(texts.map((t) => t.name));
  let adding = Promise.resolve();
  return {
    /** Names of the tables loaded so far. */
    tables: () => [...loaded],
    /** Loads more tables (same form as openDuckDB's argument); tables already loaded are skipped. */
    addTables(more) {
      const todo = Object.entries(more).filter(([name]) => !loaded.has(name));
      for (const [name] of todo) loaded.add(name);
      adding = adding.then(async () => {
        for (const [name, {file, types = {}}] of todo) await loadTable({name, types, text: file.text()});
      });
      return adding;
    },
    /** Runs SQL; returns plain row objects (BIGINT/HUGEINT converted to Number). */
    async query(sql) {
      const table = await connection.query(sql);
      return table.toArray().map((row) => toPlainRow(row.toJSON()));
    },
    /**
     * Runs the user's SQL (refused when sql-guard.js says so); returns {columns, types, rows} with the result's column names in order (also for an
     * empty result) and plain values: BIGINT/HUGEINT and DECIMAL as Number, dates as Date.
     */
    async run(sql) {
      // run() takes the user's SQL (数据浏览): never a file, URL, extension or setting (sql-guard.js)
      const refusal = refuseSql(sql);
      if (refusal) throw new Error(refusal);
      const table = await connection.query(sql);
      const fields = table.schema.fields;
      const columns = fields.map((f) => f.name);
      const decimals = fields.map((f) => (f.type?.typeId === 7 ? f.type.scale ?? 0 : null)); // Arrow Type.Decimal
      const rows = table.toArray().map((row) => {
        const plain = {};
        const json = row.toJSON();
        columns.forEach((column, i) => {
          const value = json[column];
          plain[column] = decimals[i] != null && value != null ? decimalToNumber(value, decimals[i]) : plainValue(value);
        });
        return plain;
      });
      return {columns, types: fields.map((f) => String(f.type)), rows};
    },
    async close() {
      await connection.close();
      await db.terminate();
    }
  };
}

function plainValue(value) {
  return typeof value === "bigint" ? Number(value) : value;
}

/** An Arrow decimal (a BigNum-like object whose string is the unscaled integer) → Number. */
function decimalToNumber(value, scale) {
  const unscaled = typeof value === "bigint" ? value : BigInt(String(value));
  return Number(unscaled) / 10 ** scale;
}

function toPlainRow(row) {
  const plain = {};
  for (const [key, value] of Object.entries(row)) plain[key] = typeof value === "bigint" ? Number(value) : value;
  return plain;
}

function quoteIdentifier(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

function quoteString(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

function structLiteral(types) {
  const entries = Object.entries(types).map(([column, type]) => `${quoteString(column)}: ${quoteString(type)}`);
  return `{${entries.join(", ")}}`;
}
