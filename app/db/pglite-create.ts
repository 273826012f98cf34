// Making a PGlite database (initdb) grows its WebAssembly memory to about 700 MB, and a process never gets that
// back; opening a database that exists takes about a third of it. So a new folder is made in a worker thread, whose
// memory goes with it, and the app's own PGlite opens the folder it made (bench/pglite-open.ts measures both).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PGlite } = require(workerData.module);
const db = new PGlite(workerData.dataDir, { startParams: workerData.startParams });
db.waitReady.then(() => db.close()).then(() => parentPort.postMessage("made"));
`;

/** Whether PGlite has made a database in this folder already (PostgreSQL writes PG_VERSION first). */
export function holdsDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

export async function createPgliteFolder(dataDir: string, startParams: string[]): Promise<void> {
  const module = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, dataDir, startParams } });
  await new Promise<void>((resolve, reject) => {
    let made = false;
    worker.once("message", () => {
      made = true;
      void worker.terminate(); // its memory goes now, whatever else PGlite left running
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      made ? resolve() : reject(new Error(`Could not make the embedded database in ${dataDir} (exit ${code})`)),
    );
  });
}
