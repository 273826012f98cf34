import { describe, expect, it } from "vitest";
import {
  addMoney,
  formatMoney,
  minorUnitDigits,
  money,
  moneyFromDecimal,
  toDecimalString,
} from "../../app/domain/money";

describe("Money", () => {
  it.each([
    ["EUR", 2],
    ["USD", 2],
    ["JPY", 0],
    ["KWD", 3],
  ])("%s has %i minor-unit digits", (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });

  it.each([
    ["12.5", "EUR", 1250],
    ["12.50", "EUR", 1250],
    ["0.07", "USD", 7],
    ["1000", "JPY", 1000],
    ["1.234", "KWD", 1234],
    ["-3.10", "EUR", -310],
  ])("reads %s %s as %i minor units", (decimal, currency, minor) => {
    expect(moneyFromDecimal(decimal, currency)).toEqual({ amountMinor: minor, currency });
  });

  it("refuses to round away a fraction the currency does not have", () => {
    expect(() => moneyFromDecimal("12.345", "EUR")).toThrow(/more decimals than EUR allows \(2\)/);
    expect(() => moneyFromDecimal("100.5", "JPY")).toThrow(/JPY/);
  });

  it("refuses what is not an amount or not a currency", () => {
    expect(() => moneyFromDecimal("12,50", "EUR")).toThrow(/not a decimal amount/);
    expect(() => moneyFromDecimal("1e3", "EUR")).toThrow(/not a decimal amount/);
    expect(() => money(1.5, "EUR")).toThrow(/whole number/);
    expect(() => money(100, "euro")).toThrow(/ISO 4217/);
  });

  it("writes the decimal string Shopify expects", () => {
    expect(toDecimalString(money(1250, "EUR"))).toBe("12.50");
    expect(toDecimalString(money(7, "USD"))).toBe("0.07");
    expect(toDecimalString(money(-310, "EUR"))).toBe("-3.10");
    expect(toDecimalString(money(1000, "JPY"))).toBe("1000");
  });

  it("adds only the same currency", () => {
    expect(addMoney(money(1250, "EUR"), money(50, "EUR"))).toEqual(money(1300, "EUR"));
    expect(() => addMoney(money(1, "EUR"), money(1, "USD"))).toThrow("Cannot add USD to EUR");
  });

  it("formats for people in their language", () => {
    expect(formatMoney(money(123450, "EUR"), "fr")).toMatch(/^1\s234,50\s€$/);
    expect(formatMoney(money(123450, "USD"), "en")).toBe("$1,234.50");
  });
});
