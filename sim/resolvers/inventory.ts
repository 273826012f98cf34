// Inventory writes. From 2026-04 Shopify requires the @idempotent directive on them: the same key with the same
// request answers the first result again without applying it twice.
import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";
import { gid } from "../state/ids";
import { adjustQuantities, moveQuantities, setQuantities } from "../state/inventory-writes";
import type { QuantityChange } from "../state/inventory";
import { inventoryItemView, locationView } from "../views/catalog";
import type { ResolverContext, RootResolver } from "./context";

function idempotent(info: GraphQLResolveInfo, context: ResolverContext, args: unknown, run: () => unknown) {
  const directive = info.schema.getDirective("idempotent")!;
  const key = getDirectiveValues(directive, info.fieldNodes[0]!, info.variableValues)?.key as string | undefined;
  if (!key) {
    throw new GraphQLError(`The @idempotent directive is required for ${info.fieldName}.`, {
      extensions: { code: "IDEMPOTENCY_KEY_REQUIRED" },
    });
  }
  const request = JSON.stringify([info.fieldName, args]);
  const seen = context.state.idempotencyKeys.get(key);
  if (seen) {
    if (seen.request !== request) {
      return {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: null,
            message: "The idempotency key was already used with a different request.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      };
    }
    return seen.result;
  }
  const result = run();
  context.state.idempotencyKeys.set(key, { request, result });
  return result;
}

function groupView(
  context: ResolverContext,
  reason: string,
  referenceDocumentUri: string | null,
  changes: QuantityChange[] | null,
) {
  if (!changes) return null;
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", context.state.id()),
    reason,
    referenceDocumentUri,
    createdAt: new Date().toISOString(),
    changes: changes.map((change) => ({
      __typename: "InventoryChange",
      name: change.name,
      delta: change.delta,
      quantityAfterChange: change.quantityAfterChange,
      item: () => inventoryItemView(context.state, context.state.inventoryItems.get(change.inventoryItemId)!),
      location: () => locationView(context.state.locations.get(change.locationId)!),
    })),
  };
}

type InventoryWrite = (
  state: ResolverContext["state"],
  input: any, // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema
) => { changes: QuantityChange[] | null; userErrors: unknown[] };

/** Each inventory mutation: @idempotent, the write, and the adjustment group it made. */
function inventoryWrite(write: InventoryWrite): RootResolver {
  return (args, context, info) =>
    idempotent(info, context, args, () => {
      const { changes, userErrors } = write(context.state, args.input);
      return {
        inventoryAdjustmentGroup: groupView(
          context,
          args.input.reason,
          args.input.referenceDocumentUri ?? null,
          changes,
        ),
        userErrors,
      };
    });
}

export const inventoryMutations: Record<string, RootResolver> = {
  inventoryAdjustQuantities: inventoryWrite(adjustQuantities),
  inventorySetQuantities: inventoryWrite(setQuantities),
  inventoryMoveQuantities: inventoryWrite(moveQuantities),
};
