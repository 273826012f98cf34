// orders/create, orders/paid, orders/cancelled, orders/updated: the order of a pledge's draft, linked back to the
// pledge; and a storefront order with pre-order lines, recorded for caps and balances. Only orders that carry a
// variant on a running offer (or that the app already knows) are read again from Shopify.
import { z } from "zod";
import { TerminalJobError } from "../../jobs/queue";
import { factsFromWebhook, linkOrder } from "../../services/ordering/linking";
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
  const result =
    webhook.topic === "orders/updated" ? null : await linkOrder(db, shop.id, facts, `webhook:${webhook.webhookId}`);

  const variantIds = (LineVariants.safeParse(webhook.payload).data?.line_items ?? [])
    .map((line) => line.variant_id)
    .filter((id) => id !== null && id !== undefined)
    .map((id) => `gid://shopify/ProductVariant/${id}`);
  const preorder =
    (await isKnownPreorderOrder(db, shop.id, facts.orderId)) || (await sellsAsPreorder(db, shop.id, variantIds));
  if (!preorder) return { result };
  try {
    const { admin } = await adminForShop(db.prisma, shop.id, { adminOrigin: deps.adminOrigin });
    const synced = await syncPreorderOrder(
      db,
      { shopId: shop.id, admin, cause: `webhook:${webhook.webhookId}` },
      facts.orderId,
    );
    return { result, preorder: synced.recorded };
  } catch (error) {
    if (error instanceof ShopNotConnectedError) return { result, preorder: "not connected" };
    throw error;
  }
};

export const orderWebhookHandlers: Record<string, WebhookHandler> = {
  "orders/create": handle,
  "orders/paid": handle,
  "orders/cancelled": handle,
  "orders/updated": handle,
};
