// Shopify's stock per variant and location, copied into InventoryLevel so the inventory view is one query.
// Refreshed for the variants the app cares about (mapped rewards, pre-order offers, backers' choices) by the
// reconciliation job and the CLI, and for one item at one location by the inventory_levels/update webhook.
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { ITEM_VARIANT, VARIANT_LEVELS } from "../../shopify/operations/inventory";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import { inShopCampaigns } from "../shop-campaigns";

const PAGE = 25;

/** Every variant the app has a stake in: rewards' items, backers' swaps and extras, pre-order offers. */
export async function trackedVariantIds(db: Database, shopId: string, campaignId?: string | null): Promise<string[]> {
  const rows = await db.query<{ variantId: string }>(
    `SELECT ri."variantId" FROM "RewardItem" ri JOIN "Reward" r ON r.id = ri."rewardId"
      WHERE ri."shopId" = $1 AND ($2::text IS NULL OR r."campaignId" = $2)
     UNION
     SELECT v."variantId" FROM "PreorderVariant" v JOIN "PreorderOffer" o ON o.id = v."offerId"
      WHERE v."shopId" = $1 AND ($2::text IS NULL OR o."campaignId" = $2)
     UNION
     SELECT c.value #>> '{}' FROM "Pledge" p, jsonb_each(COALESCE(p.choices->'variants', '{}'::jsonb)) c
      WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)
     UNION
     SELECT e->>'variantId' FROM "Pledge" p, jsonb_array_elements(COALESCE(p.choices->'extras', '[]'::jsonb)) e
      WHERE p."shopId" = $1 AND ${inShopCampaigns("p")} AND ($2::text IS NULL OR p."campaignId" = $2)`,
    [shopId, campaignId ?? null],
  );
  return rows.map((r) => r.variantId).filter(Boolean);
}

export async function refreshLevels(
  db: Database,
  options: { shopId: string; admin: AdminClient; pacer?: CostPacer; variantIds: string[]; signal?: AbortSignal },
) {
  let levels = 0;
  for (let i = 0; i < options.variantIds.length; i += PAGE) {
    options.signal?.throwIfAborted();
    const ids = options.variantIds.slice(i, i + PAGE);
    const ask = () => options.admin.request(VARIANT_LEVELS, { ids });
    const { data } = await pacedRequest(options.pacer, PAGE * 22, ask);
    const rows = data.nodes.flatMap((node) => {
      if (!node || !("inventoryItem" in node) || !node.inventoryItem.tracked) return [];
      return node.inventoryItem.inventoryLevels.nodes.map((level) => {
        const q = Object.fromEntries(level.quantities.map((x) => [x.name, x.quantity]));
        return {
          variantId: node.id,
          inventoryItemId: node.inventoryItem.id,
          locationId: level.location.id,
          locationName: level.location.name,
          productId: node.product.id,
          productTitle: node.product.title,
          variantTitle: node.title,
          sku: node.sku ?? null,
          onHand: q.on_hand ?? 0,
          available: q.available ?? 0,
          committed: q.committed ?? 0,
          reserved: q.reserved ?? 0,
          incoming: q.incoming ?? 0,
        };
      });
    });
    await upsertLevels(db, options.shopId, rows);
    levels += rows.length;
  }
  return { variants: options.variantIds.length, levels };
}

/** What ITEM_VARIANT asks of the bucket: the item and its variant. */
const ITEM_VARIANT_COST = 2;

/** The webhook names an inventory item and a location: read that variant again (all its locations). */
export async function refreshItem(
  db: Database,
  options: { shopId: string; admin: AdminClient; pacer?: CostPacer; inventoryItemId: string },
) {
  const ask = () => options.admin.request(ITEM_VARIANT, { id: options.inventoryItemId });
  const { data } = await pacedRequest(options.pacer, ITEM_VARIANT_COST, ask);
  const variantId = data.inventoryItem?.variant?.id;
  if (!variantId) return { variants: 0, levels: 0, variantId: null };
  return { ...(await refreshLevels(db, { ...options, variantIds: [variantId] })), variantId };
}

async function upsertLevels(db: Database, shopId: string, rows: Array<Record<string, unknown>>) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO "InventoryLevel" (id, "shopId", "variantId", "inventoryItemId", "locationId", "locationName",
            "productId", "productTitle", "variantTitle", sku, "onHand", available, committed, reserved, incoming,
            "updatedAt")
     SELECT gen_random_uuid()::text, $1, x."variantId", x."inventoryItemId", x."locationId", x."locationName",
            x."productId", x."productTitle", x."variantTitle", x.sku, x."onHand", x.available, x.committed,
            x.reserved, x.incoming, now()
       FROM json_to_recordset($2::json) AS x("variantId" text, "inventoryItemId" text, "locationId" text,
            "locationName" text, "productId" text, "productTitle" text, "variantTitle" text, sku text,
            "onHand" int, available int, committed int, reserved int, incoming int)
     ON CONFLICT ("shopId", "inventoryItemId", "locationId") DO UPDATE
        SET "variantId" = EXCLUDED."variantId", "locationName" = EXCLUDED."locationName",
            "productId" = EXCLUDED."productId", "productTitle" = EXCLUDED."productTitle",
            "variantTitle" = EXCLUDED."variantTitle", sku = EXCLUDED.sku, "onHand" = EXCLUDED."onHand",
            available = EXCLUDED.available, committed = EXCLUDED.committed, reserved = EXCLUDED.reserved,
            incoming = EXCLUDED.incoming, "updatedAt" = now()`,
    [shopId, JSON.stringify(rows)],
  );
}
