// Line items from DraftOrderLineItemInput or OrderCreateLineItemInput: variants at their price (or an
// override), custom items at theirs, with Shopify's limits.
import type { ShopState } from "./shop-state";
import type { AppliedDiscount, Attribute, LineItem, UserError } from "./types";

export function buildLineItems(
  state: ShopState,
  inputs: Array<Record<string, unknown>>,
  field = "lineItems",
  forOrder = false,
): { lineItems: LineItem[]; userErrors: UserError[] } {
  if (inputs.length > 499) {
    return {
      lineItems: [],
      userErrors: [{ field: [field], message: "Draft orders can't have more than 499 line items" }],
    };
  }
  const lineItems: LineItem[] = [];
  for (const [index, input] of inputs.entries()) {
    const at = [field, String(index)];
    const quantityValue = Number(input.quantity);
    if (!Number.isInteger(quantityValue) || quantityValue < 1) {
      return {
        lineItems: [],
        userErrors: [{ field: [...at, "quantity"], message: "Quantity must be greater than or equal to 1" }],
      };
    }
    const customAttributes = (input.customAttributes as Attribute[] | undefined) ?? [];
    const appliedDiscount = (input.appliedDiscount as AppliedDiscount | undefined) ?? null;
    if (appliedDiscount?.valueType === "PERCENTAGE" && (appliedDiscount.value < 0 || appliedDiscount.value > 100)) {
      return {
        lineItems: [],
        userErrors: [
          { field: [...at, "appliedDiscount", "value"], message: "Percentage discount must be between 0 and 100" },
        ],
      };
    }
    if (input.variantId != null) {
      const variantId = Number(/\/(\d+)$/.exec(String(input.variantId))?.[1]);
      const variant = String(input.variantId).startsWith("gid://shopify/ProductVariant/")
        ? state.variants.get(variantId)
        : undefined;
      if (!variant) {
        return {
          lineItems: [],
          userErrors: [{ field: [...at, "variantId"], message: "Product with ID could not be found." }],
        };
      }
      const product = state.products.get(variant.productId)!;
      const override = (input.priceOverride ??
        (forOrder ? (input.priceSet as { shopMoney?: unknown } | undefined)?.shopMoney : undefined)) as
        { amount: string } | undefined;
      lineItems.push({
        id: state.id(),
        variantId: variant.id,
        title: product.title,
        sku: variant.sku,
        quantity: quantityValue,
        unitPriceMinor: override ? Math.round(Number(override.amount) * 100) : variant.priceMinor,
        appliedDiscount: appliedDiscount ? normaliseDiscount(appliedDiscount) : null,
        customAttributes,
        requiresShipping: true,
        taxable: true,
      });
    } else {
      const price = (input.originalUnitPriceWithCurrency ??
        (forOrder ? (input.priceSet as { shopMoney?: unknown } | undefined)?.shopMoney : undefined)) as
        { amount: string } | undefined;
      if (!input.title) {
        return {
          lineItems: [],
          userErrors: [{ field: [...at, "title"], message: "Title can't be blank for a custom line item" }],
        };
      }
      lineItems.push({
        id: state.id(),
        variantId: null,
        title: String(input.title),
        sku: (input.sku as string | undefined) ?? null,
        quantity: quantityValue,
        unitPriceMinor: price ? Math.round(Number(price.amount) * 100) : 0,
        appliedDiscount: appliedDiscount ? normaliseDiscount(appliedDiscount) : null,
        customAttributes,
        requiresShipping: input.requiresShipping !== false,
        taxable: input.taxable !== false,
      });
    }
  }
  return { lineItems, userErrors: [] };
}

function normaliseDiscount(discount: AppliedDiscount): AppliedDiscount {
  return {
    title: discount.title ?? null,
    description: discount.description ?? null,
    value: Number(discount.value),
    valueType: discount.valueType,
  };
}

/** A percentage applies to the line; a fixed amount applies to each unit, never below zero. */
export function discountOf(discount: AppliedDiscount | null, unitPriceMinor: number, quantityValue: number): number {
  if (!discount) return 0;
  if (discount.valueType === "PERCENTAGE") return Math.round((unitPriceMinor * quantityValue * discount.value) / 100);
  return Math.min(unitPriceMinor, Math.round(discount.value * 100)) * quantityValue;
}
