// The entry of an import's reading thread (batch-reader.ts): the sources are TypeScript, which tsx compiles on the
// fly, as bin/pledgebridge.js does for the CLI.
import { register } from "tsx/esm/api";

register();
await import("./read-thread.ts");
