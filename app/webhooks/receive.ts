// Intake for every webhook, after the route has verified its HMAC: record the delivery, queue the work, and
// only then let the route answer 200. Deduplicated on X-Shopify-Webhook-Id, and safe against a crash at any
// step: the job id is derived from the webhook id, so a redelivery can neither queue it twice nor lose it.
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { JobQueue } from "../jobs/queue";
import { stableUuid } from "../jobs/stable-id";

export const WEBHOOK_QUEUE = "webhook";

export const WebhookJobData = z.object({
  webhookId: z.string().min(1),
  topic: z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  shop: z.string().min(1),
  payload: z.unknown(),
  eventId: z.string().optional(),
  triggeredAt: z.string().optional(),
});
export type WebhookJobData = z.infer<typeof WebhookJobData>;

export interface WebhookDeliveryInput extends WebhookJobData {
  apiVersion?: string;
}

export type Intake = "queued" | "duplicate";

export async function receiveWebhook(
  deps: { prisma: PrismaClient; queue: JobQueue },
  delivery: WebhookDeliveryInput,
): Promise<Intake> {
  const seen = await deps.prisma.webhookDelivery.findUnique({ where: { webhookId: delivery.webhookId } });
  if (seen?.jobId) return "duplicate";

  const jobId = stableUuid(`webhook:${delivery.webhookId}`);
  const { apiVersion, ...job } = delivery;
  const queued = await deps.queue.enqueueWithId(WEBHOOK_QUEUE, job, jobId);

  await deps.prisma.webhookDelivery.upsert({
    where: { webhookId: delivery.webhookId },
    create: {
      webhookId: delivery.webhookId,
      shopDomain: delivery.shop,
      topic: delivery.topic,
      eventId: delivery.eventId ?? null,
      triggeredAt: parseTimestamp(delivery.triggeredAt),
      apiVersion: apiVersion ?? null,
      jobId,
    },
    update: { jobId },
  });
  return queued ? "queued" : "duplicate";
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
