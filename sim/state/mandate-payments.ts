// Charging a pre-order's balance against the buyer's vaulted card (orderCreateMandatePayment). The idempotency key
// is Shopify's promise that a retried request never charges twice: the same key answers the first payment again.
// A declined card is a payment with status ERROR; the order keeps its balance.
import { orderPayload } from "./payloads";
import type { ShopState } from "./shop-state";
import type { MandatePayment, Order, UserError } from "./types";

const mandateError = (message: string): UserError => ({
  field: null,
  message,
  code: "ORDER_MANDATE_PAYMENT_ERROR_CODE",
});

export function createMandatePayment(
  state: ShopState,
  input: { orderId: number; mandateId: number; idempotencyKey: string; amountMinor: number | null },
): { payment: MandatePayment | null; userErrors: UserError[] } {
  const seen = state.mandatePayments.get(input.idempotencyKey);
  if (seen) {
    if (seen.orderId !== input.orderId)
      return { payment: null, userErrors: [mandateError("The idempotency key was used for another order")] };
    return { payment: seen, userErrors: [] };
  }
  const order = state.orders.get(input.orderId);
  if (!order) return { payment: null, userErrors: [mandateError("Order does not exist")] };
  if (order.mandateId !== input.mandateId)
    return { payment: null, userErrors: [mandateError("The payment mandate does not belong to this order")] };
  const outstanding = outstandingMinor(order);
  if (outstanding <= 0 || order.cancelledAt)
    return { payment: null, userErrors: [mandateError("The order has no outstanding balance")] };
  const amount = input.amountMinor ?? outstanding;
  if (amount <= 0 || amount > outstanding)
    return { payment: null, userErrors: [mandateError("The amount is more than the outstanding balance")] };

  const declines = state.paymentDeclines.get(order.id) ?? 0;
  const at = state.now().toISOString();
  const payment: MandatePayment = {
    referenceId: `pay_${state.id()}`,
    orderId: order.id,
    amountMinor: amount,
    status: declines > 0 ? "ERROR" : "PURCHASED",
    errorMessage: declines > 0 ? "Your card was declined." : null,
    createdAt: at,
  };
  state.mandatePayments.set(input.idempotencyKey, payment);
  if (declines > 0) {
    state.paymentDeclines.set(order.id, declines - 1);
    return { payment, userErrors: [] };
  }
  const terms = order.paymentTerms!;
  terms.amountMinor -= amount;
  if (terms.amountMinor === 0) {
    terms.completedAt = at;
    order.financialStatus = "PAID";
  }
  order.updatedAt = at;
  if (order.financialStatus === "PAID") state.emit("orders/paid", orderPayload(state, order));
  state.emit("orders/updated", orderPayload(state, order));
  return { payment, userErrors: [] };
}

export function outstandingMinor(order: Order): number {
  return order.paymentTerms && !order.paymentTerms.completedAt ? order.paymentTerms.amountMinor : 0;
}

export function paymentStatus(state: ShopState, orderId: number, referenceId: string): MandatePayment | undefined {
  return [...state.mandatePayments.values()].find((p) => p.orderId === orderId && p.referenceId === referenceId);
}
