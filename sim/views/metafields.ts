import { gid } from "../state/ids";
import type { Metafield } from "../state/types";

export function metafieldView(metafield: Metafield) {
  return {
    __typename: "Metafield",
    id: gid("Metafield", metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    type: metafield.type,
    value: metafield.value,
    jsonValue: metafield.type === "json" ? JSON.parse(metafield.value) : metafield.value,
    updatedAt: metafield.updatedAt,
    ownerType: metafield.ownerId.includes("ProductVariant") ? "PRODUCTVARIANT" : "PRODUCT",
  };
}
