// What every webhook route does: verify the HMAC (a bad one is answered 401), record the delivery, answer 200,
// and queue its job right after (webhooks/receive.ts). Verification is the Shopify library's own
// `webhooks.validate`; the app library's `authenticate.webhook` would also load the shop's session from the
// database on every delivery, which no handler here needs on the request's path.
import { WebhookValidationErrorReason } from "@shopify/shopify-api";
import { database } from "../db.server";
import { jobs } from "../jobs/runtime.server";
import { logger } from "../logger.server";
import { webhookApi } from "../shopify.server";
import { DeliveryDispatcher, recordDelivery, storablePayload, webhookJob } from "./receive";

const dispatcher = new DeliveryDispatcher(database, jobs, (error, deliveries) =>
  logger.error({ err: error, deliveries }, "webhooks recorded, queueing left to the sweep"),
);

export async function handleWebhookRequest(request: Request): Promise<Response> {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  const rawBody = await request.text();
  const check = await webhookApi.webhooks.validate({ rawBody, rawRequest: request });
  if (!check.valid) {
    const status = check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400;
    logger.warn({ reason: check.reason, status }, "webhook refused");
    return new Response(null, { status });
  }
  let payload: unknown;
  try {
    payload = storablePayload(JSON.parse(rawBody), rawBody);
  } catch {
    return new Response(null, { status: 400 });
  }
  // The topic header keeps Shopify's slash form (app/uninstalled), which is how handlers are named.
  const topic = request.headers.get("x-shopify-topic") ?? check.topic.toLowerCase();
  const delivery = {
    webhookId: check.webhookId,
    topic,
    shop: check.domain,
    payload,
    ...("eventId" in check && check.eventId ? { eventId: check.eventId } : {}),
    ...(check.triggeredAt ? { triggeredAt: check.triggeredAt } : {}),
    apiVersion: check.apiVersion,
  };
  const intake = await recordDelivery(database, delivery);
  logger.info({ topic, shop: check.domain, webhookId: check.webhookId, intake }, "webhook received");
  // Queued after the 200, with the deliveries around it; a failure there is the sweep's, never Shopify's.
  if (intake === "recorded") dispatcher.add(webhookJob(delivery));
  return new Response(null, { status: 200 });
}
