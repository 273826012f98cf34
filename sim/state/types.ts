// The stand-in's model of one shop. Money is in minor units of the shop's currency.
/* eslint-disable @typescript-eslint/no-explicit-any -- selling-plan policies are kept as the schema-validated input */
export const QUANTITY_NAMES = [
  "available",
  "committed",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
  "incoming",
] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];
export type Quantities = Record<QuantityName, number>;

export interface Location {
  id: number;
  name: string;
  city: string;
  countryCode: string;
}

export interface InventoryItem {
  id: number;
  sku: string;
  tracked: boolean;
  /** The customs tariff code, when the merchant set one. */
  harmonizedSystemCode?: string | null;
  /** By location id. */
  levels: Map<number, Quantities>;
}

export interface Variant {
  id: number;
  productId: number;
  title: string;
  sku: string;
  priceMinor: number;
  inventoryItemId: number;
  inventoryPolicy: "DENY" | "CONTINUE";
  selectedOptions: Array<{ name: string; value: string }>;
}

export interface Product {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  options: Array<{ name: string; values: string[] }>;
  variantIds: number[];
  createdAt: string;
}

export interface Customer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
}

export interface Address {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  provinceCode?: string | null;
  countryCode?: string | null;
  zip?: string | null;
  phone?: string | null;
}

export interface Attribute {
  key: string;
  value: string;
}

export interface AppliedDiscount {
  title: string | null;
  description: string | null;
  value: number;
  valueType: "PERCENTAGE" | "FIXED_AMOUNT";
}

export interface LineItem {
  id: number;
  variantId: number | null;
  title: string;
  sku: string | null;
  quantity: number;
  unitPriceMinor: number;
  appliedDiscount: AppliedDiscount | null;
  customAttributes: Attribute[];
  requiresShipping: boolean;
  taxable: boolean;
  /** A pre-order or other deferred-purchase line: the plan it was bought on. */
  sellingPlan?: { id: number; name: string; reserveOnSale: boolean } | null;
}

export interface ShippingLine {
  title: string;
  priceMinor: number;
}

export type DraftOrderStatus = "OPEN" | "INVOICE_SENT" | "COMPLETED";

export interface DraftOrder {
  id: number;
  name: string;
  status: DraftOrderStatus;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  customAttributes: Attribute[];
  lineItems: LineItem[];
  shippingAddress: Address | null;
  billingAddress: Address | null;
  shippingLine: ShippingLine | null;
  customerId: number | null;
  reserveInventoryUntil: string | null;
  presentmentCurrencyCode: string;
  invoiceToken: string;
  invoiceSentAt: string | null;
  completedAt: string | null;
  orderId: number | null;
  createdAt: string;
  updatedAt: string;
  /** Units this draft holds in `reserved`, by inventory item and location, so they can be given back. */
  reservations: Array<{ inventoryItemId: number; locationId: number; quantity: number }>;
}

export interface Order {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  customAttributes: Attribute[];
  lineItems: LineItem[];
  shippingAddress: Address | null;
  shippingLine: ShippingLine | null;
  customerId: number | null;
  currencyCode: string;
  financialStatus: "PAID" | "PARTIALLY_PAID" | "PENDING" | "REFUNDED";
  /** A deferred balance (pre-orders): one schedule, due at a date or on fulfillment. */
  paymentTerms?: PaymentTerms | null;
  /** The buyer's vaulted card for the balance. */
  mandateId?: number | null;
  sourceIdentifier: string | null;
  sourceName: string;
  draftOrderId: number | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export type FulfillmentHoldReason =
  | "AWAITING_PAYMENT"
  | "HIGH_RISK_OF_FRAUD"
  | "INCORRECT_ADDRESS"
  | "INVENTORY_OUT_OF_STOCK"
  | "UNKNOWN_DELIVERY_DATE"
  | "ONLINE_STORE_POST_PURCHASE_CROSS_SELL"
  | "AWAITING_RETURN_ITEMS"
  | "OTHER";

export interface FulfillmentHold {
  id: number;
  reason: FulfillmentHoldReason;
  handle: string | null;
  reasonNotes: string | null;
}

export interface FulfillmentOrder {
  id: number;
  orderId: number;
  locationId: number;
  status: "OPEN" | "IN_PROGRESS" | "ON_HOLD" | "CLOSED" | "CANCELLED";
  holds: FulfillmentHold[];
  lineItems: Array<{ id: number; lineItemId: number; totalQuantity: number; remainingQuantity: number }>;
  createdAt: string;
  updatedAt: string;
}

export interface Fulfillment {
  id: number;
  orderId: number;
  locationId: number;
  status: "SUCCESS";
  tracking: { company: string | null; number: string | null; url: string | null };
  lineItems: Array<{ lineItemId: number; quantity: number }>;
  createdAt: string;
}

export interface SellingPlan {
  id: number;
  name: string;
  options: string[];
  description: string | null;
  position: number | null;
  category: string | null;
  billingPolicy: { fixed?: Record<string, any> | null; recurring?: unknown };
  deliveryPolicy: { fixed?: Record<string, any> | null; recurring?: unknown };
  inventoryPolicy: { reserve?: string | null } | null;
  pricingPolicies: Array<{ fixed?: Record<string, any> | null; recurring?: unknown }>;
  createdAt: string;
}

export interface SellingPlanGroup {
  id: number;
  name: string;
  merchantCode: string | null;
  description: string | null;
  options: string[];
  position: number | null;
  plans: SellingPlan[];
  variantIds: number[];
  productIds: number[];
  createdAt: string;
}

export interface WebhookSubscription {
  id: number;
  /** The GraphQL enum, e.g. ORDERS_CREATE. */
  topic: string;
  uri: string;
  filter: string | null;
  includeFields: string[];
  name: string | null;
  createdAt: string;
}

export interface PaymentTerms {
  id: number;
  type: "FIXED" | "FULFILLMENT";
  scheduleId: number;
  /** Null when the balance is due on fulfillment. */
  dueAt: string | null;
  amountMinor: number;
  completedAt: string | null;
}

export interface MandatePayment {
  referenceId: string;
  orderId: number;
  amountMinor: number;
  status: "PURCHASED" | "ERROR";
  errorMessage: string | null;
  createdAt: string;
}

export interface Metafield {
  id: number;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}
