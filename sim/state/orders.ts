// Orders: created by orderCreate, or when a draft is completed or paid.
import { openFulfillmentOrder } from "./fulfillment";
import { buildLineItems } from "./line-items";
import { orderPayload } from "./payloads";
import type { ShopState } from "./shop-state";
import { commitStock, stockShortage } from "./stock";
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
