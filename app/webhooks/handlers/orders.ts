// orders/create, orders/paid, orders/cancelled: the order of a pledge's draft, linked back to the pledge.
import { TerminalJobError } from "../../jobs/queue";
import { factsFromWebhook, linkOrder } from "../../services/ordering/linking";
import type { WebhookHandler } from "../process";

const link: WebhookHandler = async (db, webhook) => {
  const facts = factsFromWebhook(webhook.payload);
  if (!facts) throw new TerminalJobError(`${webhook.topic} payload is not an order`);
  const shop = await db.prisma.shop.findUnique({ where: { domain: webhook.shop } });
  if (!shop) return { result: "no shop" };
  const result = await linkOrder(db, shop.id, facts, `webhook:${webhook.webhookId}`);
  return { result };
};

export const orderWebhookHandlers: Record<string, WebhookHandler> = {
  "orders/create": link,
  "orders/paid": link,
  "orders/cancelled": link,
};
