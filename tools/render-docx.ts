// Renders an office file (.docx, .xlsx, …) to PNG pages for a look at its layout:
// LibreOffice converts it to PDF, pdftoppm turns the pages into PNGs. Prints the PNG paths.
//   npx tsx tools/render-docx.ts IN.docx OUTDIR [DPI]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";

function run(command: string, args: string[], missing: string): void {
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") fail(missing);
  if (result.status !== 0) fail(`${command} 运行失败（退出码 ${result.status}）：\n${result.stderr || result.stdout}`);
}

function fail(message: string): never {
  console.error(`render-docx：${message}`);
  process.exit(1);
}

const [input, outDir, dpi = "80"] = process.argv.slice(2);
if (!input || !outDir) fail("用法：npx tsx tools/render-docx.ts 输入文件.docx 输出目录 [分辨率DPI]");
if (!existsSync(input)) fail(`找不到输入文件：${input}`);
mkdirSync(outDir, { recursive: true });

// soffice refuses to start while another instance holds the same profile, so each run gets its own
const profile = `file://${resolve(outDir, ".soffice-profile")}`;
run(
  "soffice",
  [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, input],
  "找不到 soffice（LibreOffice）。请先安装：apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
);
const stem = basename(input, extname(input));
const pdf = join(outDir, `${stem}.pdf`);
if (!existsSync(pdf)) {
  // soffice exits 0 with "source file could not be loaded" when the module for the file type is missing
  const module = /\.(xlsx?|ods|csv)$/i.test(input) ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui";
  fail(`LibreOffice 没有生成 PDF：${pdf}。若提示无法载入源文件，可能缺少相应组件：apt-get install ${module}`);
}

const prefix = join(outDir, stem);
// pages of an earlier, longer rendering would otherwise be listed as this one's
for (const f of readdirSync(outDir)) if (f.startsWith(`${stem}-`) && f.endsWith(".png")) rmSync(join(outDir, f));
run("pdftoppm", ["-png", "-r", dpi, pdf, prefix], "找不到 pdftoppm。请先安装：apt-get install poppler-utils");
const pages = readdirSync(outDir)
  .filter((f) => f.startsWith(`${stem}-`) && f.endsWith(".png"))
  .sort((a, b) => Number(a.match(/-(\d+)\.png$/)?.[1]) - Number(b.match(/-(\d+)\.png$/)?.[1]))
  .map((f) => join(outDir, f));
console.log(pdf);
for (const page of pages) console.log(page);
