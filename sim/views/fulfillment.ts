import { connection, type PageArgs } from "../connection";
import { gid } from "../state/ids";
import type { ShopState } from "../state/shop-state";
import type { Fulfillment, FulfillmentHold, FulfillmentOrder } from "../state/types";
import { locationView } from "./catalog";

export function holdView(hold: FulfillmentHold) {
  return {
    __typename: "FulfillmentHold",
    id: gid("FulfillmentHold", hold.id),
    reason: hold.reason,
    handle: hold.handle,
    reasonNotes: hold.reasonNotes,
    heldByRequestingApp: true,
  };
}

export function fulfillmentOrderView(state: ShopState, fulfillmentOrder: FulfillmentOrder): Record<string, unknown> {
  const order = state.orders.get(fulfillmentOrder.orderId)!;
  const location = state.locations.get(fulfillmentOrder.locationId)!;
  const actions =
    fulfillmentOrder.status === "ON_HOLD"
      ? ["RELEASE_HOLD", "HOLD"]
      : fulfillmentOrder.status === "CLOSED"
        ? []
        : ["CREATE_FULFILLMENT", "HOLD"];
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fulfillmentOrder.id),
    status: fulfillmentOrder.status,
    requestStatus: "UNSUBMITTED",
    fulfillAt: null,
    fulfillBy: null,
    createdAt: fulfillmentOrder.createdAt,
    updatedAt: fulfillmentOrder.updatedAt,
    orderId: gid("Order", order.id),
    orderName: order.name,
    assignedLocation: {
      __typename: "FulfillmentOrderAssignedLocation",
      name: location.name,
      location: () => locationView(location),
    },
    fulfillmentHolds: fulfillmentOrder.holds.map(holdView),
    supportedActions: actions.map((action) => ({ __typename: "FulfillmentOrderSupportedAction", action })),
    lineItems: (args: PageArgs) =>
      connection(fulfillmentOrder.lineItems, args, (item) => {
        const line = order.lineItems.find((l) => l.id === item.lineItemId)!;
        return {
          __typename: "FulfillmentOrderLineItem",
          id: gid("FulfillmentOrderLineItem", item.id),
          totalQuantity: item.totalQuantity,
          remainingQuantity: item.remainingQuantity,
          sku: line.sku,
          lineItem: {
            __typename: "LineItem",
            id: gid("LineItem", line.id),
            sku: line.sku,
            title: line.title,
            quantity: line.quantity,
            sellingPlan: line.sellingPlan
              ? {
                  __typename: "LineItemSellingPlan",
                  sellingPlanId: gid("SellingPlan", line.sellingPlan.id),
                  name: line.sellingPlan.name,
                }
              : null,
          },
        };
      }),
  };
}

export function fulfillmentView(state: ShopState, fulfillment: Fulfillment): Record<string, unknown> {
  const order = state.orders.get(fulfillment.orderId)!;
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", fulfillment.id),
    status: fulfillment.status,
    createdAt: fulfillment.createdAt,
    trackingInfo: ({ first }: { first?: number | null }) =>
      (fulfillment.tracking.number || fulfillment.tracking.company
        ? [{ __typename: "FulfillmentTrackingInfo", ...fulfillment.tracking }]
        : []
      ).slice(0, first ?? undefined),
    totalQuantity: fulfillment.lineItems.reduce((sum, l) => sum + l.quantity, 0),
    fulfillmentLineItems: (args: PageArgs) =>
      connection(fulfillment.lineItems, args, (item) => {
        const line = order.lineItems.find((l) => l.id === item.lineItemId)!;
        return {
          __typename: "FulfillmentLineItem",
          id: gid("FulfillmentLineItem", item.lineItemId),
          quantity: item.quantity,
          lineItem: { __typename: "LineItem", id: gid("LineItem", line.id), sku: line.sku, title: line.title },
        };
      }),
  };
}
