// Opening a backer link: the shop's secret verifies the token, then the pledge, its items and what the portal
// offers are read, the catalog part from Shopify (sizes and colours of each mapped product, extras in stock).
import type { Database } from "../../db/open";
import type { PledgeChoices } from "../../domain/ordering/plan";
import {
  addressFormValues,
  type OfferedVariant,
  type PortalOffer,
  type PortalSettings,
} from "../../domain/portal/form";
import { verifyLink } from "../../domain/portal/link";
import { moneyFromDecimal } from "../../domain/money";
import type { AdminClient } from "../../shopify/admin-client";
import { PORTAL_VARIANT } from "../../shopify/operations/portal";
import type { CheckoutSettings } from "../../domain/ordering/reminders";
import { listRewards, type MappedItem } from "../ordering/rewards";
import { checkoutSettings } from "../ordering/settings";
import { portalSettings } from "./settings";
import { backerLabel } from "../../domain/backer-label";

export class PortalLinkError extends Error {
  override name = "PortalLinkError";
  constructor(readonly reason: "malformed" | "bad_signature" | "expired" | "not_found") {
    super(`Backer link refused: ${reason}`);
  }
}

export interface PortalItem {
  title: string;
  quantity: number;
  /** The variant the merchant mapped; the backer's pick (if any) is in choices.variants. */
  mappedVariantId: string;
}

/** A parcel of the pledge's order, as Shopify's fulfillment webhooks (or a 3PL's tracking file) recorded it. */
export interface PortalShipment {
  company: string | null;
  number: string | null;
  url: string | null;
  shippedAt: Date;
  deliveredAt: Date | null;
}

export interface PortalPledge {
  shop: { id: string; domain: string; name: string | null; locale: string; currencyCode: string | null };
  campaign: { id: string; name: string };
  pledge: {
    id: string;
    status: string;
    number: string;
    rewardTitle: string | null;
    /** What the pledge holds, as the platform named it: its tier, and its add-ons by the platform's ids. */
    rewardId: string | null;
    source: string;
    addOns: Array<{ rewardExternalId: string; quantity: number }>;
    amountMinor: number;
    shippingPaidMinor: number;
    currencyCode: string;
  };
  choices: PledgeChoices;
  address: Record<
    "firstName" | "lastName" | "company" | "address1" | "address2" | "city" | "province" | "zip" | "country" | "phone",
    string
  >;
  addressConfirmedAt: Date | null;
  settings: PortalSettings;
  checkout: CheckoutSettings;
  link: { state: string; invoiceUrl: string | null; orderName: string | null; shipments: PortalShipment[] } | null;
  expiresAt: Date;
}

/** The pledge a link names, in the shop the proxy request came from; PortalLinkError otherwise. */
export async function openPortal(db: Database, shopDomain: string, token: string, now = new Date()) {
  const shop = await db.prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop?.portalSecret || shop.uninstalledAt) throw new PortalLinkError("not_found");
  const verdict = verifyLink(shop.portalSecret, token, now);
  if (!verdict.ok) throw new PortalLinkError(verdict.reason);
  const pledge = await db.prisma.pledge.findFirst({
    where: { id: verdict.pledgeId, shopId: shop.id },
    include: { backer: { include: { campaign: true } }, reward: true, orderLink: true },
  });
  if (!pledge) throw new PortalLinkError("not_found");
  // A pledge's campaign is its backer's (the import files both under one campaign).
  const { campaign, ...backer } = pledge.backer;
  const shipments = pledge.orderLink?.orderId
    ? await db.prisma.shipment.findMany({
        where: { shopId: shop.id, orderId: pledge.orderLink.orderId },
        select: { company: true, number: true, url: true, shippedAt: true, deliveredAt: true },
        orderBy: { shippedAt: "asc" },
      })
    : [];
  const view: PortalPledge = {
    shop: { id: shop.id, domain: shop.domain, name: shop.name, locale: shop.locale, currencyCode: shop.currencyCode },
    campaign: { id: campaign.id, name: campaign.name },
    pledge: {
      id: pledge.id,
      status: pledge.status,
      number: backerLabel(pledge),
      rewardTitle: pledge.reward?.title ?? null,
      rewardId: pledge.rewardId,
      source: pledge.source,
      addOns: pledge.addOns as Array<{ rewardExternalId: string; quantity: number }>,
      amountMinor: pledge.amountMinor,
      shippingPaidMinor: pledge.shippingPaidMinor,
      currencyCode: pledge.currencyCode,
    },
    choices: (pledge.choices ?? {}) as PledgeChoices,
    address: addressFormValues(backer),
    addressConfirmedAt: backer.addressConfirmedAt,
    settings: portalSettings(campaign.settings),
    checkout: checkoutSettings(campaign.settings),
    link: pledge.orderLink
      ? {
          state: pledge.orderLink.state,
          invoiceUrl: pledge.orderLink.invoiceUrl,
          orderName: pledge.orderLink.orderName,
          shipments,
        }
      : null,
    expiresAt: verdict.expiresAt,
  };
  return view;
}

/** The pledge's items: its tier's and its add-ons', as mapped (an unmapped reward shows no items yet). */
export async function portalItems(db: Database, view: PortalPledge): Promise<PortalItem[]> {
  const { pledge } = view;
  const rewards = await listRewards(db, view.shop.id, view.campaign.id);
  const tier = rewards.find((reward) => reward.id === pledge.rewardId);
  const addOn = (externalId: string) =>
    rewards.find((r) => r.kind === "ADDON" && r.source === pledge.source && r.externalId === externalId);
  const items = new Map<string, PortalItem>();
  const add = (variants: MappedItem[], times: number) => {
    for (const { variantId, quantity, title } of variants) {
      const item = items.get(variantId);
      if (item) item.quantity += quantity * times;
      else
        items.set(variantId, {
          title: title ?? variantId,
          quantity: quantity * times,
          mappedVariantId: variantId,
        });
    }
  };
  add(tier?.items ?? [], 1);
  for (const { rewardExternalId, quantity } of pledge.addOns) {
    if (quantity > 0) add(addOn(rewardExternalId)?.items ?? [], quantity);
  }
  return [...items.values()];
}

/**
 * What the backer may choose: the other variants of each mapped product, and the extras the merchant offers.
 * Items whose title was never stored (mapped without the store at hand) take the store's name for the variant.
 */
export async function portalOffer(admin: AdminClient, view: PortalPledge, items: PortalItem[]): Promise<PortalOffer> {
  const variant = async (id: string) => (await admin.request(PORTAL_VARIANT, { id })).data.productVariant;
  const [mapped, extras] = await Promise.all([
    Promise.all(items.map((item) => variant(item.mappedVariantId))),
    Promise.all(view.settings.extraVariantIds.map(variant)),
  ]);
  const offered = (v: {
    id: string;
    title: string;
    availableForSale: boolean;
    inventoryQuantity?: number | null;
    inventoryPolicy: string;
  }): OfferedVariant => ({
    variantId: v.id,
    title: v.title,
    available: v.availableForSale,
    stock: v.inventoryPolicy === "CONTINUE" ? null : Math.max(0, v.inventoryQuantity ?? 0),
  });
  items.forEach((item, index) => {
    if (item.title === item.mappedVariantId && mapped[index]) item.title = mapped[index].displayName;
  });
  return {
    items: items.flatMap((item, index) => {
      const product = mapped[index]?.product;
      if (!product || product.hasOnlyDefaultVariant || product.variants.nodes.length < 2) return [];
      return [
        { mappedVariantId: item.mappedVariantId, title: product.title, options: product.variants.nodes.map(offered) },
      ];
    }),
    extras: extras.flatMap((v) =>
      v
        ? [
            {
              ...offered(v),
              title: v.title === "Default Title" ? v.product.title : v.displayName,
              priceMinor: moneyFromDecimal(v.price, view.shop.currencyCode ?? "USD").amountMinor,
            },
          ]
        : [],
    ),
    pledgeCountry: view.address.country || null,
  };
}
