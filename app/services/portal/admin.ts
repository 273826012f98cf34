// The merchant's side of the portal: where backers stand, a backer's link to copy or email, the extras list
// resolved against the store, and the jobs the campaign page starts (completion, reconciliation, a link email).
import { resolveVariants } from "../catalog-lookup";
import type { Database } from "../../db/open";
import type { JobQueue } from "../../jobs/queue";
import type { AdminClient } from "../../shopify/admin-client";
import { listBackers } from "../backers";
import { COMPLETE_QUEUE, RECONCILE_QUEUE } from "../ordering/follow-up-jobs";
import { queueLinkEmails } from "./request-link";
import { backerLabel } from "../../domain/backer-label";

export async function portalSummary(db: Database, shopId: string, campaignId: string) {
  const [row] = await db.query<{ confirmed: number; choices: number; reminded: number; paid: number }>(
    `SELECT count(*) FILTER (WHERE b."addressConfirmedAt" IS NOT NULL)::int AS confirmed,
            count(*) FILTER (WHERE p.choices <> '{}'::jsonb)::int AS choices,
            coalesce(sum(l."remindersSent"), 0)::int AS reminded,
            count(*) FILTER (WHERE l.state = 'PAID')::int AS paid
       FROM "Pledge" p JOIN "Backer" b ON b.id = p."backerId" LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
      WHERE p."shopId" = $1 AND p."campaignId" = $2`,
    [shopId, campaignId],
  );
  return row ?? { confirmed: 0, choices: 0, reminded: 0, paid: 0 };
}

/** Up to ten backers matching what the merchant typed, each with a fresh link. */
export async function findBackerLinks(
  db: Database,
  shopId: string,
  campaignId: string,
  q: string,
  linkFor: (pledgeId: string) => string,
) {
  const { rows } = await listBackers(db.prisma, shopId, campaignId, { q });
  const found = rows.slice(0, 10);
  const links = await db.prisma.orderLink.findMany({
    where: { shopId, pledgeId: { in: found.map((row) => row.id) } },
    select: { pledgeId: true, draftOrderId: true, state: true },
  });
  const byPledge = new Map(links.map((link) => [link.pledgeId, link]));
  return found.map((row) => ({
    pledgeId: row.id,
    number: backerLabel(row),
    name: row.name,
    email: row.email,
    status: row.status,
    state: byPledge.get(row.id)?.state ?? null,
    hasDraft: Boolean(byPledge.get(row.id)?.draftOrderId),
    link: linkFor(row.id),
  }));
}

/** Extras as the merchant lists them (SKUs or variant ids, one per line) → variant ids, and what was not found. */
export async function resolveExtras(admin: AdminClient, text: string) {
  const wanted = text
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 50);
  return resolveVariants(admin, wanted);
}

export async function queueCompletion(jobs: JobQueue, shopId: string, campaignId: string) {
  return jobs.enqueue(COMPLETE_QUEUE, { shopId, campaignId }, { singletonKey: campaignId });
}

export async function queueReconcile(jobs: JobQueue, shopId: string) {
  // One check per shop at a time: a second press while one waits queues nothing.
  return jobs.enqueue(RECONCILE_QUEUE, { shopId }, { singletonKey: shopId });
}

/** The pledge's invoice email again, with its link; once per pledge per quarter hour. */
export function queueLinkEmail(jobs: JobQueue, shopId: string, pledgeId: string) {
  return queueLinkEmails(jobs, shopId, [pledgeId], pledgeId);
}
