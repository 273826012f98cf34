// Workers killed (SIGKILL) in the middle of an import, of sending invoices and of releasing a wave, then replaced:
// the import finishes with every backer once, every draft gets exactly one invoice email, and every order of the
// wave has its hold released once. The dead worker's job is taken back by its missed heartbeat, not after its
// expiry. (The push itself: ordering-worker.test.ts.)
// PostgreSQL only: PGlite serves one process.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { campaignTag } from "../../app/domain/ordering/tags";
import { createCampaign } from "../../app/services/campaigns";
import { holdMissing } from "../../app/services/fulfillment/holds";
import { WAVE_RELEASE_QUEUE } from "../../app/services/fulfillment/jobs";
import { createWave, lockWave } from "../../app/services/fulfillment/waves";
import { queueImport } from "../../app/services/import/import-jobs";
import { storeUpload } from "../../app/services/import/uploads";
import { reconcileOrders } from "../../app/services/ordering/linking";
import { queuePush } from "../../app/services/ordering/push-jobs";
import { connectShop } from "../../app/services/shops";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client";
import { CostPacer } from "../../app/shopify/pacer";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { createTestDatabaseUrl, type TestDatabase } from "../helpers/database";
import { writeKickstarterReport } from "../helpers/kickstarter-report";
import { readyCampaign } from "../helpers/ready-campaign";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";
import { killWorkerProcess, startWorkerProcess } from "../helpers/worker-process";

describe.skipIf(!process.env.TEST_POSTGRES_URL)("workers killed in the middle of long jobs", () => {
  let target: TestDatabase;
  let db: Database;
  let queue: JobQueue;
  let sim: RunningSim;
  let shopId: string;
  let admin: AdminClient;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const worker = startWorkerProcess({ databaseUrl: target.url, adminOrigin: sim.url });
    workers.push(worker);
    return worker;
  };

  const kill = killWorkerProcess;

  beforeAll(async () => {
    sim = await startSim({ plan: "plus", seed: 8, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
    target = await createTestDatabaseUrl();
    db = await openDatabase(target.url);
    await migrateDatabase(db);
    // This process only supervises: it notices the dead worker's missed heartbeats.
    queue = await JobQueue.start(
      db,
      jobDefinitions({ db, adminOrigin: sim.url, push: { expireInSeconds: 3 } }),
      memoryLogger().logger,
      { superviseIntervalSeconds: 1 },
    );
    admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url });
    await connectShop(db.prisma, admin, "sim-token");
    shopId = (await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } })).id;
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await queue?.stop();
    await db?.close();
    await target?.drop();
    await sim?.close();
  });

  it("finishes an import with every backer once after its worker dies", async () => {
    const rows = 12_000;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-killed-import-")), "backers.csv");
    writeKickstarterReport(file, { rows, tiers: [{ id: "901", title: "Core", minimum: 59 }] });
    const campaign = await createCampaign(db.prisma, shopId, {
      name: "Killed import",
      platform: "KICKSTARTER",
      currencyCode: "USD",
    });
    const uploadId = await storeUpload(db, { shopId, fileName: "backers.csv", path: file, maxBytes: 1 << 30 });
    const first = startWorker();
    const run = await queueImport(db, queue, {
      shopId,
      campaignId: campaign.id,
      uploadId,
      fileName: "backers.csv",
      options: { platform: "auto" },
    });
    await waitFor(
      async () => ((await db.prisma.pledge.count({ where: { campaignId: campaign.id } })) >= 2000 ? true : undefined),
      120_000,
      "the first worker to write 2,000 pledges",
    );
    await kill(first);
    expect(await db.prisma.pledge.count({ where: { campaignId: campaign.id } })).toBeLessThan(rows);

    startWorker();
    const done = await waitFor(
      async () => {
        const current = await db.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } });
        return current.status === "SUCCEEDED" || current.status === "FAILED" ? current : undefined;
      },
      180_000,
      "the second worker to finish the import",
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(await db.prisma.pledge.count({ where: { campaignId: campaign.id } })).toBe(rows);
    expect(await db.prisma.backer.count({ where: { campaignId: campaign.id } })).toBe(rows);
    // The upload is read once more by the retry, then forgotten: by the job, just after the run is marked done.
    await waitFor(
      async () => ((await db.prisma.importUpload.count({ where: { id: uploadId } })) === 0 ? true : undefined),
      30_000,
      "the finished import's upload to be forgotten",
    );
    expect(await db.prisma.importUpload.count({ where: { id: uploadId } })).toBe(0);
  }, 300_000);

  it("sends every draft exactly one invoice after the worker sending them dies", async () => {
    const orderable = 360;
    const { campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Killed invoices", 400);
    const sent = () => sim.store.shop(DEMO_SHOP.domain)!.state.invoicesSent;
    const first = startWorker();
    const run = await queuePush(db, queue, { shopId, campaignId, invoice: true });
    await waitFor(async () => (sent().length >= 60 ? true : undefined), 120_000, "60 invoices to go out");
    await kill(first);
    expect(sent().length).toBeLessThan(orderable);

    startWorker();
    const done = await waitFor(
      async () => {
        const current = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: run.id } });
        return current.status === "SUCCEEDED" || current.status === "FAILED" ? current : undefined;
      },
      180_000,
      "the second worker to finish sending",
    );
    expect(done.status).toBe("SUCCEEDED");
    const perDraft = new Map<number, number>();
    for (const invoice of sent()) perDraft.set(invoice.draftOrderId, (perDraft.get(invoice.draftOrderId) ?? 0) + 1);
    expect(perDraft.size).toBe(orderable);
    expect([...perDraft.values()].every((count) => count === 1)).toBe(true);
    expect(await db.prisma.orderLink.count({ where: { campaignId, state: "INVOICED" } })).toBe(orderable);
  }, 300_000);

  it("releases every order of a wave once after the worker releasing it dies", async () => {
    const orderable = 360;
    const { campaignId, handle } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Killed wave", 400);
    const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
    const pusher = startWorker();
    const push = await queuePush(db, queue, { shopId, campaignId });
    await waitFor(
      async () => (await db.prisma.pushRun.findUniqueOrThrow({ where: { id: push.id } })).status === "SUCCEEDED",
      120_000,
      "the push",
    );
    await kill(pusher);
    // Every backer pays (the reward's variant sells past its stock, as crowdfunded items do); the orders are linked
    // and held as their webhooks would have.
    [...state().variants.values()][0]!.inventoryPolicy = "CONTINUE";
    const drafts = [...state().draftOrders.values()].filter((d) => d.tags.includes(campaignTag(handle)));
    expect(drafts).toHaveLength(orderable);
    for (const draft of drafts) {
      const paid = await fetch(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {
        method: "POST",
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
    }
    const pacer = new CostPacer({});
    await reconcileOrders(db, { shopId, admin, pacer, cause: "test" });
    await holdMissing(db, { shopId, admin });
    const wave = await createWave(db, shopId, { campaignId, name: "Everyone", filter: {} }, "test");
    expect((await lockWave(db, shopId, wave.id, "test")).orders).toBe(orderable);
    const released = () => db.prisma.waveOrder.count({ where: { waveId: wave.id, releasedAt: { not: null } } });

    const first = startWorker();
    // The queue waits a minute before a retry; this one, a second.
    await queue.enqueue(
      WAVE_RELEASE_QUEUE,
      { shopId, waveId: wave.id, by: "test" },
      { singletonKey: wave.id, retryDelay: 1 },
    );
    await waitFor(async () => ((await released()) >= 60 ? true : undefined), 120_000, "60 orders to be released");
    await kill(first);
    expect(await released()).toBeLessThan(orderable);

    startWorker();
    await waitFor(
      async () => (await db.prisma.wave.findUniqueOrThrow({ where: { id: wave.id } })).status === "RELEASED",
      240_000,
      "the second worker to finish the release",
    );
    expect(await released()).toBe(orderable);
    const holds = await db.prisma.fulfillmentHold.findMany({ where: { shopId, waveId: wave.id } });
    expect(holds).toHaveLength(orderable);
    expect(holds.every((h) => h.state === "RELEASED")).toBe(true);
    // In Shopify: every one of the wave's fulfillment orders open, and each released exactly once.
    const waveOrders = new Set(holds.map((h) => Number(h.fulfillmentOrderId.split("/").pop())));
    for (const id of waveOrders) expect(state().fulfillmentOrders.get(id)!.status).toBe("OPEN");
    const releases = new Map<number, number>();
    for (const delivery of sim.webhooks.deliveries)
      if (delivery.topic === "fulfillment_orders/hold_released") {
        const { fulfillment_order: order } = delivery.payload as { fulfillment_order: { id: string } };
        const id = Number(order.id.split("/").pop());
        if (waveOrders.has(id)) releases.set(id, (releases.get(id) ?? 0) + 1);
      }
    expect(releases.size).toBe(orderable);
    expect([...releases.values()].every((count) => count === 1)).toBe(true);
  }, 420_000);
});
