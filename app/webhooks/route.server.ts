// What every webhook route does: verify the HMAC (a bad one is answered 401 by the library), record and
// queue the delivery, and only then answer 200, so a delivery is acknowledged only once it is safe.
import prisma from "../db.server";
import { jobs } from "../jobs/runtime.server";
import { logger } from "../logger.server";
import { authenticate } from "../shopify.server";
import { receiveWebhook } from "./receive";

export async function handleWebhookRequest(request: Request): Promise<Response> {
  // The topic header keeps Shopify's slash form (app/uninstalled), which is how handlers are named.
  const topicHeader = request.headers.get("x-shopify-topic");
  const context = await authenticate.webhook(request);
  const intake = await receiveWebhook(
    { prisma, queue: jobs },
    {
      webhookId: context.webhookId,
      topic: topicHeader ?? context.topic.toLowerCase(),
      shop: context.shop,
      payload: context.payload,
      eventId: context.eventId,
      triggeredAt: context.triggeredAt,
      apiVersion: context.apiVersion,
    },
  );
  logger.info({ topic: topicHeader, shop: context.shop, webhookId: context.webhookId, intake }, "webhook received");
  return new Response(null, { status: 200 });
}
