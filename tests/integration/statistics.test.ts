// PGlite runs no autovacuum, so the app takes the planner's statistics itself (refreshStatistics): for the tables
// that have none or changed by autovacuum's measure, without their JSON columns, and for nothing else. On
// PostgreSQL it leaves the work to autovacuum.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshStatistics } from "../../app/db/statistics";
import { engineName, openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

describe(`the planner's statistics on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let campaign: { id: string; shopId: string };
  beforeAll(async () => {
    db = await openTestDatabase();
    campaign = await createCampaign(db.prisma, (await createShop(db.prisma)).id);
    for (let n = 0; n < 20; n++) await createBackerWithPledge(db.prisma, campaign);
  });
  afterAll(() => db.drop());

  const reltuples = async (table: string) =>
    (
      await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE oid = $1::regclass`, [`"${table}"`])
    )[0]!.reltuples;
  const statisticsOf = async (table: string) =>
    (
      await db.query<{ attname: string }>(`SELECT attname FROM pg_stats WHERE tablename = $1 ORDER BY attname`, [table])
    ).map(({ attname }) => attname);

  it.runIf(engineName === "PGlite")(
    "analyzes the tables that were never analyzed, their JSON columns left out, then nothing until they change",
    async () => {
      expect(await reltuples("Pledge")).toBe(-1);
      const analyzed = await refreshStatistics(db);
      expect(analyzed).toEqual(expect.arrayContaining(['"Backer"', '"Pledge"', '"Campaign"', '"Shop"']));
      expect(await reltuples("Pledge")).toBe(20);
      const pledgeColumns = await statisticsOf("Pledge");
      expect(pledgeColumns).toEqual(expect.arrayContaining(["status", "campaignId", "rewardId"]));
      expect(pledgeColumns.filter((name) => ["items", "addOns", "answers", "choices"].includes(name))).toEqual([]);

      expect(await refreshStatistics(db)).toEqual([]);

      // More than autovacuum's threshold (50 rows and a tenth): the pledges' table, and only what changed.
      for (let n = 0; n < 60; n++) await createBackerWithPledge(db.prisma, campaign);
      expect(await refreshStatistics(db)).toEqual(['"Backer"', '"Pledge"']);
      expect(await reltuples("Pledge")).toBe(80);
    },
  );

  it.runIf(engineName === "PostgreSQL")("leaves PostgreSQL's tables to autovacuum", async () => {
    expect(await refreshStatistics(db)).toEqual([]);
  });
});
