// What the backer portal shows of the catalog: a mapped variant's product with its other variants (sizes,
// colours) and what is in stock, and the extras the merchant offers.
export const PORTAL_VARIANT = `#graphql
  query PortalVariant($id: ID!) {
    productVariant(id: $id) {
      id
      title
      displayName
      price
      availableForSale
      inventoryQuantity
      inventoryPolicy
      product {
        title
        hasOnlyDefaultVariant
        variants(first: 100) {
          nodes {
            id
            title
            availableForSale
            inventoryQuantity
            inventoryPolicy
          }
        }
      }
    }
  }
` as const;
