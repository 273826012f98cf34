// The shop's fulfillment settings (Shop.settings.fulfillment), read through their schema so an older or
// hand-edited value falls back to the defaults.
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { MixedOrders } from "./holds";

const FulfillmentSettings = z.object({
  /** An order with pre-order lines and items in stock: held whole, or only its pre-order lines. */
  mixedOrders: z.enum(["hold_whole", "ship_in_stock_now"]),
});

export type FulfillmentSettings = { mixedOrders: MixedOrders };

const DEFAULTS: FulfillmentSettings = { mixedOrders: "hold_whole" };

export function fulfillmentSettings(shopSettings: unknown): FulfillmentSettings {
  const parsed = FulfillmentSettings.partial().safeParse(
    (shopSettings as Record<string, unknown> | null)?.fulfillment ?? {},
  );
  return { ...DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

export async function updateFulfillmentSettings(
  prisma: PrismaClient,
  shopId: string,
  patch: Partial<FulfillmentSettings>,
) {
  const valid = FulfillmentSettings.partial().parse(patch);
  return prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId } });
    const next = { ...fulfillmentSettings(shop.settings), ...valid };
    const settings = { ...((shop.settings as object | null) ?? {}), fulfillment: next };
    await tx.shop.update({ where: { id: shopId }, data: { settings: settings as object } });
    return next;
  });
}
