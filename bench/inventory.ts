// The inventory view at campaign scale: 100,000 pledges over 200 variants (100 tiers of two items each, add-ons
// on every fifth pledge, a swapped variant on every seventh, drafts for a third of them), 5,000 pre-order lines,
// and Shopify's stock at two locations. The view (one query: pledged, in drafts, pre-ordered, free, to make) is
// timed against the baseline of a plain aggregate over the same rows: units per variant from tiers alone.
// Usage: npx tsx bench/inventory.ts [pledges] [variants]   (DATABASE_URL: pglite://memory by default, or postgres://)
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { refreshStatistics } from "../app/db/statistics";
import { describeDatabaseUrl } from "../app/db/url";
import { inventoryView } from "../app/services/inventory/view";

const count = Number(process.argv[2] ?? 100_000);
const variants = Number(process.argv[3] ?? 200);
const url = process.env.DATABASE_URL ?? "pglite://memory";
const db = await openDatabase(url, { poolSize: 4 });
await migrateDatabase(db);

const seeded = performance.now();
const shop = await db.prisma.shop.create({ data: { domain: `bench-${Date.now()}.myshopify.com` } });
const campaign = await db.prisma.campaign.create({
  data: { shopId: shop.id, name: "Bench", handle: "bench", platform: "KICKSTARTER", currencyCode: "USD" },
});
const tiers = variants / 2;
await db.query(
  `INSERT INTO "Reward" (id, "shopId", "campaignId", source, "externalId", title, kind, "updatedAt")
   SELECT 'r' || n, $1, $2, 'KICKSTARTER', 't' || n, 'Tier ' || n, CASE WHEN n < $3 THEN 'TIER' ELSE 'ADDON' END::"RewardKind", now()
     FROM generate_series(0, $3::int) AS n`,
  [shop.id, campaign.id, tiers],
);
// Each tier holds two variants; the last reward is an add-on holding one.
await db.query(
  `INSERT INTO "RewardItem" (id, "shopId", "rewardId", "variantId", quantity)
   SELECT 'ri' || n || '-' || k, $1, 'r' || n, 'gid://shopify/ProductVariant/' || (1 + (2 * n + k) % $3), 1 + k
     FROM generate_series(0, $2::int - 1) AS n, generate_series(0, 1) AS k
   UNION ALL SELECT 'ri-addon', $1, 'r' || $2, 'gid://shopify/ProductVariant/1', 1`,
  [shop.id, tiers, variants],
);
await db.query(
  `INSERT INTO "Backer" (id, "shopId", "campaignId", "identityKey", "updatedAt")
   SELECT 'b' || n, $1, $2, 'backer' || n, now() FROM generate_series(1, $3::int) AS n`,
  [shop.id, campaign.id, count],
);
await db.query(
  `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", "rewardId", status,
                         "amountMinor", "currencyCode", "addOns", choices, "updatedAt")
   SELECT 'p' || n, $1, $2, 'b' || n, 'KICKSTARTER', n::text, 'r' || (n % $4),
          (CASE WHEN n % 50 = 0 THEN 'DROPPED' ELSE 'COLLECTED' END)::"PledgeStatus", 7400, 'USD',
          CASE WHEN n % 5 = 0 THEN jsonb_build_array(jsonb_build_object('rewardExternalId', 't' || $4, 'quantity', 2))
               ELSE '[]'::jsonb END,
          CASE WHEN n % 7 = 0 THEN jsonb_build_object('variants', jsonb_build_object(
                 'gid://shopify/ProductVariant/' || (1 + (2 * (n % $4)) % $5), 'gid://shopify/ProductVariant/' || $5))
               ELSE '{}'::jsonb END,
          now()
     FROM generate_series(1, $3::int) AS n`,
  [shop.id, campaign.id, count, tiers, variants],
);
await db.query(
  `INSERT INTO "OrderLink" (id, "shopId", "campaignId", "pledgeId", "idempotencyKey", state, "updatedAt")
   SELECT 'l' || n, $1, $2, 'p' || n, 'pb-' || n, (CASE WHEN n % 6 = 0 THEN 'PAID' ELSE 'DRAFTED' END)::"OrderLinkState", now()
     FROM generate_series(1, $3::int) AS n WHERE n % 3 = 0`,
  [shop.id, campaign.id, count],
);
await db.query(
  `INSERT INTO "PreorderOrder" (id, "shopId", "orderId", "currencyCode", "updatedAt")
   SELECT 'po' || n, $1, 'gid://shopify/Order/' || n, 'USD', now() FROM generate_series(1, 5000) AS n`,
  [shop.id],
);
await db.query(
  `INSERT INTO "PreorderLine" (id, "shopId", "preorderOrderId", "lineItemId", "variantId", quantity, "reserveOnSale")
   SELECT 'pl' || n, $1, 'po' || n, 'li' || n, 'gid://shopify/ProductVariant/' || (1 + n % $2), 1 + n % 3, n % 2 = 0
     FROM generate_series(1, 5000) AS n`,
  [shop.id, variants],
);
await db.query(
  `INSERT INTO "InventoryLevel" (id, "shopId", "variantId", "inventoryItemId", "locationId", "productId", sku,
                                 "onHand", available, committed, reserved, "updatedAt")
   SELECT 'il' || v || '-' || loc, $1, 'gid://shopify/ProductVariant/' || v, 'gid://shopify/InventoryItem/' || v,
          'gid://shopify/Location/' || loc, 'gid://shopify/Product/' || (1 + v / 4), 'SKU-' || v, 1000, 800, 150, 50, now()
     FROM generate_series(1, $2::int) AS v, generate_series(1, 2) AS loc`,
  [shop.id, variants],
);
// The statistics the app's planner would have: autovacuum's on PostgreSQL (ANALYZE stands in for it), the app's own on
// PGlite (app/db/statistics.ts, which leaves JSON columns out).
await (db.target.kind === "pglite" ? refreshStatistics(db) : db.query("ANALYZE"));
const seedMs = performance.now() - seeded;

// The baseline: one plain aggregate over the same pledges, units per variant from their tier only.
const BASELINE = `SELECT ri."variantId", sum(ri.quantity)::int AS units
   FROM "Pledge" p JOIN "RewardItem" ri ON ri."rewardId" = p."rewardId"
  WHERE p."shopId" = $1 AND p.status = 'COLLECTED' GROUP BY ri."variantId"`;

async function time<T>(run: () => Promise<T>, repeat = 5) {
  await run(); // warm
  const start = performance.now();
  let result: T | undefined;
  for (let i = 0; i < repeat; i++) result = await run();
  return { ms: (performance.now() - start) / repeat, result: result! };
}

const baseline = await time(() => db.query<{ variantId: string }>(BASELINE, [shop.id]));
const view = await time(() => inventoryView(db, shop.id));
const campaignView = await time(() => inventoryView(db, shop.id, { campaignId: campaign.id }));
const oneLocation = await time(() => inventoryView(db, shop.id, { locationId: "gid://shopify/Location/1" }));

const demand = view.result.reduce((sum, r) => sum + r.pledged + r.inDrafts + r.preordered, 0);
console.log(
  `inventory view: ${count.toLocaleString("en")} pledges over ${variants} variants, 5,000 pre-order lines, ${describeDatabaseUrl(url)} (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
);
for (const [label, { ms, result }] of [
  ["plain aggregate (baseline)", baseline],
  ["inventory view", view],
  ["inventory view, one campaign", campaignView],
  ["inventory view, one location", oneLocation],
] as const) {
  console.log(
    `${label.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baseline.ms).toFixed(1)}× the baseline   ${result.length} variants`,
  );
}
console.log(`units of demand in the view: ${demand.toLocaleString("en")}`);
await db.close();
