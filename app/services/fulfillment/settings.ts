// The shop's fulfillment settings (Shop.settings.fulfillment).
import { z } from "zod";
import { shopSettingsSection } from "../shop-settings";
import type { MixedOrders } from "./holds";

const FulfillmentSettings = z.object({
  /** An order with pre-order lines and items in stock: held whole, or only its pre-order lines. */
  mixedOrders: z.enum(["hold_whole", "ship_in_stock_now"]),
});

export type FulfillmentSettings = { mixedOrders: MixedOrders };

const fulfillment = shopSettingsSection("fulfillment", FulfillmentSettings, {
  mixedOrders: "hold_whole",
} as FulfillmentSettings);

export const fulfillmentSettings = fulfillment.read;
export const updateFulfillmentSettings = fulfillment.update;
