// Stock as Shopify counts it, per variant and location, and the app's one write: moving campaign units between
// available and reserved, with @idempotent and compare-and-swap quantities.
export const VARIANT_LEVELS = `#graphql
  query VariantLevels($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        sku
        title
        product {
          id
          title
        }
        inventoryItem {
          id
          tracked
          inventoryLevels(first: 20) {
            nodes {
              location {
                id
                name
              }
              quantities(names: ["on_hand", "available", "committed", "reserved", "incoming"]) {
                name
                quantity
              }
            }
          }
        }
      }
    }
  }
` as const;

export const ITEM_VARIANT = `#graphql
  query InventoryItemVariant($id: ID!) {
    inventoryItem(id: $id) {
      id
      variant {
        id
      }
    }
  }
` as const;

export const INVENTORY_MOVE = `#graphql
  mutation InventoryMove($input: InventoryMoveQuantitiesInput!, $key: String!) {
    inventoryMoveQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup {
        id
        changes {
          name
          delta
          quantityAfterChange
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;
