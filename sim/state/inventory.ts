// Inventory with Shopify's quantity names: on_hand is the sum of the states that are physically present.
import { QUANTITY_NAMES, type InventoryItem, type Quantities, type QuantityName, type UserError } from "./types";

// incoming is on its way, not on hand.
export const ON_HAND_PARTS: QuantityName[] = QUANTITY_NAMES.filter((name) => name !== "incoming");
/** What apps may adjust or move; `committed` changes only through orders, `incoming` through transfers. */
export const WRITABLE_NAMES: QuantityName[] = ["available", "reserved", "damaged", "safety_stock", "quality_control"];
export const REASONS = [
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
];

export function emptyQuantities(): Quantities {
  return Object.fromEntries(QUANTITY_NAMES.map((name) => [name, 0])) as Quantities;
}

export function quantity(levels: Quantities, name: string): number {
  if (name === "on_hand") return ON_HAND_PARTS.reduce((sum, part) => sum + levels[part], 0);
  return (levels as Record<string, number>)[name] ?? 0;
}

export function levelAt(item: InventoryItem, locationId: number): Quantities {
  let level = item.levels.get(locationId);
  if (!level) item.levels.set(locationId, (level = emptyQuantities()));
  return level;
}

export interface QuantityChange {
  inventoryItemId: number;
  locationId: number;
  name: string;
  delta: number;
  quantityAfterChange: number;
}

export function checkReason(reason: string): UserError | null {
  return REASONS.includes(reason)
    ? null
    : {
        field: ["input", "reason"],
        message: `The specified reason is invalid. Valid values: ${REASONS.join(", ")}.`,
        code: "INVALID_REASON",
      };
}

/** missingCode differs by mutation: each has its own error-code enum in the schema. */
export function checkChangeFrom(
  change: Record<string, unknown>,
  current: number,
  field: string[],
  missingCode: string,
): UserError | null {
  if (!("changeFromQuantity" in change)) {
    return { field, message: "changeFromQuantity is required. Pass null to opt out of the check.", code: missingCode };
  }
  if (change.changeFromQuantity !== null && change.changeFromQuantity !== current) {
    return {
      field,
      message: `The quantity couldn't be updated because the compare quantity (${String(change.changeFromQuantity)}) doesn't match the current quantity (${current}).`,
      code: "CHANGE_FROM_QUANTITY_STALE",
    };
  }
  return null;
}
