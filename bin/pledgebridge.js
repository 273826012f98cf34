#!/usr/bin/env node
// The operators' CLI. The sources are TypeScript; tsx compiles them on the fly, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../app/cli/main.ts");
process.exitCode = await main(process.argv);
