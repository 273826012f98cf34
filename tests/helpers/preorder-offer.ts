// The simplest pre-order offer on one variant of the stand-in's shop: paid in full at checkout, shipped as soon as
// it can be, no cap; and the selling plan a shopper picks to buy on it.
import type { Database } from "../../app/db/open";
import { createOffer } from "../../app/services/preorders/offers";
import type { AdminClient } from "../../app/shopify/admin-client";
import type { ShopState } from "../../sim/state/shop-state";

export async function fullPaymentOffer(
  db: Database,
  context: { shopId: string; admin: AdminClient; state: ShopState },
  options: { campaignId: string; sku: string },
) {
  const variant = [...context.state.variants.values()].find((v) => v.sku === options.sku)!;
  const offer = await createOffer(
    db,
    { shopId: context.shopId, admin: context.admin, cause: "test" },
    {
      terms: {
        name: "Sleeves reprint",
        payment: { kind: "full" },
        delivery: { kind: "asap" },
        reserve: "on_sale",
        discountPercentage: 0,
      },
      campaignId: options.campaignId,
      variants: [{ variantId: `gid://shopify/ProductVariant/${variant.id}`, cap: null }],
    },
  );
  if (!offer.ok) throw new Error(`The offer was refused: ${JSON.stringify(offer)}`);
  const planId = [...context.state.sellingPlanGroups.values()].at(-1)!.plans[0]!.id;
  return { variant, planId };
}
