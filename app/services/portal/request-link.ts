// "Send me my link": a backer who lost the email types their address in the portal. The page answers the same
// whether or not the address has a pledge, and the work happens in a job, so neither the words nor the time of
// the answer say who backed the campaign. The link goes out in Shopify's own invoice email for the pledge's
// draft order (the campaign's message, whose {link} is the portal link); a pledge with no draft yet cannot be
// emailed by the app, and its request is recorded for the merchant.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobQueue } from "../../jobs/queue";
import { stableUuid } from "../../jobs/stable-id";
import { pacerForShop } from "../../shopify/pacer";
import { backersByIdentity, currentBackerIds } from "../backer-identity";
import { sendInvoices } from "../ordering/invoices";
import { adminForShop } from "../shop-admin";

export const PORTAL_LINK_QUEUE = "portal-link";
/** However often the form is sent, one email per backer in this window. */
const WINDOW_MS = 15 * 60_000;

export const PortalLinkJobData = z.object({
  shopId: z.string().min(1),
  pledgeIds: z.array(z.string().min(1)).min(1).max(50),
});

export async function requestLinks(db: Database, queue: JobQueue, shopDomain: string, email: string, now = Date.now()) {
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt) return;
  // An email the merchant merged into another backer still finds that backer's pledges; the invoice goes to the
  // draft's email, the kept one, never to what was typed.
  const backerIds = currentBackerIds(await backersByIdentity(db, shop.id, email));
  if (!backerIds.length) return;
  const pledges = await db.query<{ id: string }>(
    `SELECT p.id FROM "Pledge" p
      WHERE p."shopId" = $1 AND p."backerId" = ANY($2) AND p.status = 'COLLECTED'
      ORDER BY p.id LIMIT 50`,
    [shop.id, backerIds],
  );
  if (!pledges.length) return;
  await queueLinkEmails(
    queue,
    shop.id,
    pledges.map((p) => p.id),
    email.toLowerCase(),
    now,
  );
}

/** The job for these pledges, once per `requester` (an email, a pledge) and quarter hour. */
export function queueLinkEmails(
  queue: Pick<JobQueue, "enqueueWithId">,
  shopId: string,
  pledgeIds: string[],
  requester: string,
  now = Date.now(),
) {
  const window = Math.floor(now / WINDOW_MS);
  return queue.enqueueWithId(
    PORTAL_LINK_QUEUE,
    { shopId, pledgeIds },
    stableUuid(`portal-link:${shopId}:${requester}:${window}`),
  );
}

/** The job: each pledge's invoice email again, by the invoice sender's exactly-once rules. */
export async function sendRequestedLinks(
  db: Database,
  deps: { adminOrigin?: string },
  data: z.infer<typeof PortalLinkJobData>,
  jobId: string,
) {
  const { shop, admin } = await adminForShop(db.prisma, data.shopId, { adminOrigin: deps.adminOrigin });
  const pledges = await db.prisma.pledge.findMany({
    where: { shopId: shop.id, id: { in: data.pledgeIds } },
    select: { id: true, campaignId: true, orderLink: { select: { draftOrderId: true } } },
  });
  const undeliverable = pledges.filter((p) => !p.orderLink?.draftOrderId);
  if (undeliverable.length) {
    await db.prisma.event.createMany({
      data: undeliverable.map((p) => ({
        shopId: shop.id,
        pledgeId: p.id,
        subjectType: "Pledge",
        subjectId: p.id,
        kind: "portal.link_requested_before_draft",
        cause: `job:${jobId}`,
      })),
    });
  }
  let sent = 0;
  const campaigns = new Set(pledges.filter((p) => p.orderLink?.draftOrderId).map((p) => p.campaignId));
  for (const campaignId of campaigns) {
    const result = await sendInvoices(db, {
      shopId: shop.id,
      campaignId,
      admin,
      pacer: pacerForShop(shop.domain),
      cause: `job:${jobId}`,
      resend: true,
      pledgeIds: pledges.filter((p) => p.campaignId === campaignId).map((p) => p.id),
      adminOrigin: deps.adminOrigin,
    });
    sent += result.sent;
  }
  return { sent, undeliverable: undeliverable.length };
}
