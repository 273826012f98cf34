import { describe, expect, it } from "vitest";
import { offerProblems, sellingPlanGroupInput, type PreorderOffer } from "../../app/domain/preorders/offer";

const NOW = new Date("2026-11-23T12:00:00Z");
const MARCH = new Date("2027-03-01T15:00:00Z");
const base: PreorderOffer = {
  name: "Pre-order: ships March 2027",
  merchantCode: "pledgebridge-deep-delve",
  payment: { kind: "full" },
  delivery: { kind: "date", date: MARCH },
  reserve: "on_sale",
  discountPercentage: 0,
};
const plan = (offer: PreorderOffer) => sellingPlanGroupInput(offer).sellingPlansToCreate![0]!;

describe("a pre-order offer", () => {
  it("pays in full: the whole price at checkout, no balance", () => {
    expect(offerProblems(base, NOW)).toEqual([]);
    expect(plan(base)).toMatchObject({
      category: "PRE_ORDER",
      options: ["Pay in full"],
      billingPolicy: {
        fixed: {
          checkoutCharge: { type: "PERCENTAGE", value: { percentage: 100 } },
          remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
        },
      },
      deliveryPolicy: { fixed: { fulfillmentTrigger: "EXACT_TIME", fulfillmentExactTime: MARCH.toISOString() } },
      inventoryPolicy: { reserve: "ON_SALE" },
      pricingPolicies: [],
    });
    expect(plan(base).billingPolicy!.fixed).not.toHaveProperty("remainingBalanceChargeExactTime");
  });

  it("takes a deposit with the balance on a date, after some days, or when it ships", () => {
    const deposit = (balance: Extract<PreorderOffer["payment"], { kind: "deposit" }>["balance"]): PreorderOffer => ({
      ...base,
      payment: { kind: "deposit", percentage: 20, balance },
    });
    expect(plan(deposit({ trigger: "date", date: new Date("2027-02-01T00:00:00Z") })).billingPolicy!.fixed).toEqual({
      checkoutCharge: { type: "PERCENTAGE", value: { percentage: 20 } },
      remainingBalanceChargeTrigger: "EXACT_TIME",
      remainingBalanceChargeExactTime: "2027-02-01T00:00:00.000Z",
    });
    expect(plan(deposit({ trigger: "days_after_checkout", days: 30 })).billingPolicy!.fixed).toMatchObject({
      remainingBalanceChargeTrigger: "TIME_AFTER_CHECKOUT",
      remainingBalanceChargeTimeAfterCheckout: "P30D",
    });
    expect(plan(deposit({ trigger: "on_fulfillment" })).billingPolicy!.fixed).toMatchObject({
      remainingBalanceChargeTrigger: "ON_FULFILLMENT",
    });
    expect(plan(deposit({ trigger: "on_fulfillment" })).options).toEqual(["20% deposit"]);
    const fixed: PreorderOffer = {
      ...base,
      payment: { kind: "deposit_amount", amount: "15.00", balance: { trigger: "on_fulfillment" } },
    };
    expect(plan(fixed).billingPolicy!.fixed!.checkoutCharge).toEqual({ type: "PRICE", value: { fixedValue: "15.00" } });
  });

  it("ships as soon as possible, reserves at fulfillment, and gives a discount when asked", () => {
    const offer: PreorderOffer = {
      ...base,
      delivery: { kind: "asap" },
      reserve: "on_fulfillment",
      discountPercentage: 10,
    };
    expect(plan(offer)).toMatchObject({
      deliveryPolicy: { fixed: { fulfillmentTrigger: "ASAP" } },
      inventoryPolicy: { reserve: "ON_FULFILLMENT" },
      pricingPolicies: [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } }],
    });
    expect(plan(offer).deliveryPolicy!.fixed).not.toHaveProperty("fulfillmentExactTime");
  });

  it("says what Shopify would refuse, in the form's terms", () => {
    const problems = (offer: Partial<PreorderOffer>) =>
      offerProblems({ ...base, ...offer }, NOW).map((p) => `${p.field}:${p.code}`);
    expect(problems({ name: "  " })).toEqual(["name:blank"]);
    expect(problems({ payment: { kind: "deposit", percentage: 100, balance: { trigger: "on_fulfillment" } } })).toEqual(
      ["payment:full_payment_is_not_a_deposit"],
    );
    expect(problems({ payment: { kind: "deposit", percentage: -5, balance: { trigger: "on_fulfillment" } } })).toEqual([
      "payment:percentage_range",
    ]);
    expect(
      problems({ payment: { kind: "deposit_amount", amount: "15,00", balance: { trigger: "on_fulfillment" } } }),
    ).toEqual(["payment:amount_invalid"]);
    expect(
      problems({
        payment: { kind: "deposit", percentage: 20, balance: { trigger: "date", date: new Date("2026-01-01") } },
      }),
    ).toEqual(["balance:date_in_past"]);
    expect(
      problems({
        payment: { kind: "deposit", percentage: 20, balance: { trigger: "date", date: new Date("2027-06-01") } },
      }),
    ).toEqual(["balance:date_after_delivery"]);
    expect(
      problems({ payment: { kind: "deposit", percentage: 20, balance: { trigger: "days_after_checkout", days: 0 } } }),
    ).toEqual(["balance:days_range"]);
    expect(problems({ delivery: { kind: "date", date: new Date("2026-11-01") } })).toEqual(["delivery:date_in_past"]);
    expect(problems({ discountPercentage: 100 })).toEqual(["discount:percentage_range"]);
  });
});
