// Webhooks as Shopify sends them: to the app's subscriptions (read from its shopify.app.toml, as `shopify app
// deploy` would register them), signed with HMAC-SHA256 of the raw body with the app's secret, Shopify's
// headers, a 5-second timeout, and retries with backoff on anything but 2xx. At least once, in no promised order.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import type { Faults } from "./faults";

export interface WebhookTarget {
  appUrl: string;
  secret: string;
  /** Topic → path on the app, e.g. "orders/create" → "/webhooks/orders". */
  subscriptions: Map<string, string>;
}

export interface DeliveryRecord {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  payload: Record<string, unknown>;
  status: "pending" | "delivered" | "failed" | "no subscriber";
  attempts: number;
  lastStatus: number | null;
  triggeredAt: string;
}

export function subscriptionsFromToml(file = "shopify.app.toml"): Map<string, string> {
  const toml = parse(readFileSync(file, "utf8")) as {
    webhooks?: { subscriptions?: Array<{ topics?: string[]; compliance_topics?: string[]; uri: string }> };
  };
  const subscriptions = new Map<string, string>();
  for (const subscription of toml.webhooks?.subscriptions ?? []) {
    for (const topic of [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])]) {
      subscriptions.set(topic, subscription.uri);
    }
  }
  return subscriptions;
}

export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private target: WebhookTarget | null,
    private readonly faults: Faults,
    private readonly retryDelaysMs: number[] = [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000],
    /** Absolute addresses of a shop's API-made subscriptions to a topic. */
    private readonly apiSubscribers: (shop: string, topic: string) => string[] = () => [],
  ) {}

  setTarget(target: WebhookTarget | null) {
    this.target = target;
  }

  /** The app the stand-in serves: where its webhooks and its app proxy go. */
  get app(): WebhookTarget | null {
    return this.target;
  }

  /** One delivery per subscription: the app's (from its TOML) and any the shop made through the API. */
  send(shop: string, topic: string, payload: Record<string, unknown>) {
    const path = this.target?.subscriptions.get(topic);
    const urls = [
      ...(this.target && path ? [`${this.target.appUrl.replace(/\/$/, "")}${path}`] : []),
      ...(this.target ? this.apiSubscribers(shop, topic) : []),
    ];
    const record = (): DeliveryRecord => ({
      webhookId: randomUUID(),
      eventId,
      shop,
      topic,
      payload,
      status: "pending",
      attempts: 0,
      lastStatus: null,
      triggeredAt,
    });
    const eventId = randomUUID();
    const triggeredAt = new Date().toISOString();
    if (!urls.length) {
      this.deliveries.push({ ...record(), status: "no subscriber" });
      return;
    }
    for (const url of urls) {
      const delivery = record();
      this.deliveries.push(delivery);
      const delay = this.faults.happens("out-of-order-webhook") ? 50 + this.faults.pick([0, 1, 2, 3]) * 150 : 0;
      this.track(this.deliver(delivery, url, this.target!.secret, delay));
      if (this.faults.happens("duplicate-webhook"))
        this.track(this.deliver({ ...delivery }, url, this.target!.secret, delay + 20, delivery));
    }
  }

  /** Resolves when every delivery under way (retries included) has ended. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  clear() {
    this.deliveries.length = 0;
  }

  private track(promise: Promise<void>) {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(record: DeliveryRecord, url: string, secret: string, delayMs: number, shared = record) {
    if (delayMs) await sleep(delayMs);
    const body = JSON.stringify(record.payload);
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      shared.attempts++;
      try {
        const response = await fetch(url, {
          method: "POST",
          body,
          signal: AbortSignal.timeout(5000),
          headers: {
            "Content-Type": "application/json",
            "X-Shopify-Topic": record.topic,
            "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
            "X-Shopify-Shop-Domain": record.shop,
            "X-Shopify-API-Version": ADMIN_API_VERSION,
            "X-Shopify-Webhook-Id": record.webhookId,
            "X-Shopify-Event-Id": record.eventId,
            "X-Shopify-Triggered-At": record.triggeredAt,
          },
        });
        shared.lastStatus = response.status;
        await response.body?.cancel();
        if (response.ok) {
          shared.status = "delivered";
          return;
        }
      } catch {
        shared.lastStatus = null;
      }
      if (attempt < this.retryDelaysMs.length) await sleep(this.retryDelaysMs[attempt]!);
    }
    shared.status = "failed";
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
