// The stand-in's shops, each with its own state: one shop never sees another's data.
import { readFileSync } from "node:fs";
import path from "node:path";
import { seedShop, type CatalogSeed } from "./state/seed";
import { ShopState } from "./state/shop-state";

export interface ShopDefinition {
  domain: string;
  accessToken: string;
  name: string;
  currencyCode: string;
}

export interface SimShop extends ShopDefinition {
  ianaTimezone: string;
  scopes: string[];
  numericId: number;
  state: ShopState;
}

export const DEFAULT_SCOPES = [
  "write_draft_orders",
  "read_draft_orders",
  "write_orders",
  "read_orders",
  "write_products",
  "read_products",
  "write_inventory",
  "read_inventory",
  "read_locations",
  "write_merchant_managed_fulfillment_orders",
  "read_merchant_managed_fulfillment_orders",
  "write_purchase_options",
  "read_purchase_options",
  "write_translations",
  "read_translations",
  "read_payment_mandate",
  "write_payment_mandate",
  "write_customers",
  "read_customers",
  "write_app_proxy",
];

export function loadCatalog(file = path.resolve(import.meta.dirname, "seed/catalog.json")): CatalogSeed {
  return JSON.parse(readFileSync(file, "utf8")) as CatalogSeed;
}

export type ShopEvent = (shop: SimShop, topic: string, payload: Record<string, unknown>) => void;

export class SimStore {
  private readonly shops = new Map<string, SimShop>();

  constructor(
    private readonly catalog: CatalogSeed,
    private readonly onEvent: ShopEvent = () => {},
  ) {}

  addShop(definition: ShopDefinition): SimShop {
    const shop = {
      ...definition,
      ianaTimezone: "Europe/Paris",
      scopes: DEFAULT_SCOPES,
      numericId: 60_000_000_000 + this.shops.size + 1,
    } as SimShop;
    shop.state = this.freshState(shop);
    this.shops.set(shop.domain, shop);
    return shop;
  }

  /** Every shop back to its seeded state: what each test starts from. */
  reset() {
    for (const shop of this.shops.values()) shop.state = this.freshState(shop);
  }

  shop(domain: string): SimShop | undefined {
    return this.shops.get(domain);
  }

  shopByToken(token: string): SimShop | undefined {
    return [...this.shops.values()].find((shop) => shop.accessToken === token);
  }

  all(): SimShop[] {
    return [...this.shops.values()];
  }

  private freshState(shop: SimShop): ShopState {
    const state = new ShopState(shop.currencyCode, (topic, payload) => this.onEvent(shop, topic, payload));
    seedShop(state, this.catalog);
    return state;
  }
}
