// The shop's starting catalog, locations, stock and customers, from sim/seed/catalog.json.
import { emptyQuantities } from "./inventory";
import type { ShopState } from "./shop-state";
import type { InventoryItem, Product, Variant } from "./types";

export interface CatalogSeed {
  locations: Array<{ name: string; city: string; countryCode: string }>;
  products: Array<{
    title: string;
    vendor: string;
    productType: string;
    tags?: string[];
    options?: string[];
    /** The customs tariff code of its variants' inventory items. */
    hsCode?: string;
    variants: Array<{
      sku: string;
      price: string;
      options?: string[];
      inventory: number[];
      inventoryPolicy?: "DENY" | "CONTINUE";
    }>;
  }>;
  customers: Array<{ email: string; firstName: string; lastName: string; phone?: string }>;
}

export function seedShop(state: ShopState, catalog: CatalogSeed) {
  const locationIds = catalog.locations.map((location) => {
    const id = state.id();
    state.locations.set(id, { id, ...location });
    return id;
  });
  for (const seed of catalog.products) {
    const product: Product = {
      id: state.id(),
      title: seed.title,
      handle: seed.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
      vendor: seed.vendor,
      productType: seed.productType,
      tags: seed.tags ?? [],
      options: (seed.options ?? ["Title"]).map((name, index) => ({
        name,
        values: [...new Set(seed.variants.map((v) => v.options?.[index] ?? "Default Title"))],
      })),
      variantIds: [],
      createdAt: state.now().toISOString(),
    };
    state.products.set(product.id, product);
    for (const variantSeed of seed.variants) {
      const item: InventoryItem = {
        id: state.id(),
        sku: variantSeed.sku,
        tracked: true,
        harmonizedSystemCode: seed.hsCode ?? null,
        levels: new Map(),
      };
      variantSeed.inventory.forEach((available, index) => {
        const level = emptyQuantities();
        level.available = available;
        item.levels.set(locationIds[index]!, level);
      });
      state.inventoryItems.set(item.id, item);
      const values = variantSeed.options ?? ["Default Title"];
      const variant: Variant = {
        id: state.id(),
        productId: product.id,
        title: values.join(" / "),
        sku: variantSeed.sku,
        priceMinor: Math.round(Number(variantSeed.price) * 100),
        inventoryItemId: item.id,
        inventoryPolicy: variantSeed.inventoryPolicy ?? "DENY",
        selectedOptions: product.options.map((option, index) => ({
          name: option.name,
          value: values[index] ?? "Default Title",
        })),
      };
      state.variants.set(variant.id, variant);
      product.variantIds.push(variant.id);
    }
  }
  for (const customer of catalog.customers) {
    const id = state.id();
    state.customers.set(id, { id, phone: null, ...customer });
  }
}
