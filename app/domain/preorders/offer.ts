// A pre-order offer as a merchant describes it (pay in full or a deposit, when the balance is due, when it ships,
// when stock is taken) checked with Shopify's selling-plan rules first, so the form says what is wrong in the
// merchant's words instead of relaying a userError, and turned into the SellingPlanGroupInput Shopify takes.
// Pure: the offers page, the CLI and the tests use the same rules. (Issue #7; the page and the job come next.)
import type { SellingPlanGroupInput } from "../../types/admin.types";

export type BalanceDue =
  { trigger: "date"; date: Date } | { trigger: "days_after_checkout"; days: number } | { trigger: "on_fulfillment" };

export type Payment =
  | { kind: "full" }
  | { kind: "deposit"; percentage: number; balance: BalanceDue }
  | { kind: "deposit_amount"; amount: string; balance: BalanceDue };

export interface PreorderOffer {
  /** What buyers see on the product page and at checkout, e.g. "Pre-order: ships March 2027". */
  name: string;
  /** The app's own handle on the group, e.g. "pledgebridge-deep-delve". */
  merchantCode: string;
  payment: Payment;
  delivery: { kind: "asap" } | { kind: "date"; date: Date };
  /** When Shopify takes the unit from stock: at the sale, or only when it ships. */
  reserve: "on_sale" | "on_fulfillment";
  /** A pre-order discount, in percent; none when 0. */
  discountPercentage: number;
  /** Buyer-facing, under the name at checkout. */
  description?: string | null;
}

export type OfferProblem =
  | { field: "name"; code: "blank" | "too_long" }
  | { field: "description"; code: "too_long" }
  | { field: "payment"; code: "percentage_range" | "amount_invalid" | "full_payment_is_not_a_deposit" }
  | { field: "balance"; code: "date_in_past" | "days_range" | "date_after_delivery" }
  | { field: "delivery"; code: "date_in_past" }
  | { field: "discount"; code: "percentage_range" };

const MAX_NAME = 255;

export function offerProblems(offer: PreorderOffer, now: Date): OfferProblem[] {
  const problems: OfferProblem[] = [];
  if (!offer.name.trim()) problems.push({ field: "name", code: "blank" });
  else if (offer.name.length > MAX_NAME) problems.push({ field: "name", code: "too_long" });
  if ((offer.description ?? "").length > 1000) problems.push({ field: "description", code: "too_long" });
  const { payment } = offer;
  if (payment.kind === "deposit") {
    // 100% is paying in full: Shopify wants NO_REMAINING_BALANCE then, which is the "full" kind.
    if (payment.percentage === 100) problems.push({ field: "payment", code: "full_payment_is_not_a_deposit" });
    else if (!(payment.percentage >= 0 && payment.percentage < 100))
      problems.push({ field: "payment", code: "percentage_range" });
  }
  if (payment.kind === "deposit_amount" && !/^\d{1,9}(\.\d{1,2})?$/.test(payment.amount))
    problems.push({ field: "payment", code: "amount_invalid" });
  if (payment.kind !== "full") {
    const { balance } = payment;
    if (balance.trigger === "date" && balance.date.getTime() <= now.getTime())
      problems.push({ field: "balance", code: "date_in_past" });
    if (
      balance.trigger === "days_after_checkout" &&
      !(Number.isInteger(balance.days) && balance.days >= 1 && balance.days <= 365)
    )
      problems.push({ field: "balance", code: "days_range" });
    if (balance.trigger === "date" && offer.delivery.kind === "date" && balance.date > offer.delivery.date)
      problems.push({ field: "balance", code: "date_after_delivery" });
  }
  if (offer.delivery.kind === "date" && offer.delivery.date.getTime() <= now.getTime())
    problems.push({ field: "delivery", code: "date_in_past" });
  if (!(offer.discountPercentage >= 0 && offer.discountPercentage < 100))
    problems.push({ field: "discount", code: "percentage_range" });
  return problems;
}

/** The group Shopify creates: one PRE_ORDER plan, fixed billing and delivery, at most one fixed pricing policy. */
export function sellingPlanGroupInput(offer: PreorderOffer): SellingPlanGroupInput {
  const { payment } = offer;
  const checkoutCharge =
    payment.kind === "full"
      ? { type: "PERCENTAGE" as const, value: { percentage: 100 } }
      : payment.kind === "deposit"
        ? { type: "PERCENTAGE" as const, value: { percentage: payment.percentage } }
        : { type: "PRICE" as const, value: { fixedValue: payment.amount } };
  const balance = payment.kind === "full" ? null : payment.balance;
  const billing = {
    checkoutCharge,
    remainingBalanceChargeTrigger: !balance
      ? ("NO_REMAINING_BALANCE" as const)
      : balance.trigger === "date"
        ? ("EXACT_TIME" as const)
        : balance.trigger === "days_after_checkout"
          ? ("TIME_AFTER_CHECKOUT" as const)
          : ("ON_FULFILLMENT" as const),
    ...(balance?.trigger === "date" ? { remainingBalanceChargeExactTime: balance.date.toISOString() } : {}),
    ...(balance?.trigger === "days_after_checkout"
      ? { remainingBalanceChargeTimeAfterCheckout: `P${balance.days}D` }
      : {}),
  };
  const delivery =
    offer.delivery.kind === "date"
      ? { fulfillmentTrigger: "EXACT_TIME" as const, fulfillmentExactTime: offer.delivery.date.toISOString() }
      : { fulfillmentTrigger: "ASAP" as const };
  const option = planOption(offer);
  return {
    name: offer.name.trim(),
    merchantCode: offer.merchantCode,
    ...(offer.description?.trim() ? { description: offer.description.trim() } : {}),
    options: ["Pre-order"],
    position: 1,
    sellingPlansToCreate: [
      {
        name: offer.name.trim(),
        options: [option],
        category: "PRE_ORDER",
        billingPolicy: { fixed: billing },
        deliveryPolicy: { fixed: delivery },
        inventoryPolicy: { reserve: offer.reserve === "on_sale" ? "ON_SALE" : "ON_FULFILLMENT" },
        pricingPolicies: offer.discountPercentage
          ? [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: offer.discountPercentage } } }]
          : [],
      },
    ],
  } as SellingPlanGroupInput;
}

/** The plan's option value, what the buyer picks: "Pay in full" or "20% deposit". */
function planOption(offer: PreorderOffer): string {
  const { payment } = offer;
  if (payment.kind === "full") return "Pay in full";
  if (payment.kind === "deposit") return payment.percentage ? `${payment.percentage}% deposit` : "Pay later";
  return `${payment.amount} deposit`;
}

/** The terms as they are stored (JSON: dates as ISO strings) and read back. */
export function termsToJson(offer: PreorderOffer): Record<string, unknown> {
  return JSON.parse(JSON.stringify(offer)) as Record<string, unknown>;
}

export function termsFromJson(json: unknown): PreorderOffer {
  const offer = structuredClone(json) as PreorderOffer & Record<string, never>;
  const payment = offer.payment as Payment & { balance?: { trigger: string; date?: unknown } };
  if (payment.kind !== "full" && payment.balance.trigger === "date")
    payment.balance = { trigger: "date", date: new Date(payment.balance.date as unknown as string) };
  if (offer.delivery.kind === "date") offer.delivery = { kind: "date", date: new Date(offer.delivery.date) };
  return offer;
}
