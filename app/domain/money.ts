// Money is an integer number of minor units and an ISO 4217 currency: never a float. Amounts are parsed once at
// the edge into this shape, and every sum checks that it adds the same currency.

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 code that Intl knows ("EUR"), not merely three capitals ("XYZ"). */
export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

// Building an Intl.NumberFormat is slow, and an import asks for every amount: asked once per currency.
const digitsByCurrency = new Map<string, number>();

/** How many minor-unit digits a currency has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function minorUnitDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    assertCurrency(currency);
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function money(amountMinor: number, currency: string): Money {
  assertCurrency(currency);
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a whole number of minor units`);
  return { amountMinor, currency };
}

/** "12.5" EUR → 1250 minor units. Refuses more decimals than the currency has rather than rounding silently. */
export function moneyFromDecimal(decimal: string, currency: string): Money {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`"${decimal}" is not a decimal amount`);
  const [, sign, whole, fraction = ""] = match;
  const digits = minorUnitDigits(currency);
  if (fraction.replace(/0+$/, "").length > digits) {
    throw new RangeError(`"${decimal}" has more decimals than ${currency} allows (${digits})`);
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0").slice(0, digits) || "0");
  return money(sign ? -minor : minor, currency);
}

/** The decimal string Shopify's API expects for a Money input ("12.50"). */
export function toDecimalString(value: Money): string {
  const digits = minorUnitDigits(value.currency);
  const sign = value.amountMinor < 0 ? "-" : "";
  const absolute = Math.abs(value.amountMinor)
    .toString()
    .padStart(digits + 1, "0");
  return digits ? `${sign}${absolute.slice(0, -digits)}.${absolute.slice(-digits)}` : `${sign}${absolute}`;
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`Cannot add ${b.currency} to ${a.currency}`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function formatMoney(value: Money, locale: string): string {
  const digits = minorUnitDigits(value.currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency: value.currency }).format(
    value.amountMinor / 10 ** digits,
  );
}

function assertCurrency(currency: string) {
  if (!CURRENCY.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
}
