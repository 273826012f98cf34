// The inbox's buttons that do something: re-send the backer's link, retry a refused push, release the stock of an
// ended pledge's draft, reconcile stock now, merge two records of one backer. Each is checked against the
// exception (domain/exceptions.ts) and the shop; the exception stays open until the work clears its cause (a later
// push, a paid invoice, a scan), except release_stock and merge_backers, which clear it themselves.
import type { Database } from "../db/open";
import { offers, type ServerAction } from "../domain/exceptions";
import { pacerForShop } from "../shopify/pacer";
import { mergeBackers, type MergeOutcome } from "./backer-merge";
import type { JobQueue } from "../jobs/queue";
import { exceptionById } from "./exceptions";
import { INVENTORY_RECONCILE_QUEUE } from "./inventory/jobs";
import { queuePush } from "./ordering/push-jobs";
import { releaseEndedPledgeDraft } from "./ordering/release";
import { queueLinkEmail } from "./portal/admin";
import { adminForShop, connectedAdmin } from "./shop-admin";

export type ActionOutcome =
  | "link_queued"
  | "push_queued"
  | "stock_released"
  | "reconcile_queued"
  | "no_draft"
  | "still_collected"
  | "paid"
  | "refused"
  | "not_offered"
  | Exclude<MergeOutcome, "not_found">;

/**
 * One action on many selected exceptions (the inbox's bulk "Re-send links"): each is checked as if clicked alone.
 * Returns how many did it and how many could not (another kind, no draft yet, another shop's).
 */
export async function runBulkExceptionAction(
  db: Database,
  deps: { jobs: JobQueue; adminOrigin?: string },
  shopId: string,
  ids: string[],
  action: "resend_link",
  by: string,
): Promise<{ done: number; skipped: number }> {
  let done = 0;
  const unique = [...new Set(ids)].slice(0, 500);
  for (const id of unique) if ((await runExceptionAction(db, deps, shopId, id, action, by)) === "link_queued") done++;
  return { done, skipped: unique.length - done };
}

export async function runExceptionAction(
  db: Database,
  deps: { jobs: JobQueue; adminOrigin?: string },
  shopId: string,
  exceptionId: string,
  action: ServerAction,
  by: string,
): Promise<ActionOutcome | null> {
  const exception = await exceptionById(db, shopId, exceptionId);
  if (!exception) return null;
  if (!offers(exception, action)) return "not_offered";
  switch (action) {
    case "resend_link": {
      const link = exception.pledgeId
        ? await db.prisma.orderLink.findFirst({ where: { pledgeId: exception.pledgeId, shopId } })
        : null;
      if (!link?.draftOrderId) return "no_draft";
      await queueLinkEmail(deps.jobs, shopId, link.pledgeId);
      return "link_queued";
    }
    case "retry_push": {
      if (!exception.campaignId) return "not_offered";
      await queuePush(db, deps.jobs, { shopId, campaignId: exception.campaignId, retryFailed: true });
      return "push_queued";
    }
    case "release_stock": {
      if (!exception.pledgeId) return "no_draft";
      const { admin } = await adminForShop(db.prisma, shopId, { adminOrigin: deps.adminOrigin });
      const outcome = await releaseEndedPledgeDraft(db, admin, shopId, exception.pledgeId, by);
      return outcome === "released" ? "stock_released" : outcome;
    }
    case "reconcile_stock":
      await deps.jobs.enqueue(INVENTORY_RECONCILE_QUEUE, { shopId });
      return "reconcile_queued";
    case "merge_backers": {
      // Merging needs no Shopify; open drafts are updated now when the shop is connected, else by the next push.
      const connection = await connectedAdmin(db.prisma, shopId, { adminOrigin: deps.adminOrigin });
      const merged = await mergeBackers(
        db,
        { admin: connection?.admin ?? null, pacer: connection ? pacerForShop(connection.shop.domain) : null },
        shopId,
        { keepId: String(exception.data.otherBackerId), mergeId: exception.subjectId },
        by,
      );
      return merged.outcome === "not_found" ? "not_offered" : merged.outcome;
    }
  }
}
