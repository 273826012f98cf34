// Every kind of offer the pre-order form can make is accepted by the stand-in's selling-plan rules (Shopify's
// SellingPlanGroupUserErrorCode rules, as the stand-in applies them): the form's checks are never weaker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sellingPlanGroupInput, type PreorderOffer } from "../../../app/domain/preorders/offer";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminGraphql } from "../../helpers/sim-client";

const CREATE = `mutation($input: SellingPlanGroupInput!) {
  sellingPlanGroupCreate(input: $input) { sellingPlanGroup { id } userErrors { field message code } }
}`;

describe("pre-order offers against the stand-in's selling-plan rules", () => {
  let sim: RunningSim;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());

  const later = new Date(Date.now() + 90 * 86_400_000);
  const sooner = new Date(Date.now() + 30 * 86_400_000);
  const offers: Array<[string, PreorderOffer["payment"], PreorderOffer["delivery"]]> = [
    ["in full, on a date", { kind: "full" }, { kind: "date", date: later }],
    ["in full, asap", { kind: "full" }, { kind: "asap" }],
    [
      "deposit, balance on a date",
      { kind: "deposit", percentage: 20, balance: { trigger: "date", date: sooner } },
      { kind: "date", date: later },
    ],
    [
      "deposit, balance after 30 days",
      { kind: "deposit", percentage: 30, balance: { trigger: "days_after_checkout", days: 30 } },
      { kind: "asap" },
    ],
    [
      "nothing now, balance on fulfillment",
      { kind: "deposit", percentage: 0, balance: { trigger: "on_fulfillment" } },
      { kind: "date", date: later },
    ],
    [
      "fixed deposit, balance on fulfillment",
      { kind: "deposit_amount", amount: "15.00", balance: { trigger: "on_fulfillment" } },
      { kind: "asap" },
    ],
  ];

  it.each(offers)("accepts %s", async (label, payment, delivery) => {
    const input = sellingPlanGroupInput({
      name: `Pre-order (${label})`,
      merchantCode: `pb-${label.replace(/\W+/g, "-")}`,
      payment,
      delivery,
      reserve: "on_sale",
      discountPercentage: 10,
    });
    const { body } = await adminGraphql(sim, CREATE, { input });
    expect(body.errors).toBeUndefined();
    expect(body.data.sellingPlanGroupCreate.userErrors).toEqual([]);
    expect(body.data.sellingPlanGroupCreate.sellingPlanGroup.id).toMatch(/^gid:\/\/shopify\/SellingPlanGroup\/\d+$/);
  });
});
