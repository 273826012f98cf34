// The floor under the import: 100,000 backers and 100,000 pledges made inside the database from
// generate_series, with the real schema (indexes, foreign keys, JSON columns), so no parsing and no data
// transfer. What this takes is the least any import of that many rows can take on this database and machine;
// bench/import.ts compares against it. On PGlite the import checks the keys of a batch's rows with one query instead
// of a trigger per row (copyCheckingKeys), so the floor there is measured that way, and with the triggers beside it,
// each into a database of its own when it is in memory.
// Usage: npx tsx bench/import-floor.ts [rows]   (DATABASE_URL as there)
import { keyCheck, loadCheckingKeys, type LoadedKeys } from "../app/db/foreign-keys";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase, type Database } from "../app/db/open";
import { describeDatabaseUrl } from "../app/db/url";

const rows = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL ?? "pglite://memory";
const items = JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ title: `Item ${i + 1}`, quantity: 1 })));

async function floor(label: string, checkingKeys: boolean) {
  const db = await openDatabase(url, { poolSize: 2 });
  await migrateDatabase(db);
  // Start from a checkpoint on PostgreSQL: the dirty pages of an earlier run written out during this one cost it up
  // to a third of its speed. (Needs the right to CHECKPOINT; without it the run goes on as it is.)
  if (db.target.kind === "postgres") await db.query("CHECKPOINT").catch(() => {});
  const shop = await db.prisma.shop.create({ data: { domain: `floor-${Date.now()}.myshopify.com` } });
  const campaign = await db.prisma.campaign.create({
    data: { shopId: shop.id, handle: "floor", name: "Floor", platform: "KICKSTARTER", currencyCode: "USD" },
  });
  // Ids, identities and backer ids of this run: the prefix, then a number.
  const prefix = `f${Date.now()}-`;
  // What the rows hold in the columns their keys use, as the import's COPY text says it (copyCheckingKeys): the
  // backers loaded first stand for a batch's own new backers, which its pledges' keys need not look up.
  const none = { count: 0, same: {}, values: {} };
  const backersLoaded = { count: rows, same: { campaignId: campaign.id }, values: {} };
  const pledgesLoaded = { count: rows, same: { rewardId: null, importRunId: null }, values: { backerId: [] } };
  const backers = await timed(
    db,
    checkingKeys && [backersLoaded, none],
    `INSERT INTO "Backer" (id, "shopId", "campaignId", "identityKey", email, "firstName", "lastName", phone, address1,
                           city, zip, "countryCode", "updatedAt")
     SELECT $3 || g, $1, $2, $3 || g || '@example.com', 'backer' || g || '@example.com', 'Backer', g::text,
            '+15555550100', g || ' Main Street', 'Springfield', '94107', 'US', now()
       FROM generate_series(1, $4) g`,
    [shop.id, campaign.id, prefix, rows],
  );
  const pledges = await timed(
    db,
    checkingKeys && [none, pledgesLoaded],
    `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", "backerNumber",
                           "amountMinor", "currencyCode", items, "addOns", answers, "updatedAt")
     SELECT $3 || g, $1, $2, $3 || g, 'KICKSTARTER', $3 || (5000000 + g), g, 7400, 'USD', $5::json,
            '[{"rewardExternalId":"1","quantity":1}]'::jsonb, '{"Which colour?":"Blue","T-shirt size":"M"}'::json, now()
       FROM generate_series(1, $4) g`,
    [shop.id, campaign.id, prefix, rows, items],
  );
  await db.close();
  const total = backers + pledges;
  console.log(
    `${label.padEnd(44)} backers ${seconds(backers)}, pledges ${seconds(pledges)}, together ${seconds(total)}: ` +
      `${Math.round((rows / total) * 1000).toLocaleString("en")} rows/s`,
  );

  async function timed(db: Database, loaded: LoadedKeys[] | false, sql: string, params: unknown[]) {
    const check = loaded ? await keyCheck(db, ["Backer", "Pledge"]) : null;
    const start = performance.now();
    await db.transaction(async (tx) => {
      const insert = () => tx.query(sql, params);
      if (check && loaded) await loadCheckingKeys(tx, check, loaded, insert);
      else await insert();
    });
    return performance.now() - start;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(
  `${rows.toLocaleString("en")} backers and pledges generated inside the database, ${describeDatabaseUrl(url)}; ` +
    "no import of as many rows into it can be faster",
);
if (url.startsWith("pglite")) {
  await floor("keys checked once (as the import on PGlite)", true);
  await floor("keys checked by a trigger per row", false);
} else await floor("keys checked by a trigger per row", false);
