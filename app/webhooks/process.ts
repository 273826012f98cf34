// The webhook job: hand the verified payload to its topic's handler, then mark the delivery processed.
import type { PrismaClient } from "@prisma/client";
import { TerminalJobError, type JobContext } from "../jobs/queue";
import { appWebhookHandlers } from "./handlers/app";
import { complianceWebhookHandlers } from "./handlers/compliance";
import type { WebhookJobData } from "./receive";

export type WebhookHandler = (prisma: PrismaClient, webhook: WebhookJobData, context: JobContext) => Promise<unknown>;

const HANDLERS: Record<string, WebhookHandler> = { ...appWebhookHandlers, ...complianceWebhookHandlers };

export const HANDLED_TOPICS = Object.keys(HANDLERS);

export async function processWebhook(prisma: PrismaClient, webhook: WebhookJobData, context: JobContext) {
  const handler = HANDLERS[webhook.topic];
  if (!handler) throw new TerminalJobError(`No handler for webhook topic ${webhook.topic}`);
  const output = await handler(prisma, webhook, context);
  await prisma.webhookDelivery.update({ where: { webhookId: webhook.webhookId }, data: { processedAt: new Date() } });
  return output;
}
