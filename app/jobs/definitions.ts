// Every queue the app has, with its data schema and retry policy. Handlers are thin: they call a service.
import type { PrismaClient } from "@prisma/client";
import { AdminApiError } from "../shopify/errors";
import { processWebhook } from "../webhooks/process";
import { WEBHOOK_QUEUE, WebhookJobData } from "../webhooks/receive";
import { defineQueue, TerminalJobError, type QueueDefinition } from "./queue";

/** Terminal: our own TerminalJobError, and Shopify errors no retry fixes (401/402/403/404/423, bad query). */
export function isTerminalError(error: unknown): boolean {
  if (error instanceof TerminalJobError) return true;
  return error instanceof AdminApiError && !error.retryable;
}

export function jobDefinitions(deps: { prisma: PrismaClient }): QueueDefinition[] {
  return [
    defineQueue({
      name: WEBHOOK_QUEUE,
      schema: WebhookJobData,
      retryLimit: 8,
      retryDelaySeconds: 5,
      isTerminal: isTerminalError,
      handler: (data, context) => processWebhook(deps.prisma, data, context),
    }),
  ];
}
