// What a push leaves for a person to decide, as Exceptions: pledges the platform did not collect (critical once a
// draft exists), rewards with no variants, and Shopify's refusals; cleared when the cause goes away.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { openExceptionCounts } from "../../app/services/exceptions";
import { listRewards, mapReward } from "../../app/services/ordering/rewards";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { readyCampaign } from "../helpers/ready-campaign";

describe("exceptions raised by pushing", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  const push = () => pushForTest(shop, campaignId);
  const open = () => db.prisma.exception.findMany({ where: { shopId, resolvedAt: null }, orderBy: { kind: "asc" } });

  beforeAll(async () => {
    shop = await connectedShop({ seed: 5 });
    ({ sim, db, shopId } = shop);
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 20));
  }, 120_000);

  afterAll(() => shop?.close());

  it("names the reward with no variants once, and each pledge the platform did not collect", async () => {
    const [core] = await listRewards(db, shopId, campaignId);
    const items = core!.items.map(({ variantId, quantity }) => ({ variantId, quantity }));
    await db.prisma.rewardItem.deleteMany({ where: { shopId, rewardId: core!.id } });
    await push();
    await push();
    const raised = await open();
    expect(raised.filter((e) => e.kind === "unmapped_reward")).toEqual([
      expect.objectContaining({
        subjectType: "Reward",
        subjectId: core!.id,
        severity: "WARNING",
        data: { title: "Core" },
      }),
    ]);
    // Backers 10 and 20 dropped: nothing was made for them, so there is nothing to undo.
    const dropped = raised.filter((e) => e.kind === "pledge_dropped");
    expect(dropped.map((e) => e.severity)).toEqual(["INFO", "INFO"]);
    expect(await openExceptionCounts(db, shopId, campaignId)).toEqual([
      { kind: "pledge_dropped", severity: "INFO", count: 2 },
      { kind: "unmapped_reward", severity: "WARNING", count: 1 },
    ]);

    await mapReward(db, shopId, core!.id, items);
    const cleared = await db.prisma.exception.findFirstOrThrow({ where: { kind: "unmapped_reward" } });
    expect(cleared).toMatchObject({ resolvedBy: "mapping", resolution: "cleared: the cause went away" });
    expect(cleared.resolvedAt).not.toBeNull();
  });

  it("makes a pledge dropped after its draft was made critical, and clears it when it is collected again", async () => {
    await push();
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId, backerNumber: 3 },
      include: { orderLink: true },
    });
    expect(pledge.orderLink?.state).toBe("DRAFTED");
    await db.prisma.pledge.update({ where: { id: pledge.id }, data: { status: "DROPPED" } });
    await push();
    expect(await db.prisma.exception.findFirstOrThrow({ where: { subjectId: pledge.id } })).toMatchObject({
      kind: "pledge_dropped",
      severity: "CRITICAL",
      data: { status: "DROPPED", linkState: "DRAFTED", draftOrderId: pledge.orderLink!.draftOrderId },
      resolvedAt: null,
    });
    await db.prisma.pledge.update({ where: { id: pledge.id }, data: { status: "COLLECTED" } });
    await push();
    expect((await db.prisma.exception.findFirstOrThrow({ where: { subjectId: pledge.id } })).resolvedAt).not.toBeNull();
  });

  it("keeps Shopify's refusal as an exception", async () => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId, backerNumber: 4 },
      include: { orderLink: true },
    });
    // The merchant deleted the draft in the admin; then the backer's address changed: the update is refused.
    const draftId = Number(pledge.orderLink!.draftOrderId!.split("/").pop());
    sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.delete(draftId);
    await db.prisma.backer.update({ where: { id: pledge.backerId }, data: { city: "Shelbyville" } });
    await push();
    const refused = await db.prisma.exception.findFirstOrThrow({
      where: { kind: "push_refused", subjectId: pledge.id },
    });
    expect(refused).toMatchObject({ severity: "WARNING", resolvedAt: null, pledgeId: pledge.id });
    expect(JSON.stringify(refused.data)).toContain("does not exist");
  });
});
