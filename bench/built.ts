// A benchmark measures the app as production runs it: JavaScript that Vite built, as `npm run build` builds the
// server, in a plain Node process. From the TypeScript sources (`npx tsx bench/…`) the process also holds tsx, whose
// loader thread and module transforms cost 35–45 MB of the import's peak RSS that `npm start` never has.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
// Two folders below the root, as build/server is: the app finds its migrations from where its code is.
const OUT_DIR = path.join(ROOT, "bench", ".built");

/**
 * Called first by a benchmark run from its TypeScript source: builds it (with the import's reading thread beside it,
 * as the server's build puts it), runs the build with the same arguments and environment, and ends this process with
 * its exit code. Run from the build, or with BENCH_FROM_SOURCES=1 (to measure the sources under tsx), it returns.
 */
export async function runFromBuild(entryUrl: string): Promise<void> {
  const entry = fileURLToPath(entryUrl);
  if (!entry.endsWith(".ts") || process.env.BENCH_FROM_SOURCES === "1") return;
  const name = path.basename(entry, ".ts");
  // Loaded only here: the build it runs never loads Vite.
  const { build } = await import("vite");
  await build({
    configFile: false,
    root: ROOT,
    logLevel: "warn",
    publicDir: false,
    build: {
      ssr: true,
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: "node22",
      rollupOptions: {
        input: { [name]: entry, "read-thread": path.join(ROOT, "app/services/import/read-thread.ts") },
        // Every chunk beside the entries: code finds read-thread.mjs beside itself (batch-reader.ts).
        output: { entryFileNames: "[name].mjs", chunkFileNames: "[name]-[hash].mjs" },
      },
    },
  });
  const run = spawnSync(process.execPath, [path.join(OUT_DIR, `${name}.mjs`), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(run.status ?? 1);
}
