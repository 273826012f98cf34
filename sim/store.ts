// The stand-in's state: the shops it serves, in memory. Issue-by-issue it grows the rest of a store
// (catalog, inventory, draft orders, orders, fulfillment orders).
export interface SimShop {
  domain: string;
  accessToken: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  scopes: string[];
  numericId: number;
}

export const DEFAULT_SCOPES = [
  "write_draft_orders", "read_draft_orders", "write_orders", "read_orders", "write_products", "read_products",
  "write_inventory", "read_inventory", "read_locations", "write_merchant_managed_fulfillment_orders",
  "read_merchant_managed_fulfillment_orders", "write_purchase_options", "read_purchase_options",
  "write_customers", "read_customers", "write_app_proxy",
];

export class SimStore {
  private readonly shops = new Map<string, SimShop>();

  addShop(shop: Omit<SimShop, "numericId" | "scopes" | "ianaTimezone"> & Partial<SimShop>): SimShop {
    const full: SimShop = {
      numericId: 60_000_000_000 + this.shops.size + 1,
      scopes: DEFAULT_SCOPES,
      ianaTimezone: "Europe/Paris",
      ...shop,
    };
    this.shops.set(full.domain, full);
    return full;
  }

  shop(domain: string): SimShop | undefined {
    return this.shops.get(domain);
  }

  shopByToken(token: string): SimShop | undefined {
    return [...this.shops.values()].find((shop) => shop.accessToken === token);
  }
}
