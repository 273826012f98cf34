// Where a campaign's pledges stand on the way to Shopify, counted in the database (one statement, no planning),
// so the ordering page and `campaign show` stay quick at 100,000 pledges:
//   not orderable   the pledge was dropped, errored, refunded or cancelled, or holds nothing to ship
//   blocked         its tier or one of its add-ons has no variants yet (or the currency needs a choice)
//   ready           orderable and not pushed yet
//   creating, drafted, invoiced, paid, cancelled, failed   its OrderLink's state
import type { Database } from "../../db/open";
import { orderSettings } from "./settings";
import { backerLabel } from "../../domain/backer-label";
import { inShopCampaigns } from "../shop-campaigns";

export interface OrderingCounts {
  pledges: number;
  notOrderable: number;
  blocked: number;
  ready: number;
  creating: number;
  drafted: number;
  invoiced: number;
  paid: number;
  cancelled: number;
  failed: number;
  /** Why pledges are blocked: rewards without variants, with how many pledges each holds back. */
  unmappedRewards: Array<{ rewardId: string; title: string; kind: string; pledges: number }>;
  currencyChoiceRequired: boolean;
}

/**
 * Per pledge of a shop (and campaign, when $2 is not null): its status, its link's state, whether it holds anything
 * to ship and whether a reward of it has no variants. A CTE body for `WITH`, named `pledges`; $1 is the shop.
 */
export const PLEDGE_STATES_CTE = `mapped AS (
       SELECT r.id, r.source, r."externalId", r.kind, EXISTS (SELECT 1 FROM "RewardItem" i WHERE i."rewardId" = r.id) AS ok
         FROM "Reward" r WHERE r."shopId" = $1 AND ($2::text IS NULL OR r."campaignId" = $2)
     ), pledges AS (
       SELECT p.id, p."campaignId", p.status, l.state, l."orderId",
              (p."rewardId" IS NOT NULL OR EXISTS (
                 SELECT 1 FROM jsonb_array_elements(p."addOns") a WHERE (a->>'quantity')::int > 0)) AS holds,
              (EXISTS (SELECT 1 FROM mapped m WHERE m.id = p."rewardId" AND NOT m.ok)
               OR EXISTS (
                 SELECT 1 FROM jsonb_array_elements(p."addOns") a
                   LEFT JOIN mapped m ON m.kind = 'ADDON' AND m.source = p.source AND m."externalId" = a->>'rewardExternalId'
                  WHERE (a->>'quantity')::int > 0 AND (m.id IS NULL OR NOT m.ok))) AS unmapped
         FROM "Pledge" p LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
        WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)
     )`;

export async function orderingCounts(db: Database, shopId: string, campaignId: string): Promise<OrderingCounts> {
  const campaign = await db.prisma.campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) throw new Error(`No campaign ${campaignId} in this shop`);
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const currencyChoiceRequired =
    !!shop.currencyCode &&
    shop.currencyCode !== campaign.currencyCode &&
    orderSettings(campaign.settings).currency === null;

  // Per pledge: is a reward of it unmapped, does it hold anything, and where its link is.
  const [row] = await db.query<Record<string, number>>(
    `WITH ${PLEDGE_STATES_CTE}
     SELECT count(*)::int AS pledges,
            count(*) FILTER (WHERE state IS NULL AND (status <> 'COLLECTED' OR NOT holds))::int AS "notOrderable",
            count(*) FILTER (WHERE state IS NULL AND status = 'COLLECTED' AND holds AND (unmapped OR $3))::int AS blocked,
            count(*) FILTER (WHERE (state IS NULL OR state = 'PLANNED') AND status = 'COLLECTED' AND holds
                              AND NOT unmapped AND NOT $3)::int AS ready,
            count(*) FILTER (WHERE state = 'CREATING')::int AS creating,
            count(*) FILTER (WHERE state = 'DRAFTED')::int AS drafted,
            count(*) FILTER (WHERE state = 'INVOICED')::int AS invoiced,
            count(*) FILTER (WHERE state = 'PAID')::int AS paid,
            count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
            count(*) FILTER (WHERE state = 'FAILED')::int AS failed
       FROM pledges`,
    [shopId, campaignId, currencyChoiceRequired],
  );
  const unmappedRewards = await db.query<{ rewardId: string; title: string; kind: string; pledges: number }>(
    `SELECT r.id AS "rewardId", r.title, r.kind::text AS kind,
            (SELECT count(*)::int FROM "Pledge" p
              WHERE p."shopId" = $1 AND p."campaignId" = $2 AND p.status = 'COLLECTED'
                AND (p."rewardId" = r.id OR (r.kind = 'ADDON' AND p.source = r.source AND EXISTS (
                  SELECT 1 FROM jsonb_array_elements(p."addOns") a
                   WHERE a->>'rewardExternalId' = r."externalId" AND (a->>'quantity')::int > 0)))) AS pledges
       FROM "Reward" r
      WHERE r."shopId" = $1 AND r."campaignId" = $2
        AND NOT EXISTS (SELECT 1 FROM "RewardItem" i WHERE i."rewardId" = r.id)
      ORDER BY pledges DESC, r.title`,
    [shopId, campaignId],
  );
  return {
    pledges: row?.pledges ?? 0,
    notOrderable: row?.notOrderable ?? 0,
    blocked: row?.blocked ?? 0,
    ready: row?.ready ?? 0,
    creating: row?.creating ?? 0,
    drafted: row?.drafted ?? 0,
    invoiced: row?.invoiced ?? 0,
    paid: row?.paid ?? 0,
    cancelled: row?.cancelled ?? 0,
    failed: row?.failed ?? 0,
    unmappedRewards,
    currencyChoiceRequired,
  };
}

/** The pledges Shopify refused, or that got no answer after every try, with the last error: for the retry list. */
export async function failedLinks(db: Database, shopId: string, campaignId: string, limit: number) {
  const rows = await db.query<{
    backerNumber: number | null;
    externalBackerId: string;
    lastError: string | null;
    attempts: number;
  }>(
    `SELECT p."backerNumber", p."externalBackerId", l."lastError", l.attempts
       FROM "OrderLink" l JOIN "Pledge" p ON p.id = l."pledgeId"
      WHERE l."shopId" = $1 AND l."campaignId" = $2
        AND (l.state = 'FAILED' OR (l.state = 'CREATING' AND l."lastError" IS NOT NULL))
      ORDER BY l."updatedAt" DESC
      LIMIT $3`,
    [shopId, campaignId, limit],
  );
  return rows.map((row) => ({
    backer: backerLabel(row),
    error: row.lastError ?? "",
    attempts: row.attempts,
  }));
}
