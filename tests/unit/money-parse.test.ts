import { describe, expect, it } from "vitest";
import { parseMoney } from "../../app/domain/money-parse";

const ok = (amountMinor: number, currency: string) => ({ ok: true, money: { amountMinor, currency } });

describe("reading money as the exports write it", () => {
  it.each([
    ["$4.00 USD", undefined, ok(400, "USD")],
    ["$0.00 USD", undefined, ok(0, "USD")],
    ["SEK 1,000.00", undefined, ok(100000, "SEK")],
    ["SEK 650.00", undefined, ok(65000, "SEK")],
    ["£253.00", undefined, ok(25300, "GBP")],
    ["1.234,50 €", undefined, ok(123450, "EUR")],
    ["€12", undefined, ok(1200, "EUR")],
    ["12,5 EUR", undefined, ok(1250, "EUR")],
    ["CHF 1'234.50", undefined, ok(123450, "CHF")],
    ["1 234,50 €", undefined, ok(123450, "EUR")],
    ["$1,234,567.89 CAD", undefined, ok(123456789, "CAD")],
    ["$59", "USD", ok(5900, "USD")],
    ["$59", "CAD", ok(5900, "CAD")],
    ["59", "EUR", ok(5900, "EUR")],
    ["59.00", "EUR", ok(5900, "EUR")],
    ["¥5000", "JPY", ok(5000, "JPY")],
    ["5,000 JPY", undefined, ok(5000, "JPY")],
    ["-3.10 EUR", undefined, ok(-310, "EUR")],
    ["(12.00)", "USD", ok(-1200, "USD")],
    ["CA$25.00", undefined, ok(2500, "CAD")],
    ["kr 100", "NOK", ok(10000, "NOK")],
    ["1,234", "EUR", ok(123400, "EUR")],
    // One separator before exactly three digits groups thousands in a two-decimal currency.
    ["12.345 EUR", undefined, ok(1234500, "EUR")],
  ])("%s (campaign in %s)", (raw, currency, expected) => {
    expect(parseMoney(raw, currency)).toEqual(expected);
  });

  it.each([
    ["", "unparseable_amount"],
    ["free", "unparseable_amount"],
    ["12.34.56,7x", "unparseable_amount"],
    ["$59", "ambiguous_currency"],
    ["59", "ambiguous_currency"],
    ["$4.00 EUR", "ambiguous_currency"],
    ["12.00 XYZ", "unknown_currency"],
    ["12.3456 EUR", "too_many_decimals"],
    ["1,234 KWD", "unparseable_amount"],
  ])("refuses %s with %s", (raw, code) => {
    expect(parseMoney(raw)).toMatchObject({ ok: false, error: { code } });
  });

  it("says why, in words a merchant can act on", () => {
    expect(parseMoney("$59", "EUR")).toEqual({
      ok: false,
      error: {
        code: "ambiguous_currency",
        message: '"$" could be USD, CAD, AUD, NZD, HKD, SGD, MXN; the campaign\'s currency does not say which',
      },
    });
  });
});
