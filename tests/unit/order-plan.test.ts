import { describe, expect, it } from "vitest";
import {
  DEFAULT_ORDER_SETTINGS,
  planDraftOrder,
  type CampaignMapping,
  type OrderPlan,
  type PlanCampaign,
  type PlanPledge,
  type RewardMapping,
} from "../../app/domain/ordering/plan";
import { pledgeSearch, pledgeTag } from "../../app/domain/ordering/tags";

const NOW = new Date("2026-11-23T10:00:00Z");
const CORE = "gid://shopify/ProductVariant/1";
const EXPANSION = "gid://shopify/ProductVariant/2";
const COINS = "gid://shopify/ProductVariant/3";

const tier = (items: RewardMapping["items"]): RewardMapping => ({ rewardId: "rw_tier", title: "Dragon pledge", items });
const coins: RewardMapping = { rewardId: "rw_coins", title: "Metal coins", items: [{ variantId: COINS, quantity: 1 }] };

function mapping(tierItems: RewardMapping["items"] = [{ variantId: CORE, quantity: 1 }]): CampaignMapping {
  return {
    tiers: new Map([["rw_tier", tier(tierItems)]]),
    addOns: new Map([["KICKSTARTER:10750430", coins]]),
  };
}

function pledge(overrides: Partial<PlanPledge> = {}, backer: Partial<PlanPledge["backer"]> = {}): PlanPledge {
  return {
    id: "019ab8c2-0000-7000-8000-000000000001",
    status: "COLLECTED",
    source: "KICKSTARTER",
    backerNumber: 42,
    externalBackerId: "5000042",
    rewardId: "rw_tier",
    addOns: [],
    bonusMinor: 0,
    currencyCode: "EUR",
    ...overrides,
    backer: {
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      company: null,
      phone: "+33 6 12 34 56 78",
      address1: "1 rue de la Paix",
      address2: null,
      city: "Paris",
      provinceCode: null,
      zip: "75002",
      countryCode: "FR",
      ...backer,
    },
  };
}

const campaign = (settings: Partial<PlanCampaign["settings"]> = {}, currencyCode = "EUR"): PlanCampaign => ({
  id: "cmp_1",
  handle: "deep-delve",
  name: "Deep Delve",
  currencyCode,
  settings: { ...DEFAULT_ORDER_SETTINGS, ...settings },
});

function plan(p = pledge(), m = mapping(), c = campaign(), storeCurrency = "EUR"): OrderPlan {
  return planDraftOrder(p, m, c, { currencyCode: storeCurrency }, NOW);
}

function order(result: OrderPlan) {
  if (result.kind !== "order") throw new Error(`expected an order, got ${JSON.stringify(result)}`);
  return result;
}

describe("planning a pledge's draft order", () => {
  it("orders the reward's items at a 100% discount, tagged and attributed with the pledge", () => {
    const { input, warnings } = order(plan());
    expect(input.lineItems).toEqual([
      {
        variantId: CORE,
        quantity: 1,
        appliedDiscount: {
          value: 100,
          valueType: "PERCENTAGE",
          title: "Paid on Kickstarter",
          description: "Deep Delve",
        },
        customAttributes: [{ key: "_reward", value: "Dragon pledge" }],
      },
    ]);
    expect(input.tags).toEqual(["pledgebridge", "campaign-deep-delve", "pb-019ab8c2000070008000000000000001"]);
    expect(input.customAttributes).toEqual([
      { key: "_pledgebridge_pledge", value: "019ab8c2-0000-7000-8000-000000000001" },
      { key: "_pledgebridge_campaign", value: "deep-delve" },
    ]);
    expect(input.email).toBe("ada@example.com");
    expect(input.note).toBe("Kickstarter backer #42, Deep Delve");
    expect(input.allowDiscountCodesInCheckout).toBe(false);
    expect(input.presentmentCurrencyCode).toBeUndefined();
    expect(input.reserveInventoryUntil).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("multiplies a bundle's quantities and each add-on's by how many the backer took", () => {
    const bundle = [
      { variantId: CORE, quantity: 1 },
      { variantId: EXPANSION, quantity: 2 },
    ];
    const { input } = order(plan(pledge({ addOns: [{ rewardExternalId: "10750430", quantity: 3 }] }), mapping(bundle)));
    expect(input.lineItems!.map((line) => [line.variantId, line.quantity, line.customAttributes![0]!.value])).toEqual([
      [CORE, 1, "Dragon pledge"],
      [EXPANSION, 2, "Dragon pledge"],
      [COINS, 3, "Metal coins"],
    ]);
    expect(input.lineItems!.every((line) => line.appliedDiscount?.value === 100)).toBe(true);
  });

  it("orders an add-on-only pledge, and skips a pledge with nothing to ship", () => {
    const addOnOnly = pledge({ rewardId: null, addOns: [{ rewardExternalId: "10750430", quantity: 1 }] });
    expect(order(plan(addOnOnly)).input.lineItems).toHaveLength(1);
    expect(plan(pledge({ rewardId: null }))).toEqual({ kind: "skip", reason: "nothing_to_ship" });
    const zeroAddOn = pledge({ rewardId: null, addOns: [{ rewardExternalId: "10750430", quantity: 0 }] });
    expect(plan(zeroAddOn)).toEqual({ kind: "skip", reason: "nothing_to_ship" });
  });

  it.each(["DROPPED", "ERRORED", "REFUNDED", "CANCELLED"] as const)("never orders a %s pledge", (status) => {
    expect(plan(pledge({ status }))).toEqual({ kind: "skip", reason: status.toLowerCase() });
  });

  it("blocks a pledge whose reward or add-on is not mapped, naming each once", () => {
    const unmapped = plan(
      pledge({
        addOns: [
          { rewardExternalId: "999", quantity: 1 },
          { rewardExternalId: "999", quantity: 2 },
        ],
      }),
      mapping([]),
    );
    expect(unmapped).toEqual({
      kind: "blocked",
      reasons: [
        { code: "unmapped_reward", rewardId: "rw_tier", title: "Dragon pledge" },
        { code: "unknown_add_on", externalId: "999" },
      ],
    });
    const missingTier = plan(pledge({ rewardId: "rw_other" }));
    expect(missingTier).toEqual({
      kind: "blocked",
      reasons: [{ code: "unmapped_reward", rewardId: "rw_other", title: "rw_other" }],
    });
  });

  it("blocks a draft order with more lines than Shopify takes", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      variantId: `gid://shopify/ProductVariant/${i + 1}`,
      quantity: 1,
    }));
    expect(plan(pledge(), mapping(many))).toEqual({
      kind: "blocked",
      reasons: [{ code: "too_many_lines", lines: 500 }],
    });
  });

  describe("currencies", () => {
    it("blocks until the merchant chooses when the campaign and the store differ", () => {
      expect(plan(pledge({ currencyCode: "USD" }), mapping(), campaign({}, "USD"), "EUR")).toEqual({
        kind: "blocked",
        reasons: [{ code: "currency_choice_required", campaignCurrency: "USD", storeCurrency: "EUR" }],
      });
    });

    it("presents the draft in the campaign's currency, or the store's, as chosen", () => {
      const usd = pledge({ currencyCode: "USD" });
      const inCampaign = order(plan(usd, mapping(), campaign({ currency: "campaign" }, "USD"), "EUR"));
      expect(inCampaign.input.presentmentCurrencyCode).toBe("USD");
      const inStore = order(plan(usd, mapping(), campaign({ currency: "store" }, "USD"), "EUR"));
      expect(inStore.input.presentmentCurrencyCode).toBeUndefined();
    });
  });

  it("records bonus support as an attribute, or leaves it out, as the campaign says", () => {
    const generous = pledge({ bonusMinor: 550 });
    expect(order(plan(generous)).input.customAttributes).toContainEqual({ key: "_bonus_support", value: "5.50 EUR" });
    const ignored = order(plan(generous, mapping(), campaign({ bonusSupport: "ignore" })));
    expect(ignored.input.customAttributes!.map((a) => a.key)).not.toContain("_bonus_support");
  });

  it("reserves the stock for the campaign's days, without changing the fingerprint", () => {
    const reserved = order(plan(pledge(), mapping(), campaign({ reserveInventoryDays: 30 })));
    expect(reserved.input.reserveInventoryUntil).toBe("2026-12-23T10:00:00.000Z");
    const tomorrow = order(
      planDraftOrder(
        pledge(),
        mapping(),
        campaign({ reserveInventoryDays: 30 }),
        { currencyCode: "EUR" },
        new Date("2026-11-24T10:00:00Z"),
      ),
    );
    expect(tomorrow.fingerprint).toBe(reserved.fingerprint);
    expect(order(plan()).fingerprint).toBe(reserved.fingerprint);
  });

  describe("the shipping address", () => {
    it("is sent with ISO codes and an E.164 phone", () => {
      expect(order(plan()).input.shippingAddress).toEqual({
        firstName: "Ada",
        lastName: "Lovelace",
        company: null,
        address1: "1 rue de la Paix",
        address2: null,
        city: "Paris",
        zip: "75002",
        countryCode: "FR",
        phone: "+33612345678",
      });
    });

    it("turns a country name and a state name into codes", () => {
      const us = pledge(
        {},
        { countryCode: "United States", provinceCode: "California", zip: "94107", phone: "(415) 555-2671" },
      );
      expect(order(plan(us)).input.shippingAddress).toMatchObject({
        countryCode: "US",
        provinceCode: "CA",
        phone: "+14155552671",
      });
    });

    it("is left for checkout when Shopify would refuse it, with the reason", () => {
      const noState = order(plan(pledge({}, { countryCode: "US", provinceCode: "Calif." })));
      expect(noState.input.shippingAddress).toBeUndefined();
      expect(noState.warnings).toEqual([
        { code: "province_unreadable", value: "Calif." },
        { code: "address_incomplete", missing: ["provinceCode"] },
      ]);
      const empty = order(plan(pledge({}, { address1: null, city: null, countryCode: "Atlantis" })));
      expect(empty.input.shippingAddress).toBeUndefined();
      expect(empty.warnings).toContainEqual({
        code: "address_incomplete",
        missing: ["address1", "city", "countryCode"],
      });
    });

    it("drops a phone that is not a number anywhere, and keeps the address", () => {
      const result = order(plan(pledge({}, { phone: "call me" })));
      expect(result.input.shippingAddress).toBeDefined();
      expect(result.input.shippingAddress!.phone).toBeUndefined();
      expect(result.warnings).toEqual([{ code: "phone_invalid" }]);
    });

    it("puts a single name last, as checkout asks", () => {
      const result = order(plan(pledge({}, { firstName: "Cher", lastName: null })));
      expect(result.input.shippingAddress).toMatchObject({ firstName: null, lastName: "Cher" });
    });

    it("changes the fingerprint when the backer moves", () => {
      const moved = order(plan(pledge({}, { address1: "2 avenue Foch" })));
      expect(moved.fingerprint).not.toBe(order(plan()).fingerprint);
    });
  });

  it("flags a missing email and an Apple private relay address", () => {
    const noEmail = order(plan(pledge({}, { email: "" })));
    expect(noEmail.input.email).toBeUndefined();
    expect(noEmail.warnings).toContainEqual({ code: "email_missing" });
    const relay = order(plan(pledge({}, { email: "x1y2@privaterelay.appleid.com" })));
    expect(relay.input.email).toBe("x1y2@privaterelay.appleid.com");
    expect(relay.warnings).toContainEqual({ code: "private_relay_email" });
  });

  it("names a backer without a number by their platform id", () => {
    expect(order(plan(pledge({ backerNumber: null, source: "INDIEGOGO" }))).input.note).toBe(
      "Indiegogo backer 5000042, Deep Delve",
    );
  });
});

describe("pledge tags", () => {
  it("fit Shopify's 40 characters for both id shapes and search exactly one tag", () => {
    expect(pledgeTag("cmwtkjkes0000467dp4vkfnlp")).toBe("pb-cmwtkjkes0000467dp4vkfnlp");
    expect(pledgeTag("019ab8c2-0000-7000-8000-000000000001").length).toBeLessThanOrEqual(40);
    expect(pledgeSearch("abc")).toBe("tag:pb-abc");
    expect(() => pledgeTag("x".repeat(40))).toThrow(/too long/);
  });

  it("orders the size the backer picked and the extras they added, the extras at the store's price", () => {
    const TEE_L = "gid://shopify/ProductVariant/9";
    const base = order(plan());
    const chosen = order(
      plan(pledge({ choices: { variants: { [CORE]: TEE_L }, extras: [{ variantId: COINS, quantity: 2 }] } })),
    );
    expect(chosen.input.lineItems).toEqual([
      { ...base.input.lineItems![0], variantId: TEE_L },
      { variantId: COINS, quantity: 2, customAttributes: [{ key: "_extra", value: "portal" }] },
    ]);
    expect(chosen.fingerprint).not.toBe(base.fingerprint);
    // No choices and empty choices are the same draft.
    expect(order(plan(pledge({ choices: { variants: {}, extras: [] } }))).fingerprint).toBe(base.fingerprint);
  });
});
