// orders/create, orders/paid, orders/cancelled, orders/updated: the order of a pledge's draft, linked back to the
// pledge; a storefront order with pre-order lines, recorded for caps and balances. Either is then held until its
// wave ships it. Only orders the app knows, or that carry a variant on a running offer, are read from Shopify.
import { z } from "zod";
import type { Database } from "../../db/open";
import { TerminalJobError } from "../../jobs/queue";
import { holdOrder } from "../../services/fulfillment/holds";
import { fulfillmentSettings } from "../../services/fulfillment/settings";
import { factsFromWebhook, linkOrder, raiseRefunded } from "../../services/ordering/linking";
import { isKnownPreorderOrder, sellsAsPreorder, syncPreorderOrder } from "../../services/preorders/orders";
import { adminForShop, ShopNotConnectedError } from "../../services/shop-admin";
import type { WebhookHandler } from "../process";

const LineVariants = z.object({
  line_items: z.array(z.object({ variant_id: z.union([z.number(), z.string()]).nullish() })).default([]),
});

const handle: WebhookHandler = async (db, webhook, _context, deps) => {
  const facts = factsFromWebhook(webhook.payload);
  if (!facts) throw new TerminalJobError(`${webhook.topic} payload is not an order`);
  const shop = await db.prisma.shop.findUnique({ where: { domain: webhook.shop } });
  if (!shop) return { result: "no shop" };
  const cause = `webhook:${webhook.webhookId}`;
  const result = webhook.topic === "orders/updated" ? null : await linkOrder(db, shop.id, facts, cause);
  const refunded = await raiseRefunded(db, shop.id, facts);

  const variantIds = (LineVariants.safeParse(webhook.payload).data?.line_items ?? [])
    .map((line) => line.variant_id)
    .filter((id) => id !== null && id !== undefined)
    .map((id) => `gid://shopify/ProductVariant/${id}`);
  const preorder =
    (await isKnownPreorderOrder(db, shop.id, facts.orderId)) || (await sellsAsPreorder(db, shop.id, variantIds));
  const pledge = facts.cancelled ? null : await pledgeCampaign(db, shop.id, facts.orderId);
  if (!preorder && !pledge) return { result, ...(refunded ? { refunded } : {}) };
  try {
    const { admin } = await adminForShop(db.prisma, shop.id, { adminOrigin: deps.adminOrigin });
    const context = { shopId: shop.id, admin, cause, pacer: deps.pacer };
    const synced = preorder ? await syncPreorderOrder(db, context, facts.orderId) : { recorded: false };
    const campaign = pledge ?? (synced.recorded ? await preorderCampaign(db, shop.id, facts.orderId) : undefined);
    const held =
      campaign !== undefined && !facts.cancelled && !(await alreadyHeld(db, shop.id, facts.orderId))
        ? await holdOrder(db, context, facts.orderId, campaign, fulfillmentSettings(shop.settings))
        : null;
    return { result, preorder: synced.recorded, held: held?.held ?? 0 };
  } catch (error) {
    if (error instanceof ShopNotConnectedError) return { result, preorder: "not connected" };
    throw error;
  }
};

/** The campaign of the pledge this order belongs to, or null when it is no pledge's. */
async function pledgeCampaign(db: Database, shopId: string, orderId: string) {
  const link = await db.prisma.orderLink.findFirst({
    where: { shopId, orderId, state: { not: "CANCELLED" } },
    select: { campaign: { select: { id: true, name: true } } },
  });
  return link?.campaign ?? null;
}

async function preorderCampaign(db: Database, shopId: string, orderId: string) {
  const line = await db.prisma.preorderLine.findFirst({
    where: { shopId, order: { orderId } },
    select: { offer: { select: { campaign: { select: { id: true, name: true } } } } },
  });
  return line?.offer?.campaign ?? null;
}

async function alreadyHeld(db: Database, shopId: string, orderId: string) {
  return (await db.prisma.fulfillmentHold.count({ where: { shopId, orderId } })) > 0;
}

export const orderWebhookHandlers: Record<string, WebhookHandler> = {
  "orders/create": handle,
  "orders/paid": handle,
  "orders/cancelled": handle,
  "orders/updated": handle,
};
