// The demo's campaign: a board game funded on Kickstarter, with tiers, add-ons, and backers across Europe and
// North America in every pledge state. Generated the same way every time; written once (by handle).
import type { PrismaClient } from "@prisma/client";

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Hedy",
  "Linus",
  "Margaret",
  "Tim",
  "Radia",
  "Ken",
  "Barbara",
  "Dennis",
  "Frances",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Lamarr",
  "Torvalds",
  "Hamilton",
  "Berners-Lee",
  "Perlman",
  "Thompson",
  "Liskov",
];
const PLACES = [
  { countryCode: "FR", city: "Lyon", zip: "69001" },
  { countryCode: "DE", city: "Berlin", zip: "10115" },
  { countryCode: "US", city: "Portland", zip: "97201", provinceCode: "OR" },
  { countryCode: "CA", city: "Montréal", zip: "H2X 1Y4", provinceCode: "QC" },
  { countryCode: "GB", city: "Leeds", zip: "LS1 4AP" },
  { countryCode: "ES", city: "Valencia", zip: "46001" },
];
const TIERS = [
  { externalId: "9012341", title: "Delver", minimumMinor: 5900 },
  { externalId: "9012342", title: "Dragon Slayer", minimumMinor: 8400 },
  { externalId: "9012343", title: "All-in Hoard", minimumMinor: 12900 },
];
const ADDONS = [
  { externalId: "addon-coins", title: "Metal Coin Set", minimumMinor: 1500 },
  { externalId: "addon-sleeves", title: "Card Sleeves", minimumMinor: 800 },
];

export async function seedDemoCampaign(prisma: PrismaClient, shopDomain: string, backers = 48) {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  if (await prisma.campaign.findUnique({ where: { shopId_handle: { shopId: shop.id, handle: "deep-delve" } } })) return;
  await prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        shopId: shop.id,
        handle: "deep-delve",
        name: "Deep Delve: the board game",
        platform: "KICKSTARTER",
        currencyCode: "EUR",
        status: "FULFILLING",
        startsAt: new Date("2026-03-03T15:00:00Z"),
        endsAt: new Date("2026-04-02T15:00:00Z"),
        estimatedShipAt: new Date("2027-02-01T00:00:00Z"),
      },
    });
    const rewards = [];
    for (const reward of [
      ...TIERS.map((t) => ({ ...t, kind: "TIER" as const })),
      ...ADDONS.map((a) => ({ ...a, kind: "ADDON" as const })),
    ]) {
      rewards.push(
        await tx.reward.create({
          data: { shopId: shop.id, campaignId: campaign.id, source: "KICKSTARTER", ...reward },
        }),
      );
    }
    for (let n = 1; n <= backers; n++) {
      const place = PLACES[n % PLACES.length]!;
      const firstName = FIRST[n % FIRST.length]!;
      const lastName = LAST[(n * 7) % LAST.length]!;
      const email = `backer${String(n).padStart(3, "0")}@example.com`;
      const tier = TIERS[n % TIERS.length]!;
      const status = n % 16 === 0 ? "DROPPED" : n % 23 === 0 ? "ERRORED" : "COLLECTED";
      const backer = await tx.backer.create({
        data: {
          shopId: shop.id,
          campaignId: campaign.id,
          identityKey: email,
          email,
          firstName,
          lastName,
          address1: `${n} Main Street`,
          city: place.city,
          zip: place.zip,
          countryCode: place.countryCode,
          provinceCode: place.provinceCode ?? null,
        },
      });
      const coins = n % 3 === 0 ? 1 : 0;
      const shippingPaidMinor = place.countryCode === "FR" ? 900 : 1500;
      await tx.pledge.create({
        data: {
          shopId: shop.id,
          campaignId: campaign.id,
          backerId: backer.id,
          source: "KICKSTARTER",
          externalBackerId: String(700000 + n),
          backerNumber: n,
          rewardId: rewards.find((r) => r.externalId === tier.externalId)!.id,
          status,
          amountMinor: tier.minimumMinor + coins * 1500 + shippingPaidMinor,
          shippingPaidMinor,
          currencyCode: "EUR",
          pledgedAt: new Date(Date.UTC(2026, 2, 3 + (n % 30), 15)),
          addOns: coins ? [{ rewardExternalId: "addon-coins", quantity: coins }] : [],
        },
      });
    }
  });
}
