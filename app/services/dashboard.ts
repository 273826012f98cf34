// Where the shop's campaigns stand, for the dashboard: the funnel from import to shipped, the money, breakdowns by
// reward and country, open exceptions by kind and the latest jobs. One campaign or all of them ($2 null); each
// figure is one statement counted in the database, so the page stays quick at 100,000 pledges.
import type { Database } from "../db/open";
import type { ExceptionKind } from "./exceptions";
import { PLEDGE_STATES_CTE } from "./ordering/summary";
import { inShopCampaigns } from "./shop-campaigns";

/** Cumulative: a pledge that is paid was also imported, ready, drafted and invoiced. */
export interface Funnel {
  imported: number;
  ready: number;
  drafted: number;
  invoiced: number;
  paid: number;
  shipped: number;
}

/** Per currency, in minor units: campaigns in different currencies are never added together. */
export interface Money {
  currencyCode: string;
  /** What collected pledges paid on the platform. */
  pledged: number;
  /** What backers with add-ons pledged above their tier's minimum, shipping and bonus. */
  addOns: number;
  shipping: number;
  /** Pre-order balances not collected yet, and pledges over time not paid off. */
  balancesDue: number;
}

export interface Dashboard {
  funnel: Funnel;
  money: Money[];
  rewards: Array<{ rewardId: string | null; title: string | null; pledges: number }>;
  countries: Array<{ countryCode: string | null; pledges: number }>;
  exceptions: Array<{ kind: ExceptionKind; count: number; critical: number }>;
  jobs: Array<{ jobId: string; queue: string; done: number; total: number | null; updatedAt: Date }>;
}

const LINKED_STATES = {
  drafted: "('DRAFTED', 'INVOICED', 'PAID')",
  invoiced: "('INVOICED', 'PAID')",
} as const;

export async function loadDashboard(db: Database, shopId: string, campaignId: string | null): Promise<Dashboard> {
  const scope = [shopId, campaignId];
  const [[funnel], money, rewards, countries, exceptions, jobs] = await Promise.all([
    db.query<Funnel>(
      `WITH ${PLEDGE_STATES_CTE}
       SELECT count(*)::int AS imported,
              count(*) FILTER (WHERE status = 'COLLECTED' AND holds AND (NOT unmapped OR state IS NOT NULL)
                                 AND state IS DISTINCT FROM 'CANCELLED')::int AS ready,
              count(*) FILTER (WHERE state IN ${LINKED_STATES.drafted})::int AS drafted,
              count(*) FILTER (WHERE state IN ${LINKED_STATES.invoiced})::int AS invoiced,
              count(*) FILTER (WHERE state = 'PAID')::int AS paid,
              count(*) FILTER (WHERE state = 'PAID' AND EXISTS (
                SELECT 1 FROM "Shipment" s WHERE s."shopId" = $1 AND s."orderId" = pledges."orderId"))::int AS shipped
         FROM pledges`,
      scope,
    ),
    db.query<Money>(
      `WITH pledged AS (
         SELECT p."currencyCode", sum(p."amountMinor")::bigint AS pledged, sum(p."shippingPaidMinor")::bigint AS shipping,
                sum(CASE WHEN jsonb_array_length(p."addOns") > 0
                         THEN greatest(0, p."amountMinor" - p."shippingPaidMinor" - p."bonusMinor"
                                          - coalesce(r."minimumMinor", 0)) ELSE 0 END)::bigint AS "addOns",
                sum(CASE WHEN p."pledgeOverTime"
                         THEN greatest(0, coalesce(p."amountDueMinor", 0) - coalesce(p."amountPaidMinor", 0))
                         ELSE 0 END)::bigint AS due
           FROM "Pledge" p LEFT JOIN "Reward" r ON r.id = p."rewardId"
          WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)
            AND p.status = 'COLLECTED'
          GROUP BY p."currencyCode"
       ), balances AS (
         SELECT o."currencyCode", sum(o."outstandingMinor")::bigint AS due
           FROM "PreorderOrder" o
          WHERE o."shopId" = $1 AND o."cancelledAt" IS NULL AND o."outstandingMinor" > 0
            AND ($2::text IS NULL OR EXISTS (
              SELECT 1 FROM "PreorderLine" l JOIN "PreorderOffer" f ON f.id = l."offerId"
               WHERE l."preorderOrderId" = o.id AND f."campaignId" = $2))
          GROUP BY o."currencyCode"
       )
       SELECT coalesce(p."currencyCode", b."currencyCode") AS "currencyCode",
              coalesce(p.pledged, 0)::float8 AS pledged, coalesce(p."addOns", 0)::float8 AS "addOns",
              coalesce(p.shipping, 0)::float8 AS shipping,
              (coalesce(p.due, 0) + coalesce(b.due, 0))::float8 AS "balancesDue"
         FROM pledged p FULL JOIN balances b ON b."currencyCode" = p."currencyCode"
        ORDER BY 2 DESC, 1`,
      scope,
    ),
    db.query<Dashboard["rewards"][number]>(
      `SELECT p."rewardId", r.title, count(*)::int AS pledges
         FROM "Pledge" p LEFT JOIN "Reward" r ON r.id = p."rewardId"
        WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)
          AND p.status = 'COLLECTED'
        GROUP BY p."rewardId", r.title ORDER BY pledges DESC, r.title LIMIT 10`,
      scope,
    ),
    db.query<Dashboard["countries"][number]>(
      `SELECT b."countryCode", count(*)::int AS pledges
         FROM "Pledge" p JOIN "Backer" b ON b.id = p."backerId"
        WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)
          AND p.status = 'COLLECTED'
        GROUP BY b."countryCode" ORDER BY pledges DESC, b."countryCode" LIMIT 10`,
      scope,
    ),
    db.query<Dashboard["exceptions"][number]>(
      `SELECT kind, count(*)::int AS count, count(*) FILTER (WHERE severity = 'CRITICAL')::int AS critical
         FROM "Exception"
        WHERE "shopId" = $1 AND ($2::text IS NULL OR "campaignId" = $2) AND "resolvedAt" IS NULL
        GROUP BY kind ORDER BY critical DESC, count DESC, kind`,
      scope,
    ),
    db.query<Dashboard["jobs"][number]>(
      `SELECT "jobId", queue, done, total, "updatedAt" FROM "JobProgress"
        WHERE "shopId" = $1 ORDER BY "updatedAt" DESC LIMIT 8`,
      [shopId],
    ),
  ]);
  return { funnel: funnel!, money, rewards, countries, exceptions, jobs };
}
