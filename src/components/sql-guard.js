// SQL the 数据浏览 page refuses to run: anything that could make DuckDB-WASM read a file or fetch
// from another host. DuckDB-WASM fetches http(s) URLs through the browser by itself (no httpfs
// needed), so a link /explore?sql=SELECT * FROM read_csv('http://other-host/…') would otherwise send
// a request, and the page's own data, off the site. The tables the page loaded are all a query needs.
// Deliberately coarse: a URL anywhere (comments and strings included) is refused.

/** File-reading and file-writing table functions (DuckDB and its extensions). */
const FILE_FUNCTIONS = /\b(read_csv(_auto)?|read_parquet|parquet_(scan|metadata|schema|file_metadata|kv_metadata)|read_json(_auto|_objects(_auto)?)?|read_ndjson(_auto|_objects)?|json_scan|read_text|read_blob|read_xlsx|sniff_csv|glob|iceberg_\w+|delta_scan|sqlite_scan|sqlite_attach|postgres_\w+|mysql_\w+|httpfs\w*|read_\w+)\s*\(/i;
/** Statements that attach databases, load extensions, copy files or change settings. */
const STATEMENTS = /(^|;)\s*(attach|detach|install|force\s+install|load|copy|export|import|set|reset|pragma|create\s+(or\s+replace\s+)?(persistent\s+|temporary\s+)?secret|use)\b/i;
/** A URL (http://, https://, s3://, file:// …) anywhere in the text. */
const URL_TEXT = /\b[a-z][a-z0-9+.-]*:\/\//i;
/** A string where a table belongs: DuckDB then reads it as a file name (FROM 'x.csv'). */
const FILE_AS_TABLE = /\b(from|join)\s*\(?\s*'/i;

/**
 * Why the SQL is refused (Chinese, for the page), or null when it may run.
 * @param {string} sql
 */
export function refuseSql(sql) {
  const text = String(sql ?? "");
  const url = URL_TEXT.exec(text);
  if (url) return `查询中含有网址（${url[0]}…）：数据浏览只查询本站已载入的数据表，不访问其他网站。请去掉网址，直接写 FROM reports 等表名。`;
  const fn = FILE_FUNCTIONS.exec(text);
  if (fn) return `不能用 ${fn[1]}() 读取文件：数据浏览只查询已载入的数据表（reports、cells、checks 等），请直接写 FROM 表名。`;
  // statements may stand after a comment
  const statement = STATEMENTS.exec(text.replace(/--[^\n]*/g, " ").replace(/\/\*[\s\S]*?\*\//g, " "));
  if (statement) return `不能执行 ${statement[2].replace(/\s+/g, " ").toUpperCase()} 语句：数据浏览只运行查询（SELECT、WITH 等），不载入扩展、不连接其他数据库、不读写文件。`;
  if (FILE_AS_TABLE.test(text)) return "不能把文件名当作表来查询（FROM '文件名'）：请直接写 FROM reports 等表名（不加引号）。";
  return null;
}
