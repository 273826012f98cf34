// Shipping waves: a filter over a campaign's paid pledge orders and its pre-order orders (rewards, countries,
// dates, confirmed addresses), previewed with a pick list per SKU, locked (its orders written down: an order is in one wave at
// most), then released: each order's holds lifted, a batch at a time, the order marked released after its last
// hold. A release that stops half-way (a limit, a crash, Shopify down) resumes from the orders not yet released,
// and a hold already released is never asked again.
import type { Database } from "../../db/open";
import { WaveFilter } from "../../domain/fulfillment/wave-filter";
import type { AdminClient } from "../../shopify/admin-client";
import { FULFILLMENT_ORDER_RELEASE } from "../../shopify/operations/fulfillment";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { recordEvent } from "../events";
import { PLEDGE_UNITS } from "../inventory/view";

/**
 * The orders a filter picks, not in another wave: pledges' paid orders (unless offers are chosen), and the
 * pre-order orders of the campaign's offers, or of the chosen ones, not yet shipped (unless rewards are chosen, or
 * the filter leaves pre-orders out; a checkout's address counts as confirmed). $1 shop, $2 campaign, $3 filter.
 */
const CANDIDATES = `
  SELECT p.id AS "pledgeId", NULL::text AS "preorderOrderId", l."orderId"
    FROM "OrderLink" l
    JOIN "Pledge" p ON p.id = l."pledgeId"
    JOIN "Backer" b ON b.id = p."backerId"
   WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state = 'PAID' AND l."orderId" IS NOT NULL
     AND p.status = 'COLLECTED' AND $3::jsonb->'offerIds' IS NULL
     AND ($3::jsonb->'rewardIds' IS NULL OR p."rewardId" IN (SELECT jsonb_array_elements_text($3::jsonb->'rewardIds')))
     AND ($3::jsonb->'countries' IS NULL OR b."countryCode" IN (SELECT jsonb_array_elements_text($3::jsonb->'countries')))
     AND ($3::jsonb->>'pledgedFrom' IS NULL OR p."pledgedAt" >= ($3::jsonb->>'pledgedFrom')::timestamptz)
     AND ($3::jsonb->>'pledgedTo' IS NULL OR p."pledgedAt" <= ($3::jsonb->>'pledgedTo')::timestamptz)
     AND (NOT COALESCE(($3::jsonb->>'addressConfirmed')::boolean, false) OR b."addressConfirmedAt" IS NOT NULL)
     AND NOT EXISTS (SELECT 1 FROM "WaveOrder" w WHERE w."shopId" = $1 AND w."orderId" = l."orderId")
  UNION ALL
  SELECT NULL, o.id, o."orderId"
    FROM "PreorderOrder" o
   WHERE o."shopId" = $1 AND o."cancelledAt" IS NULL AND o."fulfilledAt" IS NULL
     AND COALESCE(($3::jsonb->>'preorders')::boolean, true) AND $3::jsonb->'rewardIds' IS NULL
     AND EXISTS (SELECT 1 FROM "PreorderLine" pl JOIN "PreorderOffer" f ON f.id = pl."offerId"
                  WHERE pl."preorderOrderId" = o.id AND f."campaignId" = $2
                    AND ($3::jsonb->'offerIds' IS NULL
                         OR f.id IN (SELECT jsonb_array_elements_text($3::jsonb->'offerIds'))))
     AND ($3::jsonb->'countries' IS NULL OR o."countryCode" IN (SELECT jsonb_array_elements_text($3::jsonb->'countries')))
     AND ($3::jsonb->>'pledgedFrom' IS NULL OR o."createdAt" >= ($3::jsonb->>'pledgedFrom')::timestamptz)
     AND ($3::jsonb->>'pledgedTo' IS NULL OR o."createdAt" <= ($3::jsonb->>'pledgedTo')::timestamptz)
     AND NOT EXISTS (SELECT 1 FROM "WaveOrder" w WHERE w."shopId" = $1 AND w."orderId" = o."orderId")`;

export async function previewWave(db: Database, shopId: string, campaignId: string, filter: WaveFilter) {
  const params = [shopId, campaignId, JSON.stringify(WaveFilter.parse(filter))];
  const [count] = await db.query<{ orders: number }>(`SELECT count(*)::int AS orders FROM (${CANDIDATES}) c`, params);
  const pickList = await db.query<{ variantId: string; sku: string | null; units: number }>(
    `WITH ${PLEDGE_UNITS}, picked AS (${CANDIDATES}),
     picked_units AS (
       SELECT u."variantId", u.units FROM units u JOIN picked ON picked."pledgeId" = u."pledgeId"
       UNION ALL
       SELECT pl."variantId", pl.quantity FROM "PreorderLine" pl JOIN picked ON picked."preorderOrderId" = pl."preorderOrderId"
     )
     SELECT u."variantId",
            COALESCE((SELECT max(ri.sku) FROM "RewardItem" ri WHERE ri."shopId" = $1 AND ri."variantId" = u."variantId"),
                     (SELECT max(il.sku) FROM "InventoryLevel" il WHERE il."shopId" = $1 AND il."variantId" = u."variantId"),
                     (SELECT max(pv.sku) FROM "PreorderVariant" pv WHERE pv."shopId" = $1 AND pv."variantId" = u."variantId"))
              AS sku,
            sum(u.units)::int AS units
       FROM picked_units u
      GROUP BY u."variantId" ORDER BY sku NULLS LAST, u."variantId"`,
    params,
  );
  return { orders: count!.orders, pickList };
}

export async function createWave(
  db: Database,
  shopId: string,
  input: { campaignId: string; name: string; filter: WaveFilter },
  cause: string,
) {
  const filter = WaveFilter.parse(input.filter);
  const campaign = await db.prisma.campaign.findFirst({ where: { id: input.campaignId, shopId } });
  if (!campaign) throw new Error("No such campaign in this shop");
  const name = input.name.trim().slice(0, 120) || `Wave of ${new Date().toISOString().slice(0, 10)}`;
  const wave = await db.prisma.wave.create({ data: { shopId, campaignId: campaign.id, name, filter } });
  await recordEvent(db, shopId, "Wave", wave.id, "wave_created", cause, { filter });
  return wave;
}

/** Writes the wave's orders down; from now on nothing enters or leaves it. Locking twice changes nothing. */
export async function lockWave(db: Database, shopId: string, waveId: string, cause: string) {
  const wave = await db.prisma.wave.findFirst({ where: { id: waveId, shopId } });
  if (!wave) throw new Error("No such wave in this shop");
  if (wave.status !== "DRAFT") return { orders: await db.prisma.waveOrder.count({ where: { waveId } }) };
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO "WaveOrder" (id, "shopId", "waveId", "pledgeId", "preorderOrderId", "orderId")
     SELECT gen_random_uuid()::text, $1, $4, c."pledgeId", c."preorderOrderId", c."orderId" FROM (${CANDIDATES}) c
     ON CONFLICT ("shopId", "orderId") DO NOTHING RETURNING id`,
    [shopId, wave.campaignId, JSON.stringify(wave.filter), wave.id],
  );
  await db.prisma.wave.update({ where: { id: wave.id }, data: { status: "LOCKED", lockedAt: new Date() } });
  await recordEvent(db, shopId, "Wave", wave.id, "wave_locked", cause, { orders: inserted.length });
  return { orders: inserted.length };
}

/**
 * Releases the holds of the wave's orders not yet released, at most `limit` orders this time (all by default).
 * Returns what it released and what is left; the wave is RELEASED once nothing is left.
 */
export async function releaseWave(
  db: Database,
  context: { shopId: string; admin: AdminClient; pacer?: CostPacer; cause: string; signal?: AbortSignal },
  waveId: string,
  limit = Number.MAX_SAFE_INTEGER,
) {
  const wave = await db.prisma.wave.findFirst({ where: { id: waveId, shopId: context.shopId } });
  if (!wave) throw new Error("No such wave in this shop");
  if (wave.status === "DRAFT") throw new Error("Lock the wave before releasing it");
  if (wave.status === "LOCKED") await db.prisma.wave.update({ where: { id: wave.id }, data: { status: "RELEASING" } });
  const orders = await db.prisma.waveOrder.findMany({
    where: { waveId, releasedAt: null },
    orderBy: { id: "asc" },
    take: Math.min(limit, 100_000),
  });
  let released = 0;
  for (const order of orders) {
    context.signal?.throwIfAborted();
    const holds = await db.prisma.fulfillmentHold.findMany({
      where: { shopId: context.shopId, orderId: order.orderId, state: { in: ["HELD", "HOLDING"] } },
    });
    for (const hold of holds) {
      if (hold.holdId) {
        const ask = () =>
          context.admin.request(FULFILLMENT_ORDER_RELEASE, { id: hold.fulfillmentOrderId, holdIds: [hold.holdId!] });
        const { data } = await pacedRequest(context.pacer, 10, ask);
        const errors = data.fulfillmentOrderReleaseHold!.userErrors;
        // A fulfillment order that is gone or closed has nothing left to release.
        if (errors.length && !errors.every((e) => /not found|does not exist|closed|cancel/i.test(e.message)))
          throw new Error(`Shopify refused to release a hold: ${errors[0]!.message}`);
      }
      await db.prisma.fulfillmentHold.update({
        where: { id: hold.id },
        data: { state: "RELEASED", releasedAt: new Date(), waveId: wave.id },
      });
    }
    await db.prisma.waveOrder.update({ where: { id: order.id }, data: { releasedAt: new Date() } });
    released++;
  }
  const left = await db.prisma.waveOrder.count({ where: { waveId, releasedAt: null } });
  if (!left)
    await db.prisma.wave.update({ where: { id: wave.id }, data: { status: "RELEASED", releasedAt: new Date() } });
  await recordEvent(db, context.shopId, "Wave", wave.id, "wave_released", context.cause, { released, left });
  return { released, left };
}

/** A wave's progress: its orders, how many are released, shipped (a parcel left) and delivered. */
export async function waveProgress(db: Database, shopId: string, waveId: string) {
  const [row] = await db.query<{ orders: number; released: number; shipped: number; delivered: number }>(
    `SELECT count(*)::int AS orders, count(w."releasedAt")::int AS released,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopId" = $1 AND s."orderId" = w."orderId"))::int AS shipped,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopId" = $1 AND s."orderId" = w."orderId"
                                           AND s."deliveredAt" IS NOT NULL))::int AS delivered
       FROM "WaveOrder" w WHERE w."shopId" = $1 AND w."waveId" = $2`,
    [shopId, waveId],
  );
  return row!;
}

/** The campaign's waves with their progress, and the campaign's own: orders placed, held, in waves, shipped. */
export async function fulfillmentSummary(db: Database, shopId: string, campaignId: string) {
  const waves = await db.prisma.wave.findMany({ where: { shopId, campaignId }, orderBy: { createdAt: "asc" } });
  const withProgress = [];
  for (const wave of waves) withProgress.push({ ...wave, progress: await waveProgress(db, shopId, wave.id) });
  const [overall] = await db.query<{ ordered: number; held: number; inWaves: number; shipped: number }>(
    `SELECT count(*)::int AS ordered,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "FulfillmentHold" h WHERE h."shopId" = $1
                               AND h."orderId" = l."orderId" AND h.state IN ('HOLDING', 'HELD')))::int AS held,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "WaveOrder" w WHERE w."shopId" = $1 AND w."orderId" = l."orderId"))::int AS "inWaves",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopId" = $1 AND s."orderId" = l."orderId"))::int AS shipped
       FROM "OrderLink" l WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state = 'PAID'`,
    [shopId, campaignId],
  );
  return { waves: withProgress, overall: overall! };
}
