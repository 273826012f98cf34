// Pushes queued as jobs: one run per campaign however often it is asked for, worked in slices that continue from
// the run's cursor, and a clear failure when the shop is not connected.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { createCampaign } from "../../app/services/campaigns";
import { importFile } from "../../app/services/import/import-file";
import { describePushRun, queuePush } from "../../app/services/ordering/push-jobs";
import { listRewards, mapReward } from "../../app/services/ordering/rewards";
import { connectShop } from "../../app/services/shops";
import { createAdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";
import { writeKickstarterReport } from "../helpers/kickstarter-report";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";

describe(`pushes queued as jobs on ${engineName}`, () => {
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let queue: JobQueue;

  beforeAll(async () => {
    sim = await startSim({ timeScale: 100, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
    db = await openTestDatabase();
    queue = await JobQueue.start(
      db,
      jobDefinitions({ db, adminOrigin: sim.url, push: { sliceMs: 1, pageSize: 40, lookupDelayMs: 0 } }),
      memoryLogger().logger,
    );
    await queue.work(2);
  });
  afterAll(async () => {
    await queue.stop();
    await sim.close();
    await db.drop();
  });

  const settled = (runId: string) =>
    waitFor(
      async () => {
        const run = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: runId } });
        return run.status === "SUCCEEDED" || run.status === "FAILED" ? run : undefined;
      },
      60_000,
      `push run ${runId} to finish`,
    );

  it("pushes a campaign once, in slices, and counts what it did", async () => {
    const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url });
    await connectShop(db.prisma, admin, "sim-token");
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-push-jobs-")), "backers.csv");
    writeKickstarterReport(file, { rows: 150, tiers: [{ id: "901", title: "Core", minimum: 59 }], droppedEvery: 10 });
    const { campaignId } = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Sliced" },
      path: file,
      fileName: "backers.csv",
      currency: "USD",
    });
    const [core] = await listRewards(db, shop.id, campaignId);
    const variant = [...sim.store.shop(DEMO_SHOP.domain)!.state.variants.values()][0]!;
    await mapReward(db, shop.id, core!.id, [{ variantId: `gid://shopify/ProductVariant/${variant.id}`, quantity: 1 }]);
    await db.prisma.campaign.update({
      where: { id: campaignId },
      data: { settings: { ordering: { currency: "store" } } },
    });

    const run = await queuePush(db, queue, { shopId: shop.id, campaignId });
    const same = await queuePush(db, queue, { shopId: shop.id, campaignId });
    expect(same.id).toBe(run.id);

    const done = await settled(run.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", total: 150, done: 150, planned: 135, created: 135, failed: 0 });
    expect(describePushRun(done)).toMatchObject({ counts: { created: 135, skipped: 15 }, secondsLeft: null });
    expect([...sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.values()]).toHaveLength(135);
    // 150 pledges, 40 a page, one page a slice: four jobs for one run.
    const slices = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'orders-push' AND data->>'runId' = $1`,
      [run.id],
    );
    expect(slices[0]!.n).toBe(4);

    const second = await queuePush(db, queue, { shopId: shop.id, campaignId });
    expect(second.id).not.toBe(run.id);
    expect(await settled(second.id)).toMatchObject({ status: "SUCCEEDED", created: 0, skipped: 150 });
  }, 90_000);

  it("fails the run for good when the shop is not connected", async () => {
    const shop = await createShop(db.prisma);
    const campaign = await createCampaign(db.prisma, shop.id, { name: "Orphan", platform: "CSV", currencyCode: "EUR" });
    const run = await queuePush(db, queue, { shopId: shop.id, campaignId: campaign.id });
    expect(await settled(run.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/not connected/) });
  });

  it("does not queue a push of another shop's campaign", async () => {
    const shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    const campaign = await createCampaign(db.prisma, shop.id, { name: "Mine", platform: "CSV", currencyCode: "EUR" });
    await expect(queuePush(db, queue, { shopId: other.id, campaignId: campaign.id })).rejects.toThrow(/No campaign/);
    expect(await db.prisma.pushRun.count({ where: { campaignId: campaign.id } })).toBe(0);
  });
});
