import { describe, expect, it } from "vitest";
import { detectFormat } from "../../app/domain/import/formats";
import { indiegogo } from "../../app/domain/import/indiegogo";
import { ColumnMapping } from "../../app/domain/import/column-mapping";
import { gamefound, mappedFormat } from "../../app/domain/import/mapped";
import { readFixture } from "../helpers/csv";

function parse(format: typeof indiegogo, file: string, currency: string) {
  const { headers, rows } = readFixture(file);
  const parser = format.parser(headers, { currency });
  return rows.map((cells, index) => parser(cells, index + 2));
}

describe("platform detection", () => {
  it.each([
    ["tests/fixtures/kickstarter/2024.csv", "KICKSTARTER", "kickstarter/2024"],
    ["tests/fixtures/indiegogo/legacy.csv", "INDIEGOGO", "indiegogo/legacy"],
    ["tests/fixtures/gamefound/import.csv", "GAMEFOUND", "gamefound/import"],
  ])("%s is %s (%s)", (file, platform, vintage) => {
    const detected = detectFormat(readFixture(file).headers);
    expect({ platform: detected?.format.platform, vintage: detected?.vintage }).toEqual({ platform, vintage });
  });

  it("recognises nothing in a file of unknown columns, so the merchant is asked to map them", () => {
    expect(detectFormat(readFixture("tests/fixtures/generic/late-pledges.csv").headers)).toBeNull();
  });
});

describe("Indiegogo's legacy export", () => {
  it("reads each repeated item group by position", () => {
    const [linus, margaret, missing] = parse(indiegogo, "tests/fixtures/indiegogo/legacy.csv", "USD");
    expect(linus!.record).toMatchObject({
      externalBackerId: "IGG-7781",
      backerNumber: 1001,
      amount: { amountMinor: 14900, currency: "USD" },
      shippingPaid: { amountMinor: 1200 },
      reward: { externalId: "554201", title: "Early Bird Duo" },
      pledgedAt: new Date("2019-05-01T17:00:00Z"),
      address: { city: "Helsinki", zip: "00100", countryCode: "FI", phone: "+358401234567" },
      items: [
        { title: "Fula Unit", quantity: 1, sku: "FULA-1", options: ["Black"] },
        { title: "Fula Tee", quantity: 1, sku: "TEE-M", options: ["M", "Black"] },
      ],
    });
    expect(margaret!.record?.items).toEqual([{ title: "Fula Unit", quantity: 1, sku: "FULA-1", options: ["White"] }]);
    expect(missing!.errors.map((e) => e.code)).toEqual(["missing_pledge_id"]);
  });
});

describe("Gamefound's import file", () => {
  it("reads pledges with a symbol or a European amount, and rejects a row with no amount", () => {
    const [barbara, dennis, none] = parse(gamefound, "tests/fixtures/gamefound/import.csv", "EUR");
    expect(barbara!.record).toMatchObject({
      externalBackerId: "1",
      backerNumber: 1,
      amount: { amountMinor: 6400 },
      bonus: { amountMinor: 500 },
      reward: { title: "Core Pledge" },
    });
    expect(dennis!.record).toMatchObject({
      amount: { amountMinor: 14900, currency: "EUR" },
      bonus: { amountMinor: 0 },
    });
    expect(none!.errors).toEqual([
      { row: 4, column: "Pledge amount", value: null, code: "missing_amount", message: "The amount is missing" },
    ]);
  });
});

describe("a CSV read through a saved column mapping", () => {
  const mapping = ColumnMapping.parse({
    externalBackerId: "Order",
    name: "Buyer",
    email: "Mail",
    amount: "Paid",
    rewardTitle: "Tier",
    country: "Country",
    pledgedAt: "When",
  });
  const format = mappedFormat("CSV", "csv/mapped", mapping);

  it("reads the mapped columns, keeps the rest as answers, and rejects a bad email", () => {
    const [frances, ken, radia] = parse(format, "tests/fixtures/generic/late-pledges.csv", "EUR");
    expect(frances!.record).toMatchObject({
      platform: "CSV",
      externalBackerId: "LP-1",
      amount: { amountMinor: 5900, currency: "EUR" },
      reward: { title: "Delver" },
      address: { countryCode: "FR" },
      pledgedAt: new Date("2026-05-01T00:00:00Z"),
      answers: { "Favourite colour": "Green" },
      status: "COLLECTED",
    });
    expect(ken!.record?.address?.countryCode).toBe("DE");
    expect(radia!.errors).toEqual([
      {
        row: 4,
        column: "Mail",
        value: "radia@example",
        code: "invalid_email",
        message: '"radia@example" is not an email address',
      },
    ]);
  });

  it("takes a mapping as a form sends it, with the unmapped fields present but empty", () => {
    const fromForm = ColumnMapping.parse({ ...mapping, phone: undefined, city: undefined });
    const [frances] = parse(
      mappedFormat("CSV", "csv/mapped", fromForm),
      "tests/fixtures/generic/late-pledges.csv",
      "EUR",
    );
    expect(frances!.record).toMatchObject({ externalBackerId: "LP-1", answers: { "Favourite colour": "Green" } });
  });

  it("is detected once its mapping fits the file's headers", () => {
    expect(detectFormat(readFixture("tests/fixtures/generic/late-pledges.csv").headers, [format])?.vintage).toBe(
      "csv/mapped",
    );
  });

  it("refuses a mapping without the columns every pledge needs", () => {
    expect(ColumnMapping.safeParse({ email: "Mail" }).success).toBe(false);
  });
});
