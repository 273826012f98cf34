// Orders: created by orderCreate, or when a draft is completed or paid.
import { openFulfillmentOrder } from "./fulfillment";
import { levelAt } from "./inventory";
import { buildLineItems } from "./line-items";
import { orderPayload } from "./payloads";
import type { ShopState } from "./shop-state";
import { commitStock, stockShortage, trackedItem } from "./stock";
import type { Address, Attribute, Order, UserError } from "./types";

export function createOrder(
  state: ShopState,
  input: {
    lineItems: Array<Record<string, unknown>>;
    email?: string | null;
    phone?: string | null;
    note?: string | null;
    tags?: string[];
    customAttributes?: Attribute[];
    shippingAddress?: Address | null;
    financialStatus?: string | null;
    sourceIdentifier?: string | null;
    sourceName?: string | null;
    inventoryBehaviour?: string | null;
  },
): { order: Order | null; userErrors: UserError[] } {
  const built = buildLineItems(state, input.lineItems, "lineItems", true);
  if (built.userErrors.length) return { order: null, userErrors: built.userErrors };
  if (!built.lineItems.length)
    return {
      order: null,
      userErrors: [{ field: ["order", "lineItems"], message: "Line items must have at least one line item" }],
    };
  const behaviour = input.inventoryBehaviour ?? "BYPASS";
  if (behaviour === "DECREMENT_OBEYING_POLICY") {
    const shortage = stockShortage(state, built.lineItems, []);
    if (shortage) return { order: null, userErrors: [{ field: ["order", "lineItems"], message: shortage }] };
  }
  if (behaviour !== "BYPASS") commitStock(state, built.lineItems);
  const order = addOrder(state, {
    email: input.email ?? null,
    phone: input.phone ?? null,
    note: input.note ?? null,
    tags: input.tags ?? [],
    customAttributes: input.customAttributes ?? [],
    lineItems: built.lineItems,
    shippingAddress: input.shippingAddress ?? null,
    shippingLine: null,
    customerId: null,
    sourceIdentifier: input.sourceIdentifier ?? null,
    sourceName: input.sourceName ?? "pledgebridge",
    draftOrderId: null,
    financialStatus: input.financialStatus === "PENDING" ? "PENDING" : "PAID",
  });
  return { order, userErrors: [] };
}

export function addOrder(
  state: ShopState,
  fields: Omit<Order, "id" | "name" | "currencyCode" | "cancelledAt" | "createdAt" | "updatedAt">,
): Order {
  const at = state.now().toISOString();
  const order: Order = {
    ...fields,
    id: state.id(),
    name: `#${state.nextOrderNumber++}`,
    currencyCode: state.currencyCode,
    cancelledAt: null,
    createdAt: at,
    updatedAt: at,
  };
  state.orders.set(order.id, order);
  openFulfillmentOrder(state, order);
  state.emit("orders/create", orderPayload(state, order));
  if (order.financialStatus === "PAID") state.emit("orders/paid", orderPayload(state, order));
  return order;
}

/** The merchant cancels in the admin: the order is cancelled, its unshipped stock goes back, the app is told. */
export function cancelOrder(state: ShopState, id: number): { order: Order | null; userErrors: UserError[] } {
  const order = state.orders.get(id);
  if (!order) return { order: null, userErrors: [{ field: ["orderId"], message: "Order does not exist" }] };
  if (order.cancelledAt)
    return { order: null, userErrors: [{ field: ["orderId"], message: "Order has already been cancelled" }] };
  const at = state.now().toISOString();
  for (const fulfillmentOrder of state.fulfillmentOrders.values()) {
    if (fulfillmentOrder.orderId !== order.id || fulfillmentOrder.status === "CLOSED") continue;
    for (const item of fulfillmentOrder.lineItems) {
      const line = order.lineItems.find((l) => l.id === item.lineItemId);
      const inventoryItem = trackedItem(state, line);
      // A pre-order line reserved only on fulfillment never left available.
      if (inventoryItem && item.remainingQuantity > 0 && line?.sellingPlan?.reserveOnSale !== false) {
        const level = levelAt(inventoryItem, fulfillmentOrder.locationId);
        level.committed -= item.remainingQuantity;
        level.available += item.remainingQuantity;
      }
      item.remainingQuantity = 0;
    }
    fulfillmentOrder.status = "CANCELLED";
    fulfillmentOrder.holds = [];
    fulfillmentOrder.updatedAt = at;
  }
  order.cancelledAt = at;
  order.updatedAt = at;
  state.emit("orders/cancelled", orderPayload(state, order));
  state.emit("orders/updated", orderPayload(state, order));
  return { order, userErrors: [] };
}

/** The merchant refunds the whole order in the admin. */
export function refundOrder(state: ShopState, id: number): { order: Order | null; userErrors: UserError[] } {
  const order = state.orders.get(id);
  if (!order) return { order: null, userErrors: [{ field: ["orderId"], message: "Order does not exist" }] };
  if (order.financialStatus === "REFUNDED")
    return { order: null, userErrors: [{ field: ["orderId"], message: "Order has already been refunded" }] };
  const at = state.now().toISOString();
  order.financialStatus = "REFUNDED";
  order.updatedAt = at;
  const total = state.totals(order.lineItems, order.shippingLine).total;
  state.emit("refunds/create", {
    id: state.id(),
    order_id: order.id,
    admin_graphql_api_id: `gid://shopify/Refund/${state.id()}`,
    created_at: at,
    refund_line_items: order.lineItems.map((line) => ({
      line_item_id: line.id,
      quantity: line.quantity,
      restock_type: "no_restock",
    })),
    transactions: [
      { kind: "refund", status: "success", amount: (total / 100).toFixed(2), currency: order.currencyCode },
    ],
  });
  state.emit("orders/updated", orderPayload(state, order));
  return { order, userErrors: [] };
}
