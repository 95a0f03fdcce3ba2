// Entry of a parse worker thread. Worker threads start without the parent's TypeScript loader
// (the CLI registers tsx through its API, which a worker does not inherit), so register it here.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
