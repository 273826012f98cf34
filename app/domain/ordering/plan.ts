// Order planning: from one pledge, the mapping of its campaign's rewards and the campaign's settings, the
// DraftOrderInput that makes it an ordinary Shopify draft order, or the reason it cannot be one yet.
// Pure: the same pledge, mapping and settings always give the same input and the same fingerprint, which is how
// a push knows that a draft order already made is still right (same fingerprint) or needs an update.
import { createHash } from "node:crypto";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import type { DraftOrderInput, DraftOrderLineItemInput, MailingAddressInput } from "../../types/admin.types";
import { countryCode as isoCountry } from "../countries";
import { emailIdentity } from "../email";
import type { Platform, PledgeStatus } from "../import/record";
import { money, toDecimalString } from "../money";
import { provinceCode, provinceRequired } from "../provinces";
import { CAMPAIGN_ATTRIBUTE, campaignTag, ORDER_TAG, PLEDGE_ATTRIBUTE, pledgeTag } from "./tags";
import { backerLabel } from "../backer-label";

/** Shopify refuses draft orders with more lines than this. */
export const MAX_LINE_ITEMS = 499;

export interface PlanBacker {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  /** As the export wrote it: a code or a name. */
  provinceCode: string | null;
  zip: string | null;
  countryCode: string | null;
}

export interface PlanPledge {
  id: string;
  status: PledgeStatus;
  source: Platform;
  backerNumber: number | null;
  externalBackerId: string;
  rewardId: string | null;
  addOns: Array<{ rewardExternalId: string; quantity: number }>;
  bonusMinor: number;
  currencyCode: string;
  backer: PlanBacker;
  /** What the backer chose in the portal; none: the mapping as the merchant made it. */
  choices?: PledgeChoices;
}

export interface PledgeChoices {
  /** A mapped variant → the variant of the same product the backer picked (a size, a colour). */
  variants?: Record<string, string>;
  /** Extras bought in the portal, at the store's price. */
  extras?: VariantQuantity[];
}

export interface VariantQuantity {
  variantId: string;
  quantity: number;
}

export interface RewardMapping {
  /** The tier or add-on's own id, so a blocked pledge can say which reward to map. */
  rewardId: string;
  title: string;
  /** Empty: not mapped yet. */
  items: VariantQuantity[];
}

export interface CampaignMapping {
  /** Tiers by reward id. */
  tiers: ReadonlyMap<string, RewardMapping>;
  /** Add-ons by `${source}:${externalId}`, the way pledges name them. */
  addOns: ReadonlyMap<string, RewardMapping>;
}

export interface OrderSettings {
  /** Draft orders hold their stock this many days (Shopify releases it after); null: no reservation. */
  reserveInventoryDays: number | null;
  /** "record": a pledge's bonus support is written on the order as an attribute; "ignore": left out. */
  bonusSupport: "ignore" | "record";
  /**
   * When the campaign and the store use different currencies, which one the draft order is presented in. Never
   * guessed: null blocks ordering until the merchant chooses.
   */
  currency: "campaign" | "store" | null;
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  reserveInventoryDays: null,
  bonusSupport: "record",
  currency: null,
};

export interface PlanCampaign {
  id: string;
  handle: string;
  name: string;
  currencyCode: string;
  settings: OrderSettings;
}

export type BlockReason =
  | { code: "unmapped_reward"; rewardId: string; title: string }
  | { code: "unknown_add_on"; externalId: string }
  | { code: "currency_choice_required"; campaignCurrency: string; storeCurrency: string }
  | { code: "too_many_lines"; lines: number };

export type PlanWarning =
  | { code: "address_incomplete"; missing: string[] }
  | { code: "province_unreadable"; value: string }
  | { code: "phone_invalid" }
  | { code: "email_missing" }
  | { code: "private_relay_email" };

export type OrderPlan =
  | { kind: "order"; input: DraftOrderInput; fingerprint: string; warnings: PlanWarning[] }
  | { kind: "blocked"; reasons: BlockReason[] }
  /** Never ordered: the pledge was not collected, or it holds nothing to ship. */
  | { kind: "skip"; reason: "dropped" | "errored" | "refunded" | "cancelled" | "nothing_to_ship" };

const PLATFORM_NAMES: Record<Platform, string> = {
  KICKSTARTER: "Kickstarter",
  INDIEGOGO: "Indiegogo",
  GAMEFOUND: "Gamefound",
  BACKERKIT: "BackerKit",
  CROWDOX: "CrowdOx",
  CSV: "the campaign",
};

export function planDraftOrder(
  pledge: PlanPledge,
  mapping: CampaignMapping,
  campaign: PlanCampaign,
  store: { currencyCode: string },
  now: Date,
): OrderPlan {
  if (pledge.status !== "COLLECTED") {
    return { kind: "skip", reason: pledge.status.toLowerCase() as "dropped" | "errored" | "refunded" | "cancelled" };
  }
  const blocked: BlockReason[] = [];
  const paidOn = `Paid on ${PLATFORM_NAMES[pledge.source]}`;
  const lines: DraftOrderLineItemInput[] = [];

  const addLines = (reward: RewardMapping, times: number) => {
    if (!reward.items.length) {
      blocked.push({ code: "unmapped_reward", rewardId: reward.rewardId, title: reward.title });
      return;
    }
    for (const item of reward.items) {
      lines.push({
        variantId: pledge.choices?.variants?.[item.variantId] ?? item.variantId,
        quantity: item.quantity * times,
        // Paid on the platform already: the backer pays only what is left (shipping, tax, extras) at checkout.
        appliedDiscount: { value: 100, valueType: "PERCENTAGE", title: paidOn, description: campaign.name },
        customAttributes: [{ key: "_reward", value: reward.title }],
      });
    }
  };

  if (pledge.rewardId) {
    const tier = mapping.tiers.get(pledge.rewardId);
    if (tier) addLines(tier, 1);
    else blocked.push({ code: "unmapped_reward", rewardId: pledge.rewardId, title: pledge.rewardId });
  }
  for (const addOn of pledge.addOns) {
    if (addOn.quantity <= 0) continue;
    const reward = mapping.addOns.get(`${pledge.source}:${addOn.rewardExternalId}`);
    if (reward) addLines(reward, addOn.quantity);
    else blocked.push({ code: "unknown_add_on", externalId: addOn.rewardExternalId });
  }

  for (const extra of pledge.choices?.extras ?? []) {
    if (extra.quantity <= 0) continue;
    // Not paid yet: the store's price, paid at checkout with the shipping.
    lines.push({
      variantId: extra.variantId,
      quantity: extra.quantity,
      customAttributes: [{ key: "_extra", value: "portal" }],
    });
  }

  let presentmentCurrencyCode: string | undefined;
  if (campaign.currencyCode !== store.currencyCode) {
    if (campaign.settings.currency === null) {
      blocked.push({
        code: "currency_choice_required",
        campaignCurrency: campaign.currencyCode,
        storeCurrency: store.currencyCode,
      });
    } else if (campaign.settings.currency === "campaign") {
      presentmentCurrencyCode = campaign.currencyCode;
    }
  }
  if (lines.length > MAX_LINE_ITEMS) blocked.push({ code: "too_many_lines", lines: lines.length });
  if (blocked.length) return { kind: "blocked", reasons: dedupeReasons(blocked) };
  if (!lines.length) return { kind: "skip", reason: "nothing_to_ship" };

  const warnings: PlanWarning[] = [];
  const email = emailIdentity(pledge.backer.email);
  if (!email) warnings.push({ code: "email_missing" });
  else if (email.privateRelay) warnings.push({ code: "private_relay_email" });
  const shippingAddress = planAddress(pledge.backer, warnings);

  const attributes = [
    { key: PLEDGE_ATTRIBUTE, value: pledge.id },
    { key: CAMPAIGN_ATTRIBUTE, value: campaign.handle },
  ];
  if (campaign.settings.bonusSupport === "record" && pledge.bonusMinor > 0) {
    attributes.push({
      key: "_bonus_support",
      value: `${toDecimalString(money(pledge.bonusMinor, pledge.currencyCode))} ${pledge.currencyCode}`,
    });
  }
  const number = backerLabel(pledge);
  const input: DraftOrderInput = {
    lineItems: lines,
    tags: [ORDER_TAG, campaignTag(campaign.handle), pledgeTag(pledge.id)],
    customAttributes: attributes,
    note: `${PLATFORM_NAMES[pledge.source]} backer ${number}, ${campaign.name}`,
    allowDiscountCodesInCheckout: false,
    ...(email ? { email: email.email } : {}),
    ...(shippingAddress ? { shippingAddress } : {}),
    ...(presentmentCurrencyCode ? { presentmentCurrencyCode: presentmentCurrencyCode as never } : {}),
  };
  // The reservation's end moves with the clock, so it is left out of the fingerprint: re-planning tomorrow is
  // not a change.
  const fingerprint = fingerprintOf(input);
  if (campaign.settings.reserveInventoryDays) {
    input.reserveInventoryUntil = new Date(
      now.getTime() + campaign.settings.reserveInventoryDays * 86_400_000,
    ).toISOString();
  }
  return { kind: "order", input, fingerprint, warnings };
}

function planAddress(backer: PlanBacker, warnings: PlanWarning[]): MailingAddressInput | null {
  const country = isoCountry(backer.countryCode);
  const missing: string[] = [];
  if (!backer.firstName && !backer.lastName) missing.push("name");
  if (!backer.address1) missing.push("address1");
  if (!backer.city) missing.push("city");
  if (!country) missing.push("countryCode");
  let province: string | null = null;
  if (country && provinceRequired(country)) {
    province = provinceCode(country, backer.provinceCode);
    if (!province) {
      if (backer.provinceCode) warnings.push({ code: "province_unreadable", value: backer.provinceCode });
      missing.push("provinceCode");
    }
  }
  const phone = backer.phone ? e164(backer.phone, country) : null;
  if (backer.phone && !phone) warnings.push({ code: "phone_invalid" });
  // An address Shopify would refuse is left off: the backer types it at checkout instead.
  if (missing.length) {
    warnings.push({ code: "address_incomplete", missing });
    return null;
  }
  // Checkout asks for a last name and can do without a first one: a single name goes last.
  const [firstName, lastName] = backer.lastName ? [backer.firstName, backer.lastName] : [null, backer.firstName];
  return {
    firstName,
    lastName,
    company: backer.company,
    address1: backer.address1,
    address2: backer.address2,
    city: backer.city,
    zip: backer.zip,
    countryCode: country as never,
    ...(province ? { provinceCode: province } : {}),
    ...(phone ? { phone } : {}),
  };
}

function e164(phone: string, country: string | null): string | null {
  const parsed = parsePhoneNumberFromString(phone, (country ?? undefined) as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

function dedupeReasons(reasons: BlockReason[]): BlockReason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = JSON.stringify(reason);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stable hash of what the draft order says (keys sorted), to tell a changed pledge from an unchanged one. */
export function fingerprintOf(input: DraftOrderInput): string {
  return createHash("sha256").update(stableJson(input)).digest("base64url").slice(0, 22);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
