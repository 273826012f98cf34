// Webhook flood: the production build, served as `npm start` serves it, receives signed deliveries on loopback at a
// steady rate (200 per second for 30 s by default, 1% of them sent twice as Shopify's retries would be), while
// its in-process worker handles what it queues. Prints the acknowledgement latency (p50/p95/p99/max), the number
// of answers other than 200, and whether every delivery was recorded exactly once; the baseline is GET /healthz
// (one database round trip through the same server) at the same rate, in the same run.
// Usage: npm run bench:webhook-flood [-- seconds [per-second]]   (DATABASE_URL: a PGlite folder by default;
// BENCH_INSTALLED=1 installs the shop first, so that the worker's handlers do their real work on each order)
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { describeDatabaseUrl } from "../app/db/url";
import { WEBHOOK_QUEUE } from "../app/webhooks/receive";
import { startBuiltApp } from "../tests/helpers/app-server";
import { webhookRequest } from "../tests/helpers/webhooks";

const seconds = Number(process.argv[2] ?? 30);
const perSecond = Number(process.argv[3] ?? 200);
const SECRET = "bench-secret";
const SHOP = "flood-shop.myshopify.com";
const url = process.env.DATABASE_URL ?? `pglite://${path.join(mkdtempSync(path.join(tmpdir(), "pb-flood-")), "db")}`;

if (!existsSync("build/server/index.js")) throw new Error("No build: run `npm run build` first");
const installed = process.env.BENCH_INSTALLED === "1";
if (installed) {
  const db = await openDatabase(url);
  await migrateDatabase(db);
  await db.prisma.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP }, update: {} });
  await db.close();
}

const app = await startBuiltApp({
  NODE_ENV: "test",
  DATABASE_URL: url,
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: SECRET,
  LOG_LEVEL: "info",
  ...(process.env.JOBS_IN_PROCESS ? { JOBS_IN_PROCESS: process.env.JOBS_IN_PROCESS } : {}),
});

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Sends `make()` at a steady rate whatever the answers' speed (an open loop, as Shopify sends), for `duration` s;
 * the first `warmUp` seconds are sent but not measured (a server that just started is still compiling its code).
 */
async function steady(duration: number, make: (n: number) => Promise<Response>, warmUp = 3) {
  const total = Math.round(duration * perSecond);
  const start = performance.now();
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      make(n).then(
        async (response) => {
          await response.arrayBuffer();
          if (n >= warmUp * perSecond) latencies.push(performance.now() - sent);
          if (response.status !== 200) failures++;
        },
        () => {
          failures++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: total,
    measured: sorted.length,
    failures,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

const line = (label: string, r: Awaited<ReturnType<typeof steady>>) =>
  console.log(
    `${label.padEnd(26)} ${String(r.sent).padStart(6)} sent (${r.measured} measured) ${String(r.failures).padStart(3)} not 200  ` +
      `p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ` +
      `p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms`,
  );

console.log(
  `webhook flood, ${perSecond}/s for ${seconds} s on loopback, ${describeDatabaseUrl(url)}, ` +
    `${availableParallelism()} CPUs shared by the app, its worker, the database and this load generator` +
    (installed ? "; the shop is installed: every order goes through the orders handler" : ""),
);
try {
  line("baseline: GET /healthz", await steady(Math.min(seconds, 10), () => fetch(`${app.url}/healthz`)));

  const ids: string[] = [];
  const flood = await steady(seconds, (n) => {
    // Every hundredth delivery is a retry of an earlier one, with the same webhook id.
    const webhookId = n % 100 === 99 ? ids[n - 50]! : randomUUID();
    ids.push(webhookId);
    return fetch(
      webhookRequest({
        topic: "orders/create",
        shop: SHOP,
        secret: SECRET,
        webhookId,
        path: "/webhooks/orders",
        appUrl: app.url,
        payload: { id: 1000 + n, name: `#${1000 + n}`, tags: "", line_items: [{ id: n, quantity: 1 }] },
      }),
    );
  });
  line("orders/create deliveries", flood);
  // The last deliveries' jobs are queued a few milliseconds after their 200 (a batch): let them go out.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await app.stop();

  const db = await openDatabase(url);
  const [counts] = await db.query<{ recorded: number; distinct: number; queued: number }>(
    `SELECT count(*)::int AS recorded, count(DISTINCT "webhookId")::int AS distinct,
            count("jobId")::int AS queued
       FROM "WebhookDelivery" WHERE "shopDomain" = $1`,
    [SHOP],
  );
  // How much of the work the in-process worker did while the flood lasted (it goes on after: nothing waits for it).
  const [handled] = await db.query<{ done: number }>(
    `SELECT count(*)::int AS done FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
    [WEBHOOK_QUEUE],
  );
  await db.close();
  const { recorded, distinct, queued } = counts!;
  const unique = new Set(ids).size;
  console.log(
    `recorded ${recorded} deliveries for ${unique} distinct webhook ids (${ids.length - unique} retries), ` +
      `${queued} jobs queued: ` +
      (recorded === unique && distinct === unique && queued === unique ? "none lost, none twice" : "MISMATCH"),
  );
  console.log(`${handled!.done} of those jobs handled by the worker by the end of the flood`);
  console.log(`p99 ${flood.p99.toFixed(1)} ms against a target of 100 ms`);
} finally {
  await app.stop();
}
