// Fulfillment orders: one per order at the first location, holds with handles (at most 10 per fulfillment
// order), releases by hold id, and fulfillments with tracking that close what they ship.
import { levelAt } from "./inventory";
import { orderPayload } from "./payloads";
import { trackedItem } from "./stock";
import type { ShopState } from "./shop-state";
import type { Fulfillment, FulfillmentHold, FulfillmentHoldReason, FulfillmentOrder, Order, UserError } from "./types";

const MAX_HOLDS = 10;

export function openFulfillmentOrder(state: ShopState, order: Order) {
  const lines = order.lineItems.filter((line) => line.requiresShipping);
  if (!lines.length) return;
  const at = state.now().toISOString();
  const fulfillmentOrder: FulfillmentOrder = {
    id: state.id(),
    orderId: order.id,
    locationId: state.primaryLocationId,
    status: "OPEN",
    holds: [],
    lineItems: lines.map((line) => ({
      id: state.id(),
      lineItemId: line.id,
      totalQuantity: line.quantity,
      remainingQuantity: line.quantity,
    })),
    createdAt: at,
    updatedAt: at,
  };
  state.fulfillmentOrders.set(fulfillmentOrder.id, fulfillmentOrder);
}

export function holdFulfillmentOrder(
  state: ShopState,
  id: number,
  input: {
    reason: FulfillmentHoldReason;
    handle?: string | null;
    reasonNotes?: string | null;
    /** Hold only these quantities: the rest moves to a new, open fulfillment order (Shopify's split). */
    lineItems?: Array<{ id: number; quantity: number }>;
  },
): {
  fulfillmentOrder: FulfillmentOrder | null;
  hold: FulfillmentHold | null;
  remaining?: FulfillmentOrder | null;
  userErrors: UserError[];
} {
  const fulfillmentOrder = state.fulfillmentOrders.get(id);
  if (!fulfillmentOrder) {
    return {
      fulfillmentOrder: null,
      hold: null,
      userErrors: [
        { field: ["id"], message: "Fulfillment order does not exist.", code: "FULFILLMENT_ORDER_NOT_FOUND" },
      ],
    };
  }
  if (fulfillmentOrder.status !== "OPEN" && fulfillmentOrder.status !== "ON_HOLD") {
    return {
      fulfillmentOrder: null,
      hold: null,
      userErrors: [
        {
          field: ["id"],
          message: `The fulfillment order is ${fulfillmentOrder.status.toLowerCase()} and can't be put on hold.`,
          code: "TAKEN",
        },
      ],
    };
  }
  const handle = input.handle ?? null;
  if (handle && fulfillmentOrder.holds.some((hold) => hold.handle === handle)) {
    return {
      fulfillmentOrder: null,
      hold: null,
      userErrors: [
        {
          field: ["fulfillmentHold", "handle"],
          message:
            "The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.",
          code: "DUPLICATE_FULFILLMENT_HOLD_HANDLE",
        },
      ],
    };
  }
  if (fulfillmentOrder.holds.length >= MAX_HOLDS) {
    return {
      fulfillmentOrder: null,
      hold: null,
      userErrors: [
        {
          field: ["id"],
          message: "The maximum number of fulfillment holds for this fulfillment order has been reached for this app.",
          code: "FULFILLMENT_ORDER_HOLD_LIMIT_REACHED",
        },
      ],
    };
  }
  let remaining: FulfillmentOrder | null = null;
  if (input.lineItems?.length) {
    const split = splitForHold(state, fulfillmentOrder, input.lineItems);
    if ("error" in split) return { fulfillmentOrder: null, hold: null, userErrors: [split.error] };
    remaining = split.remaining;
  }
  const hold: FulfillmentHold = {
    id: state.id(),
    reason: input.reason,
    handle,
    reasonNotes: input.reasonNotes ?? null,
  };
  fulfillmentOrder.holds.push(hold);
  fulfillmentOrder.status = "ON_HOLD";
  fulfillmentOrder.updatedAt = state.now().toISOString();
  state.emit("fulfillment_orders/placed_on_hold", fulfillmentOrderPayload(fulfillmentOrder));
  return { fulfillmentOrder, hold, remaining, userErrors: [] };
}

/**
 * A partial hold: the quantities named stay on this fulfillment order (which is held); the rest moves to a new
 * open one. Not allowed on a fulfillment order that is already held, as on Shopify.
 */
function splitForHold(
  state: ShopState,
  fulfillmentOrder: FulfillmentOrder,
  items: Array<{ id: number; quantity: number }>,
): { remaining: FulfillmentOrder | null } | { error: UserError } {
  const error = (message: string): { error: UserError } => ({
    error: { field: ["fulfillmentHold", "fulfillmentOrderLineItems"], message, code: "INVALID_LINE_ITEM_QUANTITY" },
  });
  if (fulfillmentOrder.status === "ON_HOLD") return error("A fulfillment order on hold can't be partially held.");
  for (const item of items) {
    const line = fulfillmentOrder.lineItems.find((l) => l.id === item.id);
    if (!line) return error("The fulfillment order line item does not exist.");
    if (!(item.quantity > 0 && item.quantity <= line.remainingQuantity))
      return error("The quantity to hold is more than the line item's remaining quantity.");
  }
  const rest = fulfillmentOrder.lineItems
    .map((line) => ({
      line,
      quantity: line.remainingQuantity - (items.find((i) => i.id === line.id)?.quantity ?? 0),
    }))
    .filter((r) => r.quantity > 0);
  if (!rest.length) return { remaining: null };
  const at = state.now().toISOString();
  const remaining: FulfillmentOrder = {
    id: state.id(),
    orderId: fulfillmentOrder.orderId,
    locationId: fulfillmentOrder.locationId,
    status: "OPEN",
    holds: [],
    lineItems: rest.map(({ line, quantity }) => ({
      id: state.id(),
      lineItemId: line.lineItemId,
      totalQuantity: quantity,
      remainingQuantity: quantity,
    })),
    createdAt: at,
    updatedAt: at,
  };
  fulfillmentOrder.lineItems = fulfillmentOrder.lineItems
    .map((line) => {
      const held = items.find((i) => i.id === line.id)?.quantity ?? 0;
      return { ...line, totalQuantity: held, remainingQuantity: held };
    })
    .filter((line) => line.remainingQuantity > 0);
  state.fulfillmentOrders.set(remaining.id, remaining);
  return { remaining };
}

/** Releases the holds named (all of them when none are named); the order opens when none are left. */
export function releaseHolds(
  state: ShopState,
  id: number,
  holdIds: number[] | null,
): { fulfillmentOrder: FulfillmentOrder | null; userErrors: UserError[] } {
  const fulfillmentOrder = state.fulfillmentOrders.get(id);
  if (!fulfillmentOrder) {
    return {
      fulfillmentOrder: null,
      userErrors: [
        { field: ["id"], message: "Fulfillment order does not exist.", code: "FULFILLMENT_ORDER_NOT_FOUND" },
      ],
    };
  }
  const before = fulfillmentOrder.holds.length;
  fulfillmentOrder.holds = holdIds ? fulfillmentOrder.holds.filter((hold) => !holdIds.includes(hold.id)) : [];
  if (fulfillmentOrder.status === "ON_HOLD" && fulfillmentOrder.holds.length === 0) {
    fulfillmentOrder.status = "OPEN";
    fulfillmentOrder.updatedAt = state.now().toISOString();
  }
  if (fulfillmentOrder.holds.length !== before) {
    state.emit("fulfillment_orders/hold_released", fulfillmentOrderPayload(fulfillmentOrder));
  }
  return { fulfillmentOrder, userErrors: [] };
}

export function createFulfillment(
  state: ShopState,
  input: {
    lineItemsByFulfillmentOrder: Array<{
      fulfillmentOrderId: number | null;
      fulfillmentOrderLineItems?: Array<{ id: number | null; quantity: number }> | null;
    }>;
    trackingInfo?: { company?: string | null; number?: string | null; url?: string | null } | null;
  },
): { fulfillment: Fulfillment | null; userErrors: UserError[] } {
  const planned: Array<{
    fulfillmentOrder: FulfillmentOrder;
    lines: Array<{ line: FulfillmentOrder["lineItems"][number]; quantity: number }>;
  }> = [];
  for (const [index, entry] of input.lineItemsByFulfillmentOrder.entries()) {
    const field = ["fulfillment", "lineItemsByFulfillmentOrder", String(index)];
    const fulfillmentOrder =
      entry.fulfillmentOrderId === null ? undefined : state.fulfillmentOrders.get(entry.fulfillmentOrderId);
    if (!fulfillmentOrder)
      return {
        fulfillment: null,
        userErrors: [{ field: [...field, "fulfillmentOrderId"], message: "Fulfillment order does not exist." }],
      };
    if (fulfillmentOrder.status === "ON_HOLD") {
      return {
        fulfillment: null,
        userErrors: [
          {
            field: [...field, "fulfillmentOrderId"],
            message: "The fulfillment order is on hold and can't be fulfilled until its holds are released.",
          },
        ],
      };
    }
    if (fulfillmentOrder.status !== "OPEN" && fulfillmentOrder.status !== "IN_PROGRESS") {
      return {
        fulfillment: null,
        userErrors: [
          {
            field: [...field, "fulfillmentOrderId"],
            message: `The fulfillment order is ${fulfillmentOrder.status.toLowerCase()}.`,
          },
        ],
      };
    }
    const wanted = entry.fulfillmentOrderLineItems?.length
      ? entry.fulfillmentOrderLineItems.map((item) => ({
          line: fulfillmentOrder.lineItems.find((l) => l.id === item.id),
          quantity: item.quantity,
        }))
      : fulfillmentOrder.lineItems
          .filter((l) => l.remainingQuantity > 0)
          .map((line) => ({ line, quantity: line.remainingQuantity }));
    for (const { line, quantity } of wanted) {
      if (!line || quantity < 1 || quantity > line.remainingQuantity) {
        return {
          fulfillment: null,
          userErrors: [
            {
              field: [...field, "fulfillmentOrderLineItems"],
              message: "Invalid fulfillment order line item quantity requested.",
            },
          ],
        };
      }
    }
    planned.push({
      fulfillmentOrder,
      lines: wanted as Array<{ line: FulfillmentOrder["lineItems"][number]; quantity: number }>,
    });
  }
  const orderIds = new Set(planned.map((p) => p.fulfillmentOrder.orderId));
  if (orderIds.size !== 1)
    return {
      fulfillment: null,
      userErrors: [{ field: ["fulfillment"], message: "All fulfillment orders must belong to the same order." }],
    };
  const order = state.orders.get([...orderIds][0]!)!;
  const at = state.now().toISOString();
  const fulfillment: Fulfillment = {
    id: state.id(),
    orderId: order.id,
    locationId: planned[0]!.fulfillmentOrder.locationId,
    status: "SUCCESS",
    tracking: {
      company: input.trackingInfo?.company ?? null,
      number: input.trackingInfo?.number ?? null,
      url: input.trackingInfo?.url ?? null,
    },
    lineItems: [],
    createdAt: at,
  };
  for (const { fulfillmentOrder, lines } of planned) {
    for (const { line, quantity } of lines) {
      line.remainingQuantity -= quantity;
      fulfillment.lineItems.push({ lineItemId: line.lineItemId, quantity });
      shipStock(state, order, line.lineItemId, fulfillmentOrder.locationId, quantity);
    }
    fulfillmentOrder.status = fulfillmentOrder.lineItems.every((l) => l.remainingQuantity === 0)
      ? "CLOSED"
      : "IN_PROGRESS";
    fulfillmentOrder.updatedAt = at;
  }
  state.fulfillments.set(fulfillment.id, fulfillment);
  order.updatedAt = at;
  state.emit("fulfillments/create", fulfillmentPayload(state, fulfillment));
  state.emit(
    fulfillmentStatus(state, order) === "FULFILLED" ? "orders/fulfilled" : "orders/partially_fulfilled",
    orderPayload(state, order),
  );
  state.emit("orders/updated", orderPayload(state, order));
  return { fulfillment, userErrors: [] };
}

/** What Shopify shows as the order's fulfillment status. */
export function fulfillmentStatus(
  state: ShopState,
  order: Order,
): "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED" | "ON_HOLD" {
  const orders = [...state.fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id);
  const total = orders.flatMap((fo) => fo.lineItems).reduce((sum, l) => sum + l.totalQuantity, 0);
  const remaining = orders.flatMap((fo) => fo.lineItems).reduce((sum, l) => sum + l.remainingQuantity, 0);
  if (total > 0 && remaining === 0) return "FULFILLED";
  if (remaining < total) return "PARTIALLY_FULFILLED";
  return orders.some((fo) => fo.status === "ON_HOLD") ? "ON_HOLD" : "UNFULFILLED";
}

// Shipping takes the units out of committed (and so out of on_hand); a pre-order line reserved only on
// fulfillment was never committed, so its units leave available.
function shipStock(state: ShopState, order: Order, lineItemId: number, locationId: number, quantity: number) {
  const line = order.lineItems.find((l) => l.id === lineItemId);
  const item = trackedItem(state, line);
  if (!item) return;
  levelAt(item, locationId)[line?.sellingPlan?.reserveOnSale === false ? "available" : "committed"] -= quantity;
}

function fulfillmentOrderPayload(fulfillmentOrder: FulfillmentOrder) {
  return {
    fulfillment_order: {
      id: `gid://shopify/FulfillmentOrder/${fulfillmentOrder.id}`,
      status: fulfillmentOrder.status.toLowerCase(),
      order_id: `gid://shopify/Order/${fulfillmentOrder.orderId}`,
      fulfillment_holds: fulfillmentOrder.holds.map((hold) => ({
        id: `gid://shopify/FulfillmentHold/${hold.id}`,
        reason: hold.reason.toLowerCase(),
        handle: hold.handle,
      })),
    },
  };
}

function fulfillmentPayload(state: ShopState, fulfillment: Fulfillment) {
  const order = state.orders.get(fulfillment.orderId)!;
  return {
    id: fulfillment.id,
    admin_graphql_api_id: `gid://shopify/Fulfillment/${fulfillment.id}`,
    order_id: fulfillment.orderId,
    status: "success",
    tracking_company: fulfillment.tracking.company,
    tracking_number: fulfillment.tracking.number,
    tracking_url: fulfillment.tracking.url,
    tracking_numbers: fulfillment.tracking.number ? [fulfillment.tracking.number] : [],
    line_items: fulfillment.lineItems.map(({ lineItemId, quantity }) => {
      const line = order.lineItems.find((l) => l.id === lineItemId)!;
      return { id: lineItemId, variant_id: line.variantId, sku: line.sku, quantity };
    }),
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.createdAt,
  };
}
