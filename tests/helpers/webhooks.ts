// Webhook requests as Shopify sends them: raw JSON body, HMAC-SHA256 of that body with the app's secret.
import { createHmac, randomUUID } from "node:crypto";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";

export interface WebhookRequestOptions {
  topic: string;
  shop: string;
  payload: unknown;
  secret: string;
  webhookId?: string;
  path: string;
  appUrl?: string;
}

export function signWebhookBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export function webhookRequest(options: WebhookRequestOptions): Request {
  const body = JSON.stringify(options.payload);
  return new Request(`${options.appUrl ?? "https://pledgebridge.test"}${options.path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Hmac-Sha256": signWebhookBody(body, options.secret),
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}
