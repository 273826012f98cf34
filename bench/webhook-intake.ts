// Webhook intake: how many deliveries per second the app can record and queue after the HMAC check (the work
// done before the 200), against a baseline of plain single-row inserts on the same database in the same run.
// Usage: npx tsx bench/webhook-intake.ts [count]   (DATABASE_URL: pglite://memory by default, or postgres://…)
import { randomUUID } from "node:crypto";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { describeDatabaseUrl } from "../app/db/url";
import { jobDefinitions } from "../app/jobs/definitions";
import { JobQueue } from "../app/jobs/queue";
import { createLogger } from "../app/logger.server";
import { receiveWebhook, recordDelivery } from "../app/webhooks/receive";

const count = Number(process.argv[2] ?? 500);
const url = process.env.DATABASE_URL ?? "pglite://memory";
const db = await openDatabase(url, { poolSize: 4 });
await migrateDatabase(db);
const queue = await JobQueue.start(db, jobDefinitions({ db }), createLogger("silent"));

const delivery = () => ({
  webhookId: randomUUID(),
  topic: "orders/create",
  shop: "bench-shop.myshopify.com",
  payload: { id: 1, tags: "pledgebridge", line_items: [{ id: 1, quantity: 1 }] },
});

async function timed(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(44)} ${(ms / count).toFixed(2).padStart(7)} ms each   ${Math.round((count / ms) * 1000)
      .toString()
      .padStart(6)} /s`,
  );
  return ms;
}

console.log(`webhook intake, ${count} deliveries one after another, ${describeDatabaseUrl(url)}`);
const baseline = await timed("baseline: one plain INSERT of a delivery row", () =>
  db.query(
    `INSERT INTO "WebhookDelivery" (id, "webhookId", "shopDomain", topic) VALUES (gen_random_uuid()::text, $1, $2, $3)`,
    [randomUUID(), "bench-shop.myshopify.com", "orders/create"],
  ),
);
const recorded = await timed("intake before the 200: record the delivery", () => recordDelivery(db, delivery()));
const intake = await timed("record, then queue its job (after the 200)", () => receiveWebhook(db, queue, delivery()));
const duplicate = delivery();
await receiveWebhook(db, queue, duplicate);
await timed("duplicate delivery (answered from the record)", () => receiveWebhook(db, queue, duplicate));
console.log(
  `the 200 waits ${(recorded / baseline).toFixed(1)}× the baseline insert; with the queueing, ${(intake / baseline).toFixed(1)}×`,
);

await queue.stop();
await db.close();
