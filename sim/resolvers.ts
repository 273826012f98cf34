// What the stand-in simulates, by root field. Objects returned carry plain properties for the fields they
// simulate; a selected field with no property fails loudly (see execute.ts), never a silent null.
import type { SimShop, SimStore } from "./store";

export interface ResolverContext {
  store: SimStore;
  shop: SimShop;
}

type RootResolver = (args: Record<string, unknown>, context: ResolverContext) => unknown;

export const queryResolvers: Record<string, RootResolver> = {
  shop: (_args, { shop }) => ({
    __typename: "Shop",
    id: `gid://shopify/Shop/${shop.numericId}`,
    name: shop.name,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
  }),
  appInstallation: (_args, { shop }) => ({
    __typename: "AppInstallation",
    id: `gid://shopify/AppInstallation/${shop.numericId}`,
    accessScopes: shop.scopes.map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
  }),
};

export const mutationResolvers: Record<string, RootResolver> = {};
