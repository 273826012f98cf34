// Pushes queued as jobs: one run per campaign however often it is asked for, worked in slices that continue from
// the run's cursor, and a clear failure when the shop is not connected.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { createCampaign } from "../../app/services/campaigns";
import { startBulkPush } from "../../app/services/ordering/bulk-push";
import { describePushRun, PUSH_QUEUE, queuePush, startPushRun } from "../../app/services/ordering/push-jobs";
import { adminForShop } from "../../app/services/shop-admin";
import { CostPacer } from "../../app/shopify/pacer";
import { connectShop } from "../../app/services/shops";
import { createAdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";
import { readyCampaign as readyCampaignIn } from "../helpers/ready-campaign";
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
      jobDefinitions({
        db,
        adminOrigin: sim.url,
        push: { sliceMs: 1, pageSize: 40, lookupDelayMs: 0, bulkThreshold: 200, bulkPollMs: 20 },
      }),
      memoryLogger().logger,
    );
    await queue.work(2);
    const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url });
    await connectShop(db.prisma, admin, "sim-token");
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

  const readyCampaign = (name: string, rows: number) => readyCampaignIn(db, sim, DEMO_SHOP.domain, name, rows);

  it("pushes a campaign once, in slices, and counts what it did", async () => {
    const { shopId, campaignId } = await readyCampaign("Sliced", 150);
    const run = await queuePush(db, queue, { shopId, campaignId });
    const same = await queuePush(db, queue, { shopId, campaignId });
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

    const second = await queuePush(db, queue, { shopId, campaignId });
    expect(second.id).not.toBe(run.id);
    expect(await settled(second.id)).toMatchObject({ status: "SUCCEEDED", created: 0, skipped: 150 });
  }, 90_000);

  const draftsTagged = (tag: string) =>
    [...sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.values()].filter((draft) => draft.tags.includes(tag));
  /** Every pledge of the campaign linked to exactly one draft, and as many drafts as expected. */
  async function expectOneDraftEach(campaignId: string, handle: string, drafts: number) {
    expect(draftsTagged(`campaign-${handle}`)).toHaveLength(drafts);
    const links = await db.prisma.orderLink.findMany({ where: { campaignId } });
    expect(links.filter((link) => link.state === "DRAFTED")).toHaveLength(drafts);
    for (const link of links) expect(draftsTagged(link.idempotencyKey)).toHaveLength(1);
  }
  const bulkMutations = () => sim.bulk.list(DEMO_SHOP.domain).filter((op) => op.type === "MUTATION");

  it("sends a large push through one bulk operation, then finishes live, once per pledge", async () => {
    const { shopId, campaignId, handle } = await readyCampaign("Bulk", 300);
    const before = bulkMutations().length;
    const run = await queuePush(db, queue, { shopId, campaignId });
    const done = await settled(run.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", phase: "push", created: 270, failed: 0 });
    expect(done.bulkOperationId).toMatch(/BulkOperation/);
    expect(bulkMutations()).toHaveLength(before + 1);
    await expectOneDraftEach(campaignId, handle, 270);
  }, 90_000);

  it("after a crash between starting the bulk operation and recording it, waits for it and links its drafts", async () => {
    const { shopId, campaignId, handle } = await readyCampaign("Bulk crash", 300);
    const run = await startPushRun(db, { shopId, campaignId });
    const { admin } = await adminForShop(db.prisma, shopId, { adminOrigin: sim.url });
    // What the dead slice did: claimed every link, started the operation, and marked that it was starting.
    await db.prisma.pushRun.update({
      where: { id: run.id },
      data: { status: "RUNNING", startedAt: new Date(), phase: "bulk", bulkOperationId: "starting" },
    });
    const started = await startBulkPush(db, {
      shopId,
      campaignId,
      admin,
      pacer: new CostPacer({ timeScale: 100 }),
      cause: "test",
      runId: run.id,
    });
    expect(started.lines).toBe(270);
    await queue.enqueueWithId(PUSH_QUEUE, { shopId, runId: run.id }, randomUUID(), { singletonKey: campaignId });
    const done = await settled(run.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", failed: 0 });
    await expectOneDraftEach(campaignId, handle, 270);
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
