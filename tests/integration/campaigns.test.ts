import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { listCampaigns } from "../../app/services/campaigns";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

describe(`campaigns on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => (db = await openTestDatabase()));
  afterAll(() => db.drop());

  it("lists a shop's campaigns with pledge counts, and only that shop's", async () => {
    const shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    await seedDemoCampaign(db.prisma, shop.domain, 48);
    expect(await listCampaigns(db.prisma, shop.id)).toEqual([
      expect.objectContaining({
        handle: "deep-delve",
        platform: "KICKSTARTER",
        pledges: 48,
        collected: 43,
        currencyCode: "EUR",
      }),
    ]);
    expect(await listCampaigns(db.prisma, other.id)).toEqual([]);
  });

  it("seeds the demo campaign once, however often the demo starts", async () => {
    const shop = await createShop(db.prisma);
    await seedDemoCampaign(db.prisma, shop.domain, 10);
    await seedDemoCampaign(db.prisma, shop.domain, 10);
    expect(await db.prisma.campaign.count({ where: { shopId: shop.id } })).toBe(1);
    expect(await db.prisma.pledge.count({ where: { shopId: shop.id } })).toBe(10);
    expect(await db.prisma.reward.count({ where: { shopId: shop.id, kind: "ADDON" } })).toBe(2);
  });
});
