import { connection, type PageArgs } from "../connection";
import { gid } from "../state/ids";
import { groupCoversVariant } from "../state/selling-plans";
import type { ShopState } from "../state/shop-state";
import type { SellingPlan, SellingPlanGroup } from "../state/types";
import { productView, variantView } from "./catalog";

function chargeValue(
  value: { percentage?: number | null; fixedValue?: string | null } | undefined,
  currencyCode: string,
) {
  return value?.percentage != null
    ? { __typename: "SellingPlanCheckoutChargePercentageValue", percentage: value.percentage }
    : { __typename: "MoneyV2", amount: String(value?.fixedValue ?? "0.0"), currencyCode };
}

export function sellingPlanView(state: ShopState, plan: SellingPlan): Record<string, unknown> {
  const billing = plan.billingPolicy.fixed ?? {};
  const delivery = plan.deliveryPolicy.fixed ?? {};
  return {
    __typename: "SellingPlan",
    id: gid("SellingPlan", plan.id),
    name: plan.name,
    options: plan.options,
    description: plan.description,
    position: plan.position,
    category: plan.category,
    createdAt: plan.createdAt,
    billingPolicy: {
      __typename: "SellingPlanFixedBillingPolicy",
      checkoutCharge: billing.checkoutCharge
        ? {
            __typename: "SellingPlanCheckoutCharge",
            type: billing.checkoutCharge.type,
            value: chargeValue(billing.checkoutCharge.value, state.currencyCode),
          }
        : {
            __typename: "SellingPlanCheckoutCharge",
            type: "PERCENTAGE",
            value: chargeValue({ percentage: 100 }, state.currencyCode),
          },
      remainingBalanceChargeTrigger: billing.remainingBalanceChargeTrigger ?? "NO_REMAINING_BALANCE",
      remainingBalanceChargeExactTime: billing.remainingBalanceChargeExactTime ?? null,
      remainingBalanceChargeTimeAfterCheckout: billing.remainingBalanceChargeTimeAfterCheckout ?? null,
    },
    deliveryPolicy: {
      __typename: "SellingPlanFixedDeliveryPolicy",
      fulfillmentTrigger: delivery.fulfillmentTrigger ?? "ASAP",
      fulfillmentExactTime: delivery.fulfillmentExactTime ?? null,
      intent: delivery.intent ?? "FULFILLMENT_BEGIN",
      preAnchorBehavior: delivery.preAnchorBehavior ?? "ASAP",
      cutoff: delivery.cutoff ?? null,
      anchors: [],
    },
    inventoryPolicy: {
      __typename: "SellingPlanInventoryPolicy",
      reserve: plan.inventoryPolicy?.reserve ?? "ON_FULFILLMENT",
    },
    pricingPolicies: plan.pricingPolicies
      .filter((policy) => policy.fixed)
      .map((policy) => ({
        __typename: "SellingPlanFixedPricingPolicy",
        adjustmentType: policy.fixed!.adjustmentType,
        adjustmentValue:
          policy.fixed!.adjustmentValue?.percentage != null
            ? {
                __typename: "SellingPlanPricingPolicyPercentageValue",
                percentage: policy.fixed!.adjustmentValue.percentage,
              }
            : {
                __typename: "MoneyV2",
                amount: String(policy.fixed!.adjustmentValue?.fixedValue ?? "0.0"),
                currencyCode: state.currencyCode,
              },
      })),
  };
}

export function sellingPlanGroupView(state: ShopState, group: SellingPlanGroup): Record<string, unknown> {
  const variants = () => [...state.variants.values()].filter((variant) => groupCoversVariant(state, group, variant.id));
  return {
    __typename: "SellingPlanGroup",
    id: gid("SellingPlanGroup", group.id),
    name: group.name,
    merchantCode: group.merchantCode ?? "",
    description: group.description,
    options: group.options,
    position: group.position,
    appId: null,
    createdAt: group.createdAt,
    summary: `${group.plans.length} ${group.plans.length === 1 ? "plan" : "plans"}`,
    sellingPlans: (args: PageArgs) => connection(group.plans, args, (plan) => sellingPlanView(state, plan)),
    productVariants: (args: PageArgs) => connection(variants(), args, (variant) => variantView(state, variant)),
    productVariantsCount: () => ({ __typename: "Count", count: variants().length, precision: "EXACT" }),
    products: (args: PageArgs) =>
      connection(
        group.productIds.map((id) => state.products.get(id)!),
        args,
        (product) => productView(state, product),
      ),
    productsCount: () => ({ __typename: "Count", count: group.productIds.length, precision: "EXACT" }),
    appliesToProductVariant: ({ productVariantId }: { productVariantId: string }) =>
      groupCoversVariant(state, group, Number(/\/(\d+)$/.exec(productVariantId)?.[1])),
  };
}
