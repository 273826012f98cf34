import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, adminGraphql, levels, variantBySku } from "../../helpers/sim-client";

const CREATE = `mutation($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) {
    draftOrder {
      id name status invoiceUrl tags note2 reserveInventoryUntil
      customAttributes { key value }
      subtotalPriceSet { shopMoney { amount currencyCode } }
      totalShippingPriceSet { shopMoney { amount } }
      totalPriceSet { shopMoney { amount currencyCode } }
      lineItems(first: 10) { nodes { title quantity appliedDiscount { value valueType title } discountedTotalSet { shopMoney { amount } } } }
    }
    userErrors { field message }
  }
}`;

describe("the stand-in's draft orders", () => {
  let sim: RunningSim;
  let core: Awaited<ReturnType<typeof variantBySku>>;
  let coins: Awaited<ReturnType<typeof variantBySku>>;

  beforeAll(async () => {
    sim = await startSim();
  });
  beforeEach(async () => {
    sim.reset();
    core = await variantBySku(sim, "DD-CORE");
    coins = await variantBySku(sim, "DD-COINS");
  });
  afterAll(() => sim.close());

  const pledgeInput = (overrides: Record<string, unknown> = {}) => ({
    email: "backer@example.com",
    tags: ["pledgebridge", "deep-delve", "pledge-ks-4711"],
    note: "Kickstarter backer #4711",
    customAttributes: [{ key: "pledge_id", value: "pl_4711" }],
    lineItems: [
      {
        variantId: core.id,
        quantity: 1,
        appliedDiscount: { valueType: "PERCENTAGE", value: 100, title: "Paid on Kickstarter" },
      },
      { variantId: coins.id, quantity: 2 },
    ],
    shippingLine: { title: "Campaign shipping (EU)", priceWithCurrency: { amount: "12.50", currencyCode: "EUR" } },
    ...overrides,
  });

  async function create(overrides: Record<string, unknown> = {}) {
    return (await adminData(sim, CREATE, { input: pledgeInput(overrides) })).draftOrderCreate;
  }

  it("creates a pledge draft: reward at 100% off, add-ons at price, shipping, tags, attributes and an invoice URL", async () => {
    const { draftOrder, userErrors } = await create();
    expect(userErrors).toEqual([]);
    expect(draftOrder).toMatchObject({
      name: "#D1",
      status: "OPEN",
      tags: ["pledgebridge", "deep-delve", "pledge-ks-4711"],
      note2: "Kickstarter backer #4711",
      customAttributes: [{ key: "pledge_id", value: "pl_4711" }],
      subtotalPriceSet: { shopMoney: { amount: "30.0", currencyCode: "EUR" } },
      totalShippingPriceSet: { shopMoney: { amount: "12.5" } },
      totalPriceSet: { shopMoney: { amount: "42.5", currencyCode: "EUR" } },
    });
    expect(draftOrder.lineItems.nodes[0]).toMatchObject({
      quantity: 1,
      discountedTotalSet: { shopMoney: { amount: "0.0" } },
    });
    expect(draftOrder.invoiceUrl).toMatch(new RegExp(`^${sim.url}/checkout/demo-shop.myshopify.com/invoices/\\w+$`));
  });

  it("answers bad input with Shopify's userErrors and keeps nothing", async () => {
    const unknown = await create({ lineItems: [{ variantId: "gid://shopify/ProductVariant/999999", quantity: 1 }] });
    expect(unknown).toEqual({
      draftOrder: null,
      userErrors: [{ field: ["lineItems", "0", "variantId"], message: "Product with ID could not be found." }],
    });
    const zero = await create({ lineItems: [{ variantId: core.id, quantity: 0 }] });
    expect(zero.userErrors[0].field).toEqual(["lineItems", "0", "quantity"]);
    const email = await create({ email: "not-an-email" });
    expect(email.userErrors).toEqual([{ field: ["email"], message: "Email is invalid" }]);
    const tooMany = await create({
      lineItems: Array.from({ length: 500 }, () => ({ variantId: coins.id, quantity: 1 })),
    });
    expect(tooMany.userErrors[0].message).toMatch(/499/);
    const all = await adminData(sim, `{ draftOrders(first: 10) { nodes { id } } }`);
    expect(all.draftOrders.nodes).toEqual([]);
  });

  it("finds a draft by its tag", async () => {
    await create();
    await create({ tags: ["pledgebridge", "pledge-ks-9999"] });
    const found = await adminData(
      sim,
      `{ draftOrders(first: 5, query: "tag:pledge-ks-4711") { nodes { name customAttributes { value } } } }`,
    );
    expect(found.draftOrders.nodes).toEqual([{ name: "#D1", customAttributes: [{ value: "pl_4711" }] }]);
    const open = await adminData(
      sim,
      `{ draftOrders(first: 5, query: "tag:pledgebridge status:open") { nodes { name } } }`,
    );
    expect(open.draftOrders.nodes).toHaveLength(2);
  });

  it("holds stock in reserved until reserveInventoryUntil, and gives it back when that passes", async () => {
    const until = new Date(Date.now() + 1200).toISOString();
    await create({ reserveInventoryUntil: until });
    expect((await levels(sim, core.inventoryItem.id))[0]).toMatchObject({ available: 119, reserved: 1, on_hand: 120 });
    expect((await levels(sim, coins.inventoryItem.id))[0]).toMatchObject({ available: 198, reserved: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1400));
    expect((await levels(sim, core.inventoryItem.id))[0]).toMatchObject({ available: 120, reserved: 0 });
  });

  it("replaces what an update sends, and re-reserves for the new lines", async () => {
    const { draftOrder } = await create({ reserveInventoryUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const updated = await adminData(
      sim,
      `mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) { draftOrder { lineItems(first: 5) { nodes { quantity } } } userErrors { message } } }`,
      { id: draftOrder.id, input: { lineItems: [{ variantId: coins.id, quantity: 5 }] } },
    );
    expect(updated.draftOrderUpdate.draftOrder.lineItems.nodes).toEqual([{ quantity: 5 }]);
    expect((await levels(sim, core.inventoryItem.id))[0]).toMatchObject({ available: 120, reserved: 0 });
    expect((await levels(sim, coins.inventoryItem.id))[0]).toMatchObject({ available: 195, reserved: 5 });
  });

  it("sends the invoice only to someone", async () => {
    const { draftOrder } = await create({ email: null });
    const SEND = `mutation($id: ID!, $email: EmailInput) { draftOrderInvoiceSend(id: $id, email: $email) { draftOrder { status invoiceSentAt } userErrors { field message } } }`;
    const noOne = await adminData(sim, SEND, { id: draftOrder.id });
    expect(noOne.draftOrderInvoiceSend.userErrors).toEqual([{ field: ["email", "to"], message: "To can't be blank" }]);
    const sent = await adminData(sim, SEND, { id: draftOrder.id, email: { to: "backer@example.com" } });
    expect(sent.draftOrderInvoiceSend.draftOrder).toMatchObject({
      status: "INVOICE_SENT",
      invoiceSentAt: expect.any(String),
    });
  });

  it("completes a draft into a paid order that keeps its tags, moving held stock to committed", async () => {
    const { draftOrder } = await create({ reserveInventoryUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const COMPLETE = `mutation($id: ID!) { draftOrderComplete(id: $id) { draftOrder { status order { name tags displayFinancialStatus customAttributes { key value } } } userErrors { message } } }`;
    const done = await adminData(sim, COMPLETE, { id: draftOrder.id });
    expect(done.draftOrderComplete.draftOrder).toMatchObject({
      status: "COMPLETED",
      order: {
        name: "#1001",
        tags: ["pledgebridge", "deep-delve", "pledge-ks-4711"],
        displayFinancialStatus: "PAID",
        customAttributes: [{ key: "pledge_id", value: "pl_4711" }],
      },
    });
    expect((await levels(sim, core.inventoryItem.id))[0]).toMatchObject({
      available: 119,
      reserved: 0,
      committed: 1,
      on_hand: 120,
    });
    const again = await adminData(sim, COMPLETE, { id: draftOrder.id });
    expect(again.draftOrderComplete.userErrors).toEqual([{ message: "Draft order has already been completed" }]);
    expect(sim.webhooks.deliveries.map((d) => d.topic)).toEqual(
      expect.arrayContaining(["orders/create", "orders/paid", "draft_orders/update"]),
    );
  });

  it("will not complete a draft that would oversell a variant that may not oversell", async () => {
    const sleeves = await variantBySku(sim, "DD-SLEEVES");
    const { draftOrder } = await create({ lineItems: [{ variantId: sleeves.id, quantity: 16 }] });
    const result = await adminData(
      sim,
      `mutation($id: ID!) { draftOrderComplete(id: $id) { draftOrder { id } userErrors { message } } }`,
      { id: draftOrder.id },
    );
    expect(result.draftOrderComplete.userErrors[0].message).toMatch(/DD-SLEEVES.*15 left/);
  });

  it("lets a person pay on the invoice page, once", async () => {
    const { draftOrder } = await create();
    const page = await fetch(draftOrder.invoiceUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Total due: 42.50 EUR");
    const paid = await fetch(draftOrder.invoiceUrl, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    await fetch(draftOrder.invoiceUrl, { method: "POST", redirect: "manual" });
    const orders = await adminData(
      sim,
      `{ orders(first: 5, query: "tag:pledge-ks-4711") { nodes { name displayFinancialStatus } } }`,
    );
    expect(orders.orders.nodes).toEqual([{ name: "#1001", displayFinancialStatus: "PAID" }]);
    expect(await (await fetch(draftOrder.invoiceUrl)).text()).toContain("Thank you!");
  });

  it("calculates a draft without keeping it", async () => {
    const calc = await adminData(
      sim,
      `mutation($input: DraftOrderInput!) { draftOrderCalculate(input: $input) { calculatedDraftOrder { totalPriceSet { shopMoney { amount } } } userErrors { message } } }`,
      { input: pledgeInput() },
    );
    expect(calc.draftOrderCalculate.calculatedDraftOrder.totalPriceSet.shopMoney.amount).toBe("42.5");
    expect((await adminData(sim, `{ draftOrders(first: 5) { nodes { id } } }`)).draftOrders.nodes).toEqual([]);
  });

  it("deletes a draft and gives back what it held", async () => {
    const { draftOrder } = await create({ reserveInventoryUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const deleted = await adminData(
      sim,
      `mutation($id: ID!) { draftOrderDelete(input: { id: $id }) { deletedId userErrors { message } } }`,
      { id: draftOrder.id },
    );
    expect(deleted.draftOrderDelete.deletedId).toBe(draftOrder.id);
    expect((await levels(sim, core.inventoryItem.id))[0]).toMatchObject({ available: 120, reserved: 0 });
  });

  it("creates orders directly with orderCreate, refusing to oversell when asked to obey the policy", async () => {
    const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
      orderCreate(order: $order, options: $options) { order { name sourceIdentifier displayFinancialStatus } userErrors { field message } } }`;
    const sleeves = await variantBySku(sim, "DD-SLEEVES");
    const created = await adminData(sim, ORDER_CREATE, {
      order: {
        lineItems: [{ variantId: core.id, quantity: 1 }],
        financialStatus: "PAID",
        sourceIdentifier: "pl_1",
        tags: ["pledgebridge"],
      },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(created.orderCreate.order).toEqual({
      name: "#1001",
      sourceIdentifier: "pl_1",
      displayFinancialStatus: "PAID",
    });
    const refused = await adminData(sim, ORDER_CREATE, {
      order: { lineItems: [{ variantId: sleeves.id, quantity: 99 }] },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(refused.orderCreate.userErrors[0].message).toMatch(/not available/);
  });

  it("keeps each shop's drafts to itself", async () => {
    const two = await startSim({
      shops: [
        { domain: "brand-a.myshopify.com", accessToken: "a", name: "A", currencyCode: "EUR" },
        { domain: "brand-b.myshopify.com", accessToken: "b", name: "B", currencyCode: "USD" },
      ],
    });
    try {
      const a = { domain: "brand-a.myshopify.com", token: "a" };
      const b = { domain: "brand-b.myshopify.com", token: "b" };
      const variant = (await adminData(two, `{ productVariants(first: 1) { nodes { id } } }`, {}, a)).productVariants
        .nodes[0];
      await adminData(two, CREATE, { input: { lineItems: [{ variantId: variant.id, quantity: 1 }] } }, a);
      expect(
        (await adminData(two, `{ draftOrders(first: 5) { nodes { id } } }`, {}, a)).draftOrders.nodes,
      ).toHaveLength(1);
      expect(
        (await adminData(two, `{ draftOrders(first: 5) { nodes { id } } }`, {}, b)).draftOrders.nodes,
      ).toHaveLength(0);
      const { body } = await adminGraphql(
        two,
        `{ shop { name } }`,
        {},
        { domain: "brand-b.myshopify.com", token: "a" },
      );
      expect(body.errors).toMatch(/Invalid API key/);
    } finally {
      await two.close();
    }
  });
});
