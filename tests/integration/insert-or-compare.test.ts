// insertOrCompare writes the rows a batch brings for the first time and tells which of the others differ from what
// is stored, in one statement. A row that another transaction inserts while it runs must still be accounted for:
// found on a second look, never lost and never inserted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differs, insertOrCompare } from "../../app/db/bulk-insert";
import { REWARD_COLUMNS as COLUMNS } from "../../app/services/import/write-batch";
import { engineName, openTestDatabase } from "../helpers/database";
import { createCampaign, createShop } from "../helpers/factories";

describe(`insertOrCompare on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let shopId: string;
  let campaignId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    shopId = (await createShop(db.prisma)).id;
    campaignId = (await createCampaign(db.prisma, shopId)).id;
  });
  afterAll(() => db.drop());

  const options = () => ({
    key: { same: ["campaignId", "source"], given: "externalId" },
    same: { shopId, campaignId, source: "KICKSTARTER" },
    changed: differs({ title: "text", minimumMinor: "integer" }, "t"),
    select: ["title"],
  });
  const reward = (externalId: string, title: string, minimumMinor: number | null = null) => ({
    kind: "TIER",
    externalId,
    title,
    minimumMinor,
  });

  it("inserts the new rows and says which of the stored ones differ", async () => {
    const first = await db.transaction((tx) =>
      insertOrCompare(tx, "Reward", COLUMNS, [reward("a", "Alpha"), reward("b", "Beta", 2500)], options()),
    );
    expect(first.found).toEqual([]);
    expect(first.inserted.map((row) => row.key).sort()).toEqual(["a", "b"]);

    const second = await db.transaction((tx) =>
      insertOrCompare(
        tx,
        "Reward",
        COLUMNS,
        [reward("a", "Alpha"), reward("b", "Beta", 3000), reward("c", "Gamma")],
        options(),
      ),
    );
    expect(second.inserted.map((row) => row.key)).toEqual(["c"]);
    const found = Object.fromEntries(second.found.map(({ key, changed, title }) => [key, { changed, title }]));
    // A null stored and a null given are the same; 2500 against 3000 is a change, reported with the stored title.
    expect(found).toEqual({ a: { changed: false, title: "Alpha" }, b: { changed: true, title: "Beta" } });
    const ids = new Map(first.inserted.map((row) => [row.key, row.id]));
    expect(second.found.find((row) => row.key === "a")!.id).toBe(ids.get("a"));

    // Nothing was written to the rows that were there: comparing is not updating.
    const stored = await db.prisma.reward.findMany({ where: { campaignId }, orderBy: { externalId: "asc" } });
    expect(stored.map((row) => [row.externalId, row.minimumMinor])).toEqual([
      ["a", null],
      ["b", 2500],
      ["c", null],
    ]);
  });

  it.runIf(engineName === "PostgreSQL")(
    "finds a row that another transaction inserted while it ran, once that one commits",
    async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedByOther = new Promise<void>((resolve) => (inserted = resolve));
      // The other transaction inserts "raced" and holds it uncommitted until this one is waiting on it.
      const other = db.transaction(async (tx) => {
        await insertOrCompare(tx, "Reward", COLUMNS, [reward("raced", "From the other")], options());
        inserted();
        await held;
      });
      await insertedByOther;
      const mine = db.transaction((tx) =>
        insertOrCompare(tx, "Reward", COLUMNS, [reward("raced", "From this one"), reward("mine", "Mine")], options()),
      );
      // Let this one reach the conflict and wait on the other's row, then commit the other.
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await other;
      const result = await mine;
      expect(result.inserted.map((row) => row.key)).toEqual(["mine"]);
      expect(result.found).toEqual([expect.objectContaining({ key: "raced", changed: true, title: "From the other" })]);
      expect(await db.prisma.reward.count({ where: { campaignId, externalId: "raced" } })).toBe(1);
    },
  );
});
