// A push worked by a separate worker process that is killed (SIGKILL) in the middle, with faults on the stand-in,
// then replaced by a new worker: the run ends with exactly one draft order per orderable pledge, every one linked.
// PostgreSQL only: PGlite serves one process.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { queuePush } from "../../app/services/ordering/push-jobs";
import { connectShop } from "../../app/services/shops";
import { createAdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { createTestDatabaseUrl, type TestDatabase } from "../helpers/database";
import { readyCampaign } from "../helpers/ready-campaign";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";
import { killWorkerProcess, startWorkerProcess } from "../helpers/worker-process";

const ROWS = 600;

describe.skipIf(!process.env.TEST_POSTGRES_URL)("a push whose worker process is killed", () => {
  let target: TestDatabase;
  let db: Database;
  let queue: JobQueue;
  let sim: RunningSim;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const worker = startWorkerProcess({ databaseUrl: target.url, adminOrigin: sim.url });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    // Plus: the whole push fits the bucket, so the kill, not the pacing, decides where the run stops.
    sim = await startSim({
      plan: "plus",
      seed: 5,
      faults: { "5xx": 0.03, "timeout-after-write": 0.03 },
      shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }],
    });
    target = await createTestDatabaseUrl();
    db = await openDatabase(target.url);
    await migrateDatabase(db);
    queue = await JobQueue.start(
      db,
      jobDefinitions({ db, adminOrigin: sim.url, push: { expireInSeconds: 3 } }),
      memoryLogger().logger,
      { superviseIntervalSeconds: 1 },
    );
    const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url });
    await connectShop(db.prisma, admin, "sim-token");
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await queue?.stop();
    await db?.close();
    await target?.drop();
    await sim?.close();
  });

  it("ends with one draft order per orderable pledge after the kill and a new worker", async () => {
    const { shopId, campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Killed", ROWS);
    const drafts = () => [...sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.values()];

    const first = startWorker();
    const run = await queuePush(db, queue, { shopId, campaignId });
    await waitFor(async () => drafts().length >= 150, 60_000, "the first worker to make 150 drafts");
    await killWorkerProcess(first);
    const atKill = drafts().length;
    expect(atKill).toBeLessThan(ROWS - ROWS / 10);

    startWorker();
    const done = await waitFor(
      async () => {
        const current = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: run.id } });
        return current.status === "SUCCEEDED" || current.status === "FAILED" ? current : undefined;
      },
      120_000,
      "the second worker to finish the push",
    );
    expect(done.status).toBe("SUCCEEDED");

    const orderable = ROWS - ROWS / 10;
    const links = await db.prisma.orderLink.findMany({ where: { campaignId } });
    expect(links).toHaveLength(orderable);
    const perTag = new Map<string, number>();
    for (const draft of drafts()) for (const tag of draft.tags) perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
    for (const link of links) {
      expect(link.state).toBe("DRAFTED");
      expect(perTag.get(link.idempotencyKey), `drafts of ${link.idempotencyKey}`).toBe(1);
    }
    expect(drafts()).toHaveLength(orderable);
  }, 240_000);
});
