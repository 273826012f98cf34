// Holds: a pledge's or pre-order's order is held as soon as the app links it, so Shopify (or a 3PL app) never
// ships it before its wave. Every hold carries the app's handle; Shopify refuses a second hold with the same
// handle on a fulfillment order, so holding again after a lost answer is refused, not doubled, and the hold is
// then found on the fulfillment order by its handle. An order that mixes pre-order lines with items in stock is
// held whole by default (one parcel, with the wave), or, with the shop's "ship in-stock items now" setting, only
// its pre-order lines are held: Shopify splits the fulfillment order and the rest ships now.
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import {
  FULFILLMENT_ORDER_HOLD,
  FULFILLMENT_ORDER_LINES,
  ORDER_FULFILLMENT_ORDERS,
} from "../../shopify/operations/fulfillment";
import { fulfillmentSettings } from "./settings";

export const HOLD_HANDLE = "pledgebridge-wave";

export type MixedOrders = "hold_whole" | "ship_in_stock_now";

// What each call asks of the shop's cost bucket (the pacer corrects its estimate from each answer).
const FULFILLMENT_ORDERS_COST = 20; // up to 10 fulfillment orders with their holds
const ORDER_LINES_COST = 52; // up to 50 lines
const HOLD_COST = 10; // a mutation

type HoldContext = { shopId: string; admin: AdminClient; pacer?: CostPacer };

export async function holdOrder(
  db: Database,
  context: HoldContext,
  orderId: string,
  campaign: { id: string; name: string } | null,
  options: { mixedOrders?: MixedOrders } = {},
) {
  const { data } = await pacedRequest(context.pacer, FULFILLMENT_ORDERS_COST, () =>
    context.admin.request(ORDER_FULFILLMENT_ORDERS, { id: orderId }),
  );
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
      // Only the pre-order lines, when the order also has lines that are not and the shop ships those now.
      const lines =
        options.mixedOrders === "ship_in_stock_now"
          ? (
              (
                await pacedRequest(context.pacer, ORDER_LINES_COST, () =>
                  context.admin.request(FULFILLMENT_ORDER_LINES, { id: fulfillmentOrder.id }),
                )
              ).data.fulfillmentOrder?.lineItems.nodes ?? []
            ).filter((l) => l.remainingQuantity > 0)
          : [];
      const preorderLines = lines.filter((l) => l.lineItem.sellingPlan);
      const partial = preorderLines.length > 0 && preorderLines.length < lines.length;
      const { data: result } = await pacedRequest(context.pacer, HOLD_COST, () =>
        context.admin.request(FULFILLMENT_ORDER_HOLD, {
          id: fulfillmentOrder.id,
          hold: {
            ...(partial
              ? { fulfillmentOrderLineItems: preorderLines.map((l) => ({ id: l.id, quantity: l.remainingQuantity })) }
              : {}),
            reason: "UNKNOWN_DELIVERY_DATE",
            handle: HOLD_HANDLE,
            reasonNotes: campaign
              ? `Ships with a Pledgebridge wave of ${campaign.name}`.slice(0, 255)
              : "Ships with a Pledgebridge wave",
          },
        }),
      );
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
export async function holdMissing(db: Database, context: HoldContext & { signal?: AbortSignal }) {
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
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: context.shopId } });
  const settings = fulfillmentSettings(shop.settings);
  let held = 0;
  for (const order of missing) {
    context.signal?.throwIfAborted();
    const campaign = order.campaignId ? { id: order.campaignId, name: order.campaignName ?? "" } : null;
    held += (await holdOrder(db, context, order.orderId, campaign, settings)).held;
  }
  return { checked: missing.length, held };
}
