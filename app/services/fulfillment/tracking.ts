// Parcels as Shopify reports them (fulfillments/create and fulfillments/update): one Shipment per fulfillment,
// with carrier and tracking, delivered when Shopify's shipment status says so. Shopify's own shipping email
// reaches the backer; the app only records, so duplicate and out-of-order deliveries end in the same row.
import { z } from "zod";
import type { Database } from "../../db/open";
import { recordEvent } from "../events";

export const FulfillmentPayload = z.object({
  id: z.union([z.number(), z.string()]),
  admin_graphql_api_id: z.string().optional(),
  order_id: z.union([z.number(), z.string()]),
  status: z.string().nullish(),
  shipment_status: z.string().nullish(),
  tracking_company: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_url: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

export async function recordShipment(
  db: Database,
  shopId: string,
  payload: z.infer<typeof FulfillmentPayload>,
  cause: string,
) {
  if (payload.status && ["cancelled", "error", "failure"].includes(payload.status)) {
    await db.prisma.shipment.deleteMany({ where: { shopId, fulfillmentId: fulfillmentGid(payload) } });
    return { recorded: false };
  }
  const delivered = payload.shipment_status === "delivered";
  const fields = {
    orderId: `gid://shopify/Order/${payload.order_id}`,
    company: payload.tracking_company ?? null,
    number: payload.tracking_number ?? null,
    url: payload.tracking_url ?? null,
    status: payload.shipment_status ?? null,
  };
  const before = await db.prisma.shipment.findUnique({
    where: { shopId_fulfillmentId: { shopId, fulfillmentId: fulfillmentGid(payload) } },
  });
  await db.prisma.shipment.upsert({
    where: { shopId_fulfillmentId: { shopId, fulfillmentId: fulfillmentGid(payload) } },
    create: {
      shopId,
      fulfillmentId: fulfillmentGid(payload),
      ...fields,
      shippedAt: new Date(payload.created_at ?? Date.now()),
      deliveredAt: delivered ? new Date(payload.updated_at ?? Date.now()) : null,
    },
    // A later "in transit" never takes a delivered parcel back.
    update: { ...fields, ...(delivered ? { deliveredAt: new Date(payload.updated_at ?? Date.now()) } : {}) },
  });
  // The pledge's audit trail: shipped once, delivered once, whatever the deliveries' order and number.
  const link = await db.prisma.orderLink.findFirst({ where: { shopId, orderId: fields.orderId } });
  const data = { fulfillmentId: fulfillmentGid(payload), company: fields.company, number: fields.number };
  if (link && !before) await recordEvent(db, shopId, "OrderLink", link.id, "order.shipped", cause, data, link.pledgeId);
  if (link && delivered && !before?.deliveredAt)
    await recordEvent(db, shopId, "OrderLink", link.id, "order.delivered", cause, data, link.pledgeId);
  return { recorded: true };
}

function fulfillmentGid(payload: { id: number | string; admin_graphql_api_id?: string }) {
  return payload.admin_graphql_api_id ?? `gid://shopify/Fulfillment/${payload.id}`;
}
