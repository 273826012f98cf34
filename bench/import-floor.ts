// The floor under the import: 100,000 backers and 100,000 pledges made inside the database from
// generate_series, with the real schema (indexes, foreign keys, JSON columns), so no parsing and no data
// transfer. What this takes is the least any import of that many rows can take on this database and machine;
// bench/import.ts compares against it. Usage: npx tsx bench/import-floor.ts [rows]   (DATABASE_URL as there)
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { describeDatabaseUrl } from "../app/db/url";

const rows = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL ?? "pglite://memory";
const db = await openDatabase(url, { poolSize: 2 });
await migrateDatabase(db);
// Start from a checkpoint on PostgreSQL: the dirty pages of an earlier run written out during this one cost it up
// to a third of its speed. (Needs the right to CHECKPOINT; without it the run goes on as it is.)
if (db.target.kind === "postgres") await db.query("CHECKPOINT").catch(() => {});
const shop = await db.prisma.shop.create({ data: { domain: `floor-${Date.now()}.myshopify.com` } });
const campaign = await db.prisma.campaign.create({
  data: { shopId: shop.id, handle: "floor", name: "Floor", platform: "KICKSTARTER", currencyCode: "USD" },
});
const items = JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ title: `Item ${i + 1}`, quantity: 1 })));
const prefix = `f${Date.now()}-`;

async function timed(label: string, sql: string, params: unknown[]) {
  const start = performance.now();
  await db.transaction((tx) => tx.query(sql, params));
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(10)} ${(ms / 1000).toFixed(2)} s   ${Math.round((rows / ms) * 1000).toLocaleString("en")} rows/s`,
  );
  return ms;
}

console.log(
  `${rows.toLocaleString("en")} backers and pledges generated inside the database, ${describeDatabaseUrl(url)}`,
);
const backers = await timed(
  "backers",
  `INSERT INTO "Backer" (id, "shopId", "campaignId", "identityKey", email, "firstName", "lastName", phone, address1,
                         city, zip, "countryCode", "updatedAt")
   SELECT $3 || g, $1, $2, 'backer' || g || '@example.com', 'backer' || g || '@example.com', 'Backer', g::text,
          '+15555550100', g || ' Main Street', 'Springfield', '94107', 'US', now()
     FROM generate_series(1, $4) g`,
  [shop.id, campaign.id, prefix, rows],
);
const pledges = await timed(
  "pledges",
  `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", "backerNumber",
                         "amountMinor", "currencyCode", items, "addOns", answers, "updatedAt")
   SELECT $3 || g, $1, $2, $3 || g, 'KICKSTARTER', (5000000 + g)::text, g, 7400, 'USD', $5::jsonb,
          '[{"rewardExternalId":"1","quantity":1}]'::jsonb, '{"Which colour?":"Blue","T-shirt size":"M"}'::jsonb, now()
     FROM generate_series(1, $4) g`,
  [shop.id, campaign.id, prefix, rows, items],
);
const total = backers + pledges;
console.log(
  `together   ${(total / 1000).toFixed(2)} s   ${Math.round((rows / total) * 1000).toLocaleString("en")} rows/s: ` +
    `no import of ${rows.toLocaleString("en")} rows into this database can be faster`,
);
await db.close();
