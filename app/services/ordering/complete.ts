// Completing fully paid pledges without the backer: a draft with nothing left to pay (the reward paid on the
// platform, no extras, no shipping to collect) whose backer confirmed the address becomes an order by
// draftOrderComplete, which Shopify marks paid. The total is read from Shopify just before, never assumed.
// Exactly once: a draft that is already completed is linked, not completed again; after a call with no answer
// the draft is read again, and a second complete of a completed draft is refused by Shopify, not doubled.
// Trial and development stores may refuse completion until a plan is chosen; a refusal is kept on the link.
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { DRAFT_ORDER_COMPLETE, DRAFT_ORDER_DUE } from "../../shopify/operations/draft-orders";
import { pacedRequest, sleep, type CostPacer } from "../../shopify/pacer";
import { linkOrder } from "./linking";

export interface CompleteOptions {
  shopId: string;
  campaignId: string;
  admin: AdminClient;
  pacer: CostPacer;
  cause: string;
  /** Only these pledges (the backer who just confirmed); every eligible pledge of the campaign otherwise. */
  pledgeIds?: string[];
  maxAttempts?: number;
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export type CompleteOutcome = "completed" | "owes" | "refused";

export async function completePaidPledges(db: Database, options: CompleteOptions) {
  const links = await db.query<{ pledgeId: string; draftOrderId: string; idempotencyKey: string }>(
    `SELECT l."pledgeId", l."draftOrderId", l."idempotencyKey"
       FROM "OrderLink" l JOIN "Pledge" p ON p.id = l."pledgeId" JOIN "Backer" b ON b.id = p."backerId"
      WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state IN ('DRAFTED', 'INVOICED')
        AND l."draftOrderId" IS NOT NULL AND p.status = 'COLLECTED' AND b."addressConfirmedAt" IS NOT NULL
        AND ($3::text[] IS NULL OR l."pledgeId" = ANY($3))
      ORDER BY l."pledgeId"`,
    [options.shopId, options.campaignId, options.pledgeIds ?? null],
  );
  const result = { completed: 0, owes: 0, refused: 0, orders: new Map<string, string | null>() };
  for (const link of links) {
    options.signal?.throwIfAborted();
    const outcome = await completeOne(db, options, link);
    result[outcome.kind]++;
    if (outcome.kind === "completed") result.orders.set(link.pledgeId, outcome.orderName);
  }
  return result;
}

async function completeOne(
  db: Database,
  options: CompleteOptions,
  link: { pledgeId: string; draftOrderId: string; idempotencyKey: string },
): Promise<{ kind: CompleteOutcome; orderName: string | null }> {
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await pacedRequest(
        options.pacer,
        12,
        () => options.admin.request(DRAFT_ORDER_DUE, { id: link.draftOrderId }),
        options.signal,
      );
      const draft = data.draftOrder;
      if (!draft) return refused(db, options, link, "The draft order no longer exists");
      if (draft.order) return linked(db, options, link, draft.order);
      if (Number(draft.totalPriceSet.shopMoney.amount) > 0 || !draft.shippingAddress)
        return { kind: "owes", orderName: null };
      const { data: answer } = await pacedRequest(
        options.pacer,
        12,
        () => options.admin.request(DRAFT_ORDER_COMPLETE, { id: link.draftOrderId }),
        options.signal,
      );
      const order = answer.draftOrderComplete?.draftOrder?.order;
      if (order) return linked(db, options, link, order);
      const errors = answer.draftOrderComplete?.userErrors ?? [];
      // "Already completed": by a call of ours whose answer was lost, or by the backer. Read it again.
      if (attempt < maxAttempts && errors.some((e) => /already been completed/i.test(e.message))) continue;
      return refused(db, options, link, errors.map((e) => e.message).join("; ") || "No order returned");
    } catch (error) {
      if (!(error instanceof AdminApiError) || !error.retryable || attempt >= maxAttempts) throw error;
      await sleep(options.retryDelayMs ?? 1000, options.signal);
    }
  }
}

async function linked(
  db: Database,
  options: CompleteOptions,
  link: { idempotencyKey: string },
  order: { id: string; name: string },
): Promise<{ kind: "completed"; orderName: string }> {
  await linkOrder(
    db,
    options.shopId,
    {
      orderId: order.id,
      orderName: order.name,
      tags: [link.idempotencyKey],
      attributes: [],
      paid: true,
      cancelled: false,
    },
    options.cause,
  );
  return { kind: "completed", orderName: order.name };
}

async function refused(
  db: Database,
  options: CompleteOptions,
  link: { pledgeId: string },
  message: string,
): Promise<{ kind: "refused"; orderName: null }> {
  await db.query(
    `WITH l AS (
       UPDATE "OrderLink" SET "lastError" = $3, "updatedAt" = now()
        WHERE "pledgeId" = $2 AND "shopId" = $1 RETURNING id, "pledgeId")
     INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
     SELECT gen_random_uuid()::text, $1, l."pledgeId", 'OrderLink', l.id, 'order.complete_refused', $4, $5::jsonb FROM l`,
    [options.shopId, link.pledgeId, message, options.cause, JSON.stringify({ message })],
  );
  return { kind: "refused", orderName: null };
}
