// The checks that look for trouble nobody's action announces: addresses that will not ship (incomplete, or no
// phone where customs needs one), the same person pledging from two sources or as two records, invoices unpaid
// after the shop's number of days. Each is a full pass over one campaign that raises what it finds and clears what
// it no longer finds; run after an import, after an address is edited, and by the `exceptions-scan` job every hour.
import type { Database } from "../db/open";
import { addressProblem } from "../domain/portal/form";
import { exceptionSettings } from "./exception-settings";
import { syncExceptions, type RaisedException } from "./exceptions";
import { portalSettings } from "./portal/settings";

/** Pledges whose address still matters to the app: collected and not yet an order in Shopify. */
const OPEN_PLEDGE = `p.status = 'COLLECTED' AND (l.state IS NULL OR l.state IN ('PLANNED', 'CREATING', 'DRAFTED', 'INVOICED'))`;

export async function checkCampaign(db: Database, shopId: string, campaignId: string, cause: string, now = new Date()) {
  const campaign = await db.prisma.campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) return null;
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const portal = portalSettings(campaign.settings);
  // An import that read a backer just before the merchant merged it can put a pledge back on the merged record;
  // it belongs to the record that record was merged into.
  await db.query(
    `UPDATE "Pledge" p SET "backerId" = b."mergedIntoId", "updatedAt" = now()
       FROM "Backer" b
      WHERE p."shopId" = $1 AND p."campaignId" = $2 AND b.id = p."backerId" AND b."mergedIntoId" IS NOT NULL`,
    [shopId, campaignId],
  );

  const backers = await db.query<{
    id: string;
    pledgeId: string;
    backerNumber: number | null;
    address1: string | null;
    city: string | null;
    countryCode: string | null;
    provinceCode: string | null;
    zip: string | null;
    phone: string | null;
  }>(
    `SELECT DISTINCT ON (b.id) b.id, p.id AS "pledgeId", p."backerNumber", b.address1, b.city, b."countryCode",
            b."provinceCode", b.zip, b.phone
       FROM "Backer" b JOIN "Pledge" p ON p."backerId" = b.id LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
      WHERE b."shopId" = $1 AND b."campaignId" = $2 AND ${OPEN_PLEDGE}
      ORDER BY b.id, p."createdAt"`,
    [shopId, campaignId],
  );
  const found = { address_incomplete: [] as RaisedException[], phone_missing: [] as RaisedException[] };
  for (const backer of backers) {
    const problem = addressProblem(backer, portal);
    if (!problem) continue;
    found[problem].push({
      campaignId,
      pledgeId: backer.pledgeId,
      kind: problem,
      severity: "WARNING",
      subjectType: "Backer",
      subjectId: backer.id,
      data: { countryCode: backer.countryCode, actions: ["edit_address", "resend_link"] },
    });
  }

  const duplicates = await db.query<{ backerId: string; pledgeId: string; sources: string[]; numbers: number[] }>(
    `SELECT p."backerId", min(p.id) AS "pledgeId", array_agg(DISTINCT p.source::text ORDER BY p.source::text) AS sources,
            array_remove(array_agg(p."backerNumber" ORDER BY p."backerNumber"), NULL) AS numbers
       FROM "Pledge" p
      WHERE p."shopId" = $1 AND p."campaignId" = $2 AND p.status = 'COLLECTED'
      GROUP BY p."backerId" HAVING count(DISTINCT p.source) > 1`,
    [shopId, campaignId],
  );

  const twins = await twinBackers(db, shopId, campaignId);

  const days = exceptionSettings(shop.settings).unpaidInvoiceDays;
  const unpaid = await db.query<{ pledgeId: string; orderDays: number }>(
    `SELECT l."pledgeId", floor(extract(epoch FROM ($3::timestamptz - l."invoicedAt")) / 86400)::int AS "orderDays"
       FROM "OrderLink" l
      WHERE l."shopId" = $1 AND l."campaignId" = $2 AND l.state = 'INVOICED'
        AND l."invoicedAt" < $3::timestamptz - make_interval(days => $4)`,
    [shopId, campaignId, now.toISOString(), days],
  );

  await syncExceptions(db, shopId, campaignId, "address_incomplete", found.address_incomplete, cause);
  await syncExceptions(db, shopId, campaignId, "phone_missing", found.phone_missing, cause);
  await syncExceptions(
    db,
    shopId,
    campaignId,
    "duplicate_backer",
    [
      ...duplicates.map((d) => ({
        campaignId,
        pledgeId: d.pledgeId,
        kind: "duplicate_backer" as const,
        severity: "WARNING" as const,
        subjectType: "Backer" as const,
        subjectId: d.backerId,
        data: { sources: d.sources, backerNumbers: d.numbers, actions: ["open_backer"] },
      })),
      // Last, so that a backer who is both keeps this one: merging answers more than the other.
      ...twins.map((t) => ({
        campaignId,
        pledgeId: t.pledgeId,
        kind: "duplicate_backer" as const,
        severity: "WARNING" as const,
        subjectType: "Backer" as const,
        subjectId: t.id,
        data: {
          otherBackerId: t.keepId,
          otherBackerNumber: t.keepNumber,
          reason: t.reason,
          actions: ["merge_backers", "open_backer"],
        },
      })),
    ],
    cause,
  );
  await syncExceptions(
    db,
    shopId,
    campaignId,
    "invoice_unpaid",
    unpaid.map((u) => ({
      campaignId,
      pledgeId: u.pledgeId,
      kind: "invoice_unpaid",
      severity: "WARNING",
      subjectType: "Pledge",
      subjectId: u.pledgeId,
      data: { days: u.orderDays, actions: ["resend_link"] },
    })),
    cause,
  );
  return {
    addressIncomplete: found.address_incomplete.length,
    phoneMissing: found.phone_missing.length,
    duplicates: duplicates.length + twins.length,
    unpaid: unpaid.length,
  };
}

/**
 * Two backer records that look like one person (the same name, and the same postcode in the same country or the
 * same phone number) under different emails, so the import could not merge them: each younger one, with the
 * oldest as the one to merge it into. A shared phone alone is a household, not a duplicate.
 */
async function twinBackers(db: Database, shopId: string, campaignId: string) {
  return db.query<{ id: string; keepId: string; keepNumber: number | null; pledgeId: string; reason: string }>(
    `WITH candidates AS (
       SELECT b.id, b."createdAt", b."countryCode",
              lower(regexp_replace(coalesce(b."firstName", '') || coalesce(b."lastName", ''), '[^[:alnum:]]', '', 'g')) AS name,
              upper(regexp_replace(coalesce(b.zip, ''), '[^[:alnum:]]', '', 'g')) AS zip,
              regexp_replace(coalesce(b.phone, ''), '[^0-9]', '', 'g') AS phone,
              (SELECT p.id FROM "Pledge" p WHERE p."backerId" = b.id AND p.status = 'COLLECTED'
                ORDER BY p."createdAt", p.id LIMIT 1) AS "pledgeId"
         FROM "Backer" b
        WHERE b."shopId" = $1 AND b."campaignId" = $2 AND b."mergedIntoId" IS NULL
     ), keyed AS (
       SELECT id, "createdAt", "pledgeId", 'same_name_postcode' AS reason, name || '|' || zip || '|' || "countryCode" AS key
         FROM candidates WHERE "pledgeId" IS NOT NULL AND name <> '' AND zip <> '' AND "countryCode" IS NOT NULL
       UNION ALL
       SELECT id, "createdAt", "pledgeId", 'same_name_phone', name || '|' || phone
         FROM candidates WHERE "pledgeId" IS NOT NULL AND name <> '' AND length(phone) >= 8
     ), ranked AS (
       SELECT id, "pledgeId", reason,
              first_value(id) OVER older AS "keepId", first_value("pledgeId") OVER older AS "keepPledgeId"
         FROM keyed
       -- One import writes a batch of backers at one instant; their first pledges' ids keep the file's order.
       WINDOW older AS (PARTITION BY reason, key ORDER BY "createdAt", "pledgeId", id)
     )
     SELECT DISTINCT ON (r.id) r.id, r."keepId", r."pledgeId", r.reason, kp."backerNumber" AS "keepNumber"
       FROM ranked r JOIN "Pledge" kp ON kp.id = r."keepPledgeId"
      WHERE r.id <> r."keepId"
      ORDER BY r.id, r.reason DESC`,
    [shopId, campaignId],
  );
}

/** Every campaign of the shop that is not archived. */
export async function checkShop(db: Database, shopId: string, cause: string, now = new Date()) {
  const campaigns = await db.prisma.campaign.findMany({
    where: { shopId, status: { not: "ARCHIVED" } },
    select: { id: true },
  });
  for (const campaign of campaigns) await checkCampaign(db, shopId, campaign.id, cause, now);
  return campaigns.length;
}
