// Rows as tests need them, with sensible defaults and one place to change them.
import type { PrismaClient } from "@prisma/client";

let sequence = 0;
const next = () => ++sequence;

export async function createShop(prisma: PrismaClient, overrides: { domain?: string } = {}) {
  const n = next();
  return prisma.shop.create({ data: { domain: overrides.domain ?? `shop-${n}.myshopify.com`, currencyCode: "EUR" } });
}

export async function createCampaign(prisma: PrismaClient, shopId: string) {
  const n = next();
  return prisma.campaign.create({
    data: { shopId, handle: `campaign-${n}`, name: `Campaign ${n}`, platform: "KICKSTARTER", currencyCode: "EUR" },
  });
}

export async function createBackerWithPledge(
  prisma: PrismaClient,
  campaign: { id: string; shopId: string },
  overrides: { email?: string } = {},
) {
  const n = next();
  const email = overrides.email ?? `backer${n}@example.com`;
  const backer = await prisma.backer.create({
    data: {
      shopId: campaign.shopId,
      campaignId: campaign.id,
      identityKey: email.toLowerCase(),
      email,
      firstName: "Ada",
      lastName: `Backer${n}`,
      phone: "+33612345678",
      address1: "1 rue de la Paix",
      city: "Paris",
      zip: "75002",
      countryCode: "FR",
    },
  });
  const pledge = await prisma.pledge.create({
    data: {
      shopId: campaign.shopId,
      campaignId: campaign.id,
      backerId: backer.id,
      source: "KICKSTARTER",
      externalBackerId: String(1000 + n),
      amountMinor: 4900,
      currencyCode: "EUR",
    },
  });
  return { backer, pledge };
}

export async function createOfflineSession(prisma: PrismaClient, shop: string, accessToken = "shpat_test") {
  return prisma.session.create({
    data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: "write_orders" },
  });
}
