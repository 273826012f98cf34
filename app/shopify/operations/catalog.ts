// The store's catalog, as reward mapping needs it: variants with their SKU and names, searched or paged.
export const CATALOG_VARIANTS = `#graphql
  query CatalogVariants($first: Int!, $after: String, $query: String) {
    productVariants(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
        sku
        title
        displayName
        price
        product {
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
` as const;

export const VARIANT_BY_ID = `#graphql
  query VariantById($id: ID!) {
    productVariant(id: $id) {
      id
      sku
      title
      displayName
      price
      product {
        title
      }
    }
  }
` as const;
