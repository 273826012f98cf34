// inventory_levels/update: Shopify's stock changed at one location. The payload has `available` only, so the
// variant is read again (every quantity name, every location) when the app has a stake in it, and what the app
// holds is checked against what Shopify now shows.
import { z } from "zod";
import { TerminalJobError } from "../../jobs/queue";
import { checkDrift } from "../../services/inventory/allocation";
import { refreshItem } from "../../services/inventory/levels";
import { adminForShop, ShopNotConnectedError } from "../../services/shop-admin";
import type { WebhookHandler } from "../process";

const LevelPayload = z.object({ inventory_item_id: z.union([z.number(), z.string()]) });

export const inventoryWebhookHandlers: Record<string, WebhookHandler> = {
  "inventory_levels/update": async (db, webhook, _context, deps) => {
    const payload = LevelPayload.safeParse(webhook.payload);
    if (!payload.success) throw new TerminalJobError("inventory_levels/update payload has no inventory_item_id");
    const shop = await db.prisma.shop.findUnique({ where: { domain: webhook.shop } });
    if (!shop) return { result: "no shop" };
    const inventoryItemId = `gid://shopify/InventoryItem/${payload.data.inventory_item_id}`;
    // Only items the app already follows: a store with thousands of products sends many of these.
    const followed = await db.prisma.inventoryLevel.count({ where: { shopId: shop.id, inventoryItemId } });
    if (!followed) return { result: "not followed" };
    try {
      const { admin } = await adminForShop(db.prisma, shop.id, { adminOrigin: deps.adminOrigin });
      const refreshed = await refreshItem(db, { shopId: shop.id, admin, pacer: deps.pacer, inventoryItemId });
      const drift = await checkDrift(db, shop.id);
      return { result: "refreshed", levels: refreshed.levels, drifted: drift.drifted };
    } catch (error) {
      if (error instanceof ShopNotConnectedError) return { result: "not connected" };
      throw error;
    }
  },
};
