// Catalog objects as the Admin API shows them.
import { connection, type PageArgs } from "../connection";
import { gid } from "../state/ids";
import { quantity } from "../state/inventory";
import { groupCoversVariant } from "../state/selling-plans";
import { toDecimal } from "../state/money";
import type { ShopState } from "../state/shop-state";
import type { Customer, InventoryItem, Location, Product, Variant } from "../state/types";
import { metafieldOf, metafieldsOf } from "../state/metafields";
import { metafieldView } from "./metafields";
import { sellingPlanGroupView } from "./selling-plans";

export function locationView(location: Location) {
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    name: location.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    address: { __typename: "LocationAddress", city: location.city, countryCode: location.countryCode },
  };
}

export function productView(state: ShopState, product: Product): Record<string, unknown> {
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: "ACTIVE",
    tags: product.tags,
    createdAt: product.createdAt,
    options: product.options.map((option, index) => ({
      __typename: "ProductOption",
      id: gid("ProductOption", product.id * 10 + index),
      name: option.name,
      position: index + 1,
      values: option.values,
    })),
    hasOnlyDefaultVariant: product.variantIds.length === 1 && product.options[0]?.name === "Title",
    totalInventory: product.variantIds.reduce(
      (sum, id) => sum + availableEverywhere(state, state.variants.get(id)!),
      0,
    ),
    variants: (args: PageArgs) =>
      connection(
        product.variantIds.map((id) => state.variants.get(id)!),
        args,
        (v) => variantView(state, v),
      ),
    variantsCount: { __typename: "Count", count: product.variantIds.length, precision: "EXACT" },
    ...metafieldFields(state, gid("Product", product.id)),
  };
}

export function variantView(state: ShopState, variant: Variant): Record<string, unknown> {
  const product = state.products.get(variant.productId)!;
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku,
    price: toDecimal(variant.priceMinor),
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: availableEverywhere(state, variant),
    availableForSale: variant.inventoryPolicy === "CONTINUE" || availableEverywhere(state, variant) > 0,
    selectedOptions: variant.selectedOptions.map((o) => ({ __typename: "SelectedOption", ...o })),
    product: () => productView(state, product),
    inventoryItem: () => inventoryItemView(state, state.inventoryItems.get(variant.inventoryItemId)!),
    sellingPlanGroups: (args: PageArgs) =>
      connection(
        [...state.sellingPlanGroups.values()].filter((group) => groupCoversVariant(state, group, variant.id)),
        args,
        (group) => sellingPlanGroupView(state, group),
      ),
    ...metafieldFields(state, gid("ProductVariant", variant.id)),
  };
}

function metafieldFields(state: ShopState, ownerId: string) {
  return {
    metafield: ({ namespace, key }: { namespace?: string; key: string }) => {
      const metafield = metafieldOf(state, ownerId, namespace, key);
      return metafield ? metafieldView(metafield) : null;
    },
    metafields: (args: PageArgs & { namespace?: string }) =>
      connection(metafieldsOf(state, ownerId, args.namespace), args, metafieldView),
  };
}

export function inventoryItemView(state: ShopState, item: InventoryItem): Record<string, unknown> {
  const variant = [...state.variants.values()].find((v) => v.inventoryItemId === item.id);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    sku: item.sku,
    tracked: item.tracked,
    harmonizedSystemCode: item.harmonizedSystemCode ?? null,
    variant: () => (variant ? variantView(state, variant) : null),
    inventoryLevels: (args: PageArgs) =>
      connection([...item.levels.keys()], args, (locationId) => inventoryLevelView(state, item, locationId)),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const id = Number(/Location\/(\d+)$/.exec(locationId)?.[1]);
      return item.levels.has(id) ? inventoryLevelView(state, item, id) : null;
    },
  };
}

export function inventoryLevelView(state: ShopState, item: InventoryItem, locationId: number): Record<string, unknown> {
  const level = item.levels.get(locationId)!;
  return {
    __typename: "InventoryLevel",
    id: `gid://shopify/InventoryLevel/${item.id}?inventory_item_id=${item.id}&location_id=${locationId}`,
    location: () => locationView(state.locations.get(locationId)!),
    item: () => inventoryItemView(state, item),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => ({
        __typename: "InventoryQuantity",
        id: `${item.id}-${locationId}-${name}`,
        name,
        quantity: quantity(level, name),
        updatedAt: null,
      })),
  };
}

export function customerView(customer: Customer) {
  return {
    __typename: "Customer",
    id: gid("Customer", customer.id),
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: `${customer.firstName} ${customer.lastName}`,
    phone: customer.phone,
    defaultEmailAddress: { __typename: "CustomerEmailAddress", emailAddress: customer.email },
  };
}

function availableEverywhere(state: ShopState, variant: Variant): number {
  const item = state.inventoryItems.get(variant.inventoryItemId)!;
  return [...item.levels.values()].reduce((sum, level) => sum + level.available, 0);
}
