// "Release stock" for a pledge that ended after its draft order was made (dropped, errored, refunded or cancelled
// on the platform): the draft is deleted in Shopify, which hands back the stock it reserved, and the link is
// cancelled. Safe to repeat: a draft already gone counts as released; a draft the backer completed (paid) is
// never deleted, and the merchant is told so.
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { DRAFT_ORDER_DELETE, DRAFT_ORDER_STATUS } from "../../shopify/operations/draft-orders";
import { clearExceptions } from "../exceptions";
import { recordEvent } from "../events";

export type ReleaseOutcome = "released" | "no_draft" | "still_collected" | "paid" | "refused";

const ENDED_KINDS = ["pledge_dropped", "pledge_errored", "pledge_refunded", "pledge_cancelled"] as const;

export async function releaseEndedPledgeDraft(
  db: Database,
  admin: AdminClient,
  shopId: string,
  pledgeId: string,
  cause: string,
): Promise<ReleaseOutcome> {
  const pledge = await db.prisma.pledge.findFirst({ where: { id: pledgeId, shopId }, include: { orderLink: true } });
  const link = pledge?.orderLink;
  if (!pledge || !link?.draftOrderId || link.state === "CANCELLED") return "no_draft";
  if (pledge.status === "COLLECTED") return "still_collected";
  if (link.state === "PAID" || link.orderId) return "paid";

  const { data } = await admin.request(DRAFT_ORDER_STATUS, { id: link.draftOrderId });
  const draft = data?.draftOrder;
  if (draft?.order || draft?.status === "COMPLETED") return "paid";
  if (draft) {
    const deleted = await admin.request(DRAFT_ORDER_DELETE, { input: { id: link.draftOrderId } });
    const errors = deleted.data?.draftOrderDelete?.userErrors ?? [];
    // Gone between the read and the delete (another click, a merchant in Shopify): released all the same.
    if (errors.length && !errors.some((e) => /does not exist|not found/i.test(e.message))) {
      await db.prisma.orderLink.update({
        where: { id: link.id },
        data: { lastError: errors.map((e) => e.message).join("; ") },
      });
      return "refused";
    }
  }
  await db.prisma.orderLink.update({
    where: { id: link.id },
    data: { state: "CANCELLED", lastError: null },
  });
  await recordEvent(
    db,
    shopId,
    "OrderLink",
    link.id,
    "order.draft_deleted",
    cause,
    { status: pledge.status },
    pledgeId,
  );
  await clearExceptions(db, shopId, [...ENDED_KINDS], [pledgeId], cause);
  return "released";
}
