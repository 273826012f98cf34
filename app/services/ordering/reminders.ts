// Sending the reminders that are due: the invoice email again (draftOrderInvoiceSend), to backers whose pledge is
// invoiced and not paid, on the campaign's schedule. One email per reminder:
//   1. the link is claimed for reminder k (reminderClaimedAt) before the call, only while remindersSent = k;
//   2. an answer ends it: remindersSent = k + 1 and an Event, or the refusal kept;
//   3. no answer leaves the claim, and whoever finds it next asks the draft's invoiceSentAt first: a send at or
//      after the claim means the email went, and it is recorded instead of sent again.
import type { Database } from "../../db/open";
import { dueReminder, reminderSubject } from "../../domain/ordering/reminders";
import type { AdminClient } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { DRAFT_ORDER_INVOICE_SEND, DRAFT_ORDER_INVOICE_STATE } from "../../shopify/operations/draft-orders";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { invoiceEmailer } from "./invoices";
import { checkoutSettings } from "./settings";

export interface ReminderOptions {
  shopId: string;
  admin: AdminClient;
  pacer: CostPacer;
  cause: string;
  adminOrigin?: string;
  now?: () => Date;
  signal?: AbortSignal;
}

interface DueLink {
  id: string;
  pledgeId: string;
  draftOrderId: string;
  invoicedAt: Date;
  remindersSent: number;
  reminderClaimedAt: Date | null;
  firstName: string | null;
  backerNumber: number | null;
  externalBackerId: string;
}

/** A claim older than this belongs to a sender that died; its draft is checked before anything is sent. */
const CLAIM_STALE_MS = 10 * 60_000;

export async function sendDueReminders(db: Database, options: ReminderOptions) {
  const now = options.now ?? (() => new Date());
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: options.shopId } });
  const campaigns = await db.prisma.campaign.findMany({ where: { shopId: shop.id } });
  const result = { sent: 0, failed: 0 };
  for (const campaign of campaigns) {
    const settings = checkoutSettings(campaign.settings);
    if (!settings.reminderDays.length) continue;
    const emailFor = await invoiceEmailer(db, shop, campaign, options.adminOrigin);
    // The first reminder's day is the earliest any link can be due: fewer rows to look at.
    const links = await db.query<DueLink>(
      `SELECT l.id, l."pledgeId", l."draftOrderId", l."invoicedAt", l."remindersSent", l."reminderClaimedAt",
              b."firstName", p."backerNumber", p."externalBackerId"
         FROM "OrderLink" l JOIN "Pledge" p ON p.id = l."pledgeId" JOIN "Backer" b ON b.id = p."backerId"
        WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state = 'INVOICED' AND p.status = 'COLLECTED'
          AND l."draftOrderId" IS NOT NULL AND l."invoicedAt" <= $3 AND l."remindersSent" < $4
        ORDER BY l."invoicedAt" LIMIT 1000`,
      [
        shop.id,
        campaign.id,
        new Date(now().getTime() - settings.reminderDays[0]! * 86_400_000),
        settings.reminderDays.length,
      ],
    );
    for (const link of links) {
      options.signal?.throwIfAborted();
      const index = dueReminder(new Date(link.invoicedAt), link.remindersSent, settings, now());
      if (index === null) continue;
      const rendered = emailFor(link);
      const email = { ...rendered, subject: reminderSubject(rendered.subject, index, settings, shop.locale) };
      const outcome = await remind(db, options, link, index, email, now);
      if (outcome === "sent") result.sent++;
      else if (outcome === "failed") result.failed++;
    }
  }
  return result;
}

async function remind(
  db: Database,
  options: ReminderOptions,
  link: DueLink,
  index: number,
  email: { subject: string; customMessage: string },
  now: () => Date,
): Promise<"sent" | "failed" | "busy"> {
  // A claim left by a send that got no answer: the draft says whether that email went.
  if (link.reminderClaimedAt) {
    if (now().getTime() - new Date(link.reminderClaimedAt).getTime() < CLAIM_STALE_MS) return "busy";
    const { data } = await pacedRequest(
      options.pacer,
      12,
      () => options.admin.request(DRAFT_ORDER_INVOICE_STATE, { id: link.draftOrderId }),
      options.signal,
    );
    const sentAt = data.draftOrder?.invoiceSentAt as string | null | undefined;
    if (sentAt && new Date(sentAt) >= new Date(link.reminderClaimedAt)) return reminded(db, options, link, index);
  }
  const claimed = await db.query(
    `UPDATE "OrderLink" SET "reminderClaimedAt" = $4
      WHERE id = $1 AND "shopId" = $2 AND "remindersSent" = $3 AND state = 'INVOICED'
        AND ("reminderClaimedAt" IS NULL OR "reminderClaimedAt" = $5)
      RETURNING id`,
    [link.id, options.shopId, index, now(), link.reminderClaimedAt],
  );
  if (!claimed.length) return "busy";
  try {
    const { data } = await pacedRequest(
      options.pacer,
      12,
      () => options.admin.request(DRAFT_ORDER_INVOICE_SEND, { id: link.draftOrderId, email }),
      options.signal,
    );
    if (data.draftOrderInvoiceSend?.draftOrder) return reminded(db, options, link, index);
    const userErrors = data.draftOrderInvoiceSend?.userErrors ?? [];
    await db.query(
      `WITH l AS (
         UPDATE "OrderLink" SET "reminderClaimedAt" = NULL, "lastError" = $3, "updatedAt" = now()
          WHERE id = $1 AND "shopId" = $2 RETURNING id, "pledgeId")
       INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
       SELECT gen_random_uuid()::text, $2, l."pledgeId", 'OrderLink', l.id, 'order.reminder_refused', $4, $5::jsonb FROM l`,
      [
        link.id,
        options.shopId,
        userErrors.map((e) => e.message).join("; "),
        options.cause,
        JSON.stringify({ index, userErrors }),
      ],
    );
    return "failed";
  } catch (error) {
    // No answer: the claim stays, and the next run checks the draft before it sends.
    if (error instanceof AdminApiError && error.retryable) return "failed";
    throw error;
  }
}

async function reminded(db: Database, options: ReminderOptions, link: DueLink, index: number): Promise<"sent"> {
  await db.query(
    `WITH l AS (
       UPDATE "OrderLink" SET "remindersSent" = $3 + 1, "reminderClaimedAt" = NULL, "lastError" = NULL, "updatedAt" = now()
        WHERE id = $1 AND "shopId" = $2 AND "remindersSent" = $3 RETURNING id, "pledgeId")
     INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
     SELECT gen_random_uuid()::text, $2, l."pledgeId", 'OrderLink', l.id, 'order.reminded', $4, $5::jsonb FROM l`,
    [link.id, options.shopId, index, options.cause, JSON.stringify({ reminder: index + 1 })],
  );
  return "sent";
}
