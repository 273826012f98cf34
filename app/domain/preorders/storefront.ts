// What the storefront block shows for a variant on offer, as the JSON metafield the app keeps on the variant
// ($app.preorder, declared in shopify.app.toml with storefront read access): the badge's name per language, the ETA, the deposit terms and the units left under a
// cap. The block only renders what this says, so the words and numbers are decided here, once, and tested.
import type { PreorderOffer } from "./offer";

export const PREORDER_METAFIELD = { namespace: "$app", key: "preorder" } as const;

export interface StorefrontOffer {
  name: string;
  /** The name in the shop's other languages, by locale. */
  names: Record<string, string>;
  /** When it ships, ISO date; null for "as soon as possible". */
  eta: string | null;
  /** Percent paid at checkout (100 when paid in full), or null when a fixed deposit is taken. */
  depositPercentage: number | null;
  /** A fixed deposit per unit, in the shop's currency, e.g. "25.00". */
  depositAmount: string | null;
  /** When the rest is due: an ISO date, "fulfillment", or a number of days after checkout. */
  balanceDue: string | number | null;
  cap: number | null;
  unitsLeft: number | null;
}

export function storefrontOffer(
  offer: PreorderOffer,
  translations: Record<string, { name?: string }>,
  cap: number | null,
  sold: number,
): StorefrontOffer {
  const { payment } = offer;
  const balance = payment.kind === "full" ? null : payment.balance;
  return {
    name: offer.name,
    names: Object.fromEntries(
      Object.entries(translations)
        .filter(([, t]) => t.name?.trim())
        .map(([locale, t]) => [locale, t.name!.trim()]),
    ),
    eta: offer.delivery.kind === "date" ? offer.delivery.date.toISOString().slice(0, 10) : null,
    depositPercentage: payment.kind === "full" ? 100 : payment.kind === "deposit" ? payment.percentage : null,
    depositAmount: payment.kind === "deposit_amount" ? payment.amount : null,
    balanceDue: !balance
      ? null
      : balance.trigger === "date"
        ? balance.date.toISOString().slice(0, 10)
        : balance.trigger === "on_fulfillment"
          ? "fulfillment"
          : balance.days,
    cap,
    unitsLeft: cap === null ? null : Math.max(0, cap - sold),
  };
}
