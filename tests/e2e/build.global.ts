// The browser tests run the production build, made once per run.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

export default function build() {
  const remix = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
  execFileSync(process.execPath, [remix, "vite:build"], { stdio: ["ignore", "ignore", "inherit"] });
}
