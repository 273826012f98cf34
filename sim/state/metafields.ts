// Metafields the app keeps on products and variants (metafieldsSet, metafieldsDelete). A `$app` namespace is the
// app's reserved one: Shopify stores it as app--<app id>[--<rest>], and answers with that name.
import type { ShopState } from "./shop-state";
import type { Metafield, UserError } from "./types";

export const SIM_APP_ID = "1000";
const TYPES = new Set([
  "json",
  "single_line_text_field",
  "multi_line_text_field",
  "number_integer",
  "boolean",
  "date_time",
]);

export function resolveNamespace(namespace: string | null | undefined): string {
  const value = namespace ?? "$app";
  if (value === "$app") return `app--${SIM_APP_ID}`;
  if (value.startsWith("$app:")) return `app--${SIM_APP_ID}--${value.slice(5)}`;
  return value;
}

const keyOf = (ownerId: string, namespace: string, key: string) => `${ownerId} ${namespace} ${key}`;

export function setMetafields(
  state: ShopState,
  inputs: Array<{ ownerId: string; namespace?: string | null; key: string; type?: string | null; value: string }>,
): { metafields: Metafield[] | null; userErrors: UserError[] } {
  if (inputs.length > 25)
    return {
      metafields: null,
      userErrors: [
        { field: ["metafields"], message: "Exceeded the maximum of 25 metafields", code: "LESS_THAN_OR_EQUAL_TO" },
      ],
    };
  for (const [index, input] of inputs.entries()) {
    const owner = /^gid:\/\/shopify\/(Product|ProductVariant)\/(\d+)$/.exec(input.ownerId);
    const exists = owner && (owner[1] === "Product" ? state.products : state.variants).has(Number(owner[2]));
    if (!exists)
      return {
        metafields: null,
        userErrors: [
          { field: ["metafields", String(index), "ownerId"], message: "Owner does not exist", code: "INVALID_VALUE" },
        ],
      };
    if (!input.type || !TYPES.has(input.type))
      return {
        metafields: null,
        userErrors: [
          {
            field: ["metafields", String(index), "type"],
            message: "Type is not a supported metafield type",
            code: "INVALID_TYPE",
          },
        ],
      };
    if (input.type === "json") {
      try {
        JSON.parse(input.value);
      } catch {
        return {
          metafields: null,
          userErrors: [
            { field: ["metafields", String(index), "value"], message: "Value is invalid JSON", code: "INVALID_VALUE" },
          ],
        };
      }
    }
  }
  // All or nothing, as Shopify does.
  const at = state.now().toISOString();
  const written = inputs.map((input) => {
    const namespace = resolveNamespace(input.namespace);
    const key = keyOf(input.ownerId, namespace, input.key);
    const metafield: Metafield = {
      id: state.metafields.get(key)?.id ?? state.id(),
      ownerId: input.ownerId,
      namespace,
      key: input.key,
      type: input.type!,
      value: input.value,
      updatedAt: at,
    };
    state.metafields.set(key, metafield);
    return metafield;
  });
  return { metafields: written, userErrors: [] };
}

export function deleteMetafields(
  state: ShopState,
  identifiers: Array<{ ownerId: string; namespace: string; key: string }>,
): Array<{ ownerId: string; namespace: string; key: string } | null> {
  return identifiers.map((identifier) => {
    const namespace = resolveNamespace(identifier.namespace);
    const removed = state.metafields.delete(keyOf(identifier.ownerId, namespace, identifier.key));
    return removed ? { ownerId: identifier.ownerId, namespace, key: identifier.key } : null;
  });
}

export function metafieldOf(state: ShopState, ownerId: string, namespace: string | null | undefined, key: string) {
  return state.metafields.get(keyOf(ownerId, resolveNamespace(namespace), key));
}

export function metafieldsOf(state: ShopState, ownerId: string, namespace?: string | null): Metafield[] {
  const resolved = namespace ? resolveNamespace(namespace) : null;
  return [...state.metafields.values()].filter(
    (m) => m.ownerId === ownerId && (resolved === null || m.namespace === resolved),
  );
}
