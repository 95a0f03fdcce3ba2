// Command-line arguments of `nianbao` → a plain options object, or a usage error.

export interface CliOptions {
  command: "parse" | "help" | "version";
  inputs: string[];
  json: boolean;
  out: string | null;
  places: string[];
  progress: "auto" | "never";
  /** Worker threads; null: as many as help on this machine (see defaultJobs). */
  jobs: number | null;
  /** Use the parse cache (loaders/parse-cache.ts); false with --no-cache. */
  cache: boolean;
  /** Review files named on the command line (besides 核查记录.csv / 更正记录.csv found in the input folders). */
  decisions: string[];
  corrections: string[];
  /** Table formats --out writes (default csv). */
  formats: ("csv" | "parquet")[];
  /** Parquet tables split into one file per province. */
  partitionBy: "province" | null;
}

export class UsageError extends Error {}

export const USAGE = `用法 / usage:
  nianbao parse <文件或文件夹>… [--json | --out 目录] [--places 地名文件] [--jobs N] [--no-cache] [--quiet]

  --json          每个输入文件输出一行 JSON（JSON Lines，按输入顺序）
  --out 目录      写出 reports.csv、cells.csv、checks.csv（含跨报告核对）、evidence.csv、categories.csv、similar_reports.csv、
                  coverage.csv、quality.csv 到该目录
  --format 格式   表格格式：csv（默认，给人和 Excel）、parquet（ZSTD 压缩、带列类型、按省县乡年排序，
                  给 DuckDB、pandas、Polars、R、Spark），或 csv,parquet 两种都写
  --partition-by province  Parquet 表按省分成多个文件（cells/province=某省/data_0.parquet），适合全国数据
  --places 路径   追加地名文件（CSV：code,township,county,city,province；township 留空的行列出县级或地市级单位），可重复
  --jobs N        用 N 个线程并行解析（默认：按 CPU 核数和文件数自动选择；1 = 不并行）
  --decisions 文件   核查记录（CSV，见 README“核查与整改”），可重复；输入文件夹中的“核查记录.csv”自动读取
  --corrections 文件 更正记录（CSV），可重复；输入文件夹中的“更正记录.csv”自动读取（两者只在 --out 时使用）
  --no-cache      不读也不写解析缓存，每个文件都重新解析（缓存位置：环境变量 NIANBAO_CACHE_DIR，
                  默认 node_modules/.cache/nianbao；内容未变的文件直接取缓存，结果与重新解析完全相同）
  --quiet         不显示进度
  -h, --help      显示本帮助
  -v, --version   显示版本

  没有 --json 和 --out 时，每个文件打印一行摘要。
  --out 目录在解析前检查（不存在则创建，并试写一个文件）；表格先完整写入临时文件夹，再替换原有的表格，
  中途失败时目录中保留原来完整的一套表格。
  退出码：0 表示已运行（个别文件失败会在结果中报告），2 表示用法错误，
          3 表示无法写入输出目录（没有权限、只读磁盘、磁盘已满、--out 指向一个文件等）。`;

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { command: "help", inputs: [], json: false, out: null, places: [], progress: "auto", jobs: null, cache: true, decisions: [], corrections: [], formats: ["csv"], partitionBy: null };
  if (argv.length === 0) return options;
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") return options;
  if (command === "-v" || command === "--version") return { ...options, command: "version" };
  if (command !== "parse") throw new UsageError(`未知命令“${command}”（可用命令：parse）`);
  options.command = "parse";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} 需要一个参数`);
      return v;
    };
    if (arg === "--json") options.json = true;
    else if (arg === "--out") options.out = value();
    else if (arg === "--format") {
      const v = value();
      const formats = v.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
      const unknown = formats.filter((f) => f !== "csv" && f !== "parquet");
      if (unknown.length || formats.length === 0) throw new UsageError(`--format 只能是 csv、parquet 或 csv,parquet，收到“${v}”`);
      options.formats = [...new Set(formats)] as CliOptions["formats"];
    } else if (arg === "--partition-by") {
      const v = value();
      if (v !== "province") throw new UsageError(`--partition-by 目前只能是 province（按省分文件），收到“${v}”`);
      options.partitionBy = "province";
    } else if (arg === "--places") options.places.push(value());
    else if (arg === "--decisions") options.decisions.push(value());
    else if (arg === "--corrections") options.corrections.push(value());
    else if (arg === "--jobs" || arg === "-j") {
      const v = value();
      if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`${arg} 需要一个正整数，收到“${v}”`);
      options.jobs = Number(v);
    } else if (arg === "--no-cache") options.cache = false;
    else if (arg === "--quiet" || arg === "--no-progress") options.progress = "never";
    else if (arg === "-h" || arg === "--help") return { ...options, command: "help" };
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`未知选项“${arg}”`);
    else options.inputs.push(arg);
  }
  if (options.inputs.length === 0) throw new UsageError("请指定至少一个文件或文件夹");
  if (options.json && options.out) throw new UsageError("--json 与 --out 只能选一个");
  const tableOptions = options.partitionBy !== null || options.formats.join() !== "csv";
  if (tableOptions && !options.out) throw new UsageError("--format 和 --partition-by 需要与 --out 一起使用");
  if (options.partitionBy && !options.formats.includes("parquet")) throw new UsageError("--partition-by 只用于 Parquet 表格：请同时指定 --format parquet 或 --format csv,parquet");
  if ((options.decisions.length || options.corrections.length) && !options.out) throw new UsageError("--decisions 和 --corrections 需要与 --out 一起使用");
  return options;
}
