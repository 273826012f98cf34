// The demo's story, played once against the stand-in with the app's own services, so that a newcomer sees every
// part working: rewards mapped (one tier left unmapped), pledges pushed as draft orders and invoiced, a dozen paid
// at the stand-in's checkout and linked, their orders held and gathered in a locked wave for Europe, a late-pledge
// pre-order offer with a deposit bought once by a shopper, stock read from "Shopify", and the exceptions all of
// that leaves (dropped pledges, the unmapped tier, an address that will not ship).
import type { Database } from "../../app/db/open";
import { checkCampaign } from "../../app/services/exception-checks";
import { holdMissing } from "../../app/services/fulfillment/holds";
import { createWave, lockWave } from "../../app/services/fulfillment/waves";
import { refreshLevels, trackedVariantIds } from "../../app/services/inventory/levels";
import { reconcileOrders } from "../../app/services/ordering/linking";
import { sendInvoices } from "../../app/services/ordering/invoices";
import { pushCampaign } from "../../app/services/ordering/push";
import { mapReward, searchCatalog } from "../../app/services/ordering/rewards";
import { createOffer } from "../../app/services/preorders/offers";
import { reconcilePreorders } from "../../app/services/preorders/orders";
import type { AdminClient } from "../../app/shopify/admin-client";
import { AdminApiError } from "../../app/shopify/errors";
import { CostPacer } from "../../app/shopify/pacer";

const DAY = 86_400_000;
const CAUSE = "demo";

export async function playDemoScenario(
  db: Database,
  options: { admin: AdminClient; shopDomain: string; simUrl: string; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: options.shopDomain } });
  const campaign = await db.prisma.campaign.findFirstOrThrow({ where: { shopId: shop.id, handle: "deep-delve" } });
  if (await db.prisma.orderLink.count({ where: { campaignId: campaign.id } })) return;
  const { admin } = options;
  const context = { shopId: shop.id, admin, cause: CAUSE };
  const pacer = new CostPacer({});
  const variant = async (sku: string) => {
    const [found] = await searchCatalog(admin, `sku:${sku}`);
    if (!found) throw new Error(`The stand-in has no ${sku}`);
    return { variantId: found.id, quantity: 1, sku };
  };

  // Rewards: two tiers and the coin add-on mapped; "All-in Hoard" left for the merchant (an exception).
  const rewards = await db.prisma.reward.findMany({ where: { campaignId: campaign.id } });
  const reward = (title: string) => rewards.find((r) => r.title === title)!;
  await mapReward(db, shop.id, reward("Delver").id, [await variant("DD-CORE")]);
  await mapReward(db, shop.id, reward("Dragon Slayer").id, [await variant("DD-CORE"), await variant("DD-EXP-DRAGON")]);
  await mapReward(db, shop.id, reward("Metal Coin Set").id, [await variant("DD-COINS")]);

  // One backer's address lost its city: it will not ship until someone fixes it.
  const lost = await db.prisma.backer.findFirstOrThrow({
    where: { campaignId: campaign.id, email: "backer005@example.com" },
  });
  await db.prisma.backer.update({ where: { id: lost.id }, data: { city: null } });
  // Backer 7 is backer 6 pledging again under a work email: the inbox offers to merge the two records.
  const first = await db.prisma.backer.findFirstOrThrow({
    where: { campaignId: campaign.id, email: "backer006@example.com" },
  });
  await db.prisma.backer.updateMany({
    where: { campaignId: campaign.id, email: "backer007@example.com" },
    data: {
      firstName: first.firstName,
      lastName: first.lastName,
      address1: first.address1,
      city: first.city,
      zip: first.zip,
      countryCode: first.countryCode,
      provinceCode: first.provinceCode,
    },
  });

  const pushed = await pushCampaign(db, {
    shopId: shop.id,
    campaignId: campaign.id,
    admin,
    pacer,
    cause: CAUSE,
    lookupDelayMs: 0,
  });
  log(`  pushed ${pushed.created} draft orders`);

  // A dozen backers pay at the stand-in's checkout, the others get their invoice; the app links the paid orders as
  // its reconciliation would (the app is not listening for the stand-in's webhooks yet).
  const links = await db.prisma.orderLink.findMany({
    where: { campaignId: campaign.id, invoiceUrl: { not: null } },
    orderBy: { createdAt: "asc" },
    take: 12,
  });
  for (const link of links) await fetch(link.invoiceUrl!, { method: "POST", redirect: "manual" });
  const linked = await reconcileOrders(db, { shopId: shop.id, admin, pacer, cause: CAUSE });
  await holdMissing(db, { shopId: shop.id, admin });
  log(`  ${linked.linked} orders paid and held for their wave`);
  const invoiced = await sendInvoices(db, {
    shopId: shop.id,
    campaignId: campaign.id,
    admin,
    pacer,
    cause: CAUSE,
    adminOrigin: options.simUrl,
  });
  log(`  ${invoiced.sent} invoice emails sent`);

  const wave = await createWave(
    db,
    shop.id,
    { campaignId: campaign.id, name: "Europe, first parcels", filter: { countries: ["FR", "DE", "ES", "GB"] } },
    CAUSE,
  );
  await lockWave(db, shop.id, wave.id, CAUSE);

  // Late pledges: the expansion as a pre-order with a 30% deposit, bought once.
  const dragon = await variant("DD-EXP-DRAGON");
  const offer = await createOffer(
    db,
    { ...context, now: new Date() },
    {
      terms: {
        name: "Late pledge: Dragon's Lair",
        payment: {
          kind: "deposit",
          percentage: 30,
          balance: { trigger: "date", date: new Date(Date.now() + 45 * DAY) },
        },
        delivery: { kind: "date", date: new Date(Date.now() + 90 * DAY) },
        reserve: "on_sale",
        discountPercentage: 0,
      },
      campaignId: campaign.id,
      variants: [{ variantId: dragon.variantId, cap: 50 }],
      translations: { fr: { name: "Contribution tardive : l'Antre du dragon" } },
    },
  );
  if (offer.ok) {
    const saved = await db.prisma.preorderOffer.findFirstOrThrow({ where: { shopId: shop.id } });
    await fetch(`${options.simUrl}/sim/shops/${options.shopDomain}/checkout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        email: "late.backer@example.com",
        lines: [
          {
            variantId: Number(dragon.variantId.split("/").pop()),
            quantity: 1,
            sellingPlanId: Number(saved.sellingPlanId!.split("/").pop()),
          },
        ],
        shippingAddress: { countryCode: "FR", city: "Lyon" },
      }),
    });
    await reconcilePreorders(db, { ...context, pacer });
  }

  const variantIds = await trackedVariantIds(db, shop.id);
  await whenNotThrottled(() => refreshLevels(db, { shopId: shop.id, admin, pacer, variantIds }));
  await checkCampaign(db, shop.id, campaign.id, CAUSE);
}

async function whenNotThrottled<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AdminApiError) || error.failure !== "throttled" || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
