// Selling-plan groups for pre-orders, with the validation rules Shopify applies (SellingPlanGroupUserErrorCode).
// Recurring (subscription) policies are outside what Pledgebridge uses and are refused as not simulated.
import { GraphQLError } from "graphql";
import type { ShopState } from "./shop-state";
import type { SellingPlan, SellingPlanGroup, UserError } from "./types";

type PlanInput = Omit<SellingPlan, "id" | "createdAt" | "options" | "pricingPolicies"> & {
  id?: string | null;
  options?: string[] | null;
  pricingPolicies?: SellingPlan["pricingPolicies"] | null;
};

/** What validation reads, common to a plan being created and one already kept. */
type PlanShape = Partial<Pick<PlanInput, "name" | "billingPolicy" | "deliveryPolicy">> & {
  options?: string[] | null;
  pricingPolicies?: SellingPlan["pricingPolicies"] | null;
};

export interface SellingPlanGroupFields {
  name?: string | null;
  merchantCode?: string | null;
  description?: string | null;
  options?: string[] | null;
  position?: number | null;
  sellingPlansToCreate?: PlanInput[] | null;
  sellingPlansToUpdate?: PlanInput[] | null;
  sellingPlansToDelete?: string[] | null;
}

const MAX_PLANS = 31;

export function validatePlan(plan: PlanShape, field: string[]): UserError[] {
  const error = (code: string, message: string, at: string[] = []): UserError[] => [
    { field: [...field, ...at], message, code },
  ];
  if (
    plan.billingPolicy?.recurring ||
    plan.deliveryPolicy?.recurring ||
    plan.pricingPolicies?.some((p) => p.recurring)
  ) {
    throw new GraphQLError("The Shopify stand-in does not simulate recurring selling plans (subscriptions)", {
      extensions: { code: "NOT_SIMULATED" },
    });
  }
  if (!plan.name?.trim()) return error("BLANK", "Name can't be blank", ["name"]);
  const billing = plan.billingPolicy?.fixed;
  if (!billing)
    return error("SELLING_PLAN_BILLING_POLICY_MISSING", "Selling plan billing policy is missing", ["billingPolicy"]);
  const delivery = plan.deliveryPolicy?.fixed;
  if (!delivery)
    return error("SELLING_PLAN_DELIVERY_POLICY_MISSING", "Selling plan delivery policy is missing", ["deliveryPolicy"]);

  const charge = billing.checkoutCharge as
    { type: string; value: { percentage?: number | null; fixedValue?: string | null } } | undefined;
  const trigger = billing.remainingBalanceChargeTrigger as string | undefined;
  if (charge) {
    const { percentage, fixedValue } = charge.value ?? {};
    if (percentage != null && fixedValue != null)
      return error("ONLY_NEED_ONE_CHECKOUT_CHARGE_VALUE", "Only one checkout charge value is needed", [
        "billingPolicy",
        "fixed",
        "checkoutCharge",
        "value",
      ]);
    if ((charge.type === "PERCENTAGE" && percentage == null) || (charge.type === "PRICE" && fixedValue == null)) {
      return error("CHECKOUT_CHARGE_VALUE_AND_TYPE_MUST_MATCH", "Checkout charge value and type must match", [
        "billingPolicy",
        "fixed",
        "checkoutCharge",
      ]);
    }
    if (charge.type === "PERCENTAGE" && percentage === 100 && trigger !== "NO_REMAINING_BALANCE") {
      return error(
        "REMAINING_BALANCE_CHARGE_TRIGGER_ON_FULL_CHECKOUT",
        "A 100% checkout charge leaves no remaining balance: use NO_REMAINING_BALANCE",
        ["billingPolicy", "fixed", "remainingBalanceChargeTrigger"],
      );
    }
    if (charge.type === "PERCENTAGE" && percentage !== 100 && trigger === "NO_REMAINING_BALANCE") {
      return error(
        "REMAINING_BALANCE_CHARGE_TRIGGER_NO_REMAINING_BALANCE_ON_PARTIAL_PERCENTAGE_CHECKOUT_CHARGE",
        "A partial checkout charge needs a trigger for the remaining balance",
        ["billingPolicy", "fixed", "remainingBalanceChargeTrigger"],
      );
    }
    if (charge.type === "PRICE" && trigger === "NO_REMAINING_BALANCE") {
      return error(
        "REMAINING_BALANCE_CHARGE_TRIGGER_NO_REMAINING_BALANCE_ON_PRICE_CHECKOUT_CHARGE",
        "A price checkout charge needs a trigger for the remaining balance",
        ["billingPolicy", "fixed", "remainingBalanceChargeTrigger"],
      );
    }
  }
  const exactTime = billing.remainingBalanceChargeExactTime;
  if (trigger === "EXACT_TIME" && !exactTime)
    return error("REMAINING_BALANCE_CHARGE_EXACT_TIME_REQUIRED", "Remaining balance charge exact time is required", [
      "billingPolicy",
      "fixed",
      "remainingBalanceChargeExactTime",
    ]);
  if (trigger !== "EXACT_TIME" && exactTime)
    return error(
      "REMAINING_BALANCE_CHARGE_EXACT_TIME_NOT_ALLOWED",
      "Remaining balance charge exact time is only allowed with EXACT_TIME",
      ["billingPolicy", "fixed", "remainingBalanceChargeExactTime"],
    );
  if (trigger === "TIME_AFTER_CHECKOUT" && !(durationSeconds(billing.remainingBalanceChargeTimeAfterCheckout) > 0)) {
    return error(
      "REMAINING_BALANCE_CHARGE_TIME_AFTER_CHECKOUT_MUST_BE_GREATER_THAN_ZERO",
      "The time after checkout must be greater than zero",
      ["billingPolicy", "fixed", "remainingBalanceChargeTimeAfterCheckout"],
    );
  }

  const fulfillment = delivery.fulfillmentTrigger as string | undefined;
  if (fulfillment === "EXACT_TIME" && !delivery.fulfillmentExactTime)
    return error("FULFILLMENT_EXACT_TIME_REQUIRED", "Fulfillment exact time is required", [
      "deliveryPolicy",
      "fixed",
      "fulfillmentExactTime",
    ]);
  if (fulfillment !== "EXACT_TIME" && delivery.fulfillmentExactTime)
    return error("FULFILLMENT_EXACT_TIME_NOT_ALLOWED", "Fulfillment exact time is only allowed with EXACT_TIME", [
      "deliveryPolicy",
      "fixed",
      "fulfillmentExactTime",
    ]);
  const anchors = (delivery.anchors as unknown[] | undefined) ?? [];
  if (fulfillment === "ANCHOR" && !anchors.length)
    return error("SELLING_PLAN_ANCHORS_REQUIRED", "Anchors are required", ["deliveryPolicy", "fixed", "anchors"]);
  if (fulfillment !== "ANCHOR" && anchors.length)
    return error("SELLING_PLAN_ANCHORS_NOT_ALLOWED", "Anchors are only allowed with ANCHOR", [
      "deliveryPolicy",
      "fixed",
      "anchors",
    ]);

  const pricing = plan.pricingPolicies ?? [];
  if (pricing.length > 2)
    return error("SELLING_PLAN_PRICING_POLICIES_LIMIT", "A selling plan has at most 2 pricing policies", [
      "pricingPolicies",
    ]);
  if (pricing.filter((p) => p.fixed).length > 1)
    return error("SELLING_PLAN_FIXED_PRICING_POLICIES_LIMIT", "A selling plan has at most 1 fixed pricing policy", [
      "pricingPolicies",
    ]);
  for (const [index, policy] of pricing.entries()) {
    const fixed = policy.fixed as
      | { adjustmentType: string; adjustmentValue: { percentage?: number | null; fixedValue?: string | null } }
      | undefined;
    if (!fixed) continue;
    const { percentage, fixedValue } = fixed.adjustmentValue ?? {};
    if (
      (fixed.adjustmentType === "PERCENTAGE" && percentage == null) ||
      (fixed.adjustmentType !== "PERCENTAGE" && fixedValue == null)
    ) {
      return error(
        "PRICING_POLICY_ADJUSTMENT_VALUE_AND_TYPE_MUST_MATCH",
        "Pricing policy adjustment value and type must match",
        ["pricingPolicies", String(index)],
      );
    }
  }
  return [];
}

export function createSellingPlanGroup(
  state: ShopState,
  input: SellingPlanGroupFields,
  resources: { productIds?: number[] | null; productVariantIds?: number[] | null } | null,
): { group: SellingPlanGroup | null; userErrors: UserError[] } {
  if (!input.name?.trim())
    return { group: null, userErrors: [{ field: ["input", "name"], message: "Name can't be blank", code: "BLANK" }] };
  const plans = input.sellingPlansToCreate ?? [];
  const errors = validatePlans(plans, []);
  if (errors.length) return { group: null, userErrors: errors };
  const resourceErrors = checkResources(state, resources?.productVariantIds ?? [], resources?.productIds ?? []);
  if (resourceErrors.length) return { group: null, userErrors: resourceErrors };
  const at = state.now().toISOString();
  const group: SellingPlanGroup = {
    id: state.id(),
    name: input.name,
    merchantCode: input.merchantCode ?? null,
    description: input.description ?? null,
    options: input.options ?? [],
    position: input.position ?? null,
    plans: plans.map((plan) => toPlan(state, plan, at)),
    variantIds: [...new Set(resources?.productVariantIds ?? [])],
    productIds: [...new Set(resources?.productIds ?? [])],
    createdAt: at,
  };
  state.sellingPlanGroups.set(group.id, group);
  state.emit("selling_plan_groups/create", groupPayload(group));
  return { group, userErrors: [] };
}

export function updateSellingPlanGroup(
  state: ShopState,
  id: number,
  input: SellingPlanGroupFields,
): { group: SellingPlanGroup | null; deletedPlanIds: number[]; userErrors: UserError[] } {
  const group = state.sellingPlanGroups.get(id);
  if (!group)
    return {
      group: null,
      deletedPlanIds: [],
      userErrors: [{ field: ["id"], message: "Selling plan group does not exist.", code: "GROUP_DOES_NOT_EXIST" }],
    };
  const toDelete = (input.sellingPlansToDelete ?? []).map((gidValue) => Number(/\/(\d+)$/.exec(gidValue)?.[1]));
  const updates = input.sellingPlansToUpdate ?? [];
  for (const [index, update] of updates.entries()) {
    const planId = Number(/\/(\d+)$/.exec(update.id ?? "")?.[1]);
    if (!update.id)
      return {
        group: null,
        deletedPlanIds: [],
        userErrors: [
          {
            field: ["input", "sellingPlansToUpdate", String(index), "id"],
            message: "Plan id must be specified to update",
            code: "PLAN_ID_MUST_BE_SPECIFIED_TO_UPDATE",
          },
        ],
      };
    if (!group.plans.some((plan) => plan.id === planId))
      return {
        group: null,
        deletedPlanIds: [],
        userErrors: [
          {
            field: ["input", "sellingPlansToUpdate", String(index), "id"],
            message: "Selling plan does not exist.",
            code: "PLAN_DOES_NOT_EXIST",
          },
        ],
      };
  }
  const at = state.now().toISOString();
  const merged = group.plans
    .filter((plan) => !toDelete.includes(plan.id))
    .map((plan) => {
      const update = updates.find((u) => Number(/\/(\d+)$/.exec(u.id ?? "")?.[1]) === plan.id);
      return update
        ? {
            ...plan,
            ...withoutNulls(update),
            id: plan.id,
            options: update.options ?? plan.options,
            pricingPolicies: update.pricingPolicies ?? plan.pricingPolicies,
          }
        : plan;
    });
  const created = (input.sellingPlansToCreate ?? []).map((plan) => toPlan(state, plan, at));
  const errors = validatePlans([...merged, ...created], ["input"]);
  if (errors.length) return { group: null, deletedPlanIds: [], userErrors: errors };
  group.plans = [...merged, ...created];
  if (input.name) group.name = input.name;
  if (input.merchantCode !== undefined) group.merchantCode = input.merchantCode ?? null;
  if (input.description !== undefined) group.description = input.description ?? null;
  if (input.options) group.options = input.options;
  state.emit("selling_plan_groups/update", groupPayload(group));
  return {
    group,
    deletedPlanIds: toDelete.filter((planId) => !group.plans.some((p) => p.id === planId)),
    userErrors: [],
  };
}

export function addVariantsToGroup(state: ShopState, id: number, variantIds: number[]) {
  const group = state.sellingPlanGroups.get(id);
  if (!group)
    return {
      group: null,
      userErrors: [{ field: ["id"], message: "Selling plan group does not exist.", code: "GROUP_DOES_NOT_EXIST" }],
    };
  const errors = checkResources(state, variantIds, []);
  if (errors.length) return { group: null, userErrors: errors };
  group.variantIds = [...new Set([...group.variantIds, ...variantIds])];
  state.emit("selling_plan_groups/update", groupPayload(group));
  return { group, userErrors: [] };
}

export function removeVariantsFromGroup(state: ShopState, id: number, variantIds: number[]) {
  const group = state.sellingPlanGroups.get(id);
  if (!group)
    return {
      removed: null,
      userErrors: [{ field: ["id"], message: "Selling plan group does not exist.", code: "GROUP_DOES_NOT_EXIST" }],
    };
  const removed = group.variantIds.filter((variantId) => variantIds.includes(variantId));
  group.variantIds = group.variantIds.filter((variantId) => !variantIds.includes(variantId));
  state.emit("selling_plan_groups/update", groupPayload(group));
  return { removed, userErrors: [] };
}

export function deleteSellingPlanGroup(state: ShopState, id: number) {
  const group = state.sellingPlanGroups.get(id);
  if (!group)
    return {
      deletedId: null,
      userErrors: [{ field: ["id"], message: "Selling plan group does not exist.", code: "GROUP_DOES_NOT_EXIST" }],
    };
  state.sellingPlanGroups.delete(id);
  state.emit("selling_plan_groups/delete", { admin_graphql_api_id: `gid://shopify/SellingPlanGroup/${id}`, id });
  return { deletedId: id, userErrors: [] };
}

/** Whether a variant sells through this group: listed itself, or through its product. */
export function groupCoversVariant(state: ShopState, group: SellingPlanGroup, variantId: number): boolean {
  const variant = state.variants.get(variantId);
  return (
    group.variantIds.includes(variantId) || (variant !== undefined && group.productIds.includes(variant.productId))
  );
}

function validatePlans(plans: PlanShape[], field: string[]): UserError[] {
  const at = [...field, "sellingPlansToCreate"];
  if (plans.length > MAX_PLANS)
    return [
      {
        field: at,
        message: `A selling plan group has at most ${MAX_PLANS} plans`,
        code: "SELLING_PLAN_COUNT_UPPER_BOUND",
      },
    ];
  const names = plans.map((plan) => plan.name?.trim().toLowerCase());
  if (new Set(names).size !== names.length)
    return [{ field: at, message: "Selling plans must have different names", code: "SELLING_PLAN_DUPLICATE_NAME" }];
  const options = plans.map((plan) => JSON.stringify(plan.options ?? []));
  if (new Set(options).size !== options.length)
    return [
      { field: at, message: "Selling plans must have different options", code: "SELLING_PLAN_DUPLICATE_OPTIONS" },
    ];
  for (const [index, plan] of plans.entries()) {
    const errors = validatePlan(plan, [...at, String(index)]);
    if (errors.length) return errors;
  }
  return [];
}

function checkResources(state: ShopState, variantIds: number[], productIds: number[]): UserError[] {
  if (variantIds.some((id) => !state.variants.has(id))) {
    return [
      {
        field: ["resources", "productVariantIds"],
        message: "Product variant does not exist.",
        code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
      },
    ];
  }
  if (productIds.some((id) => !state.products.has(id))) {
    return [{ field: ["resources", "productIds"], message: "Product does not exist.", code: "PRODUCT_DOES_NOT_EXIST" }];
  }
  return [];
}

function toPlan(state: ShopState, plan: PlanInput, at: string): SellingPlan {
  return {
    id: state.id(),
    name: plan.name,
    options: plan.options ?? [],
    description: plan.description ?? null,
    position: plan.position ?? null,
    category: plan.category ?? null,
    billingPolicy: plan.billingPolicy,
    deliveryPolicy: plan.deliveryPolicy,
    inventoryPolicy: plan.inventoryPolicy ?? null,
    pricingPolicies: plan.pricingPolicies ?? [],
    createdAt: at,
  };
}

function withoutNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** "P14D", "PT12H", "P1W" → seconds. */
function durationSeconds(value: unknown): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(String(value ?? ""));
  if (!match) return 0;
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!;
}

function groupPayload(group: SellingPlanGroup) {
  return {
    admin_graphql_api_id: `gid://shopify/SellingPlanGroup/${group.id}`,
    id: group.id,
    name: group.name,
    merchant_code: group.merchantCode,
    selling_plans: group.plans.map((plan) => ({ name: plan.name, options: plan.options })),
  };
}
