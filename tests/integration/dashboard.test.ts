// The dashboard's figures: the funnel counts each pledge at every stage it reached, money stays per currency,
// breakdowns and exceptions are the shop's (and campaign's) own, whatever another shop holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { loadDashboard } from "../../app/services/dashboard";
import { raiseExceptions } from "../../app/services/exceptions";
import { openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

describe("the dashboard", () => {
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  let otherCampaignId: string;

  async function pledge(
    campaign: { id: string; shopId: string },
    options: {
      reward?: string;
      state?: "DRAFTED" | "INVOICED" | "PAID" | "CANCELLED";
      shipped?: boolean;
      status?: "DROPPED";
      addOns?: boolean;
    } = {},
  ) {
    const { pledge } = await createBackerWithPledge(db.prisma, campaign);
    await db.prisma.pledge.update({
      where: { id: pledge.id },
      data: {
        rewardId: options.reward ?? null,
        status: options.status ?? "COLLECTED",
        amountMinor: options.addOns ? 8000 : 5000,
        shippingPaidMinor: 1000,
        addOns: options.addOns ? [{ rewardExternalId: "pin", title: "Pin", quantity: 2 }] : [],
      },
    });
    if (options.state) {
      const orderId = options.state === "PAID" ? `gid://shopify/Order/${pledge.id}` : null;
      await db.prisma.orderLink.create({
        data: {
          shopId: campaign.shopId,
          campaignId: campaign.id,
          pledgeId: pledge.id,
          idempotencyKey: `key-${pledge.id}`,
          state: options.state,
          orderId,
        },
      });
      if (options.shipped && orderId) {
        await db.prisma.shipment.create({
          data: { shopId: campaign.shopId, orderId, fulfillmentId: `f-${pledge.id}`, shippedAt: new Date() },
        });
      }
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    const shop = await createShop(db.prisma);
    shopId = shop.id;
    const campaign = await createCampaign(db.prisma, shopId);
    campaignId = campaign.id;
    const mapped = await db.prisma.reward.create({
      data: { shopId, campaignId, source: "KICKSTARTER", externalId: "t1", title: "Deluxe", minimumMinor: 4000 },
    });
    await db.prisma.rewardItem.create({ data: { shopId, rewardId: mapped.id, variantId: "gid://shopify/Variant/1" } });
    await db.prisma.reward.create({
      data: { shopId, campaignId, source: "KICKSTARTER", externalId: "pin", title: "Pin", kind: "ADDON" },
    });
    await db.prisma.rewardItem.create({
      data: {
        shopId,
        rewardId: (await db.prisma.reward.findFirstOrThrow({ where: { externalId: "pin" } })).id,
        variantId: "gid://shopify/Variant/2",
      },
    });
    const unmapped = await db.prisma.reward.create({
      data: { shopId, campaignId, source: "KICKSTARTER", externalId: "t2", title: "Basic" },
    });

    await pledge(campaign, { reward: mapped.id }); // ready
    await pledge(campaign, { reward: unmapped.id }); // blocked: imported only
    await pledge(campaign, { reward: mapped.id, state: "DRAFTED" });
    await pledge(campaign, { reward: mapped.id, state: "INVOICED", addOns: true });
    await pledge(campaign, { reward: mapped.id, state: "PAID" });
    await pledge(campaign, { reward: mapped.id, state: "PAID", shipped: true });
    await pledge(campaign, { reward: mapped.id, status: "DROPPED" });

    const other = await createCampaign(db.prisma, shopId);
    otherCampaignId = other.id;
    await db.prisma.campaign.update({ where: { id: other.id }, data: { currencyCode: "USD" } });
    const usd = await createBackerWithPledge(db.prisma, other);
    await db.prisma.pledge.update({ where: { id: usd.pledge.id }, data: { currencyCode: "USD", amountMinor: 2500 } });
    await db.prisma.backer.update({ where: { id: usd.backer.id }, data: { countryCode: "US" } });

    await raiseExceptions(db, shopId, [
      { campaignId, kind: "unmapped_reward", severity: "WARNING", subjectType: "Reward", subjectId: unmapped.id },
      { campaignId: null, kind: "balance_failed", severity: "CRITICAL", subjectType: "Order", subjectId: "o1" },
    ]);

    // Another shop, with a paid and shipped pledge of its own: none of it may show.
    const stranger = await createShop(db.prisma);
    const strangerCampaign = await createCampaign(db.prisma, stranger.id);
    for (let i = 0; i < 3; i++) await createBackerWithPledge(db.prisma, strangerCampaign);
    await raiseExceptions(db, stranger.id, [
      { campaignId: null, kind: "inventory_drift", severity: "WARNING", subjectType: "InventoryLevel", subjectId: "x" },
    ]);
  });
  afterAll(() => db?.drop());

  it("counts each pledge at every stage of the funnel it reached", async () => {
    const { funnel } = await loadDashboard(db, shopId, campaignId);
    expect(funnel).toEqual({ imported: 7, ready: 5, drafted: 4, invoiced: 3, paid: 2, shipped: 1 });
  });

  it("keeps money per currency and counts add-ons above the tier's minimum", async () => {
    const { money } = await loadDashboard(db, shopId, null);
    // EUR: six collected pledges of 50 € (one of 80 € with add-ons), 10 € shipping each; add-ons 80 − 10 − 40 = 30 €.
    expect(money).toEqual([
      { currencyCode: "EUR", pledged: 33000, addOns: 3000, shipping: 6000, balancesDue: 0 },
      { currencyCode: "USD", pledged: 2500, addOns: 0, shipping: 0, balancesDue: 0 },
    ]);
    expect((await loadDashboard(db, shopId, campaignId)).money.map((m) => m.currencyCode)).toEqual(["EUR"]);
  });

  it("breaks collected pledges down by reward and country, within the campaign asked for", async () => {
    const dashboard = await loadDashboard(db, shopId, campaignId);
    expect(dashboard.rewards).toEqual([
      expect.objectContaining({ title: "Deluxe", pledges: 5 }),
      expect.objectContaining({ title: "Basic", pledges: 1 }),
    ]);
    expect(dashboard.countries).toEqual([{ countryCode: "FR", pledges: 6 }]);
    const other = await loadDashboard(db, shopId, otherCampaignId);
    expect(other.countries).toEqual([{ countryCode: "US", pledges: 1 }]);
    expect(other.funnel.imported).toBe(1);
  });

  it("lists the shop's open exceptions by kind, the critical first, and never another shop's", async () => {
    const all = await loadDashboard(db, shopId, null);
    expect(all.exceptions).toEqual([
      { kind: "balance_failed", count: 1, critical: 1 },
      { kind: "unmapped_reward", count: 1, critical: 0 },
    ]);
    expect(all.funnel.imported).toBe(8);
    expect((await loadDashboard(db, shopId, campaignId)).exceptions.map((e) => e.kind)).toEqual(["unmapped_reward"]);
  });
});
