import { describe, expect, it } from "vitest";
import { balanceIsDue, chargeKey, MAX_ATTEMPTS, nextAttemptAfter } from "../../app/domain/preorders/balance";
import { parseOfferForm, parseVariantLines } from "../../app/domain/preorders/form";
import { offerProblems, termsFromJson, termsToJson, type PreorderOffer } from "../../app/domain/preorders/offer";
import { storefrontOffer } from "../../app/domain/preorders/storefront";
import { en } from "../../app/i18n/en";

const form = (fields: Record<string, string>) => new Map(Object.entries(fields));
const base = {
  name: "Pre-order: ships in March",
  variants: "DD-TEE-XL: 50\ngid://shopify/ProductVariant/7",
  payment: "deposit",
  depositPercentage: "20",
  balanceTrigger: "date",
  balanceDate: "2027-03-01",
  delivery: "date",
  deliveryDate: "2027-03-15",
  reserve: "on_sale",
  discount: "",
};

describe("the pre-order form", () => {
  it("reads an offer: variants with caps, a deposit with its balance date, the ship date, the French name", () => {
    const parsed = parseOfferForm(form({ ...base, nameFr: "Précommande" }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        terms: {
          name: "Pre-order: ships in March",
          description: null,
          payment: {
            kind: "deposit",
            percentage: 20,
            balance: { trigger: "date", date: new Date("2027-03-01T12:00:00Z") },
          },
          delivery: { kind: "date", date: new Date("2027-03-15T12:00:00Z") },
          reserve: "on_sale",
          discountPercentage: 0,
        },
        variants: [
          { ref: "DD-TEE-XL", cap: 50 },
          { ref: "gid://shopify/ProductVariant/7", cap: null },
        ],
        campaignId: null,
        translations: { fr: { name: "Précommande" } },
      },
    });
  });

  it("ignores the balance fields when paying in full", () => {
    const parsed = parseOfferForm(form({ ...base, payment: "full", balanceTrigger: "nonsense" }));
    expect(parsed.ok && parsed.value.terms.payment).toEqual({ kind: "full" });
  });

  it("names each field it cannot read, and reads nothing then", () => {
    const parsed = parseOfferForm(
      form({
        ...base,
        variants: "",
        payment: "bitcoin",
        delivery: "someday",
        reserve: "never",
        balanceDate: "1 March",
      }),
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual(
      expect.arrayContaining([
        { field: "date", code: "invalid", value: "1 March" },
        { field: "variants", code: "blank" },
        { field: "payment", code: "invalid", value: "bitcoin" },
        { field: "delivery", code: "invalid", value: "someday" },
        { field: "reserve", code: "invalid", value: "never" },
      ]),
    );
    expect(!parsed.ok && parsed.problems).toHaveLength(5);
    expect(parseVariantLines("DD-TEE-XL: many")).toEqual({
      variants: [],
      problems: [{ field: "variants", code: "bad_line", line: "DD-TEE-XL: many" }],
    });
    expect(parseVariantLines(Array.from({ length: 251 }, (_, i) => `SKU-${i}`).join("\n")).problems).toEqual([
      { field: "variants", code: "too_many" },
    ]);
  });

  it("has a message in the page for every rule an offer can break", () => {
    const codes = [
      "name.blank",
      "name.too_long",
      "description.too_long",
      "payment.percentage_range",
      "payment.amount_invalid",
      "payment.full_payment_is_not_a_deposit",
      "balance.date_in_past",
      "balance.days_range",
      "balance.date_after_delivery",
      "delivery.date_in_past",
      "discount.percentage_range",
      "variants.none",
      "variants.blank",
      "variants.too_many",
      "variants.unknown",
      "variants.on_another_offer",
      "cap.invalid",
    ];
    for (const code of codes) expect(en).toHaveProperty([`preorders.problem.${code}`]);
  });
});

describe("the storefront badge's data", () => {
  const offer: PreorderOffer = {
    name: "Pre-order",
    merchantCode: "pb",
    payment: { kind: "deposit", percentage: 25, balance: { trigger: "on_fulfillment" } },
    delivery: { kind: "date", date: new Date("2027-03-15T12:00:00Z") },
    reserve: "on_sale",
    discountPercentage: 0,
  };

  it("says the ETA, the deposit, when the rest is due and the units left under the cap", () => {
    expect(storefrontOffer(offer, { fr: { name: "Précommande" }, de: { name: " " } }, 50, 47)).toEqual({
      name: "Pre-order",
      names: { fr: "Précommande" },
      eta: "2027-03-15",
      depositPercentage: 25,
      depositAmount: null,
      balanceDue: "fulfillment",
      cap: 50,
      unitsLeft: 3,
    });
    expect(
      storefrontOffer({ ...offer, payment: { kind: "full" }, delivery: { kind: "asap" } }, {}, null, 9),
    ).toMatchObject({
      eta: null,
      depositPercentage: 100,
      balanceDue: null,
      unitsLeft: null,
    });
    expect(storefrontOffer(offer, {}, 5, 7).unitsLeft).toBe(0);
  });

  it("stores terms as JSON and reads them back with their dates", () => {
    const back = termsFromJson(JSON.parse(JSON.stringify(termsToJson(offer))));
    expect(back).toEqual(offer);
    expect(offerProblems(back, new Date("2026-11-24"))).toEqual([]);
  });
});

describe("balance collection's schedule", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  it("is due on its date, or once shipped when due on fulfillment, and not before a retry's time", () => {
    const order = {
      dueAt: new Date("2027-03-01T00:00:00Z"),
      dueOnFulfillment: false,
      fulfilledAt: null,
      nextAttemptAt: null,
    };
    expect(balanceIsDue(order, now)).toBe(true);
    expect(balanceIsDue({ ...order, dueAt: new Date("2027-03-02") }, now)).toBe(false);
    expect(balanceIsDue({ ...order, nextAttemptAt: new Date("2027-03-02") }, now)).toBe(false);
    expect(balanceIsDue({ ...order, dueAt: null, dueOnFulfillment: true }, now)).toBe(false);
    expect(balanceIsDue({ ...order, dueAt: null, dueOnFulfillment: true, fulfilledAt: now }, now)).toBe(true);
  });

  it("retries after a day, three days and a week, then stops; one key per attempt", () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptAfter(n, now)?.toISOString() ?? null)).toEqual([
      "2027-03-02T12:00:00.000Z",
      "2027-03-04T12:00:00.000Z",
      "2027-03-08T12:00:00.000Z",
      null,
    ]);
    expect(MAX_ATTEMPTS).toBe(4);
    expect(chargeKey("o1", 1)).not.toBe(chargeKey("o1", 2));
    expect(chargeKey("o1", 2)).toBe(chargeKey("o1", 2));
  });
});
