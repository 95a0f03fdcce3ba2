#!/usr/bin/env node
// The `nianbao` command. The library is TypeScript; tsx compiles it on the fly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../loaders/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
