// Workers killed (SIGKILL) in the middle of an import and of sending invoices, then replaced: the import finishes
// with every backer once, and every draft gets exactly one invoice email. The dead worker's job is taken back by
// its missed heartbeat, not after its hour-long expiry. (The push itself: ordering-worker.test.ts.)
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
import { createCampaign } from "../../app/services/campaigns";
import { queueImport } from "../../app/services/import/import-jobs";
import { storeUpload } from "../../app/services/import/uploads";
import { queuePush } from "../../app/services/ordering/push-jobs";
import { connectShop } from "../../app/services/shops";
import { createAdminClient } from "../../app/shopify/admin-client";
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
    const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url });
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
    // The upload is read once more by the retry, then forgotten.
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
});
