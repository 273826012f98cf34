import { describe, expect, it } from "vitest";
import { kickstarter, kickstarterVintage, tierFromFileName } from "../../app/domain/import/kickstarter";
import type { ParsedRow } from "../../app/domain/import/record";
import { readFixture } from "../helpers/csv";

function parseFixture(vintage: string, currency: string) {
  const { headers, rows } = readFixture(`tests/fixtures/kickstarter/${vintage}.csv`);
  const parse = kickstarter.parser(headers, { currency });
  return { headers, results: rows.map((cells, index) => parse(cells, index + 2)) };
}

const recordOf = (result: ParsedRow | undefined) => {
  if (!result?.record) throw new Error(`expected a record, got ${JSON.stringify(result?.errors)}`);
  return result.record;
};

describe("Kickstarter backer reports", () => {
  it.each([
    ["2013", "kickstarter/2013"],
    ["2014", "kickstarter/2014"],
    ["2016", "kickstarter/2016"],
    ["2021", "kickstarter/2021"],
    ["2024", "kickstarter/2024"],
  ])("tells the %s report's vintage from its headers", (file, vintage) => {
    expect(kickstarterVintage(readFixture(`tests/fixtures/kickstarter/${file}.csv`).headers)).toBe(vintage);
  });

  it("does not claim another platform's file", () => {
    expect(kickstarterVintage(["Order No.", "Pledge ID", "Name", "Email", "Amount", "Perk"])).toBeNull();
  });

  it("reads the 2013 report: full country names, a label in Shipping, and rejects what is wrong", () => {
    const { results } = parseFixture("2013", "USD");
    expect(recordOf(results[0])).toMatchObject({
      externalBackerId: "3",
      name: "Tim Cook",
      email: "tim@apple.example",
      amount: { amountMinor: 400, currency: "USD" },
      shippingPaid: null,
      status: "COLLECTED",
      pledgedAt: new Date("2013-10-11T13:42:00Z"),
      address: { address1: "1 Infinite Loop", city: "Cupertino", province: "CA", zip: "95014", countryCode: "US" },
    });
    expect(recordOf(results[1])).toMatchObject({
      fulfillmentStatus: "Sent",
      answers: { Notes: "Signed copy please" },
      address: { countryCode: "GB" },
    });
    expect(recordOf(results[2]).status).toBe("DROPPED");
    expect(results[3]).toEqual({
      record: null,
      errors: [{ row: 5, column: "Email", value: null, code: "missing_email", message: "The email is missing" }],
    });
    expect(results[4]!.errors).toEqual([
      {
        row: 6,
        column: "Shipping Country",
        value: "Atlantis",
        code: "unknown_country",
        message: '"Atlantis" is not a country Pledgebridge knows',
      },
    ]);
  });

  it("reads the 2014 report: reward ids and minimums, shipping paid, thousands in amounts", () => {
    const { results } = parseFixture("2014", "USD");
    expect(recordOf(results[0])).toMatchObject({
      externalBackerId: "1001",
      backerNumber: 13,
      reward: { externalId: "2597818", title: null, minimum: { amountMinor: 500 } },
      shippingPaid: { amountMinor: 0 },
      amount: { amountMinor: 1000 },
      address: { countryCode: "US" },
    });
    expect(recordOf(results[2])).toMatchObject({
      amount: { amountMinor: 100000 },
      status: "ERRORED",
      address: { countryCode: "FR" },
    });
  });

  it("reads the 2016 report in SEK: survey timestamp, survey questions, a province by name, and refuses another currency", () => {
    const { results } = parseFixture("2016", "SEK");
    expect(recordOf(results[0])).toMatchObject({
      externalBackerId: "1647400540",
      amount: { amountMinor: 100000, currency: "SEK" },
      shippingPaid: { amountMinor: 10000 },
      reward: { externalId: "6526680", title: "Collector's edition", minimum: { amountMinor: 65000 } },
      address: {
        province: "Stockholms Län",
        zip: "135 44",
        countryCode: "SE",
        phone: "+46701234567",
        deliveryNotes: "Leave at the door",
      },
      answers: { "Survey Response": "2018/05/26, 14:05", "What Is Your Contact Phone Number?": "+46701234567" },
      items: [],
    });
    expect(recordOf(results[1])).toMatchObject({
      email: "EVA.BERG@Example.se",
      identityKey: "eva.berg@example.se",
      address: { countryCode: "SE" },
    });
    expect(results[2]!.errors.map((e) => [e.column, e.code])).toEqual([
      ["Shipping Amount", "currency_mismatch"],
      ["Pledge Amount", "currency_mismatch"],
    ]);
  });

  it("reads the 2021 report: bonus support, item quantities before the survey, answers after it", () => {
    const { results } = parseFixture("2021", "USD");
    expect(recordOf(results[0])).toMatchObject({
      bonus: { amountMinor: 500 },
      reward: { title: "Deluxe", minimum: { amountMinor: 8900 } },
      fulfillmentStatus: "Unfulfilled",
      items: [
        { title: "Wooden Insert", quantity: 1 },
        { title: "Sol: Last Days of a Star", quantity: 1 },
      ],
      answers: { "Which colour for your meeples?": "Blue", "Survey Response": "2021/10/02, 10:00" },
    });
    expect(recordOf(results[1]).items).toEqual([{ title: "Sol: Last Days of a Star", quantity: 2 }]);
    expect(results[2]!.errors).toEqual([
      {
        row: 4,
        column: "Pledge Amount",
        value: "lots",
        code: "unparseable_amount",
        message: '"lots" is not an amount of money',
      },
    ]);
  });

  it("reads the 2024 report: BOM, CRLF, add-ons by id, late pledges, pledge over time, quoted newlines, Apple relay", () => {
    const { results } = parseFixture("2024", "GBP");
    const hedy = recordOf(results[0]);
    expect(hedy).toMatchObject({
      externalBackerId: "990001",
      amount: { amountMinor: 25300, currency: "GBP" },
      pledgedAt: new Date("2025-03-01T12:00:00Z"),
      addOns: [{ externalId: "10750435", title: "Flitt Locust Pendant", quantity: 2 }],
      items: [{ title: "Flitt Locust Pendant", quantity: 1 }],
      address: { city: "Wien", countryCode: "AT", deliveryNotes: "Ring twice,\nthen wait" },
      latePledge: false,
      amountPaid: { amountMinor: 25300 },
    });
    expect(hedy.answers).toMatchObject({
      "[Addon: 10750436] Engraving": "Hedy, in gold",
      "ambient one engraving: What should we engrave?": "Her name, please",
    });
    expect(recordOf(results[1])).toMatchObject({
      latePledge: true,
      pledgeOverTime: true,
      status: "COLLECTED",
      privateRelayEmail: true,
      amountDue: { amountMinor: 1000 },
      pledgedAt: new Date("2025-05-10T08:30:00Z"),
    });
    expect(recordOf(results[2]).status).toBe("DROPPED");
  });

  it("reads the tier from the name of its file in Kickstarter's ZIP, for reports that name it nowhere else", () => {
    expect(tierFromFileName("report.zip/Kickstarter Backer Report - $59 - Aug 18 07am.csv", "USD")).toEqual({
      externalId: null,
      title: "$59",
      minimum: { amountMinor: 5900, currency: "USD" },
    });
    expect(tierFromFileName("Kickstarter Backer Report - Early Bird - May 2 11pm.csv", "USD")).toEqual({
      externalId: null,
      title: "Early Bird",
      minimum: null,
    });
    expect(tierFromFileName("Kickstarter Backer Report - No reward - Aug 18 07am.csv", "USD")).toBeNull();
    expect(tierFromFileName("backers.csv", "USD")).toBeNull();
    expect(tierFromFileName(undefined, "USD")).toBeNull();
  });
});
