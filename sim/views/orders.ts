// Draft orders and orders as the Admin API shows them.
import { connection, type PageArgs } from "../connection";
import { gid } from "../state/ids";
import { fulfillmentStatus } from "../state/fulfillment";
import { discountOf } from "../state/line-items";
import type { ShopState } from "../state/shop-state";
import { outstandingMinor } from "../state/mandate-payments";
import type { Address, DraftOrder, LineItem, Order, PaymentTerms } from "../state/types";
import { customerView, variantView } from "./catalog";
import { fulfillmentOrderView, fulfillmentView } from "./fulfillment";
import { moneyBag, moneyV2 } from "./money";

export function addressView(address: Address | null) {
  if (!address) return null;
  return {
    __typename: "MailingAddress",
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    company: address.company ?? null,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    provinceCode: address.provinceCode ?? null,
    countryCodeV2: address.countryCode ?? null,
    zip: address.zip ?? null,
    phone: address.phone ?? null,
    name: [address.firstName, address.lastName].filter(Boolean).join(" ") || null,
  };
}

function lineItemView(state: ShopState, line: LineItem, currency: string, type: "DraftOrderLineItem" | "LineItem") {
  const totals = state.lineTotals(line);
  const variant = line.variantId ? state.variants.get(line.variantId) : undefined;
  return {
    __typename: type,
    id: gid(type, line.id),
    title: line.title,
    name: variant ? `${line.title} - ${variant.title}` : line.title,
    sku: line.sku,
    quantity: line.quantity,
    custom: line.variantId === null,
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    customAttributes: line.customAttributes.map((a) => ({ __typename: "Attribute", ...a })),
    sellingPlan: line.sellingPlan
      ? {
          __typename: "LineItemSellingPlan",
          sellingPlanId: gid("SellingPlan", line.sellingPlan.id),
          name: line.sellingPlan.name,
        }
      : null,
    variant: () => (variant ? variantView(state, variant) : null),
    appliedDiscount: line.appliedDiscount
      ? {
          __typename: "DraftOrderAppliedDiscount",
          title: line.appliedDiscount.title,
          description: line.appliedDiscount.description ?? "",
          value: line.appliedDiscount.value,
          valueType: line.appliedDiscount.valueType,
          amountSet: moneyBag(discountOf(line.appliedDiscount, line.unitPriceMinor, line.quantity), currency),
        }
      : null,
    originalUnitPriceSet: moneyBag(line.unitPriceMinor, currency),
    originalTotalSet: moneyBag(totals.original, currency),
    discountedTotalSet: moneyBag(totals.total, currency),
    totalDiscountSet: moneyBag(totals.discount, currency),
  };
}

function totalsView(state: ShopState, lines: LineItem[], shippingLine: DraftOrder["shippingLine"], currency: string) {
  const totals = state.totals(lines, shippingLine);
  return {
    subtotalPriceSet: moneyBag(totals.subtotal, currency),
    totalDiscountsSet: moneyBag(totals.discounts, currency),
    totalShippingPriceSet: moneyBag(totals.shipping, currency),
    totalTaxSet: moneyBag(totals.tax, currency),
    totalPriceSet: moneyBag(totals.total, currency),
    shippingLine: shippingLine
      ? {
          __typename: "ShippingLine",
          title: shippingLine.title,
          originalPriceSet: moneyBag(shippingLine.priceMinor, currency),
        }
      : null,
  };
}

export function draftOrderView(state: ShopState, draft: DraftOrder, invoiceUrl: string): Record<string, unknown> {
  const currency = draft.presentmentCurrencyCode;
  return {
    __typename: "DraftOrder",
    id: gid("DraftOrder", draft.id),
    name: draft.name,
    status: draft.status,
    ready: true,
    email: draft.email,
    phone: draft.phone,
    note2: draft.note,
    tags: draft.tags,
    customAttributes: draft.customAttributes.map((a) => ({ __typename: "Attribute", ...a })),
    invoiceUrl: draft.status === "COMPLETED" ? null : invoiceUrl,
    invoiceSentAt: draft.invoiceSentAt,
    completedAt: draft.completedAt,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    reserveInventoryUntil: draft.reserveInventoryUntil,
    presentmentCurrencyCode: currency,
    currencyCode: state.currencyCode,
    shippingAddress: addressView(draft.shippingAddress),
    billingAddress: addressView(draft.billingAddress),
    customer: () => (draft.customerId ? customerView(state.customers.get(draft.customerId)!) : null),
    order: () => (draft.orderId ? orderView(state, state.orders.get(draft.orderId)!) : null),
    lineItems: (args: PageArgs) =>
      connection(draft.lineItems, args, (line) => lineItemView(state, line, currency, "DraftOrderLineItem")),
    warnings: [],
    ...totalsView(state, draft.lineItems, draft.shippingLine, currency),
  };
}

export function calculatedDraftOrderView(state: ShopState, draft: DraftOrder): Record<string, unknown> {
  const currency = draft.presentmentCurrencyCode;
  return {
    __typename: "CalculatedDraftOrder",
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    availableShippingRates: [],
    warnings: [],
    alerts: [],
    lineItems: draft.lineItems.map((line) => lineItemView(state, line, currency, "DraftOrderLineItem")),
    ...totalsView(state, draft.lineItems, draft.shippingLine, currency),
  };
}

export function orderView(state: ShopState, order: Order): Record<string, unknown> {
  const currency = order.currencyCode;
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    name: order.name,
    email: order.email,
    phone: order.phone,
    note: order.note,
    tags: order.tags,
    customAttributes: order.customAttributes.map((a) => ({ __typename: "Attribute", ...a })),
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: fulfillmentStatus(state, order),
    fulfillmentOrders: (args: PageArgs) =>
      connection(
        [...state.fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id),
        args,
        (fo) => fulfillmentOrderView(state, fo),
      ),
    fulfillments: ({ first }: { first?: number | null }) =>
      [...state.fulfillments.values()]
        .filter((f) => f.orderId === order.id)
        .slice(0, first ?? undefined)
        .map((f) => fulfillmentView(state, f)),
    sourceIdentifier: order.sourceIdentifier,
    sourceName: order.sourceName,
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    cancelledAt: order.cancelledAt,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.createdAt,
    shippingAddress: addressView(order.shippingAddress),
    customer: () => (order.customerId ? customerView(state.customers.get(order.customerId)!) : null),
    lineItems: (args: PageArgs) =>
      connection(order.lineItems, args, (line) => lineItemView(state, line, currency, "LineItem")),
    currentTotalPriceSet: moneyBag(state.totals(order.lineItems, order.shippingLine).total, currency),
    totalOutstandingSet: moneyBag(outstandingMinor(order), currency),
    paymentTerms: order.paymentTerms ? paymentTermsView(state, order.paymentTerms, currency) : null,
    paymentCollectionDetails: {
      __typename: "OrderPaymentCollectionDetails",
      additionalPaymentCollectionUrl: null,
      vaultedPaymentMethods: order.mandateId
        ? [{ __typename: "PaymentMandate", id: gid("PaymentMandate", order.mandateId) }]
        : [],
    },
    ...totalsView(state, order.lineItems, order.shippingLine, currency),
  };
}

export { moneyV2 };

function paymentTermsView(state: ShopState, terms: PaymentTerms, currency: string) {
  const overdue = terms.dueAt !== null && !terms.completedAt && Date.parse(terms.dueAt) < state.now().getTime();
  const schedule = {
    __typename: "PaymentSchedule",
    id: gid("PaymentSchedule", terms.scheduleId),
    dueAt: terms.dueAt,
    completedAt: terms.completedAt,
    issuedAt: null,
    due: !terms.completedAt,
    amount: moneyV2(terms.amountMinor, currency),
    balanceDue: moneyV2(terms.completedAt ? 0 : terms.amountMinor, currency),
    totalBalance: moneyV2(terms.completedAt ? 0 : terms.amountMinor, currency),
  };
  return {
    __typename: "PaymentTerms",
    id: gid("PaymentTerms", terms.id),
    paymentTermsType: terms.type,
    paymentTermsName: terms.type === "FULFILLMENT" ? "Due on fulfillment" : "Due on a date",
    translatedName: terms.type === "FULFILLMENT" ? "Due on fulfillment" : "Due on a date",
    due: !terms.completedAt,
    overdue,
    dueInDays: null,
    paymentSchedules: (args: PageArgs) => connection([schedule], args, (s) => s),
  };
}
