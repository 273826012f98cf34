import type { GraphQLResolveInfo } from "graphql";
import type { BulkRunner } from "../bulk";
import type { ShopState } from "../state/shop-state";
import type { SimShop, SimStore } from "../store";

export interface ResolverContext {
  store: SimStore;
  shop: SimShop;
  state: ShopState;
  bulk: BulkRunner;
  /** The invoice checkout page for a draft order, on the stand-in. */
  invoiceUrl(token: string): string;
}

// The arguments are already validated against the schema, so resolvers read them without restating their types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RootResolver = (args: Record<string, any>, context: ResolverContext, info: GraphQLResolveInfo) => unknown;
