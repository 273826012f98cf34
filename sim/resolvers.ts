// What the stand-in simulates, by root field. Objects carry plain properties (or functions of the field's
// arguments) for the fields they simulate; any other selected field fails loudly (see execute.ts).
import { bulkMutations, bulkQueries } from "./resolvers/bulk";
import { catalogMutations, catalogQueries } from "./resolvers/catalog";
import type { RootResolver } from "./resolvers/context";
import { draftOrderMutations, draftOrderQueries } from "./resolvers/draft-orders";
import { fulfillmentMutations, fulfillmentQueries } from "./resolvers/fulfillment";
import { inventoryMutations } from "./resolvers/inventory";
import { orderMutations, orderQueries } from "./resolvers/orders";
import { metafieldMutations, paymentMutations, paymentQueries } from "./resolvers/payments";
import { sellingPlanMutations, sellingPlanQueries } from "./resolvers/selling-plans";
import { translationMutations, translationQueries } from "./resolvers/translations";
import { webhookSubscriptionMutations, webhookSubscriptionQueries } from "./resolvers/webhook-subscriptions";

export type { ResolverContext } from "./resolvers/context";

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
  ...catalogQueries,
  ...draftOrderQueries,
  ...orderQueries,
  ...fulfillmentQueries,
  ...bulkQueries,
  ...sellingPlanQueries,
  ...paymentQueries,
  ...translationQueries,
  ...webhookSubscriptionQueries,
};

export const mutationResolvers: Record<string, RootResolver> = {
  ...draftOrderMutations,
  ...orderMutations,
  ...inventoryMutations,
  ...fulfillmentMutations,
  ...bulkMutations,
  ...sellingPlanMutations,
  ...catalogMutations,
  ...paymentMutations,
  ...metafieldMutations,
  ...translationMutations,
  ...webhookSubscriptionMutations,
};
