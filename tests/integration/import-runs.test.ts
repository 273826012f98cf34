// What the admin shows of a run: its speed and estimate, and its rejected rows as a CSV that opens safely.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../app/services/import/import-file";
import { describeRun, rejectionsCsv, rejectionsPage, runForShop } from "../../app/services/import/runs";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

const dir = mkdtempSync(path.join(tmpdir(), "pb-runs-"));

describe(`import runs in the admin on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => (db = await openTestDatabase()));
  afterAll(() => db.drop());

  it("gives the rejected rows back as the file had them, reasons first, formulas neutralised", async () => {
    const shop = await createShop(db.prisma);
    const file = path.join(dir, "bad.csv");
    const rows = [
      "Backer Number,Backer UID,Backer Name,Email,Shipping Country,Pledge Amount,Pledged Status",
      '1,101,"=HYPERLINK(""http://evil.example"",""x"")",not-an-email,US,$10.00 USD,collected',
      "2,102,Ada,ada@example.com,US,$10.00 USD,collected",
      "3,103,Bob,bob@example.com,Atlantis,ten dollars,collected",
    ];
    writeFileSync(file, rows.join("\n"));
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Bad rows" },
      path: file,
      fileName: "bad.csv",
    });
    expect(result).toMatchObject({ rows: 3, created: 1, rejected: 2 });

    let csv = "";
    for await (const chunk of rejectionsCsv(db.prisma, shop.id, result.runId)) csv += chunk;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(lines.map((line) => line.Row)).toEqual(["2", "4"]);
    expect(lines[0]!["Backer Name"]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(lines[0]!.Errors).toMatch(/Email: "not-an-email" is not an email address/);
    expect(lines[1]!.Errors).toMatch(/Shipping Country: "Atlantis" is not a country/);
    expect(lines[1]!["Pledge Amount"]).toBe("ten dollars");

    const other = await createShop(db.prisma);
    let leaked = "";
    for await (const chunk of rejectionsCsv(db.prisma, other.id, result.runId)) leaked += chunk;
    expect(parse(leaked, { bom: true, columns: true })).toEqual([]);
    expect(await runForShop(db.prisma, other.id, result.runId)).toBeNull();

    const page = await rejectionsPage(db.prisma, shop.id, result.runId, { page: 1, pageSize: 1 });
    expect(page).toMatchObject({ hasNext: true, rows: [{ row: 2 }] });
  });

  it("works out the pace and the time left of a running import", () => {
    const startedAt = new Date("2026-11-23T10:00:00Z");
    const run = {
      id: "r",
      campaignId: "c",
      fileName: "f.csv",
      source: "KICKSTARTER",
      vintage: null,
      status: "RUNNING",
      progress: 0.25,
      rowsTotal: 10_000,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      startedAt,
      finishedAt: null,
      createdAt: startedAt,
    } as unknown as Parameters<typeof describeRun>[0];
    expect(describeRun(run, startedAt.getTime() + 5_000)).toMatchObject({ rowsPerSecond: 2000, secondsLeft: 15 });
  });
});
