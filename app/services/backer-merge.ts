// Merging two records of one person (the inbox's "Merge backers" on a duplicate_backer exception). The pledges of
// the younger record move to the older one, which keeps its own contact details and takes the other's only where
// it has none (an address only as a whole, never field by field). The merged record stays as an empty alias that
// holds its identity: a later import of that email lands on the backer it was merged into (write-batch.ts), and
// a privacy request for it reaches them (privacy.ts). Open drafts of the moved pledges are updated in Shopify.
import type { Database, SqlTransaction } from "../db/open";
import type { AdminClient } from "../shopify/admin-client";
import type { CostPacer } from "../shopify/pacer";
import { loadBacker, syncBackerDrafts } from "./backer-profile";
import { checkCampaign } from "./exception-checks";
import { clearExceptions, resolveExceptions } from "./exceptions";

export type MergeOutcome =
  | "merged"
  | "already_merged"
  | "not_found"
  | "other_campaign"
  /** A push is creating a draft for one of the pledges right now: merging would leave it with the old details. */
  | "push_running";

const CONTACT_FIELDS = ["email", "phone", "company"] as const;
const ADDRESS_FIELDS = ["firstName", "lastName", "address1", "address2", "city", "provinceCode", "zip", "countryCode"];
const PERSONAL_FIELDS = [...CONTACT_FIELDS, ...ADDRESS_FIELDS];

type BackerRow = { id: string; campaignId: string; mergedIntoId: string | null } & Record<string, unknown>;

export async function mergeBackers(
  db: Database,
  deps: { admin: AdminClient | null; pacer: CostPacer | null },
  shopId: string,
  ids: { keepId: string; mergeId: string },
  by: string,
): Promise<{ outcome: MergeOutcome; pledgesMoved: number; draftsUpdated: number; draftsPending: number }> {
  const moved = await db.transaction(async (tx) => {
    const rows = await tx.query<BackerRow>(
      `SELECT id, "campaignId", "mergedIntoId", ${PERSONAL_FIELDS.map((f) => `"${f}"`).join(", ")}
         FROM "Backer" WHERE "shopId" = $1 AND id = ANY($2) ORDER BY id FOR UPDATE`,
      [shopId, [ids.keepId, ids.mergeId]],
    );
    const keep = rows.find((r) => r.id === ids.keepId);
    const merge = rows.find((r) => r.id === ids.mergeId);
    if (!keep || !merge || keep.id === merge.id) return { outcome: "not_found" as const };
    if (merge.mergedIntoId || keep.mergedIntoId) return { outcome: "already_merged" as const };
    if (keep.campaignId !== merge.campaignId) return { outcome: "other_campaign" as const };
    const [running] = await tx.query<{ creating: number }>(
      `SELECT count(*)::int AS creating FROM "Pledge" p JOIN "OrderLink" l ON l."pledgeId" = p.id
        WHERE p."shopId" = $1 AND p."backerId" = $2 AND l.state = 'CREATING'`,
      [shopId, merge.id],
    );
    if (running?.creating) return { outcome: "push_running" as const };

    const filled = fillFrom(keep, merge);
    await updateBacker(tx, shopId, keep.id, filled);
    const pledges = await tx.query<{ id: string }>(
      `UPDATE "Pledge" SET "backerId" = $3, "updatedAt" = now() WHERE "shopId" = $1 AND "backerId" = $2 RETURNING id`,
      [shopId, merge.id, keep.id],
    );
    // The alias keeps only its identity; aliases of the alias follow it, so no chain is ever longer than one.
    await tx.query(
      `UPDATE "Backer" SET "mergedIntoId" = $3, ${PERSONAL_FIELDS.map((f) => `"${f}" = NULL`).join(", ")},
              "addressConfirmedAt" = NULL, "updatedAt" = now()
        WHERE "shopId" = $1 AND "campaignId" = $4 AND (id = $2 OR "mergedIntoId" = $2)`,
      [shopId, merge.id, keep.id, keep.campaignId],
    );
    // Field names, never values: Events outlive a redaction's reach less than the backer row.
    await tx.query(
      `INSERT INTO "Event" (id, "shopId", "subjectType", "subjectId", kind, cause, data)
       VALUES (gen_random_uuid()::text, $1, 'backer', $2, 'backer.merged', $4, $5::jsonb),
              (gen_random_uuid()::text, $1, 'backer', $3, 'backer.merged_into', $4, $6::jsonb)`,
      [
        shopId,
        keep.id,
        merge.id,
        by,
        JSON.stringify({ from: merge.id, pledgeIds: pledges.map((p) => p.id), filled: Object.keys(filled) }),
        JSON.stringify({ into: keep.id }),
      ],
    );
    return { outcome: "merged" as const, campaignId: keep.campaignId, pledges: pledges.length };
  });
  if (moved.outcome !== "merged")
    return { outcome: moved.outcome, pledgesMoved: 0, draftsUpdated: 0, draftsPending: 0 };

  // The merged record has nothing left to ship; the kept one is checked afresh, and the merchant's merge is their
  // answer to whether this person is one backer, whatever the scan now finds about their sources.
  await clearExceptions(db, shopId, ["address_incomplete", "phone_missing", "duplicate_backer"], [ids.mergeId], by);
  await checkCampaign(db, shopId, moved.campaignId, by);
  const open = await db.prisma.exception.findMany({
    where: { shopId, kind: "duplicate_backer", subjectId: ids.keepId, resolvedAt: null },
    select: { id: true },
  });
  await resolveExceptions(
    db,
    shopId,
    open.map((e) => e.id),
    by,
    "merged",
  );

  const kept = await loadBacker(db, shopId, ids.keepId);
  const drafts = kept ? await syncBackerDrafts(db, deps, kept, by) : { draftsUpdated: 0, draftsPending: 0 };
  return { outcome: "merged", pledgesMoved: moved.pledges, ...drafts };
}

/** What the kept record lacks and the merged one has: contact fields one by one, the address only whole. */
function fillFrom(keep: BackerRow, merge: BackerRow): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const field of CONTACT_FIELDS) if (keep[field] == null && merge[field] != null) filled[field] = merge[field];
  const hasAddress = (row: BackerRow) => row.address1 != null || row.countryCode != null;
  if (!hasAddress(keep) && hasAddress(merge))
    for (const field of ADDRESS_FIELDS) if (merge[field] != null) filled[field] = merge[field];
  return filled;
}

async function updateBacker(tx: SqlTransaction, shopId: string, id: string, fields: Record<string, unknown>) {
  const names = Object.keys(fields);
  if (!names.length) return;
  await tx.query(
    `UPDATE "Backer" SET ${names.map((f, i) => `"${f}" = $${i + 3}`).join(", ")}, "updatedAt" = now()
      WHERE "shopId" = $1 AND id = $2`,
    [shopId, id, ...names.map((f) => fields[f])],
  );
}
