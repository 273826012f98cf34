// What orders and drafts do to stock: reserve for a draft, give back, commit on an order, and the
// inventory_levels/update webhook that follows each change.
import { levelAt } from "./inventory";
import type { ShopState } from "./shop-state";
import type { DraftOrder, InventoryItem, LineItem, UserError } from "./types";

/** reserveInventoryUntil: the draft's units move from available to reserved at the first location. */
export function reserve(state: ShopState, draft: DraftOrder) {
  for (const line of draft.lineItems) {
    const item = trackedItem(state, line);
    if (!item) continue;
    const level = levelAt(item, state.primaryLocationId);
    level.available -= line.quantity;
    level.reserved += line.quantity;
    draft.reservations.push({ inventoryItemId: item.id, locationId: state.primaryLocationId, quantity: line.quantity });
    emitInventoryLevel(state, item.id, state.primaryLocationId);
  }
}

export function releaseReservations(state: ShopState, draft: DraftOrder, to: "available" | "committed") {
  for (const reservation of draft.reservations) {
    const level = levelAt(state.inventoryItems.get(reservation.inventoryItemId)!, reservation.locationId);
    level.reserved -= reservation.quantity;
    level[to] += reservation.quantity;
    emitInventoryLevel(state, reservation.inventoryItemId, reservation.locationId);
  }
  draft.reservations = [];
}

export function commitStock(state: ShopState, lines: LineItem[]) {
  for (const line of lines) {
    const item = trackedItem(state, line);
    if (!item) continue;
    const level = levelAt(item, state.primaryLocationId);
    level.available -= line.quantity;
    level.committed += line.quantity;
    emitInventoryLevel(state, item.id, state.primaryLocationId);
  }
}

/** A message when a variant that may not oversell lacks stock (its own reservation counts as stock). */
export function stockShortage(
  state: ShopState,
  lines: LineItem[],
  reservations: DraftOrder["reservations"],
): string | null {
  for (const line of lines) {
    const variant = line.variantId ? state.variants.get(line.variantId) : undefined;
    const item = trackedItem(state, line);
    if (!variant || !item || variant.inventoryPolicy === "CONTINUE") continue;
    const held = reservations.filter((r) => r.inventoryItemId === item.id).reduce((sum, r) => sum + r.quantity, 0);
    const available = levelAt(item, state.primaryLocationId).available + held;
    if (available < line.quantity)
      return `${line.title} (${variant.sku}) is not available in the quantity requested: ${available} left`;
  }
  return null;
}

export function inventoryTarget(
  state: ShopState,
  itemGid: unknown,
  locationGid: unknown,
  field: string[],
): { item: InventoryItem; locationId: number; level: ReturnType<typeof levelAt> } | { error: UserError } {
  const itemId = Number(/InventoryItem\/(\d+)$/.exec(String(itemGid))?.[1]);
  const locationId = Number(/Location\/(\d+)$/.exec(String(locationGid))?.[1]);
  const item = state.inventoryItems.get(itemId);
  if (!item)
    return {
      error: {
        field: [...field, "inventoryItemId"],
        message: "The specified inventory item could not be found.",
        code: "INVALID_INVENTORY_ITEM",
      },
    };
  if (!state.locations.has(locationId))
    return {
      error: {
        field: [...field, "locationId"],
        message: "The specified location could not be found.",
        code: "INVALID_LOCATION",
      },
    };
  return { item, locationId, level: levelAt(item, locationId) };
}

export function emitInventoryLevel(state: ShopState, inventoryItemId: number, locationId: number) {
  const item = state.inventoryItems.get(inventoryItemId)!;
  state.emit("inventory_levels/update", {
    inventory_item_id: inventoryItemId,
    location_id: locationId,
    available: levelAt(item, locationId).available,
    updated_at: state.now().toISOString(),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${inventoryItemId}?inventory_item_id=${inventoryItemId}`,
  });
}

/** The inventory item a line draws stock from, when the line is a variant whose stock Shopify tracks. */
export function trackedItem(
  state: ShopState,
  line: Pick<LineItem, "variantId"> | undefined,
): InventoryItem | undefined {
  const variant = line?.variantId ? state.variants.get(line.variantId) : undefined;
  const item = variant ? state.inventoryItems.get(variant.inventoryItemId) : undefined;
  return item?.tracked ? item : undefined;
}
