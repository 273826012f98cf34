// Backers' personal data: what the compliance webhooks promise, and the shop's retention setting.
// - customers/data_request: an Event on each matching backer and a `data_request` exception in the inbox, whose
//   action downloads everything the app holds about that backer (`backerData`), for the merchant to send on.
// - customers/redact and retention: the backer's name, email, phone, address and survey answers are erased, and
//   the rejected import rows that mention the email are deleted; pledges stay, as anonymous counts and amounts.
// - shop/redact deletes the shop's rows (services/shops.ts); app/uninstalled only ends its sessions.
import type { Database } from "../db/open";
import { currentBackerId } from "./backer-alias";
import { backersByIdentity, currentBackerIds } from "./backer-identity";
import { privacySettings } from "./exception-settings";
import { raiseExceptions } from "./exceptions";
import { inShopCampaigns } from "./shop-campaigns";

interface CustomerRequest {
  email: string | null;
  cause: string;
}

async function backersByEmail(db: Database, shopDomain: string, email: string | null) {
  if (!email?.trim()) return { shop: null, backers: [], aliases: [] };
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return { shop: null, backers: [], aliases: [] };
  // A backer merged into another (backer-merge.ts) is found by the identity it kept, and leads to that other one.
  const matching = await backersByIdentity(db, shop.id, email);
  const backers = await db.prisma.backer.findMany({
    where: { shopId: shop.id, id: { in: currentBackerIds(matching) } },
    include: { pledges: { select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  const aliases = matching.filter((b) => b.mergedIntoId).map((b) => b.id);
  return { shop, backers, aliases };
}

/** customers/data_request: recorded against each matching backer, and put in the inbox for the merchant. */
export async function recordCustomerDataRequest(
  db: Database,
  shopDomain: string,
  request: CustomerRequest & { requestId: number | null },
) {
  const { shop, backers } = await backersByEmail(db, shopDomain, request.email);
  if (!shop) return { backers: 0 };
  await db.prisma.event.createMany({
    data: backers.map((backer) => ({
      shopId: shop.id,
      subjectType: "backer",
      subjectId: backer.id,
      kind: "privacy.data_requested",
      cause: request.cause,
      data: { requestId: request.requestId, pledgeIds: backer.pledges.map((pledge) => pledge.id) },
    })),
  });
  await raiseExceptions(
    db,
    shop.id,
    backers.map((backer) => ({
      campaignId: backer.campaignId,
      pledgeId: backer.pledges[0]?.id ?? null,
      kind: "data_request",
      severity: "CRITICAL",
      subjectType: "Backer",
      subjectId: backer.id,
      data: { requestId: request.requestId, actions: ["download_data"] },
    })),
  );
  return { backers: backers.length };
}

/**
 * Everything the app holds about one backer of this shop, as the merchant sends it on; null if not the shop's. A
 * record merged into another gives that other's: its pledges and details are there now.
 */
export async function backerData(db: Database, shopId: string, id: string) {
  const backer = await db.prisma.backer.findFirst({
    where: { id: await currentBackerId(db, shopId, id), shopId },
    include: {
      campaign: { select: { name: true, platform: true } },
      pledges: {
        orderBy: { createdAt: "asc" },
        include: { reward: { select: { title: true } }, orderLink: true },
      },
    },
  });
  if (!backer) return null;
  const pledgeIds = backer.pledges.map((p) => p.id);
  const orderIds = backer.pledges.flatMap((p) => (p.orderLink?.orderId ? [p.orderLink.orderId] : []));
  const [shipments, events] = await Promise.all([
    db.prisma.shipment.findMany({ where: { shopId, orderId: { in: orderIds } }, orderBy: { shippedAt: "asc" } }),
    timelineEvents(db, shopId, backer.id, pledgeIds),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    campaign: backer.campaign,
    contact: {
      email: backer.email,
      firstName: backer.firstName,
      lastName: backer.lastName,
      phone: backer.phone,
      company: backer.company,
    },
    address: {
      address1: backer.address1,
      address2: backer.address2,
      city: backer.city,
      provinceCode: backer.provinceCode,
      zip: backer.zip,
      countryCode: backer.countryCode,
      confirmedAt: backer.addressConfirmedAt,
    },
    pledges: backer.pledges.map((p) => ({
      source: p.source,
      externalBackerId: p.externalBackerId,
      backerNumber: p.backerNumber,
      status: p.status,
      reward: p.reward?.title ?? null,
      amountMinor: p.amountMinor,
      shippingPaidMinor: p.shippingPaidMinor,
      currencyCode: p.currencyCode,
      pledgedAt: p.pledgedAt,
      addOns: p.addOns,
      surveyAnswers: p.answers,
      choices: p.choices,
      order: p.orderLink ? { name: p.orderLink.orderName, state: p.orderLink.state, paidAt: p.orderLink.paidAt } : null,
    })),
    shipments: shipments.map((s) => ({
      company: s.company,
      number: s.number,
      url: s.url,
      status: s.status,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
    })),
    history: events.map((e) => ({ at: e.createdAt, what: e.kind })),
  };
}

/** Every Event about a backer or one of its pledges, oldest first: the backer's timeline. */
export function timelineEvents(db: Database, shopId: string, backerId: string, pledgeIds: string[]) {
  return db.query<{ id: string; kind: string; cause: string; data: Record<string, unknown>; createdAt: Date }>(
    `SELECT id, kind, cause, data, "createdAt" FROM "Event"
      WHERE "shopId" = $1
        AND ((lower("subjectType") = 'backer' AND "subjectId" = $2) OR "pledgeId" = ANY($3)
             OR (lower("subjectType") = 'pledge' AND "subjectId" = ANY($3)))
      ORDER BY "createdAt", id
      LIMIT 1000`,
    [shopId, backerId, pledgeIds],
  );
}

/** Erases the personal fields of these backers of the shop; their pledges stay, anonymous. */
export async function redactBackers(db: Database, shopId: string, backerIds: string[], kind: string, cause: string) {
  if (!backerIds.length) return 0;
  const emails = await db.query<{ email: string }>(
    `SELECT DISTINCT lower(email) AS email FROM "Backer" WHERE "shopId" = $1 AND id = ANY($2) AND email IS NOT NULL`,
    [shopId, backerIds],
  );
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE "Backer" SET "identityKey" = 'redacted:' || id, email = NULL, "firstName" = NULL, "lastName" = NULL,
              phone = NULL, company = NULL, address1 = NULL, address2 = NULL, city = NULL, "provinceCode" = NULL,
              zip = NULL, "updatedAt" = now()
        WHERE "shopId" = $1 AND id = ANY($2)`,
      [shopId, backerIds],
    );
    await tx.query(
      `UPDATE "Pledge" SET answers = '{}', "updatedAt" = now() WHERE "shopId" = $1 AND "backerId" = ANY($2)`,
      [shopId, backerIds],
    );
    // Rejected rows keep the file's cells, personal data included: the ones naming these emails go.
    await tx.query(
      `DELETE FROM "ImportRejection" r WHERE r."shopId" = $1
          AND EXISTS (SELECT 1 FROM unnest($2::text[]) e WHERE position(e IN lower(r.cells::text)) > 0)`,
      [shopId, emails.map((e) => e.email)],
    );
    await tx.query(
      `INSERT INTO "Event" (id, "shopId", "subjectType", "subjectId", kind, cause, data)
       SELECT gen_random_uuid()::text, $1, 'backer', id, $3, $4, '{}'::jsonb FROM unnest($2::text[]) AS id`,
      [shopId, backerIds, kind, cause],
    );
  });
  return backerIds.length;
}

/** customers/redact: the backers with this email in this shop. */
export async function redactCustomer(db: Database, shopDomain: string, request: CustomerRequest) {
  const { shop, backers, aliases } = await backersByEmail(db, shopDomain, request.email);
  if (!shop) return { backersRedacted: 0 };
  const redacted = await redactBackers(
    db,
    shop.id,
    [...backers.map((b) => b.id), ...aliases],
    "privacy.customer_redacted",
    request.cause,
  );
  return { backersRedacted: redacted };
}

/**
 * The shop's retention setting: backers whose last parcel shipped (or whose pledges all ended without one) more
 * than `retentionDays` ago are erased. Backers still waiting for something are never touched.
 */
export async function applyRetention(db: Database, shopId: string, cause: string, now = new Date()) {
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const days = privacySettings(shop.settings).retentionDays;
  if (days === null) return { backersRedacted: 0 };
  const due = await db.query<{ id: string }>(
    `SELECT b.id FROM "Backer" b
      WHERE b."shopId" = $1 AND ${inShopCampaigns("b")} AND b."identityKey" NOT LIKE 'redacted:%'
        AND NOT EXISTS (
          SELECT 1 FROM "Pledge" p LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
           WHERE p."backerId" = b.id AND (
             (p.status = 'COLLECTED' AND NOT EXISTS (
                SELECT 1 FROM "Shipment" s WHERE s."shopId" = $1 AND s."orderId" = l."orderId"
                  AND s."shippedAt" < $2::timestamptz - make_interval(days => $3)))
             OR (p.status <> 'COLLECTED' AND p."updatedAt" >= $2::timestamptz - make_interval(days => $3))))
      LIMIT 5000`,
    [shopId, now.toISOString(), days],
  );
  const redacted = await redactBackers(
    db,
    shopId,
    due.map((b) => b.id),
    "privacy.retention_redacted",
    cause,
  );
  return { backersRedacted: redacted };
}
