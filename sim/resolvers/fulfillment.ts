import { createFulfillment, holdFulfillmentOrder, releaseHolds } from "../state/fulfillment";
import { parseGid } from "../state/ids";
import { fulfillmentOrderView, fulfillmentView, holdView } from "../views/fulfillment";
import type { RootResolver } from "./context";

interface ByFulfillmentOrder {
  fulfillmentOrderId: string;
  fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }>;
}

export const fulfillmentQueries: Record<string, RootResolver> = {
  fulfillmentOrder: ({ id }, { state }) => {
    const fulfillmentOrder = state.fulfillmentOrders.get(parseGid(id, "FulfillmentOrder") ?? -1);
    return fulfillmentOrder ? fulfillmentOrderView(state, fulfillmentOrder) : null;
  },
};

export const fulfillmentMutations: Record<string, RootResolver> = {
  fulfillmentOrderHold: ({ id, fulfillmentHold }, { state }) => {
    const { fulfillmentOrder, hold, remaining, userErrors } = holdFulfillmentOrder(
      state,
      parseGid(id, "FulfillmentOrder") ?? -1,
      {
        ...fulfillmentHold,
        lineItems: (
          fulfillmentHold.fulfillmentOrderLineItems as Array<{ id: string; quantity: number }> | undefined
        )?.map((item) => ({ id: parseGid(item.id, "FulfillmentOrderLineItem") ?? -1, quantity: item.quantity })),
      },
    );
    return {
      fulfillmentOrder: fulfillmentOrder ? fulfillmentOrderView(state, fulfillmentOrder) : null,
      fulfillmentHold: hold ? holdView(hold) : null,
      remainingFulfillmentOrder: remaining ? fulfillmentOrderView(state, remaining) : null,
      userErrors,
    };
  },
  fulfillmentOrderReleaseHold: ({ id, holdIds }, { state }) => {
    const ids = holdIds ? (holdIds as string[]).map((holdId) => parseGid(holdId, "FulfillmentHold") ?? -1) : null;
    const { fulfillmentOrder, userErrors } = releaseHolds(state, parseGid(id, "FulfillmentOrder") ?? -1, ids);
    return { fulfillmentOrder: fulfillmentOrder ? fulfillmentOrderView(state, fulfillmentOrder) : null, userErrors };
  },
  fulfillmentCreate: ({ fulfillment }, { state }) => {
    const { fulfillment: created, userErrors } = createFulfillment(state, {
      trackingInfo: fulfillment.trackingInfo,
      lineItemsByFulfillmentOrder: (fulfillment.lineItemsByFulfillmentOrder as ByFulfillmentOrder[]).map((entry) => ({
        fulfillmentOrderId: parseGid(entry.fulfillmentOrderId, "FulfillmentOrder"),
        fulfillmentOrderLineItems: entry.fulfillmentOrderLineItems?.map((item) => ({
          id: parseGid(item.id, "FulfillmentOrderLineItem"),
          quantity: item.quantity,
        })),
      })),
    });
    return { fulfillment: created ? fulfillmentView(state, created) : null, userErrors };
  },
};
