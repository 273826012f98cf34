// The backers list: search, filters, keyset pages, and nothing of another shop.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backerFilterOptions, listBackers, PAGE_SIZE, parseBackerQuery } from "../../app/services/backers";
import { importFile } from "../../app/services/import/import-file";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

describe(`the backers list on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let shopId: string;
  let campaignId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    shopId = (await createShop(db.prisma)).id;
    campaignId = (
      await importFile(db, {
        shopId,
        campaign: { name: "List" },
        path: "tests/fixtures/kickstarter/2024.csv",
        fileName: "2024.csv",
      })
    ).campaignId;
    // Enough pledges for three pages.
    await db.query(
      `INSERT INTO "Backer" (id, "shopId", "campaignId", "identityKey", email, "firstName", "countryCode", "updatedAt")
       SELECT 'xb' || n, $1, $2, 'filler' || n || '@example.com', 'filler' || n || '@example.com', 'Filler', 'FR', now()
       FROM generate_series(1, 120) AS n`,
      [shopId, campaignId],
    );
    await db.query(
      `INSERT INTO "Pledge" (id, "shopId", "campaignId", "backerId", source, "externalBackerId", status, "amountMinor", "currencyCode", "createdAt", "updatedAt")
       SELECT 'xp' || n, $1, $2, 'xb' || n, 'CSV', 'F-' || n, 'COLLECTED', 1000, 'GBP', now() + n * interval '1 second', now()
       FROM generate_series(1, 120) AS n`,
      [shopId, campaignId],
    );
  });
  afterAll(() => db.drop());

  const list = (query: string, shop = shopId) =>
    listBackers(db.prisma, shop, campaignId, parseBackerQuery(new URLSearchParams(query)));

  it("pages through every pledge once, in import order", async () => {
    const seen: string[] = [];
    let after = "";
    for (let page = 0; page < 10; page++) {
      const result = await list(after ? `after=${after}` : "");
      expect(result.total).toBe(123);
      expect(result.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
      seen.push(...result.rows.map((row) => row.id));
      if (!result.nextCursor) break;
      after = result.nextCursor;
    }
    expect(seen).toHaveLength(123);
    expect(new Set(seen).size).toBe(123);
  });

  it("finds a backer by email prefix, name, backer id or number, whatever the case", async () => {
    expect((await list("q=HEDY@")).rows.map((row) => row.email)).toEqual(["hedy@example.com"]);
    expect((await list("q=lamarr")).rows.map((row) => row.name)).toEqual(["Hedy Lamarr"]);
    expect((await list("q=990001")).rows.map((row) => row.externalBackerId)).toEqual(["990001"]);
    expect((await list("q=4001")).rows.map((row) => row.backerNumber)).toEqual([4001]);
    expect((await list("q=nobody-at-all")).total).toBe(0);
  });

  it("filters by status, reward, country and source, and offers only what the campaign has", async () => {
    const options = await backerFilterOptions(db.prisma, shopId, campaignId);
    expect(options.sources.sort()).toEqual(["CSV", "KICKSTARTER"]);
    expect(options.countries).toContain("FR");
    expect((await list("source=CSV")).total).toBe(120);
    expect((await list("country=AT&source=KICKSTARTER")).rows.map((row) => row.countryCode)).toEqual(["AT"]);
    const hardcover = options.rewards.find((reward) => reward.title === "Hardcover")!;
    expect((await list(`reward=${hardcover.id}`)).rows.every((row) => row.reward === "Hardcover")).toBe(true);
    expect((await list("status=DROPPED&source=CSV")).total).toBe(0);
  });

  it("ignores filter values it does not know instead of trusting them", async () => {
    expect(parseBackerQuery(new URLSearchParams("status=EVIL&country=France&source=x&q=" + "a".repeat(500)))).toEqual(
      {},
    );
  });

  it("shows nothing of this campaign to another shop", async () => {
    const other = await createShop(db.prisma);
    expect((await list("", other.id)).total).toBe(0);
    expect((await backerFilterOptions(db.prisma, other.id, campaignId)).rewards).toEqual([]);
  });

  it("lists pledges in the order of the file they came from", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-order-")), "reversed.csv");
    const rows = [30, 4, 200, 1].map((uid, n) => `${n + 1},${uid},B${uid},b${uid}@example.com,US,$10.00 USD,collected`);
    writeFileSync(
      file,
      ["Backer Number,Backer UID,Backer Name,Email,Shipping Country,Pledge Amount,Pledged Status", ...rows].join("\n"),
    );
    const result = await importFile(db, { shopId, campaign: { name: "Order" }, path: file, fileName: "reversed.csv" });
    const page = await listBackers(db.prisma, shopId, result.campaignId, parseBackerQuery(new URLSearchParams()));
    expect(page.rows.map((row) => row.externalBackerId)).toEqual(["30", "4", "200", "1"]);
  });
});
