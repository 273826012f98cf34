// The app stores instants as UTC in `timestamp(3)` columns, as Prisma writes them. What the database fills itself
// (a column's CURRENT_TIMESTAMP default, now() in an UPDATE) follows the session's time zone, and a PostgreSQL server
// or database may be set to the merchant's own. PGlite's is always UTC; this is about PostgreSQL.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { importFile } from "../../app/services/import/import-file";
import { createTestDatabaseUrl, type TestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

describe.skipIf(!process.env.TEST_POSTGRES_URL)("a PostgreSQL database whose time zone is not UTC", () => {
  let target: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    target = await createTestDatabaseUrl();
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    // Thirteen hours from UTC in November: a stamp in the server's local time is far outside any tolerance below.
    await admin.query(`ALTER DATABASE "${new URL(target.url).pathname.slice(1)}" SET timezone TO 'Pacific/Auckland'`);
    await admin.end();
    db = await openDatabase(target.url, { poolSize: 2 });
    await migrateDatabase(db);
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  it("gets UTC instants for the backers and pledges an import copies in", async () => {
    const shop = await createShop(db.prisma);
    const before = Date.now();
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Auckland" },
      path: "tests/fixtures/kickstarter/2016.csv",
      fileName: "2016.csv",
      thread: true,
    });
    const after = Date.now();
    expect(result.created).toBe(2);
    const pledges = await db.prisma.pledge.findMany({ where: { campaignId: result.campaignId } });
    const backers = await db.prisma.backer.findMany({ where: { campaignId: result.campaignId } });
    const stamps = [...pledges, ...backers].flatMap((row) => [row.createdAt.getTime(), row.updatedAt.getTime()]);
    expect(stamps).toHaveLength(8);
    for (const stamp of stamps) {
      expect(stamp).toBeGreaterThanOrEqual(before - 1000);
      expect(stamp).toBeLessThanOrEqual(after + 1000);
    }
  });

  it("gets a UTC instant from now() in the app's own SQL", async () => {
    const [row] = await db.query<{ lag: number }>(
      `SELECT extract(epoch FROM (now() AT TIME ZONE 'UTC') - now()::timestamp(3)) AS lag`,
    );
    expect(Number(row!.lag)).toBeCloseTo(0, 0);
  });
});
