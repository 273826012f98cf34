// A shopper's checkout in the Online Store, with or without selling plans: what a late pledge or a pre-order looks
// like from Shopify's side. A line on a PRE_ORDER plan pays its checkout charge now; the rest becomes the order's
// payment terms (one schedule: the earliest date, or on fulfillment, which beats dates) against a vaulted card.
// Stock follows the plan: ON_SALE commits at the sale, ON_FULFILLMENT leaves it until the parcel ships.
import { buildLineItems } from "./line-items";
import { addOrder } from "./orders";
import type { ShopState } from "./shop-state";
import { groupCoversVariant } from "./selling-plans";
import { commitStock, stockShortage } from "./stock";
import type { Address, LineItem, PaymentTerms, SellingPlan, UserError } from "./types";

export interface CheckoutLine {
  variantId: number;
  quantity: number;
  sellingPlanId?: number | null;
}

export function storefrontCheckout(
  state: ShopState,
  input: { lines: CheckoutLine[]; email?: string | null; shippingAddress?: Address | null },
): { orderId: number | null; userErrors: UserError[] } {
  const built = buildLineItems(
    state,
    input.lines.map((line) => ({
      variantId: `gid://shopify/ProductVariant/${line.variantId}`,
      quantity: line.quantity,
    })),
  );
  if (built.userErrors.length) return { orderId: null, userErrors: built.userErrors };
  if (!built.lineItems.length)
    return { orderId: null, userErrors: [{ field: ["lines"], message: "The cart is empty" }] };

  let balanceMinor = 0;
  const dues: Array<string | null> = [];
  for (const [index, line] of built.lineItems.entries()) {
    const planId = input.lines[index]!.sellingPlanId;
    if (!planId) continue;
    const plan = planFor(state, line.variantId!, planId);
    if (!plan)
      return {
        orderId: null,
        userErrors: [
          { field: ["lines", String(index), "sellingPlanId"], message: "This selling plan isn't available" },
        ],
      };
    priceOnPlan(line, plan);
    const total = state.lineTotals(line).total;
    const deposit = checkoutCharge(plan, total, line.quantity);
    balanceMinor += total - deposit;
    if (total > deposit) dues.push(dueAt(state, plan));
  }

  const committed = built.lineItems.filter((line) => line.sellingPlan?.reserveOnSale !== false);
  const shortage = stockShortage(state, built.lineItems, []);
  if (shortage) return { orderId: null, userErrors: [{ field: ["lines"], message: shortage }] };
  commitStock(state, committed);

  const terms: PaymentTerms | null = balanceMinor
    ? {
        id: state.id(),
        // Due on fulfillment beats any date; otherwise the earliest date wins.
        type: dues.includes(null) ? "FULFILLMENT" : "FIXED",
        scheduleId: state.id(),
        dueAt: dues.includes(null) ? null : (dues as string[]).sort()[0]!,
        amountMinor: balanceMinor,
        completedAt: null,
      }
    : null;
  const order = addOrder(state, {
    email: input.email ?? null,
    phone: null,
    note: null,
    tags: [],
    customAttributes: [],
    lineItems: built.lineItems,
    shippingAddress: input.shippingAddress ?? null,
    shippingLine: null,
    customerId: null,
    sourceIdentifier: null,
    sourceName: "web",
    draftOrderId: null,
    financialStatus: terms ? "PARTIALLY_PAID" : "PAID",
    paymentTerms: terms,
    mandateId: terms ? state.id() : null,
  });
  return { orderId: order.id, userErrors: [] };
}

function planFor(state: ShopState, variantId: number, planId: number): SellingPlan | undefined {
  for (const group of state.sellingPlanGroups.values()) {
    const plan = group.plans.find((p) => p.id === planId);
    if (plan) return groupCoversVariant(state, group, variantId) ? plan : undefined;
  }
  return undefined;
}

/** At most one fixed pricing policy for pre-orders: a percentage, an amount off, or a price. */
function priceOnPlan(line: LineItem, plan: SellingPlan) {
  const fixed = plan.pricingPolicies[0]?.fixed;
  if (fixed?.adjustmentType === "PERCENTAGE")
    line.unitPriceMinor = Math.round((line.unitPriceMinor * (100 - Number(fixed.adjustmentValue.percentage))) / 100);
  if (fixed?.adjustmentType === "FIXED_AMOUNT")
    line.unitPriceMinor = Math.max(0, line.unitPriceMinor - Math.round(Number(fixed.adjustmentValue.fixedValue) * 100));
  if (fixed?.adjustmentType === "PRICE")
    line.unitPriceMinor = Math.round(Number(fixed.adjustmentValue.fixedValue) * 100);
  line.sellingPlan = {
    id: plan.id,
    name: plan.name,
    reserveOnSale: plan.inventoryPolicy?.reserve !== "ON_FULFILLMENT",
  };
}

function checkoutCharge(plan: SellingPlan, total: number, quantity: number): number {
  const charge = plan.billingPolicy.fixed?.checkoutCharge;
  if (!charge) return total;
  if (charge.type === "PRICE") return Math.min(total, Math.round(Number(charge.value.fixedValue) * 100) * quantity);
  return Math.round((total * Number(charge.value.percentage)) / 100);
}

/** The balance's due date, or null when it is due on fulfillment. */
function dueAt(state: ShopState, plan: SellingPlan): string | null {
  const billing = plan.billingPolicy.fixed!;
  if (billing.remainingBalanceChargeTrigger === "EXACT_TIME")
    return new Date(billing.remainingBalanceChargeExactTime).toISOString();
  if (billing.remainingBalanceChargeTrigger === "TIME_AFTER_CHECKOUT") {
    const days = Number(/^P(\d+)D$/.exec(String(billing.remainingBalanceChargeTimeAfterCheckout))?.[1] ?? 0);
    return new Date(state.now().getTime() + days * 86_400_000).toISOString();
  }
  return null;
}
