// The backers list at campaign scale: 100,000 pledges (and their backers) in one campaign, then the queries the
// admin's backers page runs: the first page, a page deep in the list (keyset: it should cost what the first
// costs), a search, and filters. The first page is the baseline, measured in the same run.
// The tables have the statistics the app's planner would have: on PostgreSQL autovacuum's (ANALYZE stands in for it),
// on PGlite the app's own, taken after an import (app/db/statistics.ts); BENCH_ANALYZE=0 leaves them with none.
// Usage: npx tsx bench/backers-list.ts [pledges]   (DATABASE_URL: pglite://memory by default, or postgres://)
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { refreshStatistics } from "../app/db/statistics";
import { describeDatabaseUrl } from "../app/db/url";
import { listBackers, parseBackerQuery } from "../app/services/backers";

const count = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL ?? "pglite://memory";
const db = await openDatabase(url, { poolSize: 4 });
await migrateDatabase(db);

const shop = await db.prisma.shop.create({ data: { domain: `bench-${Date.now()}.myshopify.com` } });
const campaign = await db.prisma.campaign.create({
  data: { shopId: shop.id, name: "Bench", handle: "bench", platform: "KICKSTARTER", currencyCode: "USD" },
});
const rewards = await Promise.all(
  [0, 1, 2].map((tier) =>
    db.prisma.reward.create({
      data: {
        shopId: shop.id,
        campaignId: campaign.id,
        source: "KICKSTARTER",
        externalId: `t${tier}`,
        title: `Tier ${tier}`,
      },
    }),
  ),
);
const seeded = performance.now();
await db.query(
  `INSERT INTO "Backer" (id, "shopId", "campaignId", "identityKey", email, "firstName", "lastName", "countryCode", "updatedAt")
   SELECT 'b' || n, $1, $2, 'backer' || n || '@example.com', 'backer' || n || '@example.com', 'Backer', 'Number' || n,
          (ARRAY['US','FR','DE','GB'])[1 + n % 4], now()
   FROM generate_series(1, $3::int) AS n`,
  [shop.id, campaign.id, count],
);
await db.query(
  `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", "backerNumber", "rewardId",
                         status, "amountMinor", "currencyCode", "createdAt", "updatedAt")
   SELECT 'p' || n, $1, $2, 'b' || n, 'KICKSTARTER', (5000000 + n)::text, n, ($4::text[])[1 + n % 3],
          (CASE WHEN n % 50 = 0 THEN 'DROPPED' ELSE 'COLLECTED' END)::"PledgeStatus", 7400, 'USD',
          now() + n * interval '1 millisecond', now()
   FROM generate_series(1, $3::int) AS n`,
  [shop.id, campaign.id, count, rewards.map((reward) => reward.id)],
);
if (process.env.BENCH_ANALYZE !== "0") {
  await (db.target.kind === "pglite" ? refreshStatistics(db) : db.query("ANALYZE"));
}
const seedMs = performance.now() - seeded;

async function time(query: string, repeat = 5) {
  const params = parseBackerQuery(new URLSearchParams(query));
  await listBackers(db.prisma, shop.id, campaign.id, params); // warm
  const start = performance.now();
  let result: Awaited<ReturnType<typeof listBackers>> | undefined;
  for (let i = 0; i < repeat; i++) result = await listBackers(db.prisma, shop.id, campaign.id, params);
  return { ms: (performance.now() - start) / repeat, result: result! };
}

const first = await time("");
// The cursor of a page three quarters down the list.
const deepCursor = `p${Math.floor(count * 0.75)}`;
const measurements = [
  ["first page (baseline)", first],
  ["a page 75% down the list", await time(`after=${deepCursor}`)],
  ["search by email", await time(`q=backer${Math.floor(count / 2)}@`)],
  ["search by name", await time(`q=Number${Math.floor(count / 3)}`)],
  ["filter: dropped, Germany", await time("status=DROPPED&country=DE")],
  [`filter: one reward`, await time(`reward=${rewards[1]!.id}`)],
] as const;

console.log(
  `backers list of ${count.toLocaleString("en")} pledges, ${describeDatabaseUrl(url)} (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
);
for (const [label, { ms, result }] of measurements) {
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / first.ms).toFixed(1)}× the first page   ${result.total.toLocaleString("en")} matching`,
  );
}
await db.close();
