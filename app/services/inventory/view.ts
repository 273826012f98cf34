// One view of stock against demand per variant, computed in one query (see bench/inventory.ts).
//
// Stock is Shopify's, as last read (InventoryLevel): on hand, available, committed, reserved, per location.
// Demand is what the app knows Shopify does not count yet, per variant:
//   pledged      units on collected pledges with no draft yet (tiers, add-ons, the backer's swaps and extras)
//   inDrafts     units on pledges' open draft orders (Shopify holds them in `reserved` when the draft reserves)
//   preordered   units on pre-order orders not yet shipped; those reserved only on fulfillment are not in
//                Shopify's `committed`, the others are
// Orders already placed (pledges' and pre-orders' on sale) are in `committed`. So, with S = available + reserved
// (stock not yet promised to an order):
//   freeForRetail = max(0, S − inDrafts − pledged − preorderUncommitted)
//   toManufacture = max(0, inDrafts + pledged + preorderUncommitted − S)   (confirmed demand minus stock)
// Demand is store-wide (stock is one truth): a campaign filter picks the campaign's variants, not its share.
// A location filter narrows the stock to that location; demand is not assigned to locations.
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db/open";
import { spreadsheetSafe } from "../../domain/spreadsheet-safe";
import { inShopCampaigns } from "../shop-campaigns";

export interface InventoryFilter {
  campaignId?: string | null;
  productId?: string | null;
  locationId?: string | null;
}

export interface InventoryRow {
  variantId: string;
  sku: string | null;
  productId: string | null;
  productTitle: string | null;
  variantTitle: string | null;
  onHand: number;
  available: number;
  committed: number;
  reserved: number;
  inDrafts: number;
  pledged: number;
  preordered: number;
  preorderUncommitted: number;
  freeForRetail: number;
  toManufacture: number;
  /** When Shopify's stock was last read; null when it never was. */
  stockReadAt: Date | null;
}

/** Units per variant on collected pledges, with each pledge's stage: not yet drafted, in a draft, ordered. */
export const PLEDGE_UNITS = `
pledges AS (
  SELECT p.id, p."campaignId", p.source, p."rewardId", p."addOns", p.choices,
         CASE WHEN l.state IN ('DRAFTED', 'INVOICED') THEN 'draft'
              WHEN l.state IN ('PAID', 'CANCELLED') THEN 'ordered'
              ELSE 'pledged' END AS stage
    FROM "Pledge" p LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
   WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND p.status = 'COLLECTED'
),
-- Add-ons are unnested first: joined before, the planner pairs every pledge with every reward of its campaign.
add_ons AS MATERIALIZED (
  SELECT p.id, p."campaignId", p.source, p.stage, p.choices, a->>'rewardExternalId' AS "externalId",
         (a->>'quantity')::int AS quantity
    FROM pledges p CROSS JOIN LATERAL jsonb_array_elements(p."addOns") a
   WHERE p."addOns" <> '[]'::jsonb AND (a->>'quantity')::int > 0
),
units AS (
  SELECT p.id AS "pledgeId", p."campaignId", p.stage,
         COALESCE(p.choices->'variants'->>ri."variantId", ri."variantId") AS "variantId", ri.quantity AS units
    FROM pledges p JOIN "RewardItem" ri ON ri."rewardId" = p."rewardId"
  UNION ALL
  SELECT a.id, a."campaignId", a.stage, COALESCE(a.choices->'variants'->>ri."variantId", ri."variantId"),
         ri.quantity * a.quantity
    FROM add_ons a
    JOIN "Reward" r ON r."campaignId" = a."campaignId" AND r.source = a.source AND r."externalId" = a."externalId"
    JOIN "RewardItem" ri ON ri."rewardId" = r.id
  UNION ALL
  SELECT p.id, p."campaignId", p.stage, e->>'variantId', (e->>'quantity')::int
    FROM pledges p CROSS JOIN LATERAL jsonb_array_elements(p.choices->'extras') e
   WHERE p.choices ? 'extras' AND (e->>'quantity')::int > 0
)`;

export const INVENTORY_VIEW_SQL = `
WITH ${PLEDGE_UNITS},
pledge_demand AS (
  SELECT "variantId",
         COALESCE(sum(units) FILTER (WHERE stage = 'pledged'), 0)::int AS pledged,
         COALESCE(sum(units) FILTER (WHERE stage = 'draft'), 0)::int AS "inDrafts",
         bool_or("campaignId" = $2) AS "inCampaign"
    FROM units GROUP BY "variantId"
),
preorder_demand AS (
  SELECT l."variantId", sum(l.quantity)::int AS preordered,
         COALESCE(sum(l.quantity) FILTER (WHERE NOT l."reserveOnSale"), 0)::int AS "preorderUncommitted"
    FROM "PreorderLine" l JOIN "PreorderOrder" o ON o.id = l."preorderOrderId"
   WHERE l."shopId" = $1 AND o."cancelledAt" IS NULL AND o."fulfilledAt" IS NULL
   GROUP BY l."variantId"
),
offered AS (
  SELECT DISTINCT v."variantId", v."productId", v.sku, v.title, f."campaignId" = $2 AS "inCampaign"
    FROM "PreorderVariant" v JOIN "PreorderOffer" f ON f.id = v."offerId"
   WHERE v."shopId" = $1
),
stock AS (
  SELECT "variantId", max(sku) AS sku, max("productId") AS "productId", max("productTitle") AS "productTitle",
         max("variantTitle") AS "variantTitle", sum("onHand")::int AS "onHand", sum(available)::int AS available,
         sum(committed)::int AS committed, sum(reserved)::int AS reserved, max("updatedAt") AS "stockReadAt"
    FROM "InventoryLevel"
   WHERE "shopId" = $1 AND ($4::text IS NULL OR "locationId" = $4)
   GROUP BY "variantId"
),
variants AS (
  SELECT "variantId" FROM pledge_demand WHERE $2::text IS NULL OR "inCampaign"
  UNION SELECT "variantId" FROM offered WHERE $2::text IS NULL OR "inCampaign"
  UNION SELECT "variantId" FROM preorder_demand WHERE $2::text IS NULL
  UNION SELECT "variantId" FROM stock WHERE $2::text IS NULL
)
SELECT v."variantId", COALESCE(s.sku, o.sku) AS sku, COALESCE(s."productId", o."productId") AS "productId",
       s."productTitle", COALESCE(s."variantTitle", o.title) AS "variantTitle",
       COALESCE(s."onHand", 0) AS "onHand", COALESCE(s.available, 0) AS available,
       COALESCE(s.committed, 0) AS committed, COALESCE(s.reserved, 0) AS reserved,
       COALESCE(d."inDrafts", 0) AS "inDrafts", COALESCE(d.pledged, 0) AS pledged,
       COALESCE(q.preordered, 0) AS preordered, COALESCE(q."preorderUncommitted", 0) AS "preorderUncommitted",
       GREATEST(0, COALESCE(s.available, 0) + COALESCE(s.reserved, 0) - COALESCE(d."inDrafts", 0)
                   - COALESCE(d.pledged, 0) - COALESCE(q."preorderUncommitted", 0))::int AS "freeForRetail",
       GREATEST(0, COALESCE(d."inDrafts", 0) + COALESCE(d.pledged, 0) + COALESCE(q."preorderUncommitted", 0)
                   - COALESCE(s.available, 0) - COALESCE(s.reserved, 0))::int AS "toManufacture",
       s."stockReadAt"
  FROM variants v
  LEFT JOIN stock s ON s."variantId" = v."variantId"
  LEFT JOIN pledge_demand d ON d."variantId" = v."variantId"
  LEFT JOIN preorder_demand q ON q."variantId" = v."variantId"
  LEFT JOIN (SELECT DISTINCT ON ("variantId") * FROM offered) o ON o."variantId" = v."variantId"
 WHERE $3::text IS NULL OR COALESCE(s."productId", o."productId") = $3
 ORDER BY s."productTitle" NULLS LAST, COALESCE(s.sku, o.sku), v."variantId"`;

/** The page's filters from its query string, each checked against what this shop has. */
export async function inventoryFilter(db: Database, url: URL, shopId: string): Promise<InventoryFilter> {
  const value = (name: string) => url.searchParams.get(name)?.slice(0, 200) || null;
  const gid = (name: string, type: string) => {
    const v = value(name);
    return v && new RegExp(`^gid://shopify/${type}/\\d+$`).test(v) ? v : null;
  };
  const campaignId = value("campaign");
  const known = campaignId ? await db.prisma.campaign.count({ where: { id: campaignId, shopId } }) : 0;
  return {
    campaignId: known ? campaignId : null,
    productId: gid("product", "Product"),
    locationId: gid("location", "Location"),
  };
}

export async function inventoryView(db: Database, shopId: string, filter: InventoryFilter = {}) {
  return db.query<InventoryRow>(INVENTORY_VIEW_SQL, [
    shopId,
    filter.campaignId ?? null,
    filter.productId ?? null,
    filter.locationId ?? null,
  ]);
}

/** Stock against demand per product, for the chart. */
export function byProduct(rows: InventoryRow[]) {
  const products = new Map<string, { title: string; stock: number; demand: number; toManufacture: number }>();
  for (const row of rows) {
    const key = row.productId ?? row.variantId;
    const product = products.get(key) ?? {
      title: row.productTitle ?? row.variantTitle ?? row.sku ?? row.variantId,
      stock: 0,
      demand: 0,
      toManufacture: 0,
    };
    product.stock += row.available + row.reserved + row.committed;
    product.demand += row.committed + row.inDrafts + row.pledged + row.preorderUncommitted;
    product.toManufacture += row.toManufacture;
    products.set(key, product);
  }
  return [...products.values()];
}

export async function inventoryLocations(db: Database, shopId: string) {
  return db.query<{ locationId: string; locationName: string | null }>(
    `SELECT DISTINCT "locationId", "locationName" FROM "InventoryLevel" WHERE "shopId" = $1 ORDER BY "locationName"`,
    [shopId],
  );
}

const CSV_COLUMNS: Array<[keyof InventoryRow, string]> = [
  ["sku", "SKU"],
  ["productTitle", "Product"],
  ["variantTitle", "Variant"],
  ["variantId", "Variant ID"],
  ["onHand", "On hand"],
  ["available", "Available"],
  ["committed", "Committed"],
  ["reserved", "Reserved"],
  ["inDrafts", "In pledge drafts"],
  ["pledged", "Pledged, not drafted"],
  ["preordered", "Pre-ordered"],
  ["freeForRetail", "Free for retail"],
  ["toManufacture", "To manufacture"],
];

/** The view as a spreadsheet: names escaped so a title like =HYPERLINK(…) stays text. */
export function inventoryCsv(rows: InventoryRow[]): string {
  return stringify(
    rows.map((row) =>
      CSV_COLUMNS.map(([key]) => (typeof row[key] === "string" ? spreadsheetSafe(row[key] as string) : row[key])),
    ),
    { header: true, columns: CSV_COLUMNS.map(([, title]) => title), bom: true },
  );
}

/** Per variant, the figures `pledgebridge inventory --json` prints. */
export function inventoryJson(rows: InventoryRow[]) {
  return rows.map((r) => ({
    variantId: r.variantId,
    sku: r.sku,
    onHand: r.onHand,
    available: r.available,
    reserved: r.reserved,
    pledged: r.pledged,
    preordered: r.preordered,
    toManufacture: r.toManufacture,
    committed: r.committed,
    inDrafts: r.inDrafts,
    freeForRetail: r.freeForRetail,
  }));
}

/** Shopify's stock of the view's variants at each location, for the page's breakdown. */
export async function stockByLocation(db: Database, shopId: string, variantIds: string[], locationId?: string | null) {
  if (!variantIds.length) return [];
  return db.query<{
    variantId: string;
    sku: string | null;
    locationId: string;
    locationName: string | null;
    onHand: number;
    available: number;
    committed: number;
    reserved: number;
    incoming: number;
  }>(
    `SELECT "variantId", sku, "locationId", "locationName", "onHand", available, committed, reserved, incoming
       FROM "InventoryLevel"
      WHERE "shopId" = $1 AND "variantId" = ANY($2) AND ($3::text IS NULL OR "locationId" = $3)
      ORDER BY sku, "locationName"`,
    [shopId, variantIds, locationId ?? null],
  );
}
