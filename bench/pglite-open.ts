// What the app's process holds after its first start on the embedded database: when the PGlite that made the
// database (initdb) goes on serving it, and as the app does it, made in a worker thread whose memory goes when it
// ends. The baseline, in the same run: a process that opens a database that exists. Each case is its own process.
// Usage: npx tsx bench/pglite-open.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";

const [mode, dataDir] = process.argv.slice(2);

if (mode) {
  // One case, in this child process: open, migrate, and say what the process holds.
  const start = performance.now();
  let close: () => Promise<void>;
  if (mode === "in-process") {
    // As the app opened a new folder before: the PGlite that made the database goes on serving it (and, as then,
    // with V8's optimizing compiler; the app's case below has only the baseline one unless PGLITE_OPTIMIZE=true).
    const pglite = new PGlite(dataDir!);
    await pglite.waitReady;
    close = () => pglite.close();
  } else {
    const db = await openDatabase(`pglite://${dataDir}`);
    await migrateDatabase(db);
    close = () => db.close();
  }
  const ms = performance.now() - start;
  const rss = process.memoryUsage().rss / 2 ** 20;
  await close();
  console.log(JSON.stringify({ ms, rss, peak: process.resourceUsage().maxRSS / 1024 }));
} else {
  const workDir = mkdtempSync(path.join(tmpdir(), "pb-open-"));
  const run = (caseName: string, folder: string) => {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, caseName, folder], {
      encoding: "utf8",
    });
    if (child.status !== 0) throw new Error(`${caseName} failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { ms: number; rss: number; peak: number };
  };
  const line = (label: string, { ms, rss, peak }: { ms: number; rss: number; peak: number }, baseline: number) =>
    console.log(
      `${label.padEnd(48)} ${(ms / 1000).toFixed(1)} s   holds ${Math.round(rss)} MB (${(rss / baseline).toFixed(1)}× the baseline), peak ${Math.round(peak)} MB`,
    );
  const inProcess = run("in-process", path.join(workDir, "a"));
  const inWorker = run("app", path.join(workDir, "b"));
  const reopened = run("app", path.join(workDir, "b"));
  console.log("what the process holds once its PGlite folder is open");
  line("reopening a folder that exists (baseline)", reopened, reopened.rss);
  line("first start, made by the PGlite that serves it", inProcess, reopened.rss);
  line("first start, made in a worker thread (the app)", inWorker, reopened.rss);
  rmSync(workDir, { recursive: true, force: true });
}
