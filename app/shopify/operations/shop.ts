export const SHOP_IDENTITY = `#graphql
  query ShopIdentity {
    shop {
      id
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
    appInstallation {
      accessScopes {
        handle
      }
    }
  }
` as const;
