// The webhook job: hand the verified payload to its topic's handler, then mark the delivery processed.
import type { Database } from "../db/open";
import { TerminalJobError, type JobContext } from "../jobs/queue";
import { appWebhookHandlers } from "./handlers/app";
import { complianceWebhookHandlers } from "./handlers/compliance";
import { fulfillmentWebhookHandlers } from "./handlers/fulfillment";
import { inventoryWebhookHandlers } from "./handlers/inventory";
import { orderWebhookHandlers } from "./handlers/orders";
import { pacerForShop, type CostPacer } from "../shopify/pacer";
import type { WebhookJobData } from "./receive";

/** What handlers that call Shopify back need: the stand-in's origin when the configuration points at it. */
export interface WebhookDeps {
  adminOrigin?: string;
  /**
   * Paces the handler's calls to Shopify by the shop's budget. processWebhook gives the shop's pacer in this process
   * (pacerForShop), shared with the shop's other jobs: a webhook that comes while a push spends the bucket waits its
   * turn instead of failing THROTTLED.
   */
  pacer?: CostPacer;
}

export type WebhookHandler = (
  db: Database,
  webhook: WebhookJobData,
  context: JobContext,
  deps: WebhookDeps,
) => Promise<unknown>;

const HANDLERS: Record<string, WebhookHandler> = {
  ...appWebhookHandlers,
  ...complianceWebhookHandlers,
  ...orderWebhookHandlers,
  ...inventoryWebhookHandlers,
  ...fulfillmentWebhookHandlers,
};

export const HANDLED_TOPICS = Object.keys(HANDLERS);

export async function processWebhook(
  db: Database,
  webhook: WebhookJobData,
  context: JobContext,
  deps: WebhookDeps = {},
) {
  const handler = HANDLERS[webhook.topic];
  if (!handler) throw new TerminalJobError(`No handler for webhook topic ${webhook.topic}`);
  const output = await handler(db, webhook, context, { pacer: pacerForShop(webhook.shop), ...deps });
  await db.prisma.webhookDelivery.update({
    where: { webhookId: webhook.webhookId },
    data: { processedAt: new Date() },
  });
  return output;
}
