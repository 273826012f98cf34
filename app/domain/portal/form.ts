// What a backer may send from the portal, checked against what the portal offered: a variant for each reward item
// that has options, extras from the merchant's list at a quantity in stock, and a shipping address Shopify will
// take (ISO country, a province code where one is required, a postcode that can be the country's, an E.164 phone
// where customs needs one). Pure: the portal's page and its POST handler use the same rules, and anything not
// offered is refused, never dropped.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { countryCode as isoCountry } from "../countries";
import type { PlanBacker, PledgeChoices } from "../ordering/plan";
import { postcodeFits } from "../postcode";
import { provinceCode, provinceRequired } from "../provinces";

export interface PortalSettings {
  /** The merchant has closed address changes (labels are being printed). */
  addressesLocked: boolean;
  /** The merchant has closed variant and extra changes. */
  ordersLocked: boolean;
  /** The shipping country stays the one the backer paid shipping for on the platform. */
  lockCountry: boolean;
  /** ISO codes of destination countries whose customs need a phone; "*" for every country. */
  phoneRequiredCountries: string[];
  /** Variants offered as extras, at the store's price. */
  extraVariantIds: string[];
  /** How long a backer link works. */
  linkDays: number;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  addressesLocked: false,
  ordersLocked: false,
  lockCountry: true,
  phoneRequiredCountries: [],
  extraVariantIds: [],
  linkDays: 60,
};

export const MAX_EXTRA_QUANTITY = 20;

export interface OfferedVariant {
  variantId: string;
  title: string;
  available: boolean;
  /** Units the backer may take; null when the store sells it without counting. */
  stock: number | null;
}

export interface PortalOffer {
  /** Reward items whose product has more than one variant, by the variant the merchant mapped. */
  items: Array<{ mappedVariantId: string; title: string; options: OfferedVariant[] }>;
  extras: Array<OfferedVariant & { priceMinor: number }>;
  /** The country the pledge ships to, as the platform recorded it. */
  pledgeCountry: string | null;
}

export interface PortalAddress {
  firstName: string | null;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  provinceCode: string | null;
  zip: string | null;
  countryCode: string;
  phone: string | null;
}

export type FieldError =
  | "required"
  | "not_offered"
  | "sold_out"
  | "quantity"
  | "country_unknown"
  | "country_locked"
  | "province_unknown"
  | "phone_required"
  | "phone_invalid"
  | "postcode_invalid"
  | "too_long"
  | "unstorable_character";

export type PortalSubmission =
  | { ok: true; choices: PledgeChoices; address: PortalAddress | null }
  | { ok: false; errors: Record<string, FieldError> };

const MAX_FIELD = 255;

/** The address form's fields, in the order people fill them in: the portal's and the admin's backer page. */
export const ADDRESS_FIELDS = [
  "firstName",
  "lastName",
  "company",
  "address1",
  "address2",
  "city",
  "province",
  "zip",
  "country",
  "phone",
] as const;

export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** A stored backer as the address form's values (empty strings for what is not known). */
export function addressFormValues(backer: Omit<PlanBacker, "email">): Record<AddressField, string> {
  return {
    firstName: backer.firstName ?? "",
    lastName: backer.lastName ?? "",
    company: backer.company ?? "",
    address1: backer.address1 ?? "",
    address2: backer.address2 ?? "",
    city: backer.city ?? "",
    province: backer.provinceCode ?? "",
    zip: backer.zip ?? "",
    country: backer.countryCode ?? "",
    phone: backer.phone ?? "",
  };
}

/**
 * The form's fields: `variant:<mapped variant id>`, `extra:<variant id>` (a quantity), and the address fields
 * firstName, lastName, company, address1, address2, city, province, zip, country, phone. With the address
 * locked, address fields are ignored and the current address stays.
 */
export function parsePortalForm(
  form: Record<string, string | undefined>,
  offer: PortalOffer,
  settings: PortalSettings,
  current: PledgeChoices,
): PortalSubmission {
  const errors: Record<string, FieldError> = {};
  const choices: PledgeChoices = { variants: { ...current.variants }, extras: [...(current.extras ?? [])] };

  if (!settings.ordersLocked) {
    for (const item of offer.items) {
      const field = `variant:${item.mappedVariantId}`;
      const picked = form[field]?.trim();
      if (!picked) {
        errors[field] = "required";
        continue;
      }
      const option = item.options.find((o) => o.variantId === picked);
      const unchanged = (current.variants?.[item.mappedVariantId] ?? null) === picked;
      if (!option) errors[field] = "not_offered";
      else if (!option.available && !unchanged) errors[field] = "sold_out";
      else choices.variants![item.mappedVariantId] = picked;
    }
    const extras: NonNullable<PledgeChoices["extras"]> = [];
    for (const [field, value] of Object.entries(form)) {
      if (!field.startsWith("extra:") || !value?.trim()) continue;
      const variantId = field.slice("extra:".length);
      const quantity = Number(value);
      const extra = offer.extras.find((e) => e.variantId === variantId);
      const had = current.extras?.find((e) => e.variantId === variantId)?.quantity ?? 0;
      if (!extra) errors[field] = "not_offered";
      else if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_EXTRA_QUANTITY) errors[field] = "quantity";
      else if (quantity > had && (!extra.available || (extra.stock !== null && quantity - had > extra.stock)))
        errors[field] = "sold_out";
      else if (quantity > 0) extras.push({ variantId, quantity });
    }
    choices.extras = extras;
  }

  const address = settings.addressesLocked ? null : parseAddress(form, offer, settings, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, choices, address };
}

function parseAddress(
  form: Record<string, string | undefined>,
  offer: PortalOffer,
  settings: PortalSettings,
  errors: Record<string, FieldError>,
): PortalAddress | null {
  const text = (field: string, required: boolean): string | null => {
    const value = form[field]?.trim() ?? "";
    if (value.length > MAX_FIELD) errors[field] = "too_long";
    // No keyboard types a NUL, but a crafted request can, and the database cannot store one.
    else if (value.includes("\0")) errors[field] = "unstorable_character";
    else if (!value && required) errors[field] = "required";
    return value || null;
  };
  const firstName = text("firstName", false);
  const lastName = text("lastName", true);
  const company = text("company", false);
  const address1 = text("address1", true);
  const address2 = text("address2", false);
  const city = text("city", true);
  const zip = text("zip", false);
  const written = text("country", true);
  const pledgeCountry = isoCountry(offer.pledgeCountry);
  const country = written ? isoCountry(written) : null;
  if (written && !country) errors.country = "country_unknown";
  else if (country && settings.lockCountry && pledgeCountry && country !== pledgeCountry)
    errors.country = "country_locked";
  if (zip && country && !errors.zip && !postcodeFits(zip, country)) errors.zip = "postcode_invalid";

  let province: string | null = null;
  const writtenProvince = text("province", false);
  if (country && provinceRequired(country)) {
    province = provinceCode(country, writtenProvince);
    if (!province) errors.province = writtenProvince ? "province_unknown" : "required";
  }

  const writtenPhone = text("phone", false);
  let phone: string | null = null;
  if (writtenPhone) {
    const parsed = parsePhoneNumberFromString(writtenPhone, (country ?? undefined) as CountryCode | undefined);
    if (parsed?.isValid()) phone = parsed.number;
    else errors.phone = "phone_invalid";
  } else if (country && phoneRequired(settings, country)) {
    errors.phone = "phone_required";
  }
  if (!lastName || !address1 || !city || !country) return null;
  return {
    firstName,
    lastName,
    company,
    address1,
    address2,
    city,
    provinceCode: province,
    zip,
    countryCode: country,
    phone,
  };
}

export function phoneRequired(settings: Pick<PortalSettings, "phoneRequiredCountries">, country: string): boolean {
  return settings.phoneRequiredCountries.some((code) => code === "*" || code.toUpperCase() === country);
}

/** The merchant's edit of a backer's address in the admin: the portal's rules, without the country lock. */
export function parseMerchantAddress(
  form: Record<string, string | undefined>,
  settings: PortalSettings,
): { ok: true; address: PortalAddress } | { ok: false; errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {};
  const offer: PortalOffer = { items: [], extras: [], pledgeCountry: null };
  const address = parseAddress(form, offer, { ...settings, lockCountry: false }, errors);
  if (Object.keys(errors).length || !address) return { ok: false, errors };
  return { ok: true, address };
}

export type AddressProblem = "address_incomplete" | "phone_missing";

/**
 * What stops a stored address from shipping: a missing street, city or country, a province Shopify needs, or a
 * postcode that cannot be the country's; or no phone where the campaign says customs needs one. Null when it will ship. A backer with no address at
 * all is not a problem yet: the portal asks for one.
 */
export function addressProblem(
  backer: {
    address1: string | null;
    city: string | null;
    countryCode: string | null;
    provinceCode: string | null;
    zip?: string | null;
    phone: string | null;
  },
  settings: Pick<PortalSettings, "phoneRequiredCountries">,
): AddressProblem | null {
  if (!backer.address1 && !backer.city && !backer.countryCode) return null;
  if (!backer.address1 || !backer.city || !backer.countryCode) return "address_incomplete";
  if (!postcodeFits(backer.zip, backer.countryCode)) return "address_incomplete";
  if (provinceRequired(backer.countryCode) && !backer.provinceCode) return "address_incomplete";
  if (!backer.phone && phoneRequired(settings, backer.countryCode)) return "phone_missing";
  return null;
}
