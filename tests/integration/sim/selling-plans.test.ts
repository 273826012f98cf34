import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, variantBySku } from "../../helpers/sim-client";

const CREATE = `mutation($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {
  sellingPlanGroupCreate(input: $input, resources: $resources) {
    sellingPlanGroup { id name merchantCode productVariantsCount { count }
      sellingPlans(first: 5) { nodes { id name category
        billingPolicy { ... on SellingPlanFixedBillingPolicy { remainingBalanceChargeTrigger remainingBalanceChargeExactTime
          checkoutCharge { type value { ... on SellingPlanCheckoutChargePercentageValue { percentage } ... on MoneyV2 { amount } } } } }
        deliveryPolicy { ... on SellingPlanFixedDeliveryPolicy { fulfillmentTrigger fulfillmentExactTime } }
        inventoryPolicy { reserve } } } }
    userErrors { field message code } } }`;

const DEPOSIT_PLAN = {
  name: "Pre-order – 20% deposit, balance 1 Mar 2027",
  options: ["20% deposit"],
  category: "PRE_ORDER",
  billingPolicy: {
    fixed: {
      checkoutCharge: { type: "PERCENTAGE", value: { percentage: 20 } },
      remainingBalanceChargeTrigger: "EXACT_TIME",
      remainingBalanceChargeExactTime: "2027-03-01T15:00:00Z",
    },
  },
  deliveryPolicy: { fixed: { fulfillmentTrigger: "EXACT_TIME", fulfillmentExactTime: "2027-03-01T15:00:00Z" } },
  inventoryPolicy: { reserve: "ON_SALE" },
};

function plan(
  billing: Record<string, unknown>,
  delivery: Record<string, unknown> = { fulfillmentTrigger: "ASAP" },
  extra: Record<string, unknown> = {},
) {
  return {
    name: "Pre-order",
    options: ["Pre-order"],
    category: "PRE_ORDER",
    billingPolicy: { fixed: billing },
    deliveryPolicy: { fixed: delivery },
    ...extra,
  };
}

describe("the stand-in's selling-plan groups", () => {
  let sim: RunningSim;
  let print: Awaited<ReturnType<typeof variantBySku>>;
  beforeAll(async () => (sim = await startSim()));
  beforeEach(async () => {
    sim.reset();
    print = await variantBySku(sim, "DD-PRINT-A2");
  });
  afterAll(() => sim.close());

  it("creates a PRE_ORDER group with a deposit and a balance date on chosen variants", async () => {
    const { sellingPlanGroupCreate } = await adminData(sim, CREATE, {
      input: {
        name: "Pre-order",
        merchantCode: "preorder-deep-delve",
        options: ["Pre-order"],
        sellingPlansToCreate: [DEPOSIT_PLAN],
      },
      resources: { productVariantIds: [print.id] },
    });
    expect(sellingPlanGroupCreate.userErrors).toEqual([]);
    expect(sellingPlanGroupCreate.sellingPlanGroup).toMatchObject({
      name: "Pre-order",
      merchantCode: "preorder-deep-delve",
      productVariantsCount: { count: 1 },
      sellingPlans: {
        nodes: [
          {
            category: "PRE_ORDER",
            billingPolicy: {
              remainingBalanceChargeTrigger: "EXACT_TIME",
              remainingBalanceChargeExactTime: "2027-03-01T15:00:00Z",
              checkoutCharge: { type: "PERCENTAGE", value: { percentage: 20 } },
            },
            deliveryPolicy: { fulfillmentTrigger: "EXACT_TIME" },
            inventoryPolicy: { reserve: "ON_SALE" },
          },
        ],
      },
    });
    const variant = await adminData(
      sim,
      `query($id: ID!) { productVariant(id: $id) { sellingPlanGroups(first: 5) { nodes { merchantCode } } } }`,
      { id: print.id },
    );
    expect(variant.productVariant.sellingPlanGroups.nodes).toEqual([{ merchantCode: "preorder-deep-delve" }]);
  });

  it.each([
    [
      "a 100% charge with a remaining balance",
      plan({
        checkoutCharge: { type: "PERCENTAGE", value: { percentage: 100 } },
        remainingBalanceChargeTrigger: "EXACT_TIME",
        remainingBalanceChargeExactTime: "2027-01-01T00:00:00Z",
      }),
      "REMAINING_BALANCE_CHARGE_TRIGGER_ON_FULL_CHECKOUT",
    ],
    [
      "a deposit with no remaining balance",
      plan({
        checkoutCharge: { type: "PERCENTAGE", value: { percentage: 20 } },
        remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
      }),
      "REMAINING_BALANCE_CHARGE_TRIGGER_NO_REMAINING_BALANCE_ON_PARTIAL_PERCENTAGE_CHECKOUT_CHARGE",
    ],
    [
      "a price charge with no remaining balance",
      plan({
        checkoutCharge: { type: "PRICE", value: { fixedValue: "10.00" } },
        remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
      }),
      "REMAINING_BALANCE_CHARGE_TRIGGER_NO_REMAINING_BALANCE_ON_PRICE_CHECKOUT_CHARGE",
    ],
    [
      "EXACT_TIME without the time",
      plan({
        checkoutCharge: { type: "PERCENTAGE", value: { percentage: 0 } },
        remainingBalanceChargeTrigger: "EXACT_TIME",
      }),
      "REMAINING_BALANCE_CHARGE_EXACT_TIME_REQUIRED",
    ],
    [
      "a balance time with another trigger",
      plan({
        checkoutCharge: { type: "PERCENTAGE", value: { percentage: 0 } },
        remainingBalanceChargeTrigger: "ON_FULFILLMENT",
        remainingBalanceChargeExactTime: "2027-01-01T00:00:00Z",
      }),
      "REMAINING_BALANCE_CHARGE_EXACT_TIME_NOT_ALLOWED",
    ],
    [
      "a zero time after checkout",
      plan({
        checkoutCharge: { type: "PERCENTAGE", value: { percentage: 0 } },
        remainingBalanceChargeTrigger: "TIME_AFTER_CHECKOUT",
        remainingBalanceChargeTimeAfterCheckout: "P0D",
      }),
      "REMAINING_BALANCE_CHARGE_TIME_AFTER_CHECKOUT_MUST_BE_GREATER_THAN_ZERO",
    ],
    [
      "delivery at an exact time without the time",
      plan(
        {
          checkoutCharge: { type: "PERCENTAGE", value: { percentage: 100 } },
          remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
        },
        { fulfillmentTrigger: "EXACT_TIME" },
      ),
      "FULFILLMENT_EXACT_TIME_REQUIRED",
    ],
    [
      "a delivery time with ASAP",
      plan(
        {
          checkoutCharge: { type: "PERCENTAGE", value: { percentage: 100 } },
          remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
        },
        { fulfillmentTrigger: "ASAP", fulfillmentExactTime: "2027-01-01T00:00:00Z" },
      ),
      "FULFILLMENT_EXACT_TIME_NOT_ALLOWED",
    ],
    [
      "a charge type that does not match its value",
      plan({
        checkoutCharge: { type: "PRICE", value: { percentage: 20 } },
        remainingBalanceChargeTrigger: "ON_FULFILLMENT",
      }),
      "CHECKOUT_CHARGE_VALUE_AND_TYPE_MUST_MATCH",
    ],
    [
      "two fixed pricing policies",
      plan(
        {
          checkoutCharge: { type: "PERCENTAGE", value: { percentage: 100 } },
          remainingBalanceChargeTrigger: "NO_REMAINING_BALANCE",
        },
        { fulfillmentTrigger: "ASAP" },
        {
          pricingPolicies: [
            { fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } },
            { fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 5 } } },
          ],
        },
      ),
      "SELLING_PLAN_FIXED_PRICING_POLICIES_LIMIT",
    ],
  ])("refuses %s with Shopify's code, creating nothing", async (_case, badPlan, code) => {
    const { sellingPlanGroupCreate } = await adminData(sim, CREATE, {
      input: { name: "Pre-order", options: ["Pre-order"], sellingPlansToCreate: [badPlan] },
    });
    expect(sellingPlanGroupCreate).toMatchObject({ sellingPlanGroup: null, userErrors: [{ code }] });
    expect((await adminData(sim, `{ sellingPlanGroups(first: 5) { nodes { id } } }`)).sellingPlanGroups.nodes).toEqual(
      [],
    );
  });

  it("refuses duplicate plan names and unknown variants", async () => {
    const twice = await adminData(sim, CREATE, {
      input: {
        name: "Pre-order",
        options: ["Pre-order"],
        sellingPlansToCreate: [DEPOSIT_PLAN, { ...DEPOSIT_PLAN, options: ["other"] }],
      },
    });
    expect(twice.sellingPlanGroupCreate.userErrors[0].code).toBe("SELLING_PLAN_DUPLICATE_NAME");
    const unknown = await adminData(sim, CREATE, {
      input: { name: "Pre-order", options: ["Pre-order"], sellingPlansToCreate: [DEPOSIT_PLAN] },
      resources: { productVariantIds: ["gid://shopify/ProductVariant/1"] },
    });
    expect(unknown.sellingPlanGroupCreate.userErrors[0].code).toBe("PRODUCT_VARIANT_DOES_NOT_EXIST");
  });

  it("adds and removes variants, updates plans and deletes the group", async () => {
    const created = (
      await adminData(sim, CREATE, {
        input: { name: "Pre-order", options: ["Pre-order"], sellingPlansToCreate: [DEPOSIT_PLAN] },
      })
    ).sellingPlanGroupCreate.sellingPlanGroup;
    const tee = await variantBySku(sim, "DD-TEE-L");
    const added = await adminData(
      sim,
      `mutation($id: ID!, $ids: [ID!]!) { sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $ids) { sellingPlanGroup { productVariantsCount { count } } userErrors { code } } }`,
      { id: created.id, ids: [print.id, tee.id] },
    );
    expect(added.sellingPlanGroupAddProductVariants.sellingPlanGroup.productVariantsCount.count).toBe(2);
    const removed = await adminData(
      sim,
      `mutation($id: ID!, $ids: [ID!]!) { sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $ids) { removedProductVariantIds userErrors { code } } }`,
      { id: created.id, ids: [tee.id] },
    );
    expect(removed.sellingPlanGroupRemoveProductVariants.removedProductVariantIds).toEqual([tee.id]);

    const planId = created.sellingPlans.nodes[0].id;
    const updated = await adminData(
      sim,
      `mutation($id: ID!, $input: SellingPlanGroupInput!) { sellingPlanGroupUpdate(id: $id, input: $input) { sellingPlanGroup { sellingPlans(first: 5) { nodes { name } } } userErrors { code } } }`,
      {
        id: created.id,
        input: { sellingPlansToUpdate: [{ id: planId, name: "Pre-order – ships March 2027" }] },
      },
    );
    expect(updated.sellingPlanGroupUpdate.sellingPlanGroup.sellingPlans.nodes).toEqual([
      { name: "Pre-order – ships March 2027" },
    ]);

    const deleted = await adminData(
      sim,
      `mutation($id: ID!) { sellingPlanGroupDelete(id: $id) { deletedSellingPlanGroupId userErrors { code } } }`,
      { id: created.id },
    );
    expect(deleted.sellingPlanGroupDelete.deletedSellingPlanGroupId).toBe(created.id);
    expect(sim.webhooks.deliveries.map((d) => d.topic)).toEqual(
      expect.arrayContaining([
        "selling_plan_groups/create",
        "selling_plan_groups/update",
        "selling_plan_groups/delete",
      ]),
    );
  });

  it("lets a variant continue selling when out of stock, for the length of an offer", async () => {
    const product = await adminData(
      sim,
      `query($id: ID!) { productVariant(id: $id) { inventoryPolicy product { id } } }`,
      { id: (await variantBySku(sim, "DD-PRINT-A3")).id },
    );
    expect(product.productVariant.inventoryPolicy).toBe("DENY");
    const a3 = await variantBySku(sim, "DD-PRINT-A3");
    const updated = await adminData(
      sim,
      `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
      productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { inventoryPolicy } userErrors { code } } }`,
      {
        productId: product.productVariant.product.id,
        variants: [{ id: a3.id, inventoryPolicy: "CONTINUE" }],
      },
    );
    expect(updated.productVariantsBulkUpdate.productVariants).toEqual([{ inventoryPolicy: "CONTINUE" }]);
  });
});
