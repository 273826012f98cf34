/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type ShopIdentityQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopIdentityQuery = { shop: Pick<AdminTypes.Shop, 'id' | 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>, appInstallation?: AdminTypes.Maybe<{ accessScopes: Array<Pick<AdminTypes.AccessScope, 'handle'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  query ShopIdentity {\n    shop {\n      id\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n    }\n    appInstallation {\n      accessScopes {\n        handle\n      }\n    }\n  }\n": {return: ShopIdentityQuery, variables: ShopIdentityQueryVariables},
}

interface GeneratedMutationTypes {
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
