// One backer, for the backer page: who they are, their pledges and orders, what is open about them, and their
// timeline (every Event: import changes, orders, payments, reminders, portal, shipping, privacy). The merchant's
// edit of their address goes through the portal's rules, updates their draft orders in Shopify right away, and
// raises or clears the address exceptions for them.
import type { Database } from "../db/open";
import { addressProblem, type PortalAddress } from "../domain/portal/form";
import type { AdminClient } from "../shopify/admin-client";
import { AdminApiError } from "../shopify/errors";
import type { CostPacer } from "../shopify/pacer";
import { currentBackerId } from "./backer-alias";
import { clearExceptions, raiseExceptions } from "./exceptions";
import { syncPledge } from "./ordering/push";
import { portalSettings } from "./portal/settings";
import { timelineEvents } from "./privacy";

/**
 * The backer with their campaign's portal rules and their pledges' orders: what an address edit needs. A record
 * merged into another (backer-merge.ts) gives the one it was merged into: its pledges and details are there now.
 */
export async function loadBacker(db: Database, shopId: string, backerId: string) {
  const backer = await db.prisma.backer.findFirst({
    where: { id: await currentBackerId(db, shopId, backerId), shopId },
    include: {
      campaign: { select: { id: true, name: true, settings: true } },
      pledges: {
        orderBy: { createdAt: "asc" },
        include: { reward: { select: { title: true } }, orderLink: true },
      },
    },
  });
  if (!backer) return null;
  const { settings, ...campaign } = backer.campaign;
  const { pledges, ...contact } = backer;
  return {
    backer: { ...contact, campaign },
    portal: portalSettings(settings),
    pledges: pledges.map((p) => ({
      id: p.id,
      source: p.source,
      backerNumber: p.backerNumber,
      externalBackerId: p.externalBackerId,
      status: p.status,
      reward: p.reward?.title ?? null,
      amountMinor: p.amountMinor,
      currencyCode: p.currencyCode,
      pledgedAt: p.pledgedAt,
      createdAt: p.createdAt,
      order: p.orderLink
        ? { state: p.orderLink.state, name: p.orderLink.orderName, draftOrderId: p.orderLink.draftOrderId }
        : null,
    })),
  };
}

export type LoadedBacker = NonNullable<Awaited<ReturnType<typeof loadBacker>>>;

/** The backer page: the backer, plus their open exceptions and timeline. */
export async function loadBackerProfile(db: Database, shopId: string, id: string) {
  const loaded = await loadBacker(db, shopId, id);
  if (!loaded) return null;
  const backerId = loaded.backer.id;
  const pledgeIds = loaded.pledges.map((p) => p.id);
  const [events, exceptions] = await Promise.all([
    timelineEvents(db, shopId, backerId, pledgeIds),
    db.prisma.exception.findMany({
      where: { shopId, resolvedAt: null, OR: [{ subjectId: backerId }, { pledgeId: { in: pledgeIds } }] },
      select: { id: true, kind: true, severity: true },
      orderBy: { severity: "desc" },
    }),
  ]);
  return { ...loaded, exceptions, events };
}

export interface AddressSaved {
  /** Draft orders brought up to date in Shopify now. */
  draftsUpdated: number;
  /** Draft orders that could not be updated now (Shopify unreachable): the next push does it. */
  draftsPending: number;
}

/** Saves the merchant's edit of a loaded backer's address; `address` has passed the portal's rules already. */
export async function saveBackerAddress(
  db: Database,
  deps: { admin: AdminClient | null; pacer: CostPacer | null },
  profile: LoadedBacker,
  address: PortalAddress,
  cause: string,
): Promise<AddressSaved> {
  const shopId = profile.backer.shopId;
  const backerId = profile.backer.id;
  const before = profile.backer as unknown as Record<string, unknown>;
  const changed = Object.entries(address)
    .filter(([field, value]) => (before[field] ?? null) !== value)
    .map(([field]) => field);
  await db.prisma.$transaction([
    db.prisma.backer.update({ where: { id: backerId, shopId }, data: { ...address } }),
    // The names of the fields, never their values: Events outlive a redaction's reach less than the backer row.
    db.prisma.event.create({
      data: {
        shopId,
        subjectType: "backer",
        subjectId: backerId,
        kind: "backer.address_edited",
        cause,
        data: { changed },
      },
    }),
  ]);

  const problem = addressProblem(address, profile.portal);
  const firstPledge = profile.pledges.find((p) => p.status === "COLLECTED") ?? profile.pledges[0];
  const kinds = ["address_incomplete", "phone_missing"] as const;
  await clearExceptions(
    db,
    shopId,
    kinds.filter((kind) => kind !== problem),
    [backerId],
    cause,
  );
  if (problem)
    await raiseExceptions(db, shopId, [
      {
        campaignId: profile.backer.campaign.id,
        pledgeId: firstPledge?.id ?? null,
        kind: problem,
        severity: "WARNING",
        subjectType: "Backer",
        subjectId: backerId,
        data: { countryCode: address.countryCode, actions: ["edit_address", "resend_link"] },
      },
    ]);

  return syncBackerDrafts(db, deps, profile, cause);
}

/**
 * The backer's open draft orders brought up to date in Shopify now (their address and email are the backer's);
 * what cannot be reached now is left to the next push.
 */
export async function syncBackerDrafts(
  db: Database,
  deps: { admin: AdminClient | null; pacer: CostPacer | null },
  profile: LoadedBacker,
  cause: string,
): Promise<AddressSaved> {
  const drafts = profile.pledges.filter(
    (p) => p.status === "COLLECTED" && p.order?.draftOrderId && ["DRAFTED", "INVOICED"].includes(p.order.state),
  );
  let draftsUpdated = 0;
  for (const pledge of drafts) {
    if (!deps.admin || !deps.pacer) break;
    try {
      const { outcome } = await syncPledge(db, {
        shopId: profile.backer.shopId,
        campaignId: profile.backer.campaign.id,
        pledgeId: pledge.id,
        admin: deps.admin,
        pacer: deps.pacer,
        cause,
        lookupDelayMs: 2000,
        maxAttempts: 3,
        concurrency: 1,
      });
      if (outcome !== "failed") draftsUpdated++;
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      break;
    }
  }
  return { draftsUpdated, draftsPending: drafts.length - draftsUpdated };
}
