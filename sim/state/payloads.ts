// Webhook payloads in the REST shape Shopify sends them in.
import { fulfillmentStatus } from "./fulfillment";
import type { ShopState } from "./shop-state";
import type { DraftOrder, Order } from "./types";

export function draftPayload(state: ShopState, draft: DraftOrder): Record<string, unknown> {
  const totals = state.totals(draft.lineItems, draft.shippingLine);
  return {
    id: draft.id,
    admin_graphql_api_id: `gid://shopify/DraftOrder/${draft.id}`,
    name: draft.name,
    status: draft.status.toLowerCase(),
    email: draft.email,
    tags: draft.tags.join(", "),
    note_attributes: draft.customAttributes.map(({ key, value }) => ({ name: key, value })),
    order_id: draft.orderId,
    invoice_sent_at: draft.invoiceSentAt,
    completed_at: draft.completedAt,
    total_price: (totals.total / 100).toFixed(2),
    currency: draft.presentmentCurrencyCode,
    updated_at: draft.updatedAt,
    created_at: draft.createdAt,
  };
}

export function orderPayload(state: ShopState, order: Order): Record<string, unknown> {
  const totals = state.totals(order.lineItems, order.shippingLine);
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: order.name,
    email: order.email,
    tags: order.tags.join(", "),
    note: order.note,
    note_attributes: order.customAttributes.map(({ key, value }) => ({ name: key, value })),
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: fulfillmentStatus(state, order) === "FULFILLED" ? "fulfilled" : null,
    source_name: order.sourceName,
    source_identifier: order.sourceIdentifier,
    currency: order.currencyCode,
    total_price: (totals.total / 100).toFixed(2),
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      variant_id: line.variantId,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      price: (line.unitPriceMinor / 100).toFixed(2),
    })),
    shipping_address: order.shippingAddress
      ? { ...order.shippingAddress, country_code: order.shippingAddress.countryCode ?? null }
      : null,
    cancelled_at: order.cancelledAt,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
  };
}
