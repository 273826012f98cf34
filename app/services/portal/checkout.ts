// The portal's "Continue to checkout": the backer's choices and address are checked against what was offered,
// saved with an Event, and the pledge's draft order is made right (created, or updated with draftOrderUpdate)
// by the same exactly-once rules as a push; then the backer goes to the draft's invoiceUrl, Shopify's checkout.
import type { Database } from "../../db/open";
import { parsePortalForm, type FieldError, type PortalOffer } from "../../domain/portal/form";
import type { AdminClient } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import type { CostPacer } from "../../shopify/pacer";
import { completePaidPledges } from "../ordering/complete";
import { syncPledge } from "../ordering/push";
import type { PortalPledge } from "./pledge";

export type PortalOutcome =
  | { ok: true; invoiceUrl: string }
  /** Nothing was left to pay and the campaign completes such pledges: the order exists already. */
  | { ok: true; completedOrder: string }
  | { ok: false; errors: Record<string, FieldError> }
  /** not_orderable: dropped or cancelled; closed: already paid; not_ready: the merchant has work to do first. */
  | { ok: false; reason: "not_orderable" | "closed" | "not_ready" | "refused" | "unavailable" };

export async function continueToCheckout(
  db: Database,
  deps: { admin: AdminClient; pacer: CostPacer; lookupDelayMs?: number; now?: () => Date },
  view: PortalPledge,
  offer: PortalOffer,
  form: Record<string, string | undefined>,
): Promise<PortalOutcome> {
  if (view.pledge.status !== "COLLECTED") return { ok: false, reason: "not_orderable" };
  if (view.link && ["PAID", "CANCELLED"].includes(view.link.state)) return { ok: false, reason: "closed" };
  const parsed = parsePortalForm(form, offer, view.settings, view.choices);
  if (!parsed.ok) return parsed;

  const { shop, pledge } = view;
  const cause = `portal:${pledge.id}`;
  await db.prisma.$transaction(async (tx) => {
    const saved = await tx.pledge.update({
      where: { id: pledge.id, shopId: shop.id },
      data: { choices: parsed.choices as object },
    });
    if (parsed.address) {
      await tx.backer.update({
        where: { id: saved.backerId, shopId: shop.id },
        data: { ...parsed.address, addressConfirmedAt: deps.now?.() ?? new Date() },
      });
    }
    await tx.event.create({
      data: {
        shopId: shop.id,
        pledgeId: pledge.id,
        subjectType: "Pledge",
        subjectId: pledge.id,
        kind: "portal.confirmed",
        cause,
        // What changed, never the address itself: Events outlive a redaction's reach less than the backer row.
        data: { choices: parsed.choices, addressConfirmed: parsed.address !== null } as object,
      },
    });
  });

  try {
    const { plan, outcome } = await syncPledge(db, {
      shopId: shop.id,
      campaignId: view.campaign.id,
      pledgeId: pledge.id,
      admin: deps.admin,
      pacer: deps.pacer,
      cause,
      // The backer is waiting: a short wait before a lookup, and few tries; the merchant's push finishes the rest.
      lookupDelayMs: deps.lookupDelayMs ?? 2000,
      maxAttempts: 3,
      concurrency: 1,
      now: deps.now,
    });
    if (plan.kind !== "order") return { ok: false, reason: plan.kind === "skip" ? "not_orderable" : "not_ready" };
    if (outcome === "failed") return { ok: false, reason: "refused" };
  } catch (error) {
    // Shopify unreachable or refusing the shop: the backer can try again; anything else is a bug and surfaces.
    if (error instanceof AdminApiError) return { ok: false, reason: "unavailable" };
    throw error;
  }
  if (view.checkout.autoComplete && (parsed.address || view.addressConfirmedAt)) {
    try {
      const done = await completePaidPledges(db, {
        shopId: shop.id,
        campaignId: view.campaign.id,
        admin: deps.admin,
        pacer: deps.pacer,
        cause,
        pledgeIds: [pledge.id],
      });
      const order = done.orders.get(pledge.id);
      if (order) return { ok: true, completedOrder: order };
    } catch (error) {
      // Completion can wait for the merchant's run; the checkout still works.
      if (!(error instanceof AdminApiError)) throw error;
    }
  }
  const link = await db.prisma.orderLink.findFirst({ where: { pledgeId: pledge.id, shopId: shop.id } });
  return link?.invoiceUrl ? { ok: true, invoiceUrl: link.invoiceUrl } : { ok: false, reason: "unavailable" };
}
