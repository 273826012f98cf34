// fulfillments/create and fulfillments/update: a parcel left or moved; recorded against its order.
import { TerminalJobError } from "../../jobs/queue";
import { FulfillmentPayload, recordShipment } from "../../services/fulfillment/tracking";
import type { WebhookHandler } from "../process";

const record: WebhookHandler = async (db, webhook) => {
  const payload = FulfillmentPayload.safeParse(webhook.payload);
  if (!payload.success) throw new TerminalJobError(`${webhook.topic} payload is not a fulfillment`);
  const shop = await db.prisma.shop.findUnique({ where: { domain: webhook.shop } });
  if (!shop) return { result: "no shop" };
  return recordShipment(db, shop.id, payload.data, `webhook:${webhook.webhookId}`);
};

export const fulfillmentWebhookHandlers: Record<string, WebhookHandler> = {
  "fulfillments/create": record,
  "fulfillments/update": record,
};
