// Bad files, imported for real into a database: each gets a clear reason and writes nothing (no campaign, backer
// or pledge), or, for a file whose last row was cut short or a row that holds a NUL character, rejects that row by
// name and keeps the rest. Any file at all ends in a report or such a reason, never in a database error.
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import type { ColumnMapping } from "../../app/domain/import/column-mapping";
import { importFile } from "../../app/services/import/import-file";
import { UnreadableFileError } from "../../app/services/import/read-tables";
import { openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

const dir = mkdtempSync(path.join(tmpdir(), "pb-malformed-"));
const fixture = readFileSync("tests/fixtures/kickstarter/2014.csv");
const header = fixture.toString("utf8").split("\n")[0]!;

/** UTF-32LE, which Node cannot encode by itself: four bytes per character. */
function utf32(text: string) {
  const out = Buffer.alloc(text.length * 4);
  [...text].forEach((char, i) => out.writeUInt32LE(char.codePointAt(0)!, i * 4));
  return out;
}

function file(name: string, content: Buffer | string) {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const CORPUS: Array<[string, () => string, RegExp]> = [
  ["binary (an image renamed .csv)", () => file("image.csv", Buffer.from("GIF89a\0\0\u0001\u0002")), /looks binary/],
  ["empty", () => file("empty.csv", ""), /is empty/],
  ["UTF-32", () => file("utf32.csv", utf32(`\ufeff${fixture.toString("utf8")}`)), /in UTF-32/],
  [
    "10,000 columns",
    () => file("wide.csv", `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",")}\n1\n`),
    /10,000 columns/,
  ],
  ["a 2 MB row", () => file("long.csv", `${header}\n1,${"a".repeat(2 * 1024 * 1024)}\n`), /Max Record Size/],
  ["a quote never closed", () => file("quote.csv", `${header}\n1,"unclosed\n`), /Quote Not Closed/],
  [
    "a ZIP with no CSV in it",
    () => file("empty.zip", Buffer.from("504b0506000000000000000000000000000000000000", "hex")),
    /holds no CSV file/,
  ],
  ["columns no format knows", () => file("unknown.csv", "a,b,c\n1,2,3\n"), /not a format Pledgebridge knows/],
  [
    "a NUL character in the header of a UTF-16 file",
    () => file("nul-header.csv", Buffer.from(`\ufeff${header.replace("Email", "Em\0ail")}\n`, "utf16le")),
    /NUL character/,
  ],
];

describe("malformed files", () => {
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  const written = async (shopId: string) => ({
    campaigns: await db.prisma.campaign.count({ where: { shopId } }),
    backers: await db.prisma.backer.count({ where: { shopId } }),
    pledges: await db.prisma.pledge.count({ where: { shopId } }),
  });

  beforeAll(async () => {
    db = await openTestDatabase();
    shopId = (await createShop(db.prisma)).id;
  });
  afterAll(() => db?.drop());

  it.each(CORPUS)("refuses %s with a reason and writes nothing", async (_name, make, reason) => {
    const shopId = (await createShop(db.prisma)).id;
    const error = await importFile(db, {
      shopId,
      campaign: { name: "Broken" },
      path: make(),
      fileName: "backers.csv",
      currency: "USD",
    }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toMatch(reason);
    expect(await written(shopId)).toEqual({ campaigns: 0, backers: 0, pledges: 0 });
  });

  /** A spreadsheet of pledges in USD through a mapping: Id, Mail and Paid, and the columns `more` maps. */
  const importSheet = (name: string, lines: string[], more: Partial<ColumnMapping>) =>
    importFile(db, {
      shopId,
      campaign: { name },
      path: file(`${name}.csv`, lines.join("\n")),
      fileName: `${name}.csv`,
      mapping: { externalBackerId: "Id", email: "Mail", amount: "Paid", ...more },
      currency: "USD",
    });

  it("rejects the last row of a file cut short, by name, and imports the rows before it", async () => {
    const [head, ...rows] = fixture.toString("utf8").trim().split("\n");
    const cut = rows.at(-1)!.slice(0, rows.at(-1)!.lastIndexOf(","));
    const result = await importFile(db, {
      shopId,
      campaign: { name: "Cut short" },
      path: file("cut.csv", [head, ...rows.slice(0, -1), cut].join("\n")),
      fileName: "cut.csv",
    });
    expect(result).toMatchObject({ rows: rows.length, created: rows.length - 1, rejected: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ row: rows.length + 1, code: "short_row" })]);
  });

  it("rejects a row with a NUL character, shown as ␀, and imports the rows around it", async () => {
    // Far enough into the file that its first bytes, which decide whether it is binary, hold no NUL.
    const rows = Array.from({ length: 600 }, (_, n) => `B${n},b${n}@example.com,10.00,Backer ${n}`);
    const result = await importSheet(
      "NUL",
      ["Id,Mail,Paid,Name", ...rows, "Z1,zoe@example.com,10.00,Zo\0e", "Z2,ada@example.com,10.00,Ada"],
      { name: "Name" },
    );
    expect(result).toMatchObject({ rows: 602, created: 601, rejected: 1 });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 602, column: "Name", value: "Zo\u2400e", code: "nul_character" }),
    ]);
    const [rejection] = await db.prisma.importRejection.findMany({ where: { importRunId: result.runId } });
    expect(rejection!.cells).toMatchObject({ Id: "Z1", Name: "Zo\u2400e" });
    expect(await db.prisma.pledge.count({ where: { campaignId: result.campaignId, externalBackerId: "Z2" } })).toBe(1);
  });

  it("rejects an amount, a backer number or a date beyond what the database keeps, and imports the rest", async () => {
    const result = await importSheet(
      "Large",
      [
        "Id,Mail,Paid,Number,When",
        "L1,l1@example.com,10.00,1,2025-03-01",
        'L2,l2@example.com,"21,474,836.48",2,2025-03-01',
        "L3,l3@example.com,10.00,2147483648,2025-03-01",
        'L4,l4@example.com,"21,474,836.47",2147483647,9999-12-31',
        "L5,l5@example.com,10.00,5,-100000-01-01T00:00:00Z",
        "L6,l6@example.com,10.00,6,+275760-09-13T00:00:00Z",
      ],
      { backerNumber: "Number", pledgedAt: "When" },
    );
    expect(result).toMatchObject({ rows: 6, created: 2, rejected: 4 });
    expect(result.errors.map(({ row, column, code }) => [row, column, code])).toEqual([
      [3, "Paid", "amount_too_large"],
      [4, "Number", "number_too_large"],
      [6, "When", "invalid_date"],
      [7, "When", "invalid_date"],
    ]);
    expect(result.errors[0]!.message).toContain("21474836.47 USD");
  });

  it("imports any file into a report, or refuses it with a reason, and never fails in the database", async () => {
    const cell = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.constantFrom("", "\0", "\uD800", "$4.00 USD", "collected", "=1+1", "1.234,50 €", "x".repeat(300)),
      fc.constantFrom("$99,999,999.00 USD", "99999999999", "-5", "1e9", "2147483648", "-100000-01-01T00:00:00Z"),
    );
    const [head, ...rows] = fixture.toString("utf8").trim().split("\n");
    const width = head!.split(",").length;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }),
        // Past the first bytes (whether the file is binary is decided there), or not.
        fc.constantFrom(1, 100),
        async (junk, lead) => {
          const quoted = junk.map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(","));
          const outcome = await importFile(db, {
            shopId,
            campaign: { name: `Fuzz ${n}` },
            path: file(`fuzz-${n++}.csv`, [head, ...Array(lead).fill(rows[0]), ...quoted].join("\n")),
            fileName: "fuzz.csv",
          }).then(
            (report) => ({ report, error: null }),
            (error: unknown) => ({ report: null, error }),
          );
          if (outcome.report) expect(outcome.report.rows).toBe(outcome.report.created + outcome.report.rejected);
          else expect(outcome.error).toBeInstanceOf(UnreadableFileError);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("imports any spreadsheet through a mapping of every field, twice, and never fails in the database", async () => {
    // Each column mostly holds what it should (amounts up to 30 million, dates from 1900 to 2200, a few reward ids
    // and emails shared between rows), sometimes anything at all, including what COPY's text format escapes (a
    // backslash, tab, line ends, \N for null, \. for the end). The second import finds every row as the first (COPY)
    // wrote it: nothing created, nothing changed.
    const anything = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constantFrom("\\N", "\\.", "a\tb", "line\r\nbreak\n", "back\\slash\\", "\\\\N"),
    );
    const amount = fc.integer({ min: -100_000, max: 3_000_000_000 }).map((minor) => (minor / 100).toFixed(2));
    const columns: Record<keyof ColumnMapping, fc.Arbitrary<string>> = {
      externalBackerId: fc.integer({ min: 1, max: 50 }).map((n) => `K${n}`),
      email: fc.constantFrom("ada@example.com", "Ada+x@example.com", "zoë@example.com", "a@privaterelay.appleid.com"),
      amount,
      name: fc.string({ unit: "grapheme" }),
      backerNumber: fc.integer({ min: 0, max: 3_000_000_000 }).map(String),
      status: fc.constantFrom("collected", "dropped", "errored", "refunded", "canceled"),
      pledgedAt: fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map(String),
      shippingPaid: amount,
      bonus: amount,
      rewardId: fc.constantFrom("1", "2", "3"),
      rewardTitle: fc.constantFrom("Tier A", "tier a", "Tier B"),
      rewardMinimum: amount,
      shippingName: fc.string({ unit: "grapheme" }),
      address1: fc.string({ unit: "grapheme" }),
      address2: fc.string({ unit: "grapheme" }),
      city: fc.string({ unit: "grapheme" }),
      province: fc.constantFrom("ON", "CA", "Bavaria", "Tokyo"),
      zip: fc.constantFrom("94107", "10115", "SW1A 1AA", "K1A 0B1"),
      country: fc.constantFrom("US", "DE", "France", "Japan", "XX", "CA"),
      phone: fc.constantFrom("+15555550100", "555", "phone"),
    };
    const names = Object.keys(columns) as Array<keyof ColumnMapping>;
    const row = fc.tuple(...names.map((name) => fc.oneof({ arbitrary: columns[name], weight: 3 }, anything)));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
        const quoted = rows.map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(","));
        const lines = [names.join(","), ...quoted];
        const mapping = Object.fromEntries(names.map((name) => [name, name]));
        const name = `Sheet ${n++}`;
        for (const pass of ["first", "again"]) {
          const outcome = await importSheet(name, lines, mapping).then(
            (report) => ({ report, error: null }),
            (error: unknown) => ({ report: null, error }),
          );
          if (!outcome.report) expect(outcome.error).toBeInstanceOf(UnreadableFileError);
          else if (pass === "again") expect(outcome.report).toMatchObject({ created: 0, updated: 0 });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("keeps a name that is a spreadsheet formula as text", async () => {
    const [head, first] = fixture.toString("utf8").trim().split("\n");
    const cells = first!.split(",");
    cells[2] = `"=HYPERLINK(""http://evil.example"",""click"")"`;
    await importFile(db, {
      shopId,
      campaign: { name: "Formulas" },
      path: file("formula.csv", `${head}\n${cells.join(",")}\n`),
      fileName: "formula.csv",
    });
    const backer = await db.prisma.backer.findFirstOrThrow({ where: { shopId, campaign: { name: "Formulas" } } });
    expect(`${backer.firstName ?? ""} ${backer.lastName ?? ""}`).toContain("=HYPERLINK(");
  });
});
