// The stand-in's side of pre-orders, as the app relies on it: a shopper's checkout on a selling plan (deposit now,
// the rest as payment terms against a vaulted card, stock by the plan's reserve policy), charges of the balance
// (one payment per idempotency key), the metafields the storefront block reads, and translations by digest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sellingPlanGroupInput } from "../../../app/domain/preorders/offer";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, adminGraphql, declineCard, shopperCheckout } from "../../helpers/sim-client";

describe("pre-orders on the stand-in's storefront", () => {
  let sim: RunningSim;
  const state = () => sim.store.shop("demo-shop.myshopify.com")!.state;
  const variant = (sku: string) => [...state().variants.values()].find((v) => v.sku === sku)!;
  let planId: number;
  let groupId: string;

  beforeAll(async () => {
    sim = await startSim();
    const created = await adminData(
      sim,
      `mutation($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {
        sellingPlanGroupCreate(input: $input, resources: $resources) { sellingPlanGroup { id sellingPlans(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        input: sellingPlanGroupInput({
          name: "Pre-order",
          merchantCode: "pb-test",
          payment: {
            kind: "deposit",
            percentage: 25,
            balance: { trigger: "date", date: new Date(Date.now() + 30 * 86_400_000) },
          },
          delivery: { kind: "asap" },
          reserve: "on_fulfillment",
          discountPercentage: 10,
        }),
        resources: { productVariantIds: [`gid://shopify/ProductVariant/${variant("DD-CORE").id}`] },
      },
    );
    groupId = created.sellingPlanGroupCreate.sellingPlanGroup.id;
    planId = Number(created.sellingPlanGroupCreate.sellingPlanGroup.sellingPlans.nodes[0].id.split("/").pop());
  });
  afterAll(() => sim.close());

  it("takes the deposit on the discounted price, owes the rest on the date, and leaves stock until it ships", async () => {
    const core = variant("DD-CORE");
    const before = { ...state().inventoryItems.get(core.inventoryItemId)!.levels.get(state().primaryLocationId)! };
    const bought = await shopperCheckout(sim, [{ variantId: core.id, quantity: 2, sellingPlanId: planId }]);
    expect(bought.userErrors).toEqual([]);
    const order = state().orders.get(bought.order!.id)!;
    const total = Math.round(core.priceMinor * 0.9) * 2;
    expect(order.financialStatus).toBe("PARTIALLY_PAID");
    expect(order.paymentTerms).toMatchObject({ type: "FIXED", amountMinor: total - Math.round(total * 0.25) });
    expect(order.mandateId).not.toBeNull();
    expect(state().inventoryItems.get(core.inventoryItemId)!.levels.get(state().primaryLocationId)).toEqual(before);
    const read = await adminData(
      sim,
      `query($id: ID!) { order(id: $id) { totalOutstandingSet { shopMoney { amount } } paymentTerms { paymentTermsType paymentSchedules(first: 1) { nodes { dueAt } } } paymentCollectionDetails { vaultedPaymentMethods { id } } lineItems(first: 5) { nodes { sellingPlan { sellingPlanId } } } } }`,
      { id: `gid://shopify/Order/${order.id}` },
    );
    expect(Number(read.order.totalOutstandingSet.shopMoney.amount) * 100).toBeCloseTo(order.paymentTerms!.amountMinor);
    expect(read.order.lineItems.nodes[0].sellingPlan.sellingPlanId).toBe(`gid://shopify/SellingPlan/${planId}`);
  });

  it("refuses a plan on a variant outside its group, and a body it cannot read", async () => {
    const refused = await shopperCheckout(sim, [
      { variantId: variant("DD-COINS").id, quantity: 1, sellingPlanId: planId },
    ]);
    expect(refused).toMatchObject({ status: 422, userErrors: [{ message: "This selling plan isn't available" }] });
    const bad = await fetch(`${sim.url}/sim/shops/demo-shop.myshopify.com/checkout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ lines: [{ variantId: "one", quantity: 1 }] }),
    });
    expect(bad.status).toBe(400);
  });

  it("charges a balance once per idempotency key, and a declined card leaves the balance owed", async () => {
    const bought = await shopperCheckout(sim, [
      { variantId: variant("DD-CORE").id, quantity: 1, sellingPlanId: planId },
    ]);
    const order = state().orders.get(bought.order!.id)!;
    const charge = (key: string) =>
      adminData(
        sim,
        `mutation($id: ID!, $m: ID!, $key: String!) { orderCreateMandatePayment(id: $id, mandateId: $m, idempotencyKey: $key) { paymentReferenceId jobResult { status } userErrors { message } } }`,
        { id: `gid://shopify/Order/${order.id}`, m: `gid://shopify/PaymentMandate/${order.mandateId}`, key },
      );
    await declineCard(sim, order.id, 1);
    const declined = await charge("k1");
    expect(declined.orderCreateMandatePayment.jobResult.status).toBe("FAILED");
    expect(order.financialStatus).toBe("PARTIALLY_PAID");
    // The same key again answers the same declined payment: no second attempt at the card.
    expect((await charge("k1")).orderCreateMandatePayment.paymentReferenceId).toBe(
      declined.orderCreateMandatePayment.paymentReferenceId,
    );
    const paid = await charge("k2");
    expect(paid.orderCreateMandatePayment.jobResult.status).toBe("SUCCEEDED");
    expect((await charge("k2")).orderCreateMandatePayment.paymentReferenceId).toBe(
      paid.orderCreateMandatePayment.paymentReferenceId,
    );
    expect(order.financialStatus).toBe("PAID");
    expect([...state().mandatePayments.values()].filter((p) => p.orderId === order.id)).toHaveLength(2);
    const nothingLeft = await charge("k3");
    expect(nothingLeft.orderCreateMandatePayment.userErrors[0].message).toMatch(/no outstanding balance/);
  });

  it("keeps app metafields as JSON, and refuses one that is not", async () => {
    const owner = `gid://shopify/ProductVariant/${variant("DD-CORE").id}`;
    const set = (value: string) =>
      adminData(
        sim,
        `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { namespace key } userErrors { code } } }`,
        { m: [{ ownerId: owner, namespace: "$app", key: "preorder", type: "json", value }] },
      );
    expect((await set("{not json")).metafieldsSet.userErrors).toEqual([{ code: "INVALID_VALUE" }]);
    expect((await set('{"a":1}')).metafieldsSet.metafields).toEqual([{ namespace: "app--1000", key: "preorder" }]);
    const read = await adminData(
      sim,
      `query($id: ID!) { productVariant(id: $id) { metafield(namespace: "$app", key: "preorder") { jsonValue } } }`,
      {
        id: owner,
      },
    );
    expect(read.productVariant.metafield.jsonValue).toEqual({ a: 1 });
  });

  it("registers a translation only for a published locale and the digest of the current text", async () => {
    const content = await adminData(
      sim,
      `query($id: ID!) { translatableResource(resourceId: $id) { translatableContent { key digest } } }`,
      {
        id: groupId,
      },
    );
    const digest = content.translatableResource.translatableContent.find(
      (c: { key: string }) => c.key === "name",
    ).digest;
    const register = (locale: string, hash: string) =>
      adminGraphql(
        sim,
        `mutation($id: ID!, $t: [TranslationInput!]!) { translationsRegister(resourceId: $id, translations: $t) { userErrors { code } } }`,
        { id: groupId, t: [{ locale, key: "name", value: "Précommande", translatableContentDigest: hash }] },
      );
    expect((await register("fr", "stale")).body.data.translationsRegister.userErrors).toEqual([
      { code: "INVALID_TRANSLATABLE_CONTENT" },
    ]);
    expect((await register("de", digest)).body.data.translationsRegister.userErrors).toEqual([
      { code: "INVALID_LOCALE_FOR_SHOP" },
    ]);
    expect((await register("fr", digest)).body.data.translationsRegister.userErrors).toEqual([]);
  });
});
