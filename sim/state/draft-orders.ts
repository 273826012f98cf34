// Draft orders with Shopify's rules: create, update (replacing what is sent), calculate, invoice, complete
// into an order, delete; reserveInventoryUntil holds stock in `reserved`.
import { randomBytes } from "node:crypto";
import { buildLineItems } from "./line-items";
import { addOrder } from "./orders";
import { draftPayload } from "./payloads";
import type { ShopState } from "./shop-state";
import { commitStock, releaseReservations, reserve, stockShortage } from "./stock";
import type { Address, Attribute, DraftOrder, LineItem, UserError } from "./types";

export interface DraftOrderFields {
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[];
  customAttributes?: Attribute[];
  lineItems?: Array<Record<string, unknown>>;
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
  shippingLine?: { title?: string | null; priceWithCurrency?: { amount: string } | null } | null;
  purchasingEntity?: { customerId?: string | null } | null;
  reserveInventoryUntil?: string | null;
  presentmentCurrencyCode?: string | null;
}

export function createDraftOrder(
  state: ShopState,
  input: DraftOrderFields,
): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
  const built = buildLineItems(state, input.lineItems ?? []);
  if (built.userErrors.length) return { draftOrder: null, userErrors: built.userErrors };
  if (!built.lineItems.length) {
    return { draftOrder: null, userErrors: [{ field: ["lineItems"], message: "Add at least 1 product" }] };
  }
  const draft = blankDraft(state, {
    id: state.id(),
    name: `#D${state.nextDraftNumber++}`,
    invoiceToken: randomBytes(16).toString("hex"),
  });

  const errors = applyDraftFields(state, draft, input, built.lineItems);
  if (errors.length) return { draftOrder: null, userErrors: errors };
  state.draftOrders.set(draft.id, draft);
  state.emit("draft_orders/create", draftPayload(state, draft));
  return { draftOrder: draft, userErrors: [] };
}

export function updateDraftOrder(
  state: ShopState,
  id: number,
  input: DraftOrderFields,
): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
  const draft = state.draftOrders.get(id);
  if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED") {
    return {
      draftOrder: null,
      userErrors: [{ field: ["id"], message: "Draft order has been completed and can't be edited" }],
    };
  }
  let lineItems: LineItem[] | undefined;
  if (input.lineItems) {
    const built = buildLineItems(state, input.lineItems);
    if (built.userErrors.length) return { draftOrder: null, userErrors: built.userErrors };
    lineItems = built.lineItems;
  }
  releaseReservations(state, draft, "available");
  const errors = applyDraftFields(state, draft, input, lineItems);
  if (errors.length) return { draftOrder: null, userErrors: errors };
  draft.updatedAt = state.now().toISOString();
  state.emit("draft_orders/update", draftPayload(state, draft));
  return { draftOrder: draft, userErrors: [] };
}

/** draftOrderCalculate: the same rules, nothing kept. */
export function calculateDraftOrder(
  state: ShopState,
  input: DraftOrderFields,
): { draft: DraftOrder | null; userErrors: UserError[] } {
  const built = buildLineItems(state, input.lineItems ?? []);
  if (built.userErrors.length) return { draft: null, userErrors: built.userErrors };
  const draft = blankDraft(state, { id: 0, name: "", invoiceToken: "" });

  const errors = applyDraftFields(state, draft, { ...input, reserveInventoryUntil: null }, built.lineItems, false);
  return errors.length ? { draft: null, userErrors: errors } : { draft, userErrors: [] };
}

export function sendInvoice(
  state: ShopState,
  id: number,
  email: { to?: string | null; subject?: string | null; customMessage?: string | null } | null,
): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
  const draft = state.draftOrders.get(id);
  if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED") {
    return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has been completed" }] };
  }
  const to = email?.to ?? draft.email;
  if (!to) {
    return { draftOrder: null, userErrors: [{ field: ["email", "to"], message: "To can't be blank" }] };
  }
  state.invoicesSent.push({
    draftOrderId: id,
    to,
    subject: email?.subject ?? null,
    customMessage: email?.customMessage ?? null,
  });
  draft.status = "INVOICE_SENT";
  draft.invoiceSentAt = state.now().toISOString();
  draft.updatedAt = draft.invoiceSentAt;
  state.emit("draft_orders/update", draftPayload(state, draft));
  return { draftOrder: draft, userErrors: [] };
}

/** Turns a draft into a paid order: draftOrderComplete, or the backer paying the invoice. */
export function completeDraftOrder(
  state: ShopState,
  id: number,
  sourceName = "shopify_draft_order",
): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
  const draft = state.draftOrders.get(id);
  if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED") {
    return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has already been completed" }] };
  }
  const shortage = stockShortage(state, draft.lineItems, draft.reservations);
  if (shortage) return { draftOrder: null, userErrors: [{ field: ["id"], message: shortage }] };
  // Held units go from reserved to committed; the rest from available.
  const reservedItems = new Set(draft.reservations.map((r) => r.inventoryItemId));
  releaseReservations(state, draft, "committed");
  commitStock(
    state,
    draft.lineItems.filter(
      (line) => !reservedItems.has(state.variants.get(line.variantId ?? -1)?.inventoryItemId ?? -1),
    ),
  );
  const order = addOrder(state, {
    email: draft.email,
    phone: draft.phone,
    note: draft.note,
    tags: draft.tags,
    customAttributes: draft.customAttributes,
    lineItems: draft.lineItems,
    shippingAddress: draft.shippingAddress,
    shippingLine: draft.shippingLine,
    customerId: draft.customerId,
    sourceIdentifier: null,
    sourceName,
    draftOrderId: draft.id,
    financialStatus: "PAID",
  });
  draft.status = "COMPLETED";
  draft.completedAt = order.createdAt;
  draft.updatedAt = order.createdAt;
  draft.orderId = order.id;
  state.emit("draft_orders/update", draftPayload(state, draft));
  return { draftOrder: draft, userErrors: [] };
}

export function deleteDraftOrder(state: ShopState, id: number): { deletedId: number | null; userErrors: UserError[] } {
  const draft = state.draftOrders.get(id);
  if (!draft) return { deletedId: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
  if (draft.status === "COMPLETED")
    return { deletedId: null, userErrors: [{ field: ["id"], message: "Completed draft orders cannot be deleted" }] };
  releaseReservations(state, draft, "available");
  state.draftOrders.delete(id);
  state.emit("draft_orders/delete", { id: draft.id });
  return { deletedId: id, userErrors: [] };
}

export function applyDraftFields(
  state: ShopState,
  draft: DraftOrder,
  input: DraftOrderFields,
  lineItems?: LineItem[],
  holdStock = true,
): UserError[] {
  if (input.email !== undefined && input.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
    return [{ field: ["email"], message: "Email is invalid" }];
  }
  if (input.presentmentCurrencyCode && input.presentmentCurrencyCode !== state.currencyCode) {
    return [{ field: ["presentmentCurrencyCode"], message: `The stand-in shop sells in ${state.currencyCode} only` }];
  }
  const customerGid = input.purchasingEntity?.customerId;
  if (customerGid) {
    const customerId = Number(/\/(\d+)$/.exec(customerGid)?.[1]);
    if (!state.customers.has(customerId))
      return [{ field: ["purchasingEntity", "customerId"], message: "Customer does not exist" }];
    draft.customerId = customerId;
  }
  if (lineItems) draft.lineItems = lineItems;
  if (input.email !== undefined) draft.email = input.email;
  if (input.phone !== undefined) draft.phone = input.phone;
  if (input.note !== undefined) draft.note = input.note;
  if (input.tags !== undefined) draft.tags = [...new Set(input.tags.map((tag) => tag.trim()).filter(Boolean))];
  if (input.customAttributes !== undefined) draft.customAttributes = input.customAttributes;
  if (input.shippingAddress !== undefined) draft.shippingAddress = input.shippingAddress;
  if (input.billingAddress !== undefined) draft.billingAddress = input.billingAddress;
  if (input.shippingLine !== undefined) {
    draft.shippingLine = input.shippingLine
      ? {
          title: input.shippingLine.title ?? "Shipping",
          priceMinor: Math.round(Number(input.shippingLine.priceWithCurrency?.amount ?? 0) * 100),
        }
      : null;
  }
  if (input.reserveInventoryUntil !== undefined) draft.reserveInventoryUntil = input.reserveInventoryUntil;
  if (holdStock && draft.reserveInventoryUntil && Date.parse(draft.reserveInventoryUntil) > state.now().getTime()) {
    reserve(state, draft);
  }
  return [];
}

/** A draft with nothing in it yet; draftOrderCalculate uses one that is never kept. */
function blankDraft(state: ShopState, identity: Pick<DraftOrder, "id" | "name" | "invoiceToken">): DraftOrder {
  const at = state.now().toISOString();
  return {
    ...identity,
    status: "OPEN",
    email: null,
    phone: null,
    note: null,
    tags: [],
    customAttributes: [],
    lineItems: [],
    shippingAddress: null,
    billingAddress: null,
    shippingLine: null,
    customerId: null,
    reserveInventoryUntil: null,
    presentmentCurrencyCode: state.currencyCode,
    invoiceSentAt: null,
    completedAt: null,
    orderId: null,
    createdAt: at,
    updatedAt: at,
    reservations: [],
  };
}
