// Storefront orders with pre-order lines: recorded from Shopify's own view of the order (read again by id, since
// webhook payloads do not say which plan a line was bought on), counted against caps, and kept up to date for
// the balance they owe. Caps: when a variant's units reach its cap the first worker to notice claims it (one
// conditional update) and takes it off sale; orders that got in before Shopify heard are over the cap and
// become exceptions for the merchant, never silently cancelled.
import type { Database } from "../../db/open";
import { minorUnitDigits } from "../../domain/money";
import type { AdminClient } from "../../shopify/admin-client";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { PREORDER_ORDER, RECENT_ORDERS } from "../../shopify/operations/preorders";
import type { PreorderOrderFieldsFragment } from "../../types/admin.generated";
import { clearExceptions, raiseExceptions } from "../exceptions";
import { stopSellingVariants, writeStorefrontMetafields } from "./offers";

interface Context {
  shopId: string;
  admin: AdminClient;
  cause: string;
  pacer?: CostPacer;
}

/** Whether any of these variants is on a running offer: only then is the order worth reading again. */
export async function sellsAsPreorder(db: Database, shopId: string, variantIds: string[]): Promise<boolean> {
  if (!variantIds.length) return false;
  const found = await db.prisma.preorderVariant.findFirst({
    where: { shopId, variantId: { in: variantIds }, offer: { status: { in: ["ACTIVE", "ENDING"] } } },
    select: { id: true },
  });
  return found !== null;
}

export async function isKnownPreorderOrder(db: Database, shopId: string, orderId: string): Promise<boolean> {
  return (await db.prisma.preorderOrder.count({ where: { shopId, orderId } })) > 0;
}

/** What PREORDER_ORDER asks of the bucket: one order with its lines (a fifth of RECENT_ORDERS_COST). */
const PREORDER_ORDER_COST = 162;

/** Reads the order from Shopify, records it, and enforces the caps of the offers it touches. */
export async function syncPreorderOrder(db: Database, context: Context, orderId: string) {
  const { data } = await pacedRequest(context.pacer, PREORDER_ORDER_COST, () =>
    context.admin.request(PREORDER_ORDER, { id: orderId }),
  );
  if (!data.order) return { recorded: false };
  const offers = await recordPreorderOrder(db, context.shopId, data.order);
  await enforceCaps(db, context, offers);
  return { recorded: offers.length > 0 };
}

/**
 * Upserts the order and its pre-order lines (lines on plans that are not ours are left out). Returns the offers
 * whose counts it touched. Recording the same order twice changes nothing (unique per order and line item).
 */
export async function recordPreorderOrder(
  db: Database,
  shopId: string,
  order: PreorderOrderFieldsFragment,
): Promise<string[]> {
  const planIds = order.lineItems.nodes.map((l) => l.sellingPlan?.sellingPlanId).filter((id): id is string => !!id);
  if (!planIds.length) return [];
  const offers = await db.prisma.preorderOffer.findMany({
    where: { shopId, sellingPlanId: { in: planIds } },
    select: { id: true, sellingPlanId: true, terms: true },
  });
  const offerByPlan = new Map(offers.map((o) => [o.sellingPlanId!, o]));
  const lines = order.lineItems.nodes.filter((l) => l.variant && offerByPlan.has(l.sellingPlan?.sellingPlanId ?? ""));
  if (!lines.length) return [];

  const schedule = order.paymentTerms?.paymentSchedules.nodes[0];
  const outstanding = toMinor(order.totalOutstandingSet.shopMoney.amount, order.currencyCode);
  const dueOnFulfillment = order.paymentTerms?.paymentTermsType === "FULFILLMENT";
  // Due on fulfillment: the first parcel out is what makes the balance due.
  const fulfilled = ["FULFILLED", "PARTIALLY_FULFILLED"].includes(order.displayFulfillmentStatus);
  const balanceStatus = order.cancelledAt
    ? "CANCELLED"
    : outstanding > 0
      ? "DUE"
      : order.paymentTerms
        ? "PAID"
        : "NONE";
  const fields = {
    orderName: order.name,
    currencyCode: order.currencyCode,
    outstandingMinor: outstanding,
    dueAt: schedule?.dueAt ? new Date(schedule.dueAt as string) : null,
    dueOnFulfillment,
    paymentScheduleId: schedule?.id ?? null,
    mandateId: order.paymentCollectionDetails?.vaultedPaymentMethods?.[0]?.id ?? null,
    cancelledAt: order.cancelledAt ? new Date(order.cancelledAt as string) : null,
    countryCode: order.shippingAddress?.countryCodeV2 ?? null,
  };
  const saved = await db.prisma.preorderOrder.upsert({
    where: { shopId_orderId: { shopId, orderId: order.id } },
    create: {
      shopId,
      orderId: order.id,
      ...fields,
      balanceStatus,
      fulfilledAt: fulfilled ? new Date() : null,
      createdAt: new Date(order.createdAt as string),
    },
    update: fields,
  });
  // A balance the app already gave up on stays FAILED until paid; a paid or cancelled order is final.
  await db.query(
    `UPDATE "PreorderOrder" SET "balanceStatus" = $2::"BalanceStatus",
            "fulfilledAt" = CASE WHEN $3 THEN COALESCE("fulfilledAt", now()) ELSE "fulfilledAt" END
      WHERE id = $1 AND ("balanceStatus" <> 'FAILED' OR $2 IN ('PAID', 'CANCELLED'))`,
    [saved.id, balanceStatus, fulfilled],
  );
  for (const line of lines) {
    const offer = offerByPlan.get(line.sellingPlan!.sellingPlanId!)!;
    const reserveOnSale = (offer.terms as { reserve?: string }).reserve !== "on_fulfillment";
    await db.prisma.preorderLine.upsert({
      where: { preorderOrderId_lineItemId: { preorderOrderId: saved.id, lineItemId: line.id } },
      create: {
        shopId,
        preorderOrderId: saved.id,
        offerId: offer.id,
        lineItemId: line.id,
        variantId: line.variant!.id,
        quantity: line.quantity,
        reserveOnSale,
      },
      update: { quantity: line.quantity },
    });
  }
  return [...new Set(lines.map((l) => offerByPlan.get(l.sellingPlan!.sellingPlanId!)!.id))];
}

/**
 * For each capped variant of these offers: at or over its cap, claim it and take it off sale (a claim whose
 * Shopify call failed is retried by the reconciliation: capReachedAt set, still in the group); over the cap, an
 * exception per order that went past it. Units-left badges are refreshed for offers with caps.
 */
export async function enforceCaps(
  db: Database,
  context: Context,
  offerIds: string[],
  options: { retryStuck?: boolean } = {},
) {
  for (const offerId of offerIds) {
    const counts = await db.query<{
      id: string;
      variantId: string;
      productId: string;
      sku: string | null;
      cap: number;
      sold: number;
      inGroup: boolean;
      previousInventoryPolicy: string | null;
      capReachedAt: Date | null;
    }>(
      `SELECT v.id, v."variantId", v."productId", v.sku, v.cap, v."inGroup", v."previousInventoryPolicy",
              v."capReachedAt", COALESCE(sum(l.quantity) FILTER (WHERE o."cancelledAt" IS NULL), 0)::int AS sold
         FROM "PreorderVariant" v
         LEFT JOIN "PreorderLine" l ON l."offerId" = v."offerId" AND l."variantId" = v."variantId"
         LEFT JOIN "PreorderOrder" o ON o.id = l."preorderOrderId"
        WHERE v."shopId" = $1 AND v."offerId" = $2 AND v.cap IS NOT NULL
        GROUP BY v.id`,
      [context.shopId, offerId],
    );
    if (!counts.length) continue;
    const reached = counts.filter((v) => v.sold >= v.cap);
    const claimed = reached.length
      ? await db.query<{ id: string }>(
          `UPDATE "PreorderVariant" SET "capReachedAt" = now(), "updatedAt" = now()
            WHERE id = ANY($1) AND ("capReachedAt" IS NULL OR ($2 AND "inGroup")) RETURNING id`,
          [reached.map((v) => v.id), options.retryStuck ?? false],
        )
      : [];
    const claimedIds = new Set(claimed.map((c) => c.id));
    await stopSellingVariants(
      db,
      context,
      offerId,
      reached.filter((v) => claimedIds.has(v.id) && v.inGroup),
    );
    await raiseOverCap(db, context.shopId, offerId, counts, context.cause);
    if (!reached.some((v) => claimedIds.has(v.id))) await writeStorefrontMetafields(db, context, offerId);
  }
}

/** Over-cap orders raised; those back under the cap (a cancelled order, a cap raised) cleared. */
async function raiseOverCap(
  db: Database,
  shopId: string,
  offerId: string,
  capped: Array<{ variantId: string; sku: string | null; cap: number }>,
  cause: string,
) {
  const campaign = await db.prisma.preorderOffer.findUnique({ where: { id: offerId }, select: { campaignId: true } });
  for (const variant of capped) {
    // Orders in the order Shopify took them (its ids grow with time, and break ties within a second); those
    // whose units end past the cap went over it. Cancelled orders count for nothing.
    const orders = await db.query<{
      orderId: string;
      orderName: string | null;
      upTo: number;
      quantity: number;
      live: boolean;
    }>(
      `SELECT o."orderId", o."orderName", l.quantity, o."cancelledAt" IS NULL AS live,
              sum(CASE WHEN o."cancelledAt" IS NULL THEN l.quantity ELSE 0 END)
                OVER (ORDER BY o."createdAt", length(o."orderId"), o."orderId")::int AS "upTo"
         FROM "PreorderLine" l JOIN "PreorderOrder" o ON o.id = l."preorderOrderId"
        WHERE l."shopId" = $1 AND l."offerId" = $2 AND l."variantId" = $3`,
      [shopId, offerId, variant.variantId],
    );
    const over = orders.filter((o) => o.live && o.upTo > variant.cap);
    const subject = (o: { orderId: string }) => `${o.orderId}:${variant.variantId}`;
    await raiseExceptions(
      db,
      shopId,
      over.map((o) => ({
        campaignId: campaign?.campaignId ?? null,
        kind: "preorder_over_cap" as const,
        severity: "WARNING" as const,
        subjectType: "Order" as const,
        subjectId: subject(o),
        data: {
          orderId: o.orderId,
          orderName: o.orderName,
          variantId: variant.variantId,
          sku: variant.sku,
          cap: variant.cap,
          unitsOver: Math.min(o.quantity, o.upTo - variant.cap),
          actions: ["make_more", "cancel_order", "refund_order"],
        },
      })),
    );
    await clearExceptions(
      db,
      shopId,
      ["preorder_over_cap"],
      orders.filter((o) => !over.includes(o)).map(subject),
      cause,
    );
  }
}

/** A page of recent orders with their lines costs about this much; each page waits for the shop's cost budget. */
const RECENT_ORDERS_COST = 810;

/**
 * Catches what webhooks missed: orders created since the oldest running offer began are read again and
 * recorded, then every cap is enforced, including claims whose Shopify call failed before. Every call shares the
 * context's pacer.
 */
export async function reconcilePreorders(db: Database, context: Context) {
  const offers = await db.prisma.preorderOffer.findMany({
    where: { shopId: context.shopId, status: "ACTIVE" },
    select: { id: true, createdAt: true },
  });
  if (!offers.length) return { checked: 0, recorded: 0 };
  const since = new Date(Math.min(...offers.map((o) => o.createdAt.getTime())) - 60_000);
  let after: string | null = null;
  let checked = 0;
  let recorded = 0;
  do {
    const { data }: { data: { orders: RecentPage } } = await pacedRequest(context.pacer, RECENT_ORDERS_COST, () =>
      context.admin.request(RECENT_ORDERS, { query: `created_at:>=${since.toISOString()}`, after }),
    );
    for (const order of data.orders.nodes) {
      checked++;
      if ((await recordPreorderOrder(db, context.shopId, order)).length) recorded++;
    }
    after = data.orders.pageInfo.hasNextPage ? (data.orders.pageInfo.endCursor ?? null) : null;
  } while (after);
  await enforceCaps(
    db,
    context,
    offers.map((o) => o.id),
    { retryStuck: true },
  );
  return { checked, recorded };
}

type RecentPage = {
  nodes: PreorderOrderFieldsFragment[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

export function toMinor(amount: string, currency: string): number {
  return Math.round(Number(amount) * 10 ** minorUnitDigits(currency));
}
