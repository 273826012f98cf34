import { connection } from "../connection";
import { parseGid } from "../state/ids";
import { createOrder } from "../state/orders";
import { matchesSearch, parseSearch } from "../search";
import { orderView } from "../views/orders";
import type { RootResolver } from "./context";

export const orderQueries: Record<string, RootResolver> = {
  orders: (args, { state }) => {
    const terms = parseSearch(args.query);
    const orders = [...state.orders.values()].filter((order) =>
      matchesSearch(
        order,
        terms,
        (o, field) => {
          if (field === "tag") return o.tags;
          if (field === "name") return [o.name, o.name.slice(1)];
          if (field === "email") return o.email;
          if (field === "financial_status") return o.financialStatus.toLowerCase();
          if (field === "id") return o.id;
          if (field === "source_identifier") return o.sourceIdentifier;
          if (field === "created_at") return o.createdAt.toLowerCase();
          if (field === "default") return [o.name, o.email ?? "", ...o.tags];
          return undefined;
        },
        "default",
      ),
    );
    return connection(orders, args, (order) => orderView(state, order));
  },
  order: ({ id }, { state }) => {
    const order = state.orders.get(parseGid(id, "Order") ?? -1);
    return order ? orderView(state, order) : null;
  },
};

export const orderMutations: Record<string, RootResolver> = {
  orderCreate: ({ order, options }, { state }) => {
    const { order: created, userErrors } = createOrder(state, {
      lineItems: order.lineItems ?? [],
      email: order.email,
      phone: order.phone,
      note: order.note,
      tags: order.tags,
      customAttributes: order.customAttributes,
      shippingAddress: order.shippingAddress,
      financialStatus: order.financialStatus,
      sourceIdentifier: order.sourceIdentifier,
      sourceName: order.sourceName,
      inventoryBehaviour: options?.inventoryBehaviour,
    });
    return { order: created ? orderView(state, created) : null, userErrors };
  },
};
