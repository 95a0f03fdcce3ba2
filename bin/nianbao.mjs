#!/usr/bin/env node
// The `nianbao` command. The library is TypeScript; tsx compiles it on the fly.
import { register } from "tsx/esm/api";

// `nianbao parse … --json | head`: a closed pipe ends the run quietly, as other tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

register();
const { main } = await import("../loaders/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
