import { connection } from "../connection";
import { gid, parseGid } from "../state/ids";
import {
  addVariantsToGroup,
  createSellingPlanGroup,
  deleteSellingPlanGroup,
  removeVariantsFromGroup,
  updateSellingPlanGroup,
} from "../state/selling-plans";
import { sellingPlanGroupView } from "../views/selling-plans";
import type { RootResolver } from "./context";

const ids = (values: string[] | null | undefined, type: string) =>
  (values ?? []).map((value) => parseGid(value, type) ?? -1);

export const sellingPlanQueries: Record<string, RootResolver> = {
  sellingPlanGroup: ({ id }, { state }) => {
    const group = state.sellingPlanGroups.get(parseGid(id, "SellingPlanGroup") ?? -1);
    return group ? sellingPlanGroupView(state, group) : null;
  },
  sellingPlanGroups: (args, { state }) =>
    connection([...state.sellingPlanGroups.values()], args, (group) => sellingPlanGroupView(state, group)),
};

export const sellingPlanMutations: Record<string, RootResolver> = {
  sellingPlanGroupCreate: ({ input, resources }, { state }) => {
    const { group, userErrors } = createSellingPlanGroup(state, input, {
      productIds: ids(resources?.productIds, "Product"),
      productVariantIds: ids(resources?.productVariantIds, "ProductVariant"),
    });
    return { sellingPlanGroup: group ? sellingPlanGroupView(state, group) : null, userErrors };
  },
  sellingPlanGroupUpdate: ({ id, input }, { state }) => {
    const { group, deletedPlanIds, userErrors } = updateSellingPlanGroup(
      state,
      parseGid(id, "SellingPlanGroup") ?? -1,
      input,
    );
    return {
      sellingPlanGroup: group ? sellingPlanGroupView(state, group) : null,
      deletedSellingPlanIds: deletedPlanIds.map((planId) => gid("SellingPlan", planId)),
      userErrors,
    };
  },
  sellingPlanGroupAddProductVariants: ({ id, productVariantIds }, { state }) => {
    const { group, userErrors } = addVariantsToGroup(
      state,
      parseGid(id, "SellingPlanGroup") ?? -1,
      ids(productVariantIds, "ProductVariant"),
    );
    return { sellingPlanGroup: group ? sellingPlanGroupView(state, group) : null, userErrors };
  },
  sellingPlanGroupRemoveProductVariants: ({ id, productVariantIds }, { state }) => {
    const { removed, userErrors } = removeVariantsFromGroup(
      state,
      parseGid(id, "SellingPlanGroup") ?? -1,
      ids(productVariantIds, "ProductVariant"),
    );
    return {
      removedProductVariantIds: removed ? removed.map((variantId) => gid("ProductVariant", variantId)) : null,
      userErrors,
    };
  },
  sellingPlanGroupDelete: ({ id }, { state }) => {
    const { deletedId, userErrors } = deleteSellingPlanGroup(state, parseGid(id, "SellingPlanGroup") ?? -1);
    return { deletedSellingPlanGroupId: deletedId === null ? null : gid("SellingPlanGroup", deletedId), userErrors };
  },
};
