// Orders back to pledges. A backer pays the draft's invoice (or the merchant completes it) and Shopify makes an
// order, which carries the draft's tags and custom attributes: the pledge is found by its `_pledgebridge_pledge`
// attribute or its `pb-` tag (the link's idempotency key), never by name or email.
// Webhooks arrive at least once and in any order, and a reconciliation reads the same facts from Shopify for the
// ones that never came; all of them go through one monotonic update (nothing → ordered → paid → cancelled), so
// any number of deliveries in any order ends in the same row, with one Event per real change.
import { z } from "zod";
import type { Database } from "../../db/open";
import { PLEDGE_ATTRIBUTE, pledgeTag } from "../../domain/ordering/tags";
import type { AdminClient } from "../../shopify/admin-client";
import { COMPLETED_PLEDGE_DRAFTS } from "../../shopify/operations/draft-orders";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { raiseExceptions } from "../exceptions";

export interface OrderFacts {
  orderId: string;
  orderName: string | null;
  tags: string[];
  attributes: Array<{ key: string; value: string | null }>;
  paid: boolean;
  cancelled: boolean;
  /** Money given back in Shopify: all of it, or some. */
  refunded?: "full" | "partial" | null;
}

export type LinkResult = "linked" | "unchanged" | "not_ours";

/** The order's pledge tag, from its attribute or its tags. */
export function pledgeKeyOf(facts: Pick<OrderFacts, "tags" | "attributes">): string | null {
  const attribute = facts.attributes.find((a) => a.key === PLEDGE_ATTRIBUTE)?.value;
  if (attribute) return pledgeTag(attribute);
  return facts.tags.find((tag) => /^pb-[\w]+$/.test(tag)) ?? null;
}

export async function linkOrder(db: Database, shopId: string, facts: OrderFacts, cause: string): Promise<LinkResult> {
  const key = pledgeKeyOf(facts);
  if (!key) return "not_ours";
  // Rank: 0 not ordered, 1 ordered, 2 paid, 3 cancelled. The row moves up only; equal facts change nothing.
  const target = facts.cancelled ? 3 : facts.paid ? 2 : 1;
  const rows = await db.query<{ id: string; kind: string }>(
    `WITH current AS (
       SELECT id, "pledgeId", state,
              CASE state WHEN 'CANCELLED' THEN 3 WHEN 'PAID' THEN 2 ELSE CASE WHEN "orderId" IS NULL THEN 0 ELSE 1 END END AS rank
         FROM "OrderLink" WHERE "shopId" = $1 AND "idempotencyKey" = $2
         FOR UPDATE
     ), changed AS (
       UPDATE "OrderLink" l
          SET "orderId" = $3, "orderName" = COALESCE($4, l."orderName"),
              state = CASE $5::int WHEN 3 THEN 'CANCELLED' WHEN 2 THEN 'PAID' ELSE l.state END,
              "paidAt" = CASE WHEN $5::int >= 2 THEN COALESCE(l."paidAt", now()) ELSE l."paidAt" END,
              "updatedAt" = now()
         FROM current c
        WHERE l.id = c.id AND (c.rank < $5::int OR l."orderId" IS DISTINCT FROM $3)
       RETURNING l.id, l."pledgeId"
     )
     INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
     SELECT gen_random_uuid()::text, $1, changed."pledgeId", 'OrderLink', changed.id, $6, $7, $8::jsonb FROM changed
     RETURNING id, kind`,
    [
      shopId,
      key,
      facts.orderId,
      facts.orderName,
      target,
      target === 3 ? "order.cancelled" : target === 2 ? "order.paid" : "order.created",
      cause,
      JSON.stringify({ orderId: facts.orderId, orderName: facts.orderName }),
    ],
  );
  if (rows.length && target === 3) await raiseCancelled(db, shopId, key, facts.orderName);
  if (rows.length) return "linked";
  const known = await db.prisma.orderLink.count({ where: { shopId, idempotencyKey: key } });
  return known ? "unchanged" : "not_ours";
}

/** An order cancelled in Shopify leaves its pledge with nothing to ship: a person decides what happens next. */
async function raiseCancelled(db: Database, shopId: string, key: string, orderName: string | null) {
  const link = await db.prisma.orderLink.findFirst({
    where: { shopId, idempotencyKey: key },
    select: { pledgeId: true, campaignId: true },
  });
  if (!link) return;
  await raiseExceptions(db, shopId, [
    {
      campaignId: link.campaignId,
      pledgeId: link.pledgeId,
      kind: "order_cancelled",
      severity: "WARNING",
      subjectType: "Pledge",
      subjectId: link.pledgeId,
      data: { orderName, actions: ["open_backer"] },
    },
  ]);
}

/**
 * A refund made in Shopify on a pledge's or a pre-order's order: whether the parcel still goes is the merchant's
 * call (a full refund while the order is held for a wave would otherwise ship for free). One per order; a partial
 * refund that becomes full reopens it, as a critical one.
 */
export async function raiseRefunded(db: Database, shopId: string, facts: OrderFacts): Promise<boolean> {
  if (!facts.refunded) return false;
  const link = await db.prisma.orderLink.findFirst({
    where: { shopId, orderId: facts.orderId },
    select: { pledgeId: true, campaignId: true },
  });
  const preorder = link
    ? null
    : await db.prisma.preorderOrder.findFirst({
        where: { shopId, orderId: facts.orderId },
        select: { lines: { select: { offer: { select: { campaignId: true } } }, take: 1 } },
      });
  if (!link && !preorder) return false;
  await raiseExceptions(db, shopId, [
    {
      campaignId: link?.campaignId ?? preorder?.lines[0]?.offer?.campaignId ?? null,
      pledgeId: link?.pledgeId ?? null,
      kind: "order_refunded",
      severity: facts.refunded === "full" ? "CRITICAL" : "WARNING",
      subjectType: "Order",
      subjectId: facts.orderId,
      data: { orderName: facts.orderName, refund: facts.refunded },
    },
  ]);
  return true;
}

/** The parts of an orders/* webhook payload (REST shape) that link it; anything else is ignored. */
const OrderPayload = z.object({
  id: z.union([z.number(), z.string()]),
  admin_graphql_api_id: z.string().optional(),
  name: z.string().nullish(),
  tags: z.string().nullish(),
  note_attributes: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
  financial_status: z.string().nullish(),
  cancelled_at: z.string().nullish(),
});

/** An orders/* webhook payload as OrderFacts; null when it is not an order. */
export function factsFromWebhook(payload: unknown): OrderFacts | null {
  const parsed = OrderPayload.safeParse(payload);
  if (!parsed.success) return null;
  const order = parsed.data;
  return {
    orderId: order.admin_graphql_api_id ?? `gid://shopify/Order/${order.id}`,
    orderName: order.name ?? null,
    tags: (order.tags ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    attributes: (order.note_attributes ?? []).map((a) => ({
      key: a.name,
      value: typeof a.value === "string" ? a.value : null,
    })),
    paid: ["paid", "partially_refunded", "refunded"].includes(order.financial_status ?? ""),
    cancelled: Boolean(order.cancelled_at),
    refunded: refundOf(order.financial_status),
  };
}

/** Shopify's financial status as a refund, REST (`partially_refunded`) or GraphQL (`PARTIALLY_REFUNDED`) spelling. */
function refundOf(status: string | null | undefined): "full" | "partial" | null {
  switch (status?.toLowerCase()) {
    case "refunded":
      return "full";
    case "partially_refunded":
      return "partial";
    default:
      return null;
  }
}

/**
 * The orders whose webhooks never came: every completed draft of the campaign (or the shop) that carries a
 * pledge tag, read from Shopify and linked by the same update as a webhook.
 */
export async function reconcileOrders(
  db: Database,
  options: {
    shopId: string;
    admin: AdminClient;
    pacer: CostPacer;
    cause: string;
    campaignTag?: string;
    signal?: AbortSignal;
  },
): Promise<{ checked: number; linked: number }> {
  let after: string | null = null;
  let checked = 0;
  let linked = 0;
  const query = `tag:pledgebridge status:completed${options.campaignTag ? ` tag:${options.campaignTag}` : ""}`;
  do {
    options.signal?.throwIfAborted();
    const { data } = await pacedRequest(
      options.pacer,
      60,
      () => options.admin.request(COMPLETED_PLEDGE_DRAFTS, { query, first: 100, after }),
      options.signal,
    );
    for (const draft of data.draftOrders.nodes) {
      if (!draft.order) continue;
      checked++;
      const facts: OrderFacts = {
        orderId: draft.order.id,
        orderName: draft.order.name,
        tags: draft.tags,
        attributes: draft.customAttributes.map((a) => ({ key: a.key, value: a.value ?? null })),
        paid: ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(draft.order.displayFinancialStatus ?? ""),
        cancelled: Boolean(draft.order.cancelledAt),
        refunded: refundOf(draft.order.displayFinancialStatus),
      };
      if ((await linkOrder(db, options.shopId, facts, options.cause)) === "linked") linked++;
      await raiseRefunded(db, options.shopId, facts);
    }
    after = data.draftOrders.pageInfo.hasNextPage ? (data.draftOrders.pageInfo.endCursor ?? null) : null;
  } while (after);
  return { checked, linked };
}
