// inventoryAdjustQuantities, inventorySetQuantities and inventoryMoveQuantities, with compare-and-swap.
import { checkChangeFrom, checkReason, levelAt, quantity, WRITABLE_NAMES, type QuantityChange } from "./inventory";
import type { ShopState } from "./shop-state";
import { emitInventoryLevel, inventoryTarget } from "./stock";
import type { UserError } from "./types";

export function adjustQuantities(
  state: ShopState,
  input: {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    changes: Array<Record<string, unknown>>;
  },
): { changes: QuantityChange[] | null; userErrors: UserError[] } {
  const reasonError = checkReason(input.reason);
  if (reasonError) return { changes: null, userErrors: [reasonError] };
  if (!WRITABLE_NAMES.includes(input.name as never)) {
    return {
      changes: null,
      userErrors: [
        {
          field: ["input", "name"],
          message: `The quantity name '${input.name}' can't be adjusted.`,
          code: "INVALID_QUANTITY_NAME",
        },
      ],
    };
  }
  const planned: Array<{ level: ReturnType<typeof levelAt>; change: QuantityChange }> = [];
  for (const [index, change] of input.changes.entries()) {
    const field = ["input", "changes", String(index)];
    const target = inventoryTarget(state, change.inventoryItemId, change.locationId, field);
    if ("error" in target) return { changes: null, userErrors: [target.error] };
    if (input.name !== "available" && !change.ledgerDocumentUri) {
      return {
        changes: null,
        userErrors: [
          {
            field: [...field, "ledgerDocumentUri"],
            message: "A ledger document URI is required except when adjusting available.",
            code: "INVALID_LEDGER_DOCUMENT",
          },
        ],
      };
    }
    const current = quantity(target.level, input.name);
    const stale = checkChangeFrom(change, current, [...field, "changeFromQuantity"], "INVALID_QUANTITY_DOCUMENT");
    if (stale) return { changes: null, userErrors: [stale] };
    const delta = Number(change.delta);
    planned.push({
      level: target.level,
      change: {
        inventoryItemId: target.item.id,
        locationId: target.locationId,
        name: input.name,
        delta,
        quantityAfterChange: current + delta,
      },
    });
  }
  for (const { level, change } of planned) (level as Record<string, number>)[change.name] = change.quantityAfterChange;
  for (const { change } of planned) emitInventoryLevel(state, change.inventoryItemId, change.locationId);
  return { changes: planned.map((p) => p.change), userErrors: [] };
}

export function setQuantities(
  state: ShopState,
  input: {
    name: string;
    reason: string;
    quantities: Array<Record<string, unknown>>;
  },
): { changes: QuantityChange[] | null; userErrors: UserError[] } {
  const reasonError = checkReason(input.reason);
  if (reasonError) return { changes: null, userErrors: [reasonError] };
  if (input.name !== "available" && input.name !== "on_hand") {
    return {
      changes: null,
      userErrors: [
        {
          field: ["input", "name"],
          message: "The quantity name must be either 'available' or 'on_hand'.",
          code: "INVALID_NAME",
        },
      ],
    };
  }
  const planned: Array<{ level: ReturnType<typeof levelAt>; change: QuantityChange }> = [];
  for (const [index, entry] of input.quantities.entries()) {
    const field = ["input", "quantities", String(index)];
    const target = inventoryTarget(state, entry.inventoryItemId, entry.locationId, field);
    if ("error" in target) return { changes: null, userErrors: [target.error] };
    const current = quantity(target.level, input.name);
    const stale = checkChangeFrom(entry, current, [...field, "changeFromQuantity"], "COMPARE_QUANTITY_REQUIRED");
    if (stale) return { changes: null, userErrors: [stale] };
    const wanted = Number(entry.quantity);
    planned.push({
      level: target.level,
      change: {
        inventoryItemId: target.item.id,
        locationId: target.locationId,
        name: input.name,
        delta: wanted - current,
        quantityAfterChange: wanted,
      },
    });
  }
  // Setting on_hand changes what is available: the other parts of on_hand stay as they are.
  for (const { level, change } of planned) level.available += change.delta;
  for (const { change } of planned) emitInventoryLevel(state, change.inventoryItemId, change.locationId);
  return { changes: planned.map((p) => p.change), userErrors: [] };
}

export function moveQuantities(
  state: ShopState,
  input: {
    reason: string;
    referenceDocumentUri: string;
    changes: Array<{
      inventoryItemId: unknown;
      quantity: number;
      from: Record<string, unknown>;
      to: Record<string, unknown>;
    }>;
  },
): { changes: QuantityChange[] | null; userErrors: UserError[] } {
  const reasonError = checkReason(input.reason);
  if (reasonError) return { changes: null, userErrors: [reasonError] };
  const planned: Array<{
    from: QuantityChange;
    to: QuantityChange;
    fromLevel: ReturnType<typeof levelAt>;
    toLevel: ReturnType<typeof levelAt>;
  }> = [];
  for (const [index, change] of input.changes.entries()) {
    const field = ["input", "changes", String(index)];
    const from = inventoryTarget(state, change.inventoryItemId, change.from.locationId, [...field, "from"]);
    if ("error" in from) return { changes: null, userErrors: [from.error] };
    const to = inventoryTarget(state, change.inventoryItemId, change.to.locationId, [...field, "to"]);
    if ("error" in to) return { changes: null, userErrors: [to.error] };
    for (const [side, end] of [
      ["from", change.from],
      ["to", change.to],
    ] as const) {
      if (!WRITABLE_NAMES.includes(String(end.name) as never)) {
        return {
          changes: null,
          userErrors: [
            {
              field: [...field, side, "name"],
              message: `The quantity name '${String(end.name)}' can't be moved.`,
              code: "INVALID_QUANTITY_NAME",
            },
          ],
        };
      }
      if (end.name !== "available" && !end.ledgerDocumentUri) {
        return {
          changes: null,
          userErrors: [
            {
              field: [...field, side, "ledgerDocumentUri"],
              message: "A ledger document URI is required except when moving available.",
              code: "INVALID_LEDGER_DOCUMENT",
            },
          ],
        };
      }
    }
    const fromCurrent = quantity(from.level, String(change.from.name));
    const toCurrent = quantity(to.level, String(change.to.name));
    for (const [side, end, current] of [
      ["from", change.from, fromCurrent],
      ["to", change.to, toCurrent],
    ] as const) {
      if ("changeFromQuantity" in end) {
        const stale = checkChangeFrom(
          end,
          current,
          [...field, side, "changeFromQuantity"],
          "INVALID_QUANTITY_DOCUMENT",
        );
        if (stale) return { changes: null, userErrors: [stale] };
      }
    }
    planned.push({
      fromLevel: from.level,
      toLevel: to.level,
      from: {
        inventoryItemId: from.item.id,
        locationId: from.locationId,
        name: String(change.from.name),
        delta: -change.quantity,
        quantityAfterChange: fromCurrent - change.quantity,
      },
      to: {
        inventoryItemId: to.item.id,
        locationId: to.locationId,
        name: String(change.to.name),
        delta: change.quantity,
        quantityAfterChange: toCurrent + change.quantity,
      },
    });
  }
  for (const move of planned) {
    (move.fromLevel as Record<string, number>)[move.from.name] =
      quantity(move.fromLevel, move.from.name) + move.from.delta;
    (move.toLevel as Record<string, number>)[move.to.name] = quantity(move.toLevel, move.to.name) + move.to.delta;
  }
  for (const move of planned) emitInventoryLevel(state, move.from.inventoryItemId, move.from.locationId);
  return { changes: planned.flatMap((move) => [move.from, move.to]), userErrors: [] };
}
