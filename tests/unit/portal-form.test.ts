import { describe, expect, it } from "vitest";
import {
  addressProblem,
  DEFAULT_PORTAL_SETTINGS,
  parseMerchantAddress,
  parsePortalForm,
  type PortalOffer,
} from "../../app/domain/portal/form";

const TEE = "gid://shopify/ProductVariant/11";
const TEE_L = "gid://shopify/ProductVariant/13";
const TEE_XL = "gid://shopify/ProductVariant/14";
const COINS = "gid://shopify/ProductVariant/20";
const SLEEVES = "gid://shopify/ProductVariant/21";

const offer: PortalOffer = {
  items: [
    {
      mappedVariantId: TEE,
      title: "T-shirt",
      options: [
        { variantId: TEE, title: "S", available: true, stock: 5 },
        { variantId: TEE_L, title: "L", available: true, stock: 2 },
        { variantId: TEE_XL, title: "XL", available: false, stock: 0 },
      ],
    },
  ],
  extras: [
    { variantId: COINS, title: "Coins", available: true, stock: 3, priceMinor: 1500 },
    { variantId: SLEEVES, title: "Sleeves", available: true, stock: null, priceMinor: 800 },
  ],
  pledgeCountry: "FR",
};

const address = {
  firstName: "Ada",
  lastName: "Lovelace",
  address1: "1 rue de Rivoli",
  city: "Paris",
  zip: "75001",
  country: "FR",
};

describe("what a backer sends from the portal", () => {
  it("turns a size, extras and an address into choices and a Shopify address", () => {
    const result = parsePortalForm(
      {
        [`variant:${TEE}`]: TEE_L,
        [`extra:${COINS}`]: "2",
        [`extra:${SLEEVES}`]: "0",
        ...address,
        phone: "06 12 34 56 78",
      },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      {},
    );
    expect(result).toEqual({
      ok: true,
      choices: { variants: { [TEE]: TEE_L }, extras: [{ variantId: COINS, quantity: 2 }] },
      address: {
        firstName: "Ada",
        lastName: "Lovelace",
        company: null,
        address1: "1 rue de Rivoli",
        address2: null,
        city: "Paris",
        provinceCode: null,
        zip: "75001",
        countryCode: "FR",
        phone: "+33612345678",
      },
    });
  });

  it("refuses a variant that was not offered, a sold-out one, and too many extras", () => {
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE_XL, [`extra:${COINS}`]: "4", [`extra:${TEE}`]: "1", ...address },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      {},
    );
    expect(result).toEqual({
      ok: false,
      errors: { [`variant:${TEE}`]: "sold_out", [`extra:${COINS}`]: "sold_out", [`extra:${TEE}`]: "not_offered" },
    });
    const other = parsePortalForm({ [`variant:${TEE}`]: COINS, ...address }, offer, DEFAULT_PORTAL_SETTINGS, {});
    expect(other).toEqual({ ok: false, errors: { [`variant:${TEE}`]: "not_offered" } });
  });

  it("keeps what the backer already holds even when it has sold out since", () => {
    const current = { variants: { [TEE]: TEE_XL }, extras: [{ variantId: COINS, quantity: 5 }] };
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE_XL, [`extra:${COINS}`]: "5", ...address },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      current,
    );
    expect(result.ok && result.choices).toEqual(current);
  });

  it("refuses quantities that are not whole numbers from 0 to 20", () => {
    for (const value of ["-1", "1.5", "abc", "21"]) {
      const result = parsePortalForm(
        { [`variant:${TEE}`]: TEE, [`extra:${SLEEVES}`]: value, ...address },
        offer,
        DEFAULT_PORTAL_SETTINGS,
        {},
      );
      expect(result).toEqual({ ok: false, errors: { [`extra:${SLEEVES}`]: "quantity" } });
    }
  });

  it("says which address fields are missing or wrong", () => {
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE, lastName: " ", address1: "x", city: "", country: "Atlantis" },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      {},
    );
    expect(result).toEqual({
      ok: false,
      errors: { lastName: "required", city: "required", country: "country_unknown" },
    });
  });

  it("refuses a postcode that cannot be the country's, and takes any where it knows no format", () => {
    const form = (zip: string) => ({ [`variant:${TEE}`]: TEE, ...address, zip });
    expect(parsePortalForm(form("7500"), offer, DEFAULT_PORTAL_SETTINGS, {})).toEqual({
      ok: false,
      errors: { zip: "postcode_invalid" },
    });
    expect(parsePortalForm(form(" 75001 "), offer, DEFAULT_PORTAL_SETTINGS, {}).ok).toBe(true);
    const gb = parseMerchantAddress(
      { lastName: "Lovelace", address1: "1 Downing St", city: "London", zip: "SW1A 2AA", country: "GB" },
      DEFAULT_PORTAL_SETTINGS,
    );
    expect(gb.ok).toBe(true);
    const hk = parseMerchantAddress(
      { lastName: "Chan", address1: "1 Queen's Rd", city: "Hong Kong", zip: "anything", country: "HK" },
      DEFAULT_PORTAL_SETTINGS,
    );
    expect(hk.ok).toBe(true);
    // A stored address with a postcode of another country will not ship: the inbox says so.
    const stored = { address1: "1 rue de Rivoli", city: "Paris", countryCode: "FR", provinceCode: null, phone: null };
    expect(addressProblem({ ...stored, zip: "SW1A 2AA" }, DEFAULT_PORTAL_SETTINGS)).toBe("address_incomplete");
    expect(addressProblem({ ...stored, zip: "75001" }, DEFAULT_PORTAL_SETTINGS)).toBeNull();
  });

  it("keeps the country the backer paid shipping for, unless the merchant allows a change", () => {
    const moved = { [`variant:${TEE}`]: TEE, ...address, country: "Germany" };
    expect(parsePortalForm(moved, offer, DEFAULT_PORTAL_SETTINGS, {})).toEqual({
      ok: false,
      errors: { country: "country_locked" },
    });
    const free = parsePortalForm(moved, offer, { ...DEFAULT_PORTAL_SETTINGS, lockCountry: false }, {});
    expect(free.ok && free.address?.countryCode).toBe("DE");
  });

  it("needs a state where Shopify does, and a phone where the merchant's customs do", () => {
    const us = { ...offer, pledgeCountry: "US" };
    const settings = { ...DEFAULT_PORTAL_SETTINGS, phoneRequiredCountries: ["US"] };
    const base = { [`variant:${TEE}`]: TEE, lastName: "Hopper", address1: "1 Main St", city: "Austin", country: "US" };
    expect(parsePortalForm({ ...base, province: "Texass" }, us, settings, {})).toEqual({
      ok: false,
      errors: { province: "province_unknown", phone: "phone_required" },
    });
    expect(parsePortalForm({ ...base, province: "Texas", phone: "12" }, us, settings, {})).toEqual({
      ok: false,
      errors: { phone: "phone_invalid" },
    });
    const ok = parsePortalForm({ ...base, province: "Texas", phone: "(512) 555-0100" }, us, settings, {});
    expect(ok.ok && ok.address).toMatchObject({ provinceCode: "TX", phone: "+15125550100" });
    const everywhere = { ...DEFAULT_PORTAL_SETTINGS, phoneRequiredCountries: ["*"] };
    expect(parsePortalForm({ [`variant:${TEE}`]: TEE, ...address }, offer, everywhere, {})).toEqual({
      ok: false,
      errors: { phone: "phone_required" },
    });
  });

  it("ignores address fields once addresses are locked, and choices once orders are locked", () => {
    const current = { variants: { [TEE]: TEE_L }, extras: [] };
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE, [`extra:${COINS}`]: "1", lastName: "", country: "Mars" },
      offer,
      { ...DEFAULT_PORTAL_SETTINGS, addressesLocked: true, ordersLocked: true },
      current,
    );
    expect(result).toEqual({ ok: true, choices: current, address: null });
  });

  it("refuses overlong fields", () => {
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE, ...address, address2: "x".repeat(256) },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      {},
    );
    expect(result).toEqual({ ok: false, errors: { address2: "too_long" } });
  });

  it("refuses a NUL character, which a crafted request can send and the database cannot store", () => {
    const result = parsePortalForm(
      { [`variant:${TEE}`]: TEE, ...address, city: "Ber\0lin" },
      offer,
      DEFAULT_PORTAL_SETTINGS,
      {},
    );
    expect(result).toEqual({ ok: false, errors: { city: "unstorable_character" } });
  });
});
