// Worker processes as an operator runs them: separate processes, real signals.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { createPgliteFolder, holdsDatabase } from "../../app/db/pglite-create";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { receiveWebhook } from "../../app/webhooks/receive";
import { createTestDatabaseUrl, type TestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const MIGRATE_LOCK = 72707369; // app/db/migrate.ts: Prisma's migrate lock

/** `npm run worker` as an operator runs it: the tsx CLI, which relays signals to the worker it runs. */
function startWorker(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [tsx, "app/jobs/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info", WORKER_CONCURRENCY: "3" },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Resolves when the process writes a log line with this message. */
function logged(worker: ChildProcess, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    worker.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`"msg":"${message}"`)) resolve();
    });
    worker.once("exit", (code) => reject(new Error(`The worker exited (${code}) before logging "${message}"`)));
  });
}

describe("the embedded database", () => {
  it("refuses a second process on the same PGlite folder, saying what to do", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-lock-")), "db");
    const db = await openDatabase(`pglite://${dataDir}`);
    try {
      const result = await promisify(execFile)(process.execPath, ["bin/pledgebridge.js", "db", "migrate"], {
        env: { ...process.env, DATABASE_URL: `pglite://${dataDir}` },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(result).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/is open in another process .* use a PostgreSQL DATABASE_URL/),
      });
    } finally {
      await db.close();
    }
  });

  it("makes a new folder's database in a worker thread, and fails with PGlite's reason when it cannot", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-create-")), "db");
    expect(holdsDatabase(dataDir)).toBe(false);
    await createPgliteFolder(dataDir, PGlite.defaultStartParams);
    expect(holdsDatabase(dataDir)).toBe(true);

    const broken = path.join(mkdtempSync(path.join(tmpdir(), "pb-create-")), "db");
    await expect(
      createPgliteFolder(broken, [...PGlite.defaultStartParams, "-c", "shared_buffers=lots"]),
    ).rejects.toThrow(/PGlite failed to initialize/);
  });

  it("keeps PostgreSQL's buffer pool to 32 MB, in memory and in a folder, reopened or new", async () => {
    // The pool is the process's memory, never given back (bench/import.ts measures the peak).
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-buffers-")), "db");
    for (const url of ["pglite://memory", `pglite://${dataDir}`, `pglite://${dataDir}`]) {
      const db = await openDatabase(url);
      try {
        expect(await db.query("SHOW shared_buffers")).toEqual([{ shared_buffers: "32MB" }]);
      } finally {
        await db.close();
      }
    }
  });
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)("worker processes on PostgreSQL", () => {
  let target: TestDatabase;
  let db: Database;
  let queue: JobQueue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    target = await createTestDatabaseUrl();
    db = await openDatabase(target.url);
    await migrateDatabase(db);
    queue = await JobQueue.start(db, jobDefinitions({ db }), memoryLogger().logger);
    for (let i = 0; i < 2; i++) workers.push(startWorker(target.url));
    // Both must be working before the deliveries come, or one could do them all while the other still starts.
    await Promise.all(workers.map((worker) => logged(worker, "worker started")));
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await queue.stop();
    await db.close();
    await target.drop();
  });

  it("share the queue: every delivery is processed once, and SIGTERM stops them cleanly", async () => {
    const shop = await createShop(db.prisma);
    const campaign = await createCampaign(db.prisma, shop.id);
    const { backer } = await createBackerWithPledge(db.prisma, campaign, { email: "ada@example.com" });
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const webhookId of ids) {
      await receiveWebhook(db, queue, {
        webhookId,
        topic: "customers/data_request",
        shop: shop.domain,
        payload: { customer: { email: "ada@example.com" } },
      });
    }
    await waitFor(
      async () =>
        (await db.prisma.webhookDelivery.count({ where: { webhookId: { in: ids }, processedAt: { not: null } } })) ===
        ids.length,
      60_000,
      "both workers to process the deliveries",
    );
    expect(await db.prisma.event.count({ where: { subjectId: backer.id, kind: "privacy.data_requested" } })).toBe(
      ids.length,
    );

    const exits = workers.map(
      (worker) => new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code))),
    );
    for (const worker of workers) worker.kill("SIGTERM");
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });

  it("stops cleanly on a SIGTERM that comes while it is still starting", async () => {
    let started: Promise<void> | undefined;
    let exit: Promise<number | null> | undefined;
    // The test holds the migrations' lock, so the worker waits in its start-up until the transaction ends.
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATE_LOCK]);
      const worker = startWorker(target.url);
      workers.push(worker);
      started = logged(worker, "worker started");
      exit = new Promise((resolve) => worker.once("exit", (code) => resolve(code)));
      const waiting = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted";
      await waitFor(
        async () => (await tx.query(waiting, [MIGRATE_LOCK])).length > 0,
        30_000,
        "the worker to wait for the lock",
      );
      worker.kill("SIGTERM");
      // Time enough for a worker deaf to the signal to die of it while still waiting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(worker.exitCode).toBeNull();
    });
    await started;
    expect(await exit).toBe(0);
  });
});
