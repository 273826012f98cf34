// Holds: a pledge's or pre-order's order is held as soon as the app links it, so Shopify (or a 3PL app) never
// ships it before its wave. Every hold carries the app's handle; Shopify refuses a second hold with the same
// handle on a fulfillment order, so holding again after a lost answer is refused, not doubled, and the hold is
// then found on the fulfillment order by its handle. The whole order is held, retail items with it (the
// merchant ships those with the wave, or releases the order by hand in Shopify).
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { FULFILLMENT_ORDER_HOLD, ORDER_FULFILLMENT_ORDERS } from "../../shopify/operations/fulfillment";

export const HOLD_HANDLE = "pledgebridge-wave";

export async function holdOrder(
  db: Database,
  context: { shopId: string; admin: AdminClient },
  orderId: string,
  campaign: { id: string; name: string } | null,
) {
  const { data } = await context.admin.request(ORDER_FULFILLMENT_ORDERS, { id: orderId });
  let held = 0;
  for (const fulfillmentOrder of data.order?.fulfillmentOrders.nodes ?? []) {
    if (!["OPEN", "ON_HOLD", "SCHEDULED"].includes(fulfillmentOrder.status)) continue;
    const existing = fulfillmentOrder.fulfillmentHolds.find((h) => h.handle === HOLD_HANDLE);
    const row = await db.prisma.fulfillmentHold.upsert({
      where: {
        shopId_fulfillmentOrderId_handle: {
          shopId: context.shopId,
          fulfillmentOrderId: fulfillmentOrder.id,
          handle: HOLD_HANDLE,
        },
      },
      create: {
        shopId: context.shopId,
        orderId,
        fulfillmentOrderId: fulfillmentOrder.id,
        handle: HOLD_HANDLE,
        campaignId: campaign?.id ?? null,
      },
      update: {},
    });
    if (row.state === "RELEASED") continue; // its wave let it go: never held again
    let holdId = existing?.id ?? null;
    if (!holdId) {
      const { data: result } = await context.admin.request(FULFILLMENT_ORDER_HOLD, {
        id: fulfillmentOrder.id,
        hold: {
          reason: "UNKNOWN_DELIVERY_DATE",
          handle: HOLD_HANDLE,
          reasonNotes: campaign
            ? `Ships with a Pledgebridge wave of ${campaign.name}`.slice(0, 255)
            : "Ships with a Pledgebridge wave",
        },
      });
      const answer = result.fulfillmentOrderHold!;
      if (answer.userErrors.length) throw new Error(`Shopify refused the hold: ${answer.userErrors[0]!.message}`);
      holdId = answer.fulfillmentHold!.id;
    }
    await db.prisma.fulfillmentHold.update({ where: { id: row.id }, data: { holdId, state: "HELD" } });
    held++;
  }
  return { held };
}

/**
 * Orders the app linked but never held (the webhook that would have held them never came, or Shopify refused
 * then): pledges' paid orders and recorded pre-order orders with no hold row, held now.
 */
export async function holdMissing(db: Database, context: { shopId: string; admin: AdminClient; signal?: AbortSignal }) {
  const missing = await db.query<{ orderId: string; campaignId: string | null; campaignName: string | null }>(
    `SELECT l."orderId", c.id AS "campaignId", c.name AS "campaignName"
       FROM "OrderLink" l JOIN "Campaign" c ON c.id = l."campaignId"
      WHERE l."shopId" = $1 AND l.state = 'PAID' AND l."orderId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "FulfillmentHold" h WHERE h."shopId" = $1 AND h."orderId" = l."orderId")
     UNION
     SELECT o."orderId", c.id, c.name
       FROM "PreorderOrder" o
       LEFT JOIN "PreorderLine" pl ON pl."preorderOrderId" = o.id
       LEFT JOIN "PreorderOffer" f ON f.id = pl."offerId"
       LEFT JOIN "Campaign" c ON c.id = f."campaignId"
      WHERE o."shopId" = $1 AND o."cancelledAt" IS NULL AND o."fulfilledAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "FulfillmentHold" h WHERE h."shopId" = $1 AND h."orderId" = o."orderId")
      LIMIT 1000`,
    [context.shopId],
  );
  let held = 0;
  for (const order of missing) {
    context.signal?.throwIfAborted();
    const campaign = order.campaignId ? { id: order.campaignId, name: order.campaignName ?? "" } : null;
    held += (await holdOrder(db, context, order.orderId, campaign)).held;
  }
  return { checked: missing.length, held };
}
