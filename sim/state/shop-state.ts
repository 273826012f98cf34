// One shop in the stand-in: its records, and the sums every part needs. The operations live beside it, one
// module per domain (draft-orders, orders, fulfillment, inventory-writes, stock, line-items, seed), as functions of the state.
// Every change that Shopify would announce is passed to `emit` as a webhook topic and payload.
import { discountOf } from "./line-items";
import { releaseReservations } from "./stock";
import type {
  Customer,
  DraftOrder,
  Fulfillment,
  FulfillmentOrder,
  InventoryItem,
  LineItem,
  Location,
  MandatePayment,
  Metafield,
  Order,
  Product,
  SellingPlanGroup,
  ShippingLine,
  Variant,
  WebhookSubscription,
} from "./types";

export type Emit = (topic: string, payload: Record<string, unknown>) => void;

export class ShopState {
  readonly locations = new Map<number, Location>();
  readonly products = new Map<number, Product>();
  readonly variants = new Map<number, Variant>();
  readonly inventoryItems = new Map<number, InventoryItem>();
  readonly customers = new Map<number, Customer>();
  readonly draftOrders = new Map<number, DraftOrder>();
  /** Every invoice email Shopify would have sent: what a test counts to prove one email per backer. */
  readonly invoicesSent: Array<{
    draftOrderId: number;
    to: string;
    subject: string | null;
    customMessage: string | null;
  }> = [];
  readonly orders = new Map<number, Order>();
  readonly fulfillmentOrders = new Map<number, FulfillmentOrder>();
  readonly fulfillments = new Map<number, Fulfillment>();
  readonly sellingPlanGroups = new Map<number, SellingPlanGroup>();
  readonly webhookSubscriptions = new Map<number, WebhookSubscription>();
  readonly idempotencyKeys = new Map<string, { request: string; result: unknown }>();
  readonly mandatePayments = new Map<string, MandatePayment>();
  /** Cards that will be declined: order id → how many more charges fail (a test's lever). */
  readonly paymentDeclines = new Map<number, number>();
  /** The shop's languages: the primary first; a translation is accepted only for a published one. */
  readonly locales: Array<{ locale: string; name: string; primary: boolean; published: boolean }> = [
    { locale: "en", name: "English", primary: true, published: true },
    { locale: "fr", name: "French", primary: false, published: true },
  ];
  /** Registered translations, by `${resourceId} ${locale} ${key}`. */
  readonly translations = new Map<string, { value: string; digest: string }>();
  /** By `${ownerId} ${namespace} ${key}`. */
  readonly metafields = new Map<string, Metafield>();
  private nextId = 1000;
  nextDraftNumber = 1;
  nextOrderNumber = 1001;

  constructor(
    readonly currencyCode: string,
    readonly emit: Emit,
    readonly now: () => Date = () => new Date(),
  ) {}

  id(): number {
    return ++this.nextId;
  }

  get primaryLocationId(): number {
    return [...this.locations.keys()][0]!;
  }

  /** Gives back stock held by drafts whose reserveInventoryUntil has passed, as Shopify does. */
  expireReservations() {
    const now = this.now().getTime();
    for (const draft of this.draftOrders.values()) {
      if (draft.reservations.length && draft.reserveInventoryUntil && Date.parse(draft.reserveInventoryUntil) <= now) {
        releaseReservations(this, draft, "available");
      }
    }
  }

  findDraftByToken(token: string): DraftOrder | undefined {
    return [...this.draftOrders.values()].find((draft) => draft.invoiceToken === token);
  }

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
}
