import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, levels, variantBySku } from "../../helpers/sim-client";

const FULFILLMENT_ORDERS = `query($id: ID!) { order(id: $id) { displayFulfillmentStatus
  fulfillmentOrders(first: 5) { nodes { id status fulfillmentHolds { id handle reason } lineItems(first: 5) { nodes { id totalQuantity remainingQuantity lineItem { sku } } } } } } }`;
const HOLD = `mutation($id: ID!, $hold: FulfillmentOrderHoldInput!) {
  fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) { fulfillmentHold { id handle reason } fulfillmentOrder { status } userErrors { field message code } } }`;
const RELEASE = `mutation($id: ID!, $holdIds: [ID!]) { fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) { fulfillmentOrder { status } userErrors { message } } }`;
const SHIP = `mutation($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { status trackingInfo { company number url } } userErrors { field message } } }`;

describe("the stand-in's fulfillment orders", () => {
  let sim: RunningSim;
  beforeAll(async () => (sim = await startSim()));
  beforeEach(() => sim.reset());
  afterAll(() => sim.close());

  async function paidOrder(quantity = 2) {
    const tee = await variantBySku(sim, "DD-TEE-M");
    const draft = await adminData(
      sim,
      `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } } }`,
      {
        input: { lineItems: [{ variantId: tee.id, quantity }], tags: ["pledgebridge"] },
      },
    );
    const done = await adminData(
      sim,
      `mutation($id: ID!) { draftOrderComplete(id: $id) { draftOrder { order { id } } } }`,
      {
        id: draft.draftOrderCreate.draftOrder.id,
      },
    );
    const orderId = done.draftOrderComplete.draftOrder.order.id as string;
    const order = (await adminData(sim, FULFILLMENT_ORDERS, { id: orderId })).order;
    return { orderId, tee, fulfillmentOrder: order.fulfillmentOrders.nodes[0] };
  }

  it("gives every order an open fulfillment order for what it ships", async () => {
    const { fulfillmentOrder } = await paidOrder();
    expect(fulfillmentOrder).toMatchObject({
      status: "OPEN",
      fulfillmentHolds: [],
      lineItems: { nodes: [{ totalQuantity: 2, remainingQuantity: 2, lineItem: { sku: "DD-TEE-M" } }] },
    });
  });

  it("holds with handles, refuses a second hold with the same handle, and opens only when every hold is released", async () => {
    const { orderId, fulfillmentOrder } = await paidOrder();
    const campaign = await adminData(sim, HOLD, {
      id: fulfillmentOrder.id,
      hold: { reason: "UNKNOWN_DELIVERY_DATE", handle: "campaign-deep-delve" },
    });
    expect(campaign.fulfillmentOrderHold).toMatchObject({
      fulfillmentHold: { handle: "campaign-deep-delve", reason: "UNKNOWN_DELIVERY_DATE" },
      fulfillmentOrder: { status: "ON_HOLD" },
    });
    const again = await adminData(sim, HOLD, {
      id: fulfillmentOrder.id,
      hold: { reason: "OTHER", handle: "campaign-deep-delve" },
    });
    expect(again.fulfillmentOrderHold.userErrors[0].code).toBe("DUPLICATE_FULFILLMENT_HOLD_HANDLE");
    const address = await adminData(sim, HOLD, {
      id: fulfillmentOrder.id,
      hold: { reason: "INCORRECT_ADDRESS", handle: "address-unconfirmed" },
    });
    expect((await adminData(sim, FULFILLMENT_ORDERS, { id: orderId })).order.displayFulfillmentStatus).toBe("ON_HOLD");

    const first = await adminData(sim, RELEASE, {
      id: fulfillmentOrder.id,
      holdIds: [campaign.fulfillmentOrderHold.fulfillmentHold.id],
    });
    expect(first.fulfillmentOrderReleaseHold.fulfillmentOrder.status).toBe("ON_HOLD");
    const second = await adminData(sim, RELEASE, {
      id: fulfillmentOrder.id,
      holdIds: [address.fulfillmentOrderHold.fulfillmentHold.id],
    });
    expect(second.fulfillmentOrderReleaseHold.fulfillmentOrder.status).toBe("OPEN");
    expect(sim.webhooks.deliveries.map((d) => d.topic)).toEqual(
      expect.arrayContaining(["fulfillment_orders/placed_on_hold", "fulfillment_orders/hold_released"]),
    );
  });

  it("will not ship a held order", async () => {
    const { fulfillmentOrder } = await paidOrder();
    await adminData(sim, HOLD, { id: fulfillmentOrder.id, hold: { reason: "UNKNOWN_DELIVERY_DATE", handle: "wave" } });
    const shipped = await adminData(sim, SHIP, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }] },
    });
    expect(shipped.fulfillmentCreate.userErrors[0].message).toMatch(/on hold/);
  });

  it("ships with tracking, closes the fulfillment order, takes the units out of stock and tells the app", async () => {
    const { orderId, tee, fulfillmentOrder } = await paidOrder();
    expect((await levels(sim, tee.inventoryItem.id))[0]).toMatchObject({ committed: 2, on_hand: 35 });
    const shipped = await adminData(sim, SHIP, {
      fulfillment: {
        trackingInfo: { company: "DHL Express", number: "1234567890", url: "https://www.dhl.com/track?AWB=1234567890" },
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
      },
    });
    expect(shipped.fulfillmentCreate.fulfillment).toEqual({
      status: "SUCCESS",
      trackingInfo: [{ company: "DHL Express", number: "1234567890", url: "https://www.dhl.com/track?AWB=1234567890" }],
    });
    const order = (await adminData(sim, FULFILLMENT_ORDERS, { id: orderId })).order;
    expect(order.displayFulfillmentStatus).toBe("FULFILLED");
    expect(order.fulfillmentOrders.nodes[0].status).toBe("CLOSED");
    expect((await levels(sim, tee.inventoryItem.id))[0]).toMatchObject({ committed: 0, on_hand: 33 });
    const created = sim.webhooks.deliveries.find((d) => d.topic === "fulfillments/create");
    expect(created?.payload).toMatchObject({
      tracking_company: "DHL Express",
      tracking_number: "1234567890",
      line_items: [{ sku: "DD-TEE-M", quantity: 2 }],
    });
  });

  it("ships part of a fulfillment order", async () => {
    const { orderId, fulfillmentOrder } = await paidOrder(3);
    const line = fulfillmentOrder.lineItems.nodes[0];
    await adminData(sim, SHIP, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fulfillmentOrder.id, fulfillmentOrderLineItems: [{ id: line.id, quantity: 1 }] },
        ],
      },
    });
    const order = (await adminData(sim, FULFILLMENT_ORDERS, { id: orderId })).order;
    expect(order.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(order.fulfillmentOrders.nodes[0]).toMatchObject({
      status: "IN_PROGRESS",
      lineItems: { nodes: [{ remainingQuantity: 2 }] },
    });
    const tooMany = await adminData(sim, SHIP, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fulfillmentOrder.id, fulfillmentOrderLineItems: [{ id: line.id, quantity: 5 }] },
        ],
      },
    });
    expect(tooMany.fulfillmentCreate.userErrors[0].message).toMatch(/Invalid fulfillment order line item quantity/);
  });

  it("lets the merchant cancel an unshipped order, giving its stock back and telling the app", async () => {
    const { orderId, tee } = await paidOrder();
    const numericId = orderId.split("/").pop();
    const cancelled = await fetch(`${sim.url}/sim/shops/demo-shop.myshopify.com/orders/${numericId}/cancel`, {
      method: "POST",
    });
    expect(cancelled.status).toBe(200);
    expect((await levels(sim, tee.inventoryItem.id))[0]).toMatchObject({ available: 35, committed: 0 });
    const order = await adminData(
      sim,
      `query($id: ID!) { order(id: $id) { cancelledAt fulfillmentOrders(first: 1) { nodes { status } } } }`,
      { id: orderId },
    );
    expect(order.order).toMatchObject({
      cancelledAt: expect.any(String),
      fulfillmentOrders: { nodes: [{ status: "CANCELLED" }] },
    });
    expect(sim.webhooks.deliveries.map((d) => d.topic)).toContain("orders/cancelled");
    expect(
      (await fetch(`${sim.url}/sim/shops/demo-shop.myshopify.com/orders/${numericId}/cancel`, { method: "POST" }))
        .status,
    ).toBe(422);
  });

  it("lets the merchant refund an order, which sends refunds/create", async () => {
    const { orderId } = await paidOrder();
    const refunded = await fetch(
      `${sim.url}/sim/shops/demo-shop.myshopify.com/orders/${orderId.split("/").pop()}/refund`,
      { method: "POST" },
    );
    expect(refunded.status).toBe(200);
    const order = await adminData(sim, `query($id: ID!) { order(id: $id) { displayFinancialStatus } }`, {
      id: orderId,
    });
    expect(order.order.displayFinancialStatus).toBe("REFUNDED");
    const refund = sim.webhooks.deliveries.find((d) => d.topic === "refunds/create");
    expect(refund?.payload).toMatchObject({ transactions: [{ kind: "refund", amount: "50.00", currency: "EUR" }] });
  });

  it("splits a fulfillment order on a partial hold, and refuses quantities it does not have", async () => {
    const { orderId, fulfillmentOrder } = await paidOrder(3);
    const line = fulfillmentOrder.lineItems.nodes[0];
    const partial = (quantity: number, handle = `part-${quantity}`) =>
      adminData(sim, HOLD, {
        id: fulfillmentOrder.id,
        hold: { reason: "OTHER", handle, fulfillmentOrderLineItems: [{ id: line.id, quantity }] },
      });
    expect((await partial(4)).fulfillmentOrderHold.userErrors[0].code).toBe("INVALID_LINE_ITEM_QUANTITY");
    expect((await partial(1)).fulfillmentOrderHold.fulfillmentOrder.status).toBe("ON_HOLD");
    const split = (await adminData(sim, FULFILLMENT_ORDERS, { id: orderId })).order.fulfillmentOrders.nodes;
    expect(split.map((fo: any) => [fo.status, fo.lineItems.nodes[0].remainingQuantity])).toEqual([
      ["ON_HOLD", 1],
      ["OPEN", 2],
    ]);
    // A held fulfillment order cannot be split again.
    expect((await partial(1, "again")).fulfillmentOrderHold.userErrors[0].message).toMatch(
      /on hold can't be partially held/,
    );
  });
});
