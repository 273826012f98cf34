// Invoices: Shopify's invoice email (draftOrderInvoiceSend) for each drafted pledge, with the campaign's subject
// and message, paced like the push. One email per backer: a link becomes INVOICED when Shopify says it sent; after a
// call that got no answer the draft's invoiceSentAt is read before trying again, since a second try would send a
// second email. A draft the app has never invoiced that shows an invoiceSentAt was invoiced by that call (or by the
// merchant in the admin): either way the backer has the email.
import type { Database } from "../../db/open";
import { renderInvoice } from "../../domain/ordering/invoice";
import type { AdminClient, QueryCost } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { DRAFT_ORDER_INVOICE_SEND, DRAFT_ORDER_INVOICE_STATE } from "../../shopify/operations/draft-orders";
import { pacedRequest, sleep, type CostPacer } from "../../shopify/pacer";
import { runPool } from "../pool";
import { portalLinker } from "../portal/links";
import { portalSettings } from "../portal/settings";
import { invoiceTemplate } from "./settings";
import { backerLabel } from "../../domain/backer-label";

export interface InvoiceOptions {
  shopId: string;
  campaignId: string;
  admin: AdminClient;
  pacer: CostPacer;
  cause: string;
  /** Send again to pledges already invoiced (a reminder by hand). */
  resend?: boolean;
  /** Only these pledges (a backer asking for their link); every drafted pledge of the campaign otherwise. */
  pledgeIds?: string[];
  /** The stand-in's origin, for portal links to its storefront (see storefrontOrigin). */
  adminOrigin?: string;
  after?: string;
  deadline?: number;
  pageSize?: number;
  concurrency?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: InvoiceProgress) => unknown;
}

export interface InvoiceProgress {
  sent: number;
  failed: number;
  done: number;
  total: number;
  cursor: string;
  finished: boolean;
}

interface LinkRow {
  id: string;
  pledgeId: string;
  state: "DRAFTED" | "INVOICED";
  draftOrderId: string;
  lastError: string | null;
  firstName: string | null;
  backerNumber: number | null;
  externalBackerId: string;
}

const COST = 12;

export async function sendInvoices(db: Database, options: InvoiceOptions): Promise<InvoiceProgress> {
  const { shopId, campaignId } = options;
  const campaign = await db.prisma.campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) throw new Error(`No campaign ${campaignId} in this shop`);
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const emailFor = await invoiceEmailer(db, shop, campaign, options.adminOrigin);
  const states = options.resend ? ["DRAFTED", "INVOICED"] : ["DRAFTED"];
  // null: every pledge of the campaign.
  const only = options.pledgeIds ?? null;
  const [{ total } = { total: 0 }] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM "OrderLink"
      WHERE "shopId" = $1 AND "campaignId" = $2 AND state::text = ANY($3) AND "draftOrderId" IS NOT NULL
        AND ($4::text[] IS NULL OR "pledgeId" = ANY($4))`,
    [shopId, campaignId, states, only],
  );
  const progress: InvoiceProgress = {
    sent: 0,
    failed: 0,
    done: 0,
    total,
    cursor: options.after ?? "",
    finished: false,
  };
  const pageSize = options.pageSize ?? 200;

  const sendOne = async (link: LinkRow): Promise<"sent" | "failed"> => {
    const email = emailFor(link);
    const maxAttempts = options.maxAttempts ?? 5;
    // A link that failed before may have been invoiced by a call whose answer never came: look first.
    let lookFirst = link.state === "DRAFTED" && link.lastError !== null;
    for (let attempt = 1; ; attempt++) {
      if (lookFirst) {
        const sent = await invoiceSentAt(options, link.draftOrderId, maxAttempts);
        if (sent === "unknown") return unconfirmed(db, options, link, "Shopify did not say whether it was invoiced");
        if (sent) return invoiced(db, options, link, "order.invoiced");
      }
      try {
        const { data } = await paced(options, () =>
          options.admin.request(DRAFT_ORDER_INVOICE_SEND, { id: link.draftOrderId, email }),
        );
        const answer = data.draftOrderInvoiceSend;
        if (answer?.draftOrder) return await invoiced(db, options, link, "order.invoiced");
        const userErrors = answer?.userErrors ?? [];
        await db.query(
          `WITH l AS (
             UPDATE "OrderLink" SET "lastError" = $3, "userErrors" = $4::jsonb, "updatedAt" = now()
              WHERE id = $2 AND "shopId" = $1 RETURNING id, "pledgeId")
           INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
           SELECT gen_random_uuid()::text, $1, l."pledgeId", 'OrderLink', l.id, 'order.invoice_refused', $5, $4::jsonb
             FROM l`,
          [shopId, link.id, userErrors.map((e) => e.message).join("; "), JSON.stringify(userErrors), options.cause],
        );
        return "failed";
      } catch (error) {
        if (!(error instanceof AdminApiError) || !error.retryable) throw error;
        // The email may have gone: a resend is only safe once Shopify says it did not (a resend by request
        // of an invoiced link is a reminder, and is simply tried again).
        lookFirst = link.state === "DRAFTED";
        if (attempt >= maxAttempts) return unconfirmed(db, options, link, error.message);
        await sleep(options.retryDelayMs ?? 1000, options.signal);
      }
    }
  };

  for (;;) {
    options.signal?.throwIfAborted();
    const page = await db.query<LinkRow>(
      `SELECT l.id, l."pledgeId", l.state, l."draftOrderId", l."lastError", b."firstName", p."backerNumber", p."externalBackerId"
         FROM "OrderLink" l JOIN "Pledge" p ON p.id = l."pledgeId" JOIN "Backer" b ON b.id = p."backerId"
        WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state::text = ANY($3) AND l."draftOrderId" IS NOT NULL
          AND l."pledgeId" > $4 AND ($6::text[] IS NULL OR l."pledgeId" = ANY($6))
        ORDER BY l."pledgeId"
        LIMIT $5`,
      [shopId, campaignId, states, progress.cursor, pageSize, only],
    );
    for (const outcome of await runPool(
      page.map((link) => () => sendOne(link)),
      options.concurrency ?? 8,
    )) {
      progress[outcome]++;
    }
    progress.done += page.length;
    if (page.length) progress.cursor = page.at(-1)!.pledgeId;
    if (page.length < pageSize) {
      progress.finished = true;
      break;
    }
    await options.onProgress?.({ ...progress });
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
  }
  await options.onProgress?.({ ...progress });
  return progress;
}

/**
 * The campaign's invoice email for one backer: the merchant's subject and message (or the default in the shop's
 * language) with the placeholders filled, {link} being the backer's own portal link. Invoices and reminders both
 * send it.
 */
export async function invoiceEmailer(
  db: Database,
  shop: { id: string; locale: string },
  campaign: { name: string; settings: unknown },
  adminOrigin?: string,
) {
  const template = invoiceTemplate(campaign.settings, shop.locale);
  const linkFor = await portalLinker(db.prisma, shop.id, {
    adminOrigin,
    days: portalSettings(campaign.settings).linkDays,
  });
  return (backer: {
    pledgeId: string;
    firstName: string | null;
    backerNumber: number | null;
    externalBackerId: string;
  }) =>
    renderInvoice(
      template,
      { name: backer.firstName, campaign: campaign.name, number: backerLabel(backer), link: linkFor(backer.pledgeId) },
      template.fallbackName,
    );
}

/** The draft's invoiceSentAt, asked until Shopify answers (or "unknown" after every try). */
async function invoiceSentAt(
  options: InvoiceOptions,
  draftOrderId: string,
  maxAttempts: number,
): Promise<string | null | "unknown"> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const { data } = await paced(options, () =>
        options.admin.request(DRAFT_ORDER_INVOICE_STATE, { id: draftOrderId }),
      );
      return (data.draftOrder?.invoiceSentAt as string | null | undefined) ?? null;
    } catch (error) {
      if (!(error instanceof AdminApiError) || !error.retryable) throw error;
      await sleep(options.retryDelayMs ?? 1000, options.signal);
    }
  }
  return "unknown";
}

/** Left DRAFTED with the error, so that the next run looks before it sends. */
async function unconfirmed(db: Database, options: InvoiceOptions, link: LinkRow, message: string): Promise<"failed"> {
  await db.prisma.orderLink.updateMany({
    where: { id: link.id, shopId: options.shopId },
    data: { lastError: message },
  });
  return "failed";
}

function paced<R extends { cost: QueryCost | null }>(options: InvoiceOptions, send: () => Promise<R>): Promise<R> {
  return pacedRequest(options.pacer, COST, send, options.signal);
}

async function invoiced(db: Database, options: InvoiceOptions, link: LinkRow, kind: string): Promise<"sent"> {
  await db.query(
    `WITH l AS (
       UPDATE "OrderLink" SET state = 'INVOICED', "invoicedAt" = COALESCE("invoicedAt", now()), "lastError" = NULL,
              "userErrors" = '[]', "updatedAt" = now()
        -- A backer who paid meanwhile stays paid.
        WHERE id = $2 AND "shopId" = $1 AND state IN ('DRAFTED', 'INVOICED') RETURNING id, "pledgeId")
     INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
     SELECT gen_random_uuid()::text, $1, l."pledgeId", 'OrderLink', l.id, $3, $4, $5::jsonb FROM l`,
    [options.shopId, link.id, kind, options.cause, JSON.stringify({ draftOrderId: link.draftOrderId })],
  );
  return "sent";
}
