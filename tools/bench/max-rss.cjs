// Preloaded (node --require) into a measured run by tools/bench-scale.ts: prints the process's peak
// resident memory (worker threads included) on its way out, on a line of its own.
process.on("exit", () => {
  require("node:fs").writeSync(2, `\nNIANBAO_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
