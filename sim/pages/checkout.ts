// The draft order's invoice checkout: what Shopify Checkout does for a backer, reduced to what the app needs.
// Paying completes the draft into an order, which moves its stock to committed and sends the order webhooks.
import { toDecimal } from "../state/money";
import type { SimShop } from "../store";
import type { DraftOrder } from "../state/types";
import { escapeHtml, page } from "./html";

export function checkoutPage(shop: SimShop, draft: DraftOrder, error?: string): string {
  const state = shop.state;
  const money = (minor: number) => `${toDecimal(minor)} ${escapeHtml(draft.presentmentCurrencyCode)}`;
  if (draft.status === "COMPLETED") {
    const order = draft.orderId ? state.orders.get(draft.orderId) : undefined;
    return page(
      `Order ${order?.name ?? ""}`,
      `<h1>Thank you!</h1><div class="card">Your order <strong>${escapeHtml(order?.name)}</strong> is confirmed. ${escapeHtml(shop.name)} will email you when it ships.</div>`,
    );
  }
  const totals = state.totals(draft.lineItems, draft.shippingLine);
  const rows = draft.lineItems
    .map((line) => {
      const { discount, total } = state.lineTotals(line);
      return (
        `<tr><td>${escapeHtml(line.title)}${line.sku ? ` <span class="muted">${escapeHtml(line.sku)}</span>` : ""}</td><td>${line.quantity}</td>` +
        `<td>${discount ? `−${money(discount)} <span class="muted">${escapeHtml(line.appliedDiscount?.title)}</span>` : ""}</td><td>${money(total)}</td></tr>`
      );
    })
    .join("");
  const address = draft.shippingAddress
    ? [
        draft.shippingAddress.firstName,
        draft.shippingAddress.lastName,
        draft.shippingAddress.address1,
        draft.shippingAddress.zip,
        draft.shippingAddress.city,
        draft.shippingAddress.countryCode,
      ]
        .filter(Boolean)
        .map(escapeHtml)
        .join(", ")
    : "To be entered";
  return page(
    `Checkout – ${shop.name}`,
    `<h1>${escapeHtml(shop.name)} · Checkout <span class="muted">${escapeHtml(draft.name)}</span></h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<table><thead><tr><th>Item</th><th>Qty</th><th>Discount</th><th>Total</th></tr></thead><tbody>${rows}</tbody></table>
<div class="card">
<p>Ship to: ${address}</p>
<p>Subtotal ${money(totals.subtotal)} · Shipping ${money(totals.shipping)}${draft.shippingLine ? ` (${escapeHtml(draft.shippingLine.title)})` : ""} · Tax ${money(totals.tax)}</p>
<p class="total">Total due: ${money(totals.total)}</p>
<form method="post"><button type="submit">Pay now</button></form>
</div>`,
  );
}
