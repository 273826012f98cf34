// Exceptions: what a person must decide. Raised by the work that meets them (a push meets a dropped pledge, a
// reward with no variants, a refusal by Shopify), one row per kind and subject, so raising again only refreshes
// it; cleared by the same work when the cause goes away (the reward is mapped, the pledge is drafted); a merchant's
// resolution is kept, with who, when and why. The inbox (app/routes/app.exceptions.tsx) lists and acts on them.
import type { Database } from "../db/open";
import type { ExceptionKind } from "../domain/exceptions";

export type { ExceptionKind };

export interface RaisedException {
  campaignId: string | null;
  pledgeId?: string | null;
  kind: ExceptionKind;
  severity: "INFO" | "WARNING" | "CRITICAL";
  subjectType: "Pledge" | "Reward" | "Order" | "InventoryLevel" | "Backer";
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

/**
 * A full check of one kind in one campaign: what was found is raised, and open ones of that kind in that campaign
 * that were not found again are cleared (their cause went away).
 */
export async function syncExceptions(
  db: Database,
  shopId: string,
  campaignId: string,
  kind: ExceptionKind,
  found: RaisedException[],
  cause: string,
) {
  await raiseExceptions(db, shopId, found);
  await db.query(
    `UPDATE "Exception" SET "resolvedAt" = now(), "resolvedBy" = $4, resolution = 'cleared: the cause went away',
            "updatedAt" = now()
      WHERE "shopId" = $1 AND "campaignId" = $2 AND kind = $3 AND "resolvedAt" IS NULL AND NOT ("subjectId" = ANY($5))`,
    [shopId, campaignId, kind, cause, found.map((f) => f.subjectId)],
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

export interface ExceptionFilter {
  status?: "open" | "resolved" | "all";
  kind?: string | null;
  severity?: "INFO" | "WARNING" | "CRITICAL" | null;
  campaignId?: string | null;
}

/** The inbox: one list across campaigns, the worst and newest first. */
export async function listExceptions(db: Database, shopId: string, filter: ExceptionFilter = {}, limit = 200) {
  const status = filter.status ?? "open";
  return db.query<{
    id: string;
    kind: ExceptionKind;
    severity: "INFO" | "WARNING" | "CRITICAL";
    subjectType: string;
    subjectId: string;
    campaignId: string | null;
    campaignName: string | null;
    pledgeId: string | null;
    backerId: string | null;
    backerNumber: number | null;
    data: Record<string, unknown>;
    createdAt: Date;
    updatedAt: Date;
    resolvedAt: Date | null;
    resolvedBy: string | null;
    resolution: string | null;
  }>(
    `SELECT e.id, e.kind, e.severity::text, e."subjectType", e."subjectId", e."campaignId", c.name AS "campaignName",
            e."pledgeId", coalesce(p."backerId", CASE WHEN e."subjectType" = 'Backer' THEN e."subjectId" END) AS "backerId",
            p."backerNumber", e.data, e."createdAt", e."updatedAt", e."resolvedAt", e."resolvedBy",
            e.resolution
       FROM "Exception" e
       LEFT JOIN "Campaign" c ON c.id = e."campaignId"
       LEFT JOIN "Pledge" p ON p.id = e."pledgeId"
      WHERE e."shopId" = $1
        AND ($2 = 'all' OR ($2 = 'open') = (e."resolvedAt" IS NULL))
        AND ($3::text IS NULL OR e.kind = $3)
        AND ($4::text IS NULL OR e.severity::text = $4)
        AND ($5::text IS NULL OR e."campaignId" = $5)
      ORDER BY e.severity DESC, e."updatedAt" DESC
      LIMIT $6`,
    [shopId, status, filter.kind ?? null, filter.severity ?? null, filter.campaignId ?? null, limit],
  );
}

/** One exception of this shop, for an action on it; null if it is another shop's or does not exist. */
export async function exceptionById(db: Database, shopId: string, id: string) {
  const [row] = await db.query<{
    id: string;
    kind: ExceptionKind;
    campaignId: string | null;
    pledgeId: string | null;
    subjectId: string;
    data: Record<string, unknown>;
    resolvedAt: Date | null;
  }>(
    `SELECT id, kind, "campaignId", "pledgeId", "subjectId", data, "resolvedAt" FROM "Exception"
      WHERE "shopId" = $1 AND id = $2`,
    [shopId, id],
  );
  return row ?? null;
}

/** Open exceptions of the shop by kind, for the inbox's filters. */
export async function openExceptionKinds(db: Database, shopId: string) {
  return db.query<{ kind: ExceptionKind; count: number }>(
    `SELECT kind, count(*)::int AS count FROM "Exception" WHERE "shopId" = $1 AND "resolvedAt" IS NULL
      GROUP BY kind ORDER BY kind`,
    [shopId],
  );
}

/**
 * A person's decision: these open exceptions (of this shop only) are resolved, with who and why. Returns how many;
 * ids of another shop, or already resolved, change nothing.
 */
export async function resolveExceptions(db: Database, shopId: string, ids: string[], by: string, note: string) {
  if (!ids.length) return 0;
  const rows = await db.query<{ id: string }>(
    `UPDATE "Exception" SET "resolvedAt" = now(), "resolvedBy" = $3, resolution = $4, "updatedAt" = now()
      WHERE "shopId" = $1 AND id = ANY($2) AND "resolvedAt" IS NULL RETURNING id`,
    [shopId, ids.slice(0, 500), by, note.trim().slice(0, 1000) || "resolved"],
  );
  return rows.length;
}
