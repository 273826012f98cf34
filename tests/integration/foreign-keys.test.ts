// copyCheckingKeys loads rows with the per-row foreign-key triggers off and checks their keys a batch at a time (the
// import on PGlite). It must refuse what the triggers refuse, with their SQLSTATE and nothing written, accept what
// they accept, and leave the triggers on for whatever the transaction does next.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyText } from "../../app/db/bulk-insert";
import { copyCheckingKeys, keyCheck, type KeyCheck } from "../../app/db/foreign-keys";
import { orderedId } from "../../app/db/ordered-id";
import { engineName, openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

const BACKER_COLUMNS = { shopId: "text", campaignId: "text", identityKey: "text", updatedAt: "timestamp(3)" };
const PLEDGE_COLUMNS = {
  shopId: "text",
  campaignId: "text",
  backerId: "text",
  rewardId: "text",
  importRunId: "text",
  source: '"Platform"',
  externalBackerId: "text",
  amountMinor: "integer",
  currencyCode: "text",
  updatedAt: "timestamp(3)",
};

describe(`copyCheckingKeys on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let check: KeyCheck;
  let shopId: string;
  let campaignId: string;
  let rewardId: string;
  let runId: string;
  let sequence = 0;
  beforeAll(async () => {
    db = await openTestDatabase();
    check = await keyCheck(db, ["Backer", "Pledge"]);
    shopId = (await createShop(db.prisma)).id;
    campaignId = (await createCampaign(db.prisma, shopId)).id;
    const common = { shopId, campaignId, source: "KICKSTARTER" as const };
    rewardId = (await db.prisma.reward.create({ data: { ...common, externalId: "1", title: "Tier" } })).id;
    runId = (await db.prisma.importRun.create({ data: { ...common, fileName: "report.csv" } })).id;
  });
  afterAll(() => db.drop());

  /** A batch as the import makes one: new backers, and a pledge for each; `change` breaks what a test wants broken. */
  function batch(size: number, change: { backer?: object; pledge?: (n: number) => object } = {}) {
    const backers = Array.from({ length: size }, () => ({ id: orderedId(), identityKey: `key-${++sequence}` }));
    const pledges = backers.map((backer, n) => ({
      backerId: backer.id,
      rewardId: n % 2 ? rewardId : null,
      importRunId: runId,
      externalBackerId: `ext-${sequence}-${n}`,
      ...change.pledge?.(n),
    }));
    const same = { shopId, campaignId };
    const pledgeSame = { ...same, source: "KICKSTARTER", amountMinor: 4900, currencyCode: "EUR" };
    return [
      copyText(BACKER_COLUMNS, backers, { ...same, ...change.backer }),
      copyText(PLEDGE_COLUMNS, pledges, pledgeSame, {
        keyed: ["backerId", "rewardId", "importRunId"],
        within: { backerId: new Set(backers.map((backer) => backer.id)) },
      }),
    ];
  }
  const counts = async () => ({
    backers: await db.prisma.backer.count({ where: { shopId } }),
    pledges: await db.prisma.pledge.count({ where: { shopId } }),
  });

  it("reads every foreign key of the tables from the catalog", () => {
    expect(
      check.keys.map(({ name, table, column, parent, parentType }) => [name, table, column, parent, parentType]),
    ).toEqual([
      ["Backer_campaignId_fkey", "Backer", "campaignId", "Campaign", "text"],
      ["Pledge_backerId_fkey", "Pledge", "backerId", "Backer", "text"],
      ["Pledge_importRunId_fkey", "Pledge", "importRunId", "ImportRun", "text"],
      ["Pledge_rewardId_fkey", "Pledge", "rewardId", "Reward", "text"],
    ]);
  });

  it("loads rows whose keys point at rows that are there, a null key among them", async () => {
    const before = await counts();
    await db.transaction((tx) => copyCheckingKeys(tx, check, batch(50)));
    expect(await counts()).toEqual({ backers: before.backers + 50, pledges: before.pledges + 50 });
    const loaded = await db.prisma.pledge.findMany({ where: { shopId, rewardId: null }, take: 1 });
    expect(loaded).toHaveLength(1);
  });

  it("accepts a key that points at a row loaded before, outside the batch", async () => {
    const { backer } = await createBackerWithPledge(db.prisma, { id: campaignId, shopId });
    const [backers, pledges] = batch(3, { pledge: (n) => (n === 1 ? { backerId: backer.id } : {}) });
    await db.transaction((tx) => copyCheckingKeys(tx, check, [backers!, pledges!]));
    expect(await db.prisma.pledge.count({ where: { backerId: backer.id } })).toBe(2);
  });

  it.each([
    ["Backer_campaignId_fkey", { backer: { campaignId: "no-such-campaign" } }],
    ["Pledge_backerId_fkey", { pledge: (n: number) => (n === 7 ? { backerId: "no-such-backer" } : {}) }],
    ["Pledge_rewardId_fkey", { pledge: (n: number) => (n === 0 ? { rewardId: "no-such-reward" } : {}) }],
    ["Pledge_importRunId_fkey", { pledge: (n: number) => (n === 9 ? { importRunId: "no-such-run" } : {}) }],
  ])(
    "refuses a batch with one %s pointing at nothing, as the trigger would, and writes none of it",
    async (key, change) => {
      const before = await counts();
      const loading = db.transaction((tx) => copyCheckingKeys(tx, check, batch(10, change)));
      await expect(loading).rejects.toMatchObject({ code: "23503", message: expect.stringContaining(`"${key}"`) });
      expect(await counts()).toEqual(before);
    },
  );

  it("refuses, before loading anything, rows that do not say the values of a key's column", async () => {
    const before = await counts();
    const [backers, pledges] = batch(3);
    // The pledges' text as copyText makes it when no column is keyed.
    const unkeyed = { ...pledges!, values: {} };
    const loading = db.transaction((tx) => copyCheckingKeys(tx, check, [backers!, unkeyed]));
    await expect(loading).rejects.toThrow(/"Pledge" do not say their "backerId", which "Pledge_backerId_fkey" needs/);
    expect(await counts()).toEqual(before);
  });

  it("leaves the triggers on for the rest of the transaction", async () => {
    const before = await counts();
    const loading = db.transaction(async (tx) => {
      await copyCheckingKeys(tx, check, batch(5));
      await tx.query(
        `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", "amountMinor",
                               "currencyCode", "updatedAt")
         VALUES ($1, $2, $3, 'no-such-backer', 'KICKSTARTER', $4, 100, 'EUR', now())`,
        [orderedId(), shopId, campaignId, `late-${++sequence}`],
      );
    });
    await expect(loading).rejects.toMatchObject({ code: "23503" });
    expect(await counts()).toEqual(before);
  });

  it("loads a batch with no rows for a table: pledges of a backer already there", async () => {
    const { backer } = await createBackerWithPledge(db.prisma, { id: campaignId, shopId });
    const [noBackers] = batch(0);
    const [, pledge] = batch(1, { pledge: () => ({ backerId: backer.id }) });
    await db.transaction((tx) => copyCheckingKeys(tx, check, [noBackers!, pledge!]));
    expect(await db.prisma.pledge.count({ where: { backerId: backer.id } })).toBe(2);
  });
});
