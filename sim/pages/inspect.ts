// A view of what "Shopify" holds, for people running the demo, read-only but for one thing: a shopper's
// storefront purchase of a variant on a pre-order plan (what a late backer does), to see the app count it.
import { quantity } from "../state/inventory";
import { toDecimal } from "../state/money";
import { groupCoversVariant } from "../state/selling-plans";
import type { SimStore } from "../store";
import type { DeliveryRecord } from "../webhooks";
import { escapeHtml, page } from "./html";

export function inspectPage(store: SimStore, deliveries: DeliveryRecord[]): string {
  const sections = store.all().map((shop) => {
    const state = shop.state;
    const drafts = [...state.draftOrders.values()]
      .reverse()
      .slice(0, 100)
      .map((draft) => {
        const total = state.totals(draft.lineItems, draft.shippingLine).total;
        return (
          `<tr><td>${escapeHtml(draft.name)}</td><td>${escapeHtml(draft.status)}</td><td>${escapeHtml(draft.tags.join(", "))}</td>` +
          `<td>${draft.lineItems.reduce((n, l) => n + l.quantity, 0)}</td><td>${toDecimal(total)}</td><td>${draft.reserveInventoryUntil ? escapeHtml(draft.reserveInventoryUntil) : ""}</td></tr>`
        );
      });
    const orders = [...state.orders.values()]
      .reverse()
      .slice(0, 100)
      .map(
        (order) =>
          `<tr><td>${escapeHtml(order.name)}</td><td>${escapeHtml(order.financialStatus)}</td><td>${escapeHtml(order.tags.join(", "))}</td>` +
          `<td>${order.lineItems.reduce((n, l) => n + l.quantity, 0)}</td><td>${toDecimal(state.totals(order.lineItems, order.shippingLine).total)}</td></tr>`,
      );
    const stock = [...state.variants.values()].flatMap((variant) => {
      const item = state.inventoryItems.get(variant.inventoryItemId)!;
      return [...item.levels.entries()].map(
        ([locationId, level]) =>
          `<tr><td>${escapeHtml(variant.sku)}</td><td>${escapeHtml(state.locations.get(locationId)?.name)}</td>` +
          ["available", "reserved", "committed", "on_hand"]
            .map((name) => `<td>${quantity(level, name)}</td>`)
            .join("") +
          "</tr>",
      );
    });
    const plans = [...state.sellingPlanGroups.values()].flatMap((group) =>
      group.plans.flatMap((plan) =>
        [...state.variants.values()]
          .filter((variant) => groupCoversVariant(state, group, variant.id))
          .map(
            (variant) =>
              `<tr><td>${escapeHtml(group.name)}</td><td>${escapeHtml(plan.options.join(", "))}</td><td>${escapeHtml(variant.sku)}</td>` +
              `<td><form method="post" action="/sim/shops/${escapeHtml(shop.domain)}/checkout">` +
              `<input type="hidden" name="variantId" value="${variant.id}"><input type="hidden" name="sellingPlanId" value="${plan.id}">` +
              `<input type="hidden" name="quantity" value="1"><button>Buy one as a shopper</button></form></td></tr>`,
          ),
      ),
    );
    return `<h2>${escapeHtml(shop.name)} <span class="muted">${escapeHtml(shop.domain)}</span></h2>
<h3>Pre-orders on the storefront (${state.sellingPlanGroups.size} selling-plan groups)</h3>
<table><thead><tr><th>Group</th><th>Plan</th><th>SKU</th><th></th></tr></thead><tbody>${plans.join("")}</tbody></table>
<h3>Draft orders (${state.draftOrders.size})</h3>
<table><thead><tr><th>Name</th><th>Status</th><th>Tags</th><th>Units</th><th>Total</th><th>Reserved until</th></tr></thead><tbody>${drafts.join("")}</tbody></table>
<h3>Orders (${state.orders.size})</h3>
<table><thead><tr><th>Name</th><th>Financial status</th><th>Tags</th><th>Units</th><th>Total</th></tr></thead><tbody>${orders.join("")}</tbody></table>
<h3>Inventory</h3>
<table><thead><tr><th>SKU</th><th>Location</th><th>Available</th><th>Reserved</th><th>Committed</th><th>On hand</th></tr></thead><tbody>${stock.join("")}</tbody></table>`;
  });
  const webhooks = deliveries
    .slice(-100)
    .reverse()
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.triggeredAt)}</td><td>${escapeHtml(d.shop)}</td><td>${escapeHtml(d.topic)}</td><td>${escapeHtml(d.status)}</td><td>${d.attempts}</td><td>${d.lastStatus ?? ""}</td></tr>`,
    );
  return page(
    "Shopify stand-in",
    `<h1>Shopify stand-in</h1><p class="muted">What the local stand-in holds. Read-only; it refreshes when you reload.</p>
${sections.join("")}
<h2>Webhooks sent (${deliveries.length})</h2>
<table><thead><tr><th>Triggered</th><th>Shop</th><th>Topic</th><th>Status</th><th>Attempts</th><th>Last HTTP status</th></tr></thead><tbody>${webhooks.join("")}</tbody></table>`,
  );
}
