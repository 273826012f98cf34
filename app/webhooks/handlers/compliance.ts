// The mandatory compliance topics (services/privacy.ts says what each one does).
import { z } from "zod";
import { TerminalJobError } from "../../jobs/queue";
import { recordCustomerDataRequest, redactCustomer } from "../../services/privacy";
import { redactShop } from "../../services/shops";
import type { WebhookHandler } from "../process";

const Customer = z.object({ id: z.number().optional(), email: z.string().nullish(), phone: z.string().nullish() });
const DataRequestPayload = z.object({ customer: Customer, data_request: z.object({ id: z.number() }).optional() });
const CustomerRedactPayload = z.object({ customer: Customer });

function parse<T>(schema: z.ZodType<T>, payload: unknown, topic: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new TerminalJobError(`${topic} payload is not what Shopify sends`);
  return parsed.data;
}

export const complianceWebhookHandlers: Record<string, WebhookHandler> = {
  "customers/data_request": (db, webhook) => {
    const payload = parse(DataRequestPayload, webhook.payload, webhook.topic);
    return recordCustomerDataRequest(db, webhook.shop, {
      email: payload.customer.email ?? null,
      requestId: payload.data_request?.id ?? null,
      cause: `webhook:${webhook.webhookId}`,
    });
  },
  "customers/redact": (db, webhook) => {
    const payload = parse(CustomerRedactPayload, webhook.payload, webhook.topic);
    return redactCustomer(db, webhook.shop, {
      email: payload.customer.email ?? null,
      cause: `webhook:${webhook.webhookId}`,
    });
  },
  "shop/redact": ({ prisma }, webhook) => redactShop(prisma, webhook.shop),
};
