// The pre-orders page's form, read into an offer request: every field checked at the edge with a problem the
// page can name, before any rule of Shopify's (offer.ts) or any call. Variants are written one per line, a SKU
// or a variant id, with an optional cap after a colon: "DD-TEE-XL: 50". Pure, tested in tests/unit.
import type { PreorderOffer } from "./offer";

export type FormProblem =
  | { field: "variants"; code: "blank" | "bad_line" | "too_many"; line?: string }
  | {
      field: "payment" | "balance" | "delivery" | "reserve" | "discount" | "date" | "campaign";
      code: "invalid";
      value: string;
    };

export interface ParsedOfferForm {
  terms: Omit<PreorderOffer, "merchantCode">;
  /** SKUs or variant ids, with their cap (null: no cap). */
  variants: Array<{ ref: string; cap: number | null }>;
  campaignId: string | null;
  translations: Record<string, { name: string }>;
}

const LINE = /^(gid:\/\/shopify\/ProductVariant\/\d+|[^:]{1,255}?)\s*(?::\s*(\d{1,7}))?$/;

export function parseVariantLines(text: string): { variants: ParsedOfferForm["variants"]; problems: FormProblem[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return { variants: [], problems: [{ field: "variants", code: "blank" }] };
  if (lines.length > 250) return { variants: [], problems: [{ field: "variants", code: "too_many" }] };
  const variants: ParsedOfferForm["variants"] = [];
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) return { variants: [], problems: [{ field: "variants", code: "bad_line", line }] };
    variants.push({ ref: match[1]!.trim(), cap: match[2] === undefined ? null : Number(match[2]) });
  }
  return { variants, problems: [] };
}

export function parseOfferForm(form: {
  get(name: string): unknown;
}): { ok: true; value: ParsedOfferForm } | { ok: false; problems: FormProblem[] } {
  const text = (name: string) =>
    (typeof form.get(name) === "string" ? (form.get(name) as string).trim() : "").slice(0, 10_000);
  const problems: FormProblem[] = [];
  const date = (name: string) => {
    const value = text(name);
    // A day in the shop's calendar; the time of day Shopify needs is noon UTC, clear of any timezone's midnight.
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(NaN);
    if (Number.isNaN(parsed.getTime())) problems.push({ field: "date", code: "invalid", value });
    return parsed;
  };
  const number = (name: string, field: FormProblem["field"]) => {
    const value = Number(text(name));
    if (text(name) === "" || !Number.isFinite(value))
      problems.push({ field, code: "invalid", value: text(name) } as FormProblem);
    return value;
  };

  const { variants, problems: variantProblems } = parseVariantLines(text("variants"));
  problems.push(...variantProblems);

  let balance: Extract<PreorderOffer["payment"], { balance: unknown }>["balance"] | null = null;
  const paymentKind = text("payment");
  if (paymentKind !== "full") {
    const trigger = text("balanceTrigger");
    if (trigger === "date") balance = { trigger: "date", date: date("balanceDate") };
    else if (trigger === "days_after_checkout")
      balance = { trigger: "days_after_checkout", days: number("balanceDays", "balance") };
    else if (trigger === "on_fulfillment") balance = { trigger: "on_fulfillment" };
    else problems.push({ field: "balance", code: "invalid", value: trigger });
  }
  let payment: PreorderOffer["payment"] = { kind: "full" };
  if (paymentKind === "deposit" && balance)
    payment = { kind: "deposit", percentage: number("depositPercentage", "payment"), balance };
  else if (paymentKind === "deposit_amount" && balance)
    payment = { kind: "deposit_amount", amount: text("depositAmount"), balance };
  else if (!["full", "deposit", "deposit_amount"].includes(paymentKind))
    problems.push({ field: "payment", code: "invalid", value: paymentKind });

  const deliveryKind = text("delivery");
  let delivery: PreorderOffer["delivery"] = { kind: "asap" };
  if (deliveryKind === "date") delivery = { kind: "date", date: date("deliveryDate") };
  else if (deliveryKind !== "asap") problems.push({ field: "delivery", code: "invalid", value: deliveryKind });

  const reserve = text("reserve");
  if (reserve !== "on_sale" && reserve !== "on_fulfillment")
    problems.push({ field: "reserve", code: "invalid", value: reserve });
  const discountPercentage = text("discount") === "" ? 0 : number("discount", "discount");

  if (problems.length) return { ok: false, problems };
  const translatedName = text("nameFr");
  return {
    ok: true,
    value: {
      terms: {
        name: text("name"),
        description: text("description") || null,
        payment,
        delivery,
        reserve: reserve as PreorderOffer["reserve"],
        discountPercentage,
      },
      variants,
      campaignId: text("campaignId") || null,
      translations: translatedName ? { fr: { name: translatedName } } : {},
    },
  };
}
