// One shop in the stand-in: catalog, inventory, customers, draft orders and orders, with Shopify's rules and
// user errors. Every change that Shopify would announce is passed to `emit` as a webhook topic and payload.
import { randomBytes } from "node:crypto";
import { checkChangeFrom, checkReason, emptyQuantities, levelAt, quantity, WRITABLE_NAMES, type QuantityChange } from "./inventory";
import type {
  Address, AppliedDiscount, Attribute, Customer, DraftOrder, InventoryItem, LineItem, Location, Order, Product,
  ShippingLine, UserError, Variant,
} from "./types";

export type Emit = (topic: string, payload: Record<string, unknown>) => void;

export interface CatalogSeed {
  locations: Array<{ name: string; city: string; countryCode: string }>;
  products: Array<{
    title: string;
    vendor: string;
    productType: string;
    tags?: string[];
    options?: string[];
    variants: Array<{ sku: string; price: string; options?: string[]; inventory: number[]; inventoryPolicy?: "DENY" | "CONTINUE" }>;
  }>;
  customers: Array<{ email: string; firstName: string; lastName: string; phone?: string }>;
}

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

export class ShopState {
  readonly locations = new Map<number, Location>();
  readonly products = new Map<number, Product>();
  readonly variants = new Map<number, Variant>();
  readonly inventoryItems = new Map<number, InventoryItem>();
  readonly customers = new Map<number, Customer>();
  readonly draftOrders = new Map<number, DraftOrder>();
  readonly orders = new Map<number, Order>();
  readonly idempotencyKeys = new Map<string, { request: string; result: unknown }>();
  private nextId = 1000;
  private nextDraftNumber = 1;
  private nextOrderNumber = 1001;

  constructor(
    readonly currencyCode: string,
    private readonly emit: Emit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  id(): number {
    return ++this.nextId;
  }

  seed(catalog: CatalogSeed) {
    const locationIds = catalog.locations.map((location) => {
      const id = this.id();
      this.locations.set(id, { id, ...location });
      return id;
    });
    for (const seed of catalog.products) {
      const product: Product = {
        id: this.id(),
        title: seed.title,
        handle: seed.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
        vendor: seed.vendor,
        productType: seed.productType,
        tags: seed.tags ?? [],
        options: (seed.options ?? ["Title"]).map((name, index) => ({
          name,
          values: [...new Set(seed.variants.map((v) => v.options?.[index] ?? "Default Title"))],
        })),
        variantIds: [],
        createdAt: this.now().toISOString(),
      };
      this.products.set(product.id, product);
      for (const variantSeed of seed.variants) {
        const item: InventoryItem = { id: this.id(), sku: variantSeed.sku, tracked: true, levels: new Map() };
        variantSeed.inventory.forEach((available, index) => {
          const level = emptyQuantities();
          level.available = available;
          item.levels.set(locationIds[index]!, level);
        });
        this.inventoryItems.set(item.id, item);
        const values = variantSeed.options ?? ["Default Title"];
        const variant: Variant = {
          id: this.id(),
          productId: product.id,
          title: values.join(" / "),
          sku: variantSeed.sku,
          priceMinor: Math.round(Number(variantSeed.price) * 100),
          inventoryItemId: item.id,
          inventoryPolicy: variantSeed.inventoryPolicy ?? "DENY",
          selectedOptions: product.options.map((option, index) => ({ name: option.name, value: values[index] ?? "Default Title" })),
        };
        this.variants.set(variant.id, variant);
        product.variantIds.push(variant.id);
      }
    }
    for (const customer of catalog.customers) {
      const id = this.id();
      this.customers.set(id, { id, phone: null, ...customer });
    }
  }

  get primaryLocationId(): number {
    return [...this.locations.keys()][0]!;
  }

  /** Gives back stock held by drafts whose reserveInventoryUntil has passed, as Shopify does. */
  expireReservations() {
    const now = this.now().getTime();
    for (const draft of this.draftOrders.values()) {
      if (draft.reservations.length && draft.reserveInventoryUntil && Date.parse(draft.reserveInventoryUntil) <= now) {
        this.releaseReservations(draft, "available");
      }
    }
  }

  // Draft orders

  createDraftOrder(input: DraftOrderFields): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
    const built = this.buildLineItems(input.lineItems ?? []);
    if (built.userErrors.length) return { draftOrder: null, userErrors: built.userErrors };
    if (!built.lineItems.length) {
      return { draftOrder: null, userErrors: [{ field: ["lineItems"], message: "Add at least 1 product" }] };
    }
    const at = this.now().toISOString();
    const draft: DraftOrder = {
      id: this.id(),
      name: `#D${this.nextDraftNumber++}`,
      status: "OPEN",
      email: null, phone: null, note: null, tags: [], customAttributes: [], lineItems: [],
      shippingAddress: null, billingAddress: null, shippingLine: null, customerId: null,
      reserveInventoryUntil: null,
      presentmentCurrencyCode: this.currencyCode,
      invoiceToken: randomBytes(16).toString("hex"),
      invoiceSentAt: null, completedAt: null, orderId: null,
      createdAt: at, updatedAt: at, reservations: [],
    };
    const errors = this.applyDraftFields(draft, input, built.lineItems);
    if (errors.length) return { draftOrder: null, userErrors: errors };
    this.draftOrders.set(draft.id, draft);
    this.emit("draft_orders/create", this.draftPayload(draft));
    return { draftOrder: draft, userErrors: [] };
  }

  updateDraftOrder(id: number, input: DraftOrderFields): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
    const draft = this.draftOrders.get(id);
    if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
    if (draft.status === "COMPLETED") {
      return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has been completed and can't be edited" }] };
    }
    let lineItems: LineItem[] | undefined;
    if (input.lineItems) {
      const built = this.buildLineItems(input.lineItems);
      if (built.userErrors.length) return { draftOrder: null, userErrors: built.userErrors };
      lineItems = built.lineItems;
    }
    this.releaseReservations(draft, "available");
    const errors = this.applyDraftFields(draft, input, lineItems);
    if (errors.length) return { draftOrder: null, userErrors: errors };
    draft.updatedAt = this.now().toISOString();
    this.emit("draft_orders/update", this.draftPayload(draft));
    return { draftOrder: draft, userErrors: [] };
  }

  /** draftOrderCalculate: the same rules, nothing kept. */
  calculateDraftOrder(input: DraftOrderFields): { draft: DraftOrder | null; userErrors: UserError[] } {
    const built = this.buildLineItems(input.lineItems ?? []);
    if (built.userErrors.length) return { draft: null, userErrors: built.userErrors };
    const at = this.now().toISOString();
    const draft: DraftOrder = {
      id: 0, name: "", status: "OPEN", email: null, phone: null, note: null, tags: [], customAttributes: [],
      lineItems: built.lineItems, shippingAddress: null, billingAddress: null, shippingLine: null, customerId: null,
      reserveInventoryUntil: null, presentmentCurrencyCode: this.currencyCode, invoiceToken: "", invoiceSentAt: null,
      completedAt: null, orderId: null, createdAt: at, updatedAt: at, reservations: [],
    };
    const errors = this.applyDraftFields(draft, { ...input, reserveInventoryUntil: null }, built.lineItems, false);
    return errors.length ? { draft: null, userErrors: errors } : { draft, userErrors: [] };
  }

  sendInvoice(id: number, email: { to?: string | null } | null): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
    const draft = this.draftOrders.get(id);
    if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
    if (draft.status === "COMPLETED") {
      return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has been completed" }] };
    }
    if (!(email?.to ?? draft.email)) {
      return { draftOrder: null, userErrors: [{ field: ["email", "to"], message: "To can't be blank" }] };
    }
    draft.status = "INVOICE_SENT";
    draft.invoiceSentAt = this.now().toISOString();
    draft.updatedAt = draft.invoiceSentAt;
    this.emit("draft_orders/update", this.draftPayload(draft));
    return { draftOrder: draft, userErrors: [] };
  }

  /** Turns a draft into a paid order: draftOrderComplete, or the backer paying the invoice. */
  completeDraftOrder(id: number, sourceName = "shopify_draft_order"): { draftOrder: DraftOrder | null; userErrors: UserError[] } {
    const draft = this.draftOrders.get(id);
    if (!draft) return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
    if (draft.status === "COMPLETED") {
      return { draftOrder: null, userErrors: [{ field: ["id"], message: "Draft order has already been completed" }] };
    }
    const shortage = this.stockShortage(draft.lineItems, draft.reservations);
    if (shortage) return { draftOrder: null, userErrors: [{ field: ["id"], message: shortage }] };
    // Held units go from reserved to committed; the rest from available.
    const reservedItems = new Set(draft.reservations.map((r) => r.inventoryItemId));
    this.releaseReservations(draft, "committed");
    this.commitStock(draft.lineItems.filter((line) => !reservedItems.has(this.variants.get(line.variantId ?? -1)?.inventoryItemId ?? -1)));
    const order = this.addOrder({
      email: draft.email, phone: draft.phone, note: draft.note, tags: draft.tags, customAttributes: draft.customAttributes,
      lineItems: draft.lineItems, shippingAddress: draft.shippingAddress, shippingLine: draft.shippingLine,
      customerId: draft.customerId, sourceIdentifier: null, sourceName, draftOrderId: draft.id, financialStatus: "PAID",
    });
    draft.status = "COMPLETED";
    draft.completedAt = order.createdAt;
    draft.updatedAt = order.createdAt;
    draft.orderId = order.id;
    this.emit("draft_orders/update", this.draftPayload(draft));
    return { draftOrder: draft, userErrors: [] };
  }

  deleteDraftOrder(id: number): { deletedId: number | null; userErrors: UserError[] } {
    const draft = this.draftOrders.get(id);
    if (!draft) return { deletedId: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] };
    this.releaseReservations(draft, "available");
    this.draftOrders.delete(id);
    this.emit("draft_orders/delete", { id: draft.id });
    return { deletedId: id, userErrors: [] };
  }

  findDraftByToken(token: string): DraftOrder | undefined {
    return [...this.draftOrders.values()].find((draft) => draft.invoiceToken === token);
  }

  // Orders

  createOrder(input: {
    lineItems: Array<Record<string, unknown>>;
    email?: string | null;
    phone?: string | null;
    note?: string | null;
    tags?: string[];
    customAttributes?: Attribute[];
    shippingAddress?: Address | null;
    financialStatus?: string | null;
    sourceIdentifier?: string | null;
    sourceName?: string | null;
    inventoryBehaviour?: string | null;
  }): { order: Order | null; userErrors: UserError[] } {
    const built = this.buildLineItems(input.lineItems, "lineItems", true);
    if (built.userErrors.length) return { order: null, userErrors: built.userErrors };
    if (!built.lineItems.length) return { order: null, userErrors: [{ field: ["order", "lineItems"], message: "Line items must have at least one line item" }] };
    const behaviour = input.inventoryBehaviour ?? "BYPASS";
    if (behaviour === "DECREMENT_OBEYING_POLICY") {
      const shortage = this.stockShortage(built.lineItems, []);
      if (shortage) return { order: null, userErrors: [{ field: ["order", "lineItems"], message: shortage }] };
    }
    if (behaviour !== "BYPASS") this.commitStock(built.lineItems);
    const order = this.addOrder({
      email: input.email ?? null, phone: input.phone ?? null, note: input.note ?? null, tags: input.tags ?? [],
      customAttributes: input.customAttributes ?? [], lineItems: built.lineItems, shippingAddress: input.shippingAddress ?? null,
      shippingLine: null, customerId: null, sourceIdentifier: input.sourceIdentifier ?? null,
      sourceName: input.sourceName ?? "pledgebridge", draftOrderId: null,
      financialStatus: input.financialStatus === "PENDING" ? "PENDING" : "PAID",
    });
    return { order, userErrors: [] };
  }

  // Inventory

  adjustQuantities(input: {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    changes: Array<Record<string, unknown>>;
  }): { changes: QuantityChange[] | null; userErrors: UserError[] } {
    const reasonError = checkReason(input.reason);
    if (reasonError) return { changes: null, userErrors: [reasonError] };
    if (!WRITABLE_NAMES.includes(input.name as never)) {
      return { changes: null, userErrors: [{ field: ["input", "name"], message: `The quantity name '${input.name}' can't be adjusted.`, code: "INVALID_QUANTITY_NAME" }] };
    }
    const planned: Array<{ level: ReturnType<typeof levelAt>; change: QuantityChange }> = [];
    for (const [index, change] of input.changes.entries()) {
      const field = ["input", "changes", String(index)];
      const target = this.inventoryTarget(change.inventoryItemId, change.locationId, field);
      if ("error" in target) return { changes: null, userErrors: [target.error] };
      if (input.name !== "available" && !change.ledgerDocumentUri) {
        return { changes: null, userErrors: [{ field: [...field, "ledgerDocumentUri"], message: "A ledger document URI is required except when adjusting available.", code: "INVALID_LEDGER_DOCUMENT" }] };
      }
      const current = quantity(target.level, input.name);
      const stale = checkChangeFrom(change, current, [...field, "changeFromQuantity"], "INVALID_QUANTITY_DOCUMENT");
      if (stale) return { changes: null, userErrors: [stale] };
      const delta = Number(change.delta);
      planned.push({
        level: target.level,
        change: { inventoryItemId: target.item.id, locationId: target.locationId, name: input.name, delta, quantityAfterChange: current + delta },
      });
    }
    for (const { level, change } of planned) (level as Record<string, number>)[change.name] = change.quantityAfterChange;
    for (const { change } of planned) this.emitInventoryLevel(change.inventoryItemId, change.locationId);
    return { changes: planned.map((p) => p.change), userErrors: [] };
  }

  setQuantities(input: {
    name: string;
    reason: string;
    quantities: Array<Record<string, unknown>>;
  }): { changes: QuantityChange[] | null; userErrors: UserError[] } {
    const reasonError = checkReason(input.reason);
    if (reasonError) return { changes: null, userErrors: [reasonError] };
    if (input.name !== "available" && input.name !== "on_hand") {
      return { changes: null, userErrors: [{ field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME" }] };
    }
    const planned: Array<{ level: ReturnType<typeof levelAt>; change: QuantityChange }> = [];
    for (const [index, entry] of input.quantities.entries()) {
      const field = ["input", "quantities", String(index)];
      const target = this.inventoryTarget(entry.inventoryItemId, entry.locationId, field);
      if ("error" in target) return { changes: null, userErrors: [target.error] };
      const current = quantity(target.level, input.name);
      const stale = checkChangeFrom(entry, current, [...field, "changeFromQuantity"], "COMPARE_QUANTITY_REQUIRED");
      if (stale) return { changes: null, userErrors: [stale] };
      const wanted = Number(entry.quantity);
      planned.push({
        level: target.level,
        change: { inventoryItemId: target.item.id, locationId: target.locationId, name: input.name, delta: wanted - current, quantityAfterChange: wanted },
      });
    }
    // Setting on_hand changes what is available: the other parts of on_hand stay as they are.
    for (const { level, change } of planned) level.available += change.delta;
    for (const { change } of planned) this.emitInventoryLevel(change.inventoryItemId, change.locationId);
    return { changes: planned.map((p) => p.change), userErrors: [] };
  }

  moveQuantities(input: {
    reason: string;
    referenceDocumentUri: string;
    changes: Array<{ inventoryItemId: unknown; quantity: number; from: Record<string, unknown>; to: Record<string, unknown> }>;
  }): { changes: QuantityChange[] | null; userErrors: UserError[] } {
    const reasonError = checkReason(input.reason);
    if (reasonError) return { changes: null, userErrors: [reasonError] };
    const planned: Array<{ from: QuantityChange; to: QuantityChange; fromLevel: ReturnType<typeof levelAt>; toLevel: ReturnType<typeof levelAt> }> = [];
    for (const [index, change] of input.changes.entries()) {
      const field = ["input", "changes", String(index)];
      const from = this.inventoryTarget(change.inventoryItemId, change.from.locationId, [...field, "from"]);
      if ("error" in from) return { changes: null, userErrors: [from.error] };
      const to = this.inventoryTarget(change.inventoryItemId, change.to.locationId, [...field, "to"]);
      if ("error" in to) return { changes: null, userErrors: [to.error] };
      for (const [side, end] of [["from", change.from], ["to", change.to]] as const) {
        if (!WRITABLE_NAMES.includes(String(end.name) as never)) {
          return { changes: null, userErrors: [{ field: [...field, side, "name"], message: `The quantity name '${String(end.name)}' can't be moved.`, code: "INVALID_QUANTITY_NAME" }] };
        }
        if (end.name !== "available" && !end.ledgerDocumentUri) {
          return { changes: null, userErrors: [{ field: [...field, side, "ledgerDocumentUri"], message: "A ledger document URI is required except when moving available.", code: "INVALID_LEDGER_DOCUMENT" }] };
        }
      }
      const fromCurrent = quantity(from.level, String(change.from.name));
      const toCurrent = quantity(to.level, String(change.to.name));
      for (const [side, end, current] of [["from", change.from, fromCurrent], ["to", change.to, toCurrent]] as const) {
        if ("changeFromQuantity" in end) {
          const stale = checkChangeFrom(end, current, [...field, side, "changeFromQuantity"], "INVALID_QUANTITY_DOCUMENT");
          if (stale) return { changes: null, userErrors: [stale] };
        }
      }
      planned.push({
        fromLevel: from.level,
        toLevel: to.level,
        from: { inventoryItemId: from.item.id, locationId: from.locationId, name: String(change.from.name), delta: -change.quantity, quantityAfterChange: fromCurrent - change.quantity },
        to: { inventoryItemId: to.item.id, locationId: to.locationId, name: String(change.to.name), delta: change.quantity, quantityAfterChange: toCurrent + change.quantity },
      });
    }
    for (const move of planned) {
      (move.fromLevel as Record<string, number>)[move.from.name] = quantity(move.fromLevel, move.from.name) + move.from.delta;
      (move.toLevel as Record<string, number>)[move.to.name] = quantity(move.toLevel, move.to.name) + move.to.delta;
    }
    for (const move of planned) this.emitInventoryLevel(move.from.inventoryItemId, move.from.locationId);
    return { changes: planned.flatMap((move) => [move.from, move.to]), userErrors: [] };
  }

  // Totals

  lineTotals(line: LineItem): { original: number; discount: number; total: number } {
    const original = line.unitPriceMinor * line.quantity;
    const discount = discountOf(line.appliedDiscount, line.unitPriceMinor, line.quantity);
    return { original, discount, total: original - discount };
  }

  totals(lines: LineItem[], shippingLine: ShippingLine | null) {
    const subtotal = lines.reduce((sum, line) => sum + this.lineTotals(line).total, 0);
    const discounts = lines.reduce((sum, line) => sum + this.lineTotals(line).discount, 0);
    const shipping = shippingLine?.priceMinor ?? 0;
    // The stand-in charges no tax: tax rules are the store's, and Pledgebridge never computes them.
    return { subtotal, discounts, shipping, tax: 0, total: subtotal + shipping };
  }

  // Internals

  private buildLineItems(inputs: Array<Record<string, unknown>>, field = "lineItems", forOrder = false): { lineItems: LineItem[]; userErrors: UserError[] } {
    if (inputs.length > 499) {
      return { lineItems: [], userErrors: [{ field: [field], message: "Draft orders can't have more than 499 line items" }] };
    }
    const lineItems: LineItem[] = [];
    for (const [index, input] of inputs.entries()) {
      const at = [field, String(index)];
      const quantityValue = Number(input.quantity);
      if (!Number.isInteger(quantityValue) || quantityValue < 1) {
        return { lineItems: [], userErrors: [{ field: [...at, "quantity"], message: "Quantity must be greater than or equal to 1" }] };
      }
      const customAttributes = (input.customAttributes as Attribute[] | undefined) ?? [];
      const appliedDiscount = (input.appliedDiscount as AppliedDiscount | undefined) ?? null;
      if (appliedDiscount?.valueType === "PERCENTAGE" && (appliedDiscount.value < 0 || appliedDiscount.value > 100)) {
        return { lineItems: [], userErrors: [{ field: [...at, "appliedDiscount", "value"], message: "Percentage discount must be between 0 and 100" }] };
      }
      if (input.variantId != null) {
        const variantId = Number(/\/(\d+)$/.exec(String(input.variantId))?.[1]);
        const variant = String(input.variantId).startsWith("gid://shopify/ProductVariant/") ? this.variants.get(variantId) : undefined;
        if (!variant) {
          return { lineItems: [], userErrors: [{ field: [...at, "variantId"], message: "Product with ID could not be found." }] };
        }
        const product = this.products.get(variant.productId)!;
        const override = (input.priceOverride ?? (forOrder ? (input.priceSet as { shopMoney?: unknown } | undefined)?.shopMoney : undefined)) as { amount: string } | undefined;
        lineItems.push({
          id: this.id(), variantId: variant.id,
          title: product.title, sku: variant.sku, quantity: quantityValue,
          unitPriceMinor: override ? Math.round(Number(override.amount) * 100) : variant.priceMinor,
          appliedDiscount: appliedDiscount ? normaliseDiscount(appliedDiscount) : null,
          customAttributes, requiresShipping: true, taxable: true,
        });
      } else {
        const price = (input.originalUnitPriceWithCurrency ?? (forOrder ? (input.priceSet as { shopMoney?: unknown } | undefined)?.shopMoney : undefined)) as { amount: string } | undefined;
        if (!input.title) {
          return { lineItems: [], userErrors: [{ field: [...at, "title"], message: "Title can't be blank for a custom line item" }] };
        }
        lineItems.push({
          id: this.id(), variantId: null, title: String(input.title), sku: (input.sku as string | undefined) ?? null,
          quantity: quantityValue, unitPriceMinor: price ? Math.round(Number(price.amount) * 100) : 0,
          appliedDiscount: appliedDiscount ? normaliseDiscount(appliedDiscount) : null, customAttributes,
          requiresShipping: input.requiresShipping !== false, taxable: input.taxable !== false,
        });
      }
    }
    return { lineItems, userErrors: [] };
  }

  private applyDraftFields(draft: DraftOrder, input: DraftOrderFields, lineItems?: LineItem[], reserve = true): UserError[] {
    if (input.email !== undefined && input.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
      return [{ field: ["email"], message: "Email is invalid" }];
    }
    if (input.presentmentCurrencyCode && input.presentmentCurrencyCode !== this.currencyCode) {
      return [{ field: ["presentmentCurrencyCode"], message: `The stand-in shop sells in ${this.currencyCode} only` }];
    }
    const customerGid = input.purchasingEntity?.customerId;
    if (customerGid) {
      const customerId = Number(/\/(\d+)$/.exec(customerGid)?.[1]);
      if (!this.customers.has(customerId)) return [{ field: ["purchasingEntity", "customerId"], message: "Customer does not exist" }];
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
        ? { title: input.shippingLine.title ?? "Shipping", priceMinor: Math.round(Number(input.shippingLine.priceWithCurrency?.amount ?? 0) * 100) }
        : null;
    }
    if (input.reserveInventoryUntil !== undefined) draft.reserveInventoryUntil = input.reserveInventoryUntil;
    if (reserve && draft.reserveInventoryUntil && Date.parse(draft.reserveInventoryUntil) > this.now().getTime()) {
      this.reserve(draft);
    }
    return [];
  }

  /** reserveInventoryUntil: the draft's units move from available to reserved at the first location. */
  private reserve(draft: DraftOrder) {
    for (const line of draft.lineItems) {
      const variant = line.variantId ? this.variants.get(line.variantId) : undefined;
      const item = variant ? this.inventoryItems.get(variant.inventoryItemId) : undefined;
      if (!item?.tracked) continue;
      const level = levelAt(item, this.primaryLocationId);
      level.available -= line.quantity;
      level.reserved += line.quantity;
      draft.reservations.push({ inventoryItemId: item.id, locationId: this.primaryLocationId, quantity: line.quantity });
      this.emitInventoryLevel(item.id, this.primaryLocationId);
    }
  }

  private releaseReservations(draft: DraftOrder, to: "available" | "committed") {
    for (const reservation of draft.reservations) {
      const level = levelAt(this.inventoryItems.get(reservation.inventoryItemId)!, reservation.locationId);
      level.reserved -= reservation.quantity;
      level[to] += reservation.quantity;
      this.emitInventoryLevel(reservation.inventoryItemId, reservation.locationId);
    }
    draft.reservations = [];
  }

  private commitStock(lines: LineItem[]) {
    for (const line of lines) {
      const variant = line.variantId ? this.variants.get(line.variantId) : undefined;
      const item = variant ? this.inventoryItems.get(variant.inventoryItemId) : undefined;
      if (!item?.tracked) continue;
      const level = levelAt(item, this.primaryLocationId);
      level.available -= line.quantity;
      level.committed += line.quantity;
      this.emitInventoryLevel(item.id, this.primaryLocationId);
    }
  }

  /** A message when a variant that may not oversell lacks stock (its own reservation counts as stock). */
  private stockShortage(lines: LineItem[], reservations: DraftOrder["reservations"]): string | null {
    for (const line of lines) {
      const variant = line.variantId ? this.variants.get(line.variantId) : undefined;
      const item = variant ? this.inventoryItems.get(variant.inventoryItemId) : undefined;
      if (!variant || !item?.tracked || variant.inventoryPolicy === "CONTINUE") continue;
      const held = reservations.filter((r) => r.inventoryItemId === item.id).reduce((sum, r) => sum + r.quantity, 0);
      const available = levelAt(item, this.primaryLocationId).available + held;
      if (available < line.quantity) return `${line.title} (${variant.sku}) is not available in the quantity requested: ${available} left`;
    }
    return null;
  }

  private addOrder(fields: Omit<Order, "id" | "name" | "currencyCode" | "cancelledAt" | "createdAt" | "updatedAt">): Order {
    const at = this.now().toISOString();
    const order: Order = {
      ...fields, id: this.id(), name: `#${this.nextOrderNumber++}`, currencyCode: this.currencyCode, cancelledAt: null, createdAt: at, updatedAt: at,
    };
    this.orders.set(order.id, order);
    this.emit("orders/create", this.orderPayload(order));
    if (order.financialStatus === "PAID") this.emit("orders/paid", this.orderPayload(order));
    return order;
  }

  private inventoryTarget(itemGid: unknown, locationGid: unknown, field: string[]):
    | { item: InventoryItem; locationId: number; level: ReturnType<typeof levelAt> }
    | { error: UserError } {
    const itemId = Number(/InventoryItem\/(\d+)$/.exec(String(itemGid))?.[1]);
    const locationId = Number(/Location\/(\d+)$/.exec(String(locationGid))?.[1]);
    const item = this.inventoryItems.get(itemId);
    if (!item) return { error: { field: [...field, "inventoryItemId"], message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" } };
    if (!this.locations.has(locationId)) return { error: { field: [...field, "locationId"], message: "The specified location could not be found.", code: "INVALID_LOCATION" } };
    return { item, locationId, level: levelAt(item, locationId) };
  }

  private emitInventoryLevel(inventoryItemId: number, locationId: number) {
    const item = this.inventoryItems.get(inventoryItemId)!;
    this.emit("inventory_levels/update", {
      inventory_item_id: inventoryItemId,
      location_id: locationId,
      available: levelAt(item, locationId).available,
      updated_at: this.now().toISOString(),
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${inventoryItemId}?inventory_item_id=${inventoryItemId}`,
    });
  }

  draftPayload(draft: DraftOrder): Record<string, unknown> {
    const totals = this.totals(draft.lineItems, draft.shippingLine);
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

  orderPayload(order: Order): Record<string, unknown> {
    const totals = this.totals(order.lineItems, order.shippingLine);
    return {
      id: order.id,
      admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
      name: order.name,
      email: order.email,
      tags: order.tags.join(", "),
      note: order.note,
      note_attributes: order.customAttributes.map(({ key, value }) => ({ name: key, value })),
      financial_status: order.financialStatus.toLowerCase(),
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
}

function normaliseDiscount(discount: AppliedDiscount): AppliedDiscount {
  return { title: discount.title ?? null, description: discount.description ?? null, value: Number(discount.value), valueType: discount.valueType };
}

/** A percentage applies to the line; a fixed amount applies to each unit, never below zero. */
export function discountOf(discount: AppliedDiscount | null, unitPriceMinor: number, quantityValue: number): number {
  if (!discount) return 0;
  if (discount.valueType === "PERCENTAGE") return Math.round((unitPriceMinor * quantityValue * discount.value) / 100);
  return Math.min(unitPriceMinor, Math.round(discount.value * 100)) * quantityValue;
}
