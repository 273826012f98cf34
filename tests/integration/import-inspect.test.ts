// The first look at an upload: its format, or its columns to map; and mappings saved per shop and layout.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnMapping } from "../../app/domain/import/column-mapping";
import { headersKey, inspectFile, saveMapping, savedMappingFor } from "../../app/services/import/inspect-file";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

const dir = mkdtempSync(path.join(tmpdir(), "pb-inspect-"));

describe(`inspecting uploads and saving mappings on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => (db = await openTestDatabase()));
  afterAll(() => db.drop());

  it("names the platform and vintage of a known export", async () => {
    const inspection = await inspectFile("tests/fixtures/kickstarter/2021.csv", "2021.csv", {});
    expect(inspection).toMatchObject({ ok: true, shape: { platform: "KICKSTARTER", vintage: "kickstarter/2021" } });
  });

  it("gives the columns of an unknown layout, and says why it cannot read it yet", async () => {
    const file = path.join(dir, "unknown.csv");
    writeFileSync(file, "\uFEFFOrder ,Mail,Paid\nA-1,a@example.com,10.00\n");
    const inspection = await inspectFile(file, "unknown.csv", { currency: "EUR" });
    expect(inspection).toEqual({
      ok: false,
      headers: ["Order", "Mail", "Paid"],
      message: expect.stringMatching(/not a format Pledgebridge knows/),
    });
  });

  it("says a file is unreadable without columns when it is empty or binary", async () => {
    const file = path.join(dir, "binary.csv");
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]));
    expect(await inspectFile(file, "binary.csv", {})).toEqual({
      ok: false,
      headers: [],
      message: expect.stringMatching(/binary/),
    });
  });

  it("finds a saved mapping again for the same columns, however they are spaced or cased, in the same shop only", async () => {
    const shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    const mapping = ColumnMapping.parse({ externalBackerId: "Order", email: "Mail", amount: "Paid" });
    await saveMapping(db.prisma, shop.id, ["Order", "Mail", "Paid"], "Shopify export", mapping);
    expect(headersKey([" order", "MAIL ", "Paid"])).toBe(headersKey(["Order", "Mail", "Paid"]));
    expect(await savedMappingFor(db.prisma, shop.id, ["order", "mail", "paid"])).toEqual(mapping);
    expect(await savedMappingFor(db.prisma, shop.id, ["Order", "Mail"])).toBeNull();
    expect(await savedMappingFor(db.prisma, other.id, ["Order", "Mail", "Paid"])).toBeNull();
    // Saving again for the same layout replaces the mapping instead of adding one.
    await saveMapping(db.prisma, shop.id, ["Order", "Mail", "Paid"], "v2", { ...mapping, name: "Order" });
    expect(await db.prisma.savedMapping.count({ where: { shopId: shop.id } })).toBe(1);
  });
});
