// Exceptions: what a person must decide. Raised by the work that meets them (a push meets a dropped pledge, a
// reward with no variants, a refusal by Shopify), one row per kind and subject, so raising again only refreshes
// it; cleared by the same work when the cause goes away (the reward is mapped, the pledge is drafted); a merchant's
// resolution is kept, with who, when and why. The inbox that lists and acts on them is issue #9.
import type { Database } from "../db/open";

export type ExceptionKind =
  | "pledge_dropped"
  | "pledge_errored"
  | "pledge_refunded"
  | "pledge_cancelled"
  | "unmapped_reward"
  | "push_refused"
  | "preorder_over_cap"
  | "balance_failed"
  | "inventory_drift";

export interface RaisedException {
  campaignId: string | null;
  pledgeId?: string | null;
  kind: ExceptionKind;
  severity: "INFO" | "WARNING" | "CRITICAL";
  subjectType: "Pledge" | "Reward" | "Order" | "InventoryLevel";
  subjectId: string;
  data?: Record<string, unknown>;
}

/** One statement for any number; an open one is refreshed, a resolved one stays resolved unless it got worse. */
export async function raiseExceptions(db: Database, shopId: string, raised: RaisedException[]) {
  if (!raised.length) return;
  await db.query(
    `INSERT INTO "Exception" (id, "shopId", "campaignId", "pledgeId", kind, severity, "subjectType", "subjectId", data, "updatedAt")
     SELECT gen_random_uuid()::text, $1, x."campaignId", x."pledgeId", x.kind, x.severity::"ExceptionSeverity",
            x."subjectType", x."subjectId", COALESCE(x.data, '{}'::jsonb), now()
       FROM json_to_recordset($2::json) AS x("campaignId" text, "pledgeId" text, kind text, severity text,
            "subjectType" text, "subjectId" text, data jsonb)
     ON CONFLICT ("shopId", kind, "subjectId") DO UPDATE
        SET data = EXCLUDED.data, severity = EXCLUDED.severity, "updatedAt" = now(),
            "resolvedAt" = CASE WHEN EXCLUDED.severity > "Exception".severity THEN NULL ELSE "Exception"."resolvedAt" END
      WHERE "Exception".data IS DISTINCT FROM EXCLUDED.data OR "Exception".severity IS DISTINCT FROM EXCLUDED.severity`,
    [shopId, JSON.stringify(uniqueBySubject(raised))],
  );
}

/** The cause went away: open exceptions of these kinds for these subjects are resolved, by `cause`. */
export async function clearExceptions(
  db: Database,
  shopId: string,
  kinds: ExceptionKind[],
  subjectIds: string[],
  cause: string,
) {
  if (!subjectIds.length) return;
  await db.query(
    `UPDATE "Exception" SET "resolvedAt" = now(), "resolvedBy" = $4, resolution = 'cleared: the cause went away',
            "updatedAt" = now()
      WHERE "shopId" = $1 AND kind = ANY($2) AND "subjectId" = ANY($3) AND "resolvedAt" IS NULL`,
    [shopId, kinds, subjectIds, cause],
  );
}

export async function openExceptionCounts(db: Database, shopId: string, campaignId: string) {
  const rows = await db.query<{ kind: ExceptionKind; severity: string; count: number }>(
    `SELECT kind, severity::text, count(*)::int AS count FROM "Exception"
      WHERE "shopId" = $1 AND "campaignId" = $2 AND "resolvedAt" IS NULL
      GROUP BY kind, severity ORDER BY kind`,
    [shopId, campaignId],
  );
  return rows;
}

function uniqueBySubject(raised: RaisedException[]) {
  return [...new Map(raised.map((r) => [`${r.kind}:${r.subjectId}`, r])).values()];
}
