// Intake for every webhook, after the route has verified its HMAC. The 200 waits for one statement only: the
// delivery, body included, is recorded (or found already recorded: a duplicate) in WebhookDelivery. Its job is
// queued right after the answer (`DeliveryDispatcher`, in batches), under an id derived from the webhook id, and
// the body is then dropped from the row. A crash between the two leaves a recorded delivery with no job, which the sweep
// (`queueUnqueued`, every minute) queues: so nothing acknowledged is lost, and nothing is queued twice, whoever
// queues it and however often Shopify sends it. (A transactional outbox: Shopify's 5-second answer budget and
// a flood of deliveries are met by one INSERT on the request's path.)
import { z } from "zod";
import type { Database } from "../db/open";
import type { JobQueue } from "../jobs/queue";
import { stableUuid } from "../jobs/stable-id";

export const WEBHOOK_QUEUE = "webhook";
export const WEBHOOK_SWEEP_QUEUE = "webhook-sweep";
export const WEBHOOK_SWEEP_CRON = "* * * * *";

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

export type Intake = "recorded" | "duplicate";

/** Records the delivery; "duplicate" when this webhook id was recorded before. One statement. */
export async function recordDelivery(db: Database, delivery: WebhookDeliveryInput): Promise<Intake> {
  const rows = await db.query(
    `INSERT INTO "WebhookDelivery" (id, "webhookId", "shopDomain", topic, "eventId", "triggeredAt", "apiVersion", payload)
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT ("webhookId") DO NOTHING
     RETURNING id`,
    [
      delivery.webhookId,
      delivery.shop,
      delivery.topic,
      delivery.eventId ?? null,
      parseTimestamp(delivery.triggeredAt),
      delivery.apiVersion ?? null,
      JSON.stringify(delivery.payload ?? null),
    ],
  );
  return rows.length ? "recorded" : "duplicate";
}

/**
 * The body as the database can keep it: PostgreSQL's text and jsonb cannot hold a NUL character, which JSON can
 * (as \u0000, in any string or key). Each becomes U+FFFD, the replacement character, so that the delivery is
 * recorded instead of failing with a 500 that Shopify would retry until it gave up.
 */
export function storablePayload(payload: unknown, rawBody: string): unknown {
  if (!rawBody.includes("\\u0000")) return payload;
  const clean = (value: unknown): unknown => {
    if (typeof value === "string") return value.replaceAll("\0", "\uFFFD");
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [clean(key), clean(item)]));
    return value;
  };
  return clean(payload);
}

export const webhookJobId = (webhookId: string) => stableUuid(`webhook:${webhookId}`);

type Enqueue = Pick<JobQueue, "enqueueMany">;

/** Queues recorded deliveries' jobs in one statement (ids already queued are skipped) and drops their bodies. */
export async function queueDeliveries(db: Database, queue: Enqueue, jobs: WebhookJobData[]) {
  if (!jobs.length) return;
  const ids = jobs.map((job) => webhookJobId(job.webhookId));
  await queue.enqueueMany(
    WEBHOOK_QUEUE,
    jobs.map((data, i) => ({ id: ids[i]!, data })),
  );
  await db.query(
    `UPDATE "WebhookDelivery" d SET "jobId" = x."jobId", payload = NULL
       FROM unnest($1::text[], $2::text[]) AS x("webhookId", "jobId")
      WHERE d."webhookId" = x."webhookId"`,
    [jobs.map((job) => job.webhookId), ids],
  );
}

/**
 * Gathers the jobs of deliveries just recorded and queues them together, a few milliseconds later: under a flood
 * one statement queues dozens. A batch that fails is left to the sweep.
 */
export class DeliveryDispatcher {
  private pending: WebhookJobData[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Database,
    private readonly queue: Enqueue,
    private readonly onError: (error: unknown, deliveries: number) => void,
    private readonly delayMs = 20,
    private readonly maxBatch = 200,
  ) {}

  add(job: WebhookJobData) {
    this.pending.push(job);
    if (this.pending.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    try {
      await queueDeliveries(this.db, this.queue, batch);
    } catch (error) {
      this.onError(error, batch.length);
    }
  }
}

/** Record, then queue: for callers with no answer to send first (tests, benchmarks, the CLI). */
export async function receiveWebhook(db: Database, queue: Enqueue, delivery: WebhookDeliveryInput): Promise<Intake> {
  const intake = await recordDelivery(db, delivery);
  if (intake === "recorded") await queueDeliveries(db, queue, [webhookJob(delivery)]);
  return intake;
}

/** The sweep: deliveries recorded more than `olderThanSeconds` ago whose job was never queued. */
export async function queueUnqueued(db: Database, queue: Enqueue, olderThanSeconds = 30, limit = 1000) {
  const rows = await db.query<{
    webhookId: string;
    shopDomain: string;
    topic: string;
    eventId: string | null;
    triggeredAt: Date | null;
    payload: unknown;
  }>(
    `SELECT "webhookId", "shopDomain", topic, "eventId", "triggeredAt", payload FROM "WebhookDelivery"
      WHERE "jobId" IS NULL AND "receivedAt" <= now() - make_interval(secs => $1)
      ORDER BY "receivedAt" LIMIT $2`,
    [olderThanSeconds, limit],
  );
  await queueDeliveries(
    db,
    queue,
    rows.map((row) => ({
      webhookId: row.webhookId,
      topic: row.topic,
      shop: row.shopDomain,
      payload: row.payload,
      ...(row.eventId ? { eventId: row.eventId } : {}),
      ...(row.triggeredAt ? { triggeredAt: new Date(row.triggeredAt).toISOString() } : {}),
    })),
  );
  return { queued: rows.length };
}

/** The job's data: the delivery without what only the record keeps. */
export function webhookJob(delivery: WebhookDeliveryInput): WebhookJobData {
  const { apiVersion: _apiVersion, ...job } = delivery;
  return job;
}

function parseTimestamp(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
