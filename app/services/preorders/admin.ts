// What the pre-orders page reads and queues: offers with their units sold against caps, and the merchant's
// "charge now" for chosen balances (a job, so the page never waits on Shopify's payments).
import type { Database } from "../../db/open";
import { termsFromJson } from "../../domain/preorders/offer";
import type { JobQueue } from "../../jobs/queue";
import { CHARGE_QUEUE } from "./jobs";

export async function listOffers(db: Database, shopId: string) {
  const offers = await db.prisma.preorderOffer.findMany({
    where: { shopId, status: { not: "ENDED" } },
    include: { variants: { orderBy: { sku: "asc" } }, campaign: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const sold = await db.query<{ offerId: string; variantId: string; units: number }>(
    `SELECT l."offerId", l."variantId", sum(l.quantity)::int AS units
       FROM "PreorderLine" l JOIN "PreorderOrder" o ON o.id = l."preorderOrderId"
      WHERE l."shopId" = $1 AND o."cancelledAt" IS NULL GROUP BY l."offerId", l."variantId"`,
    [shopId],
  );
  const units = new Map(sold.map((s) => [`${s.offerId} ${s.variantId}`, s.units]));
  return offers.map((offer) => ({
    id: offer.id,
    name: offer.name,
    status: offer.status,
    campaign: offer.campaign?.name ?? null,
    terms: termsFromJson(offer.terms),
    translations: offer.translations as Record<string, { name?: string }>,
    userErrors: offer.userErrors as Array<{ message: string }>,
    variants: offer.variants.map((v) => ({
      variantId: v.variantId,
      sku: v.sku,
      title: v.title,
      cap: v.cap,
      sold: units.get(`${offer.id} ${v.variantId}`) ?? 0,
      selling: v.inGroup && !v.capReachedAt,
    })),
  }));
}

export async function queueCharge(jobs: JobQueue, db: Database, shopId: string, ids: string[], by: string) {
  const owned = await db.prisma.preorderOrder.findMany({
    where: { shopId, id: { in: ids }, balanceStatus: { in: ["DUE", "FAILED"] } },
    select: { id: true },
  });
  if (!owned.length) return null;
  return jobs.enqueue(CHARGE_QUEUE, { shopId, preorderOrderIds: owned.map((o) => o.id), by });
}
