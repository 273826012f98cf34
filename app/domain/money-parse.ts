// Money as crowdfunding exports write it, read into integer minor units and an ISO currency:
// "$4.00 USD", "SEK 1,000.00", "£253.00", "1.234,50 €", "CHF 1'234.50", "(12.00)", "59". Ambiguity is an error,
// never a guess: "$5" in a campaign that is not in a dollar currency, or "1,234" where that could be either.
import { isCurrency, minorUnitDigits, money, type Money } from "./money";

export type MoneyParseError =
  | { code: "unparseable_amount"; message: string }
  | { code: "ambiguous_currency"; message: string }
  | { code: "unknown_currency"; message: string }
  | { code: "too_many_decimals"; message: string };

export type MoneyParseResult = { ok: true; money: Money } | { ok: false; error: MoneyParseError };

// Symbols as exports write them. A symbol that names several currencies needs the campaign's to decide.
const SYMBOLS: Record<string, string[]> = {
  US$: ["USD"],
  CA$: ["CAD"],
  C$: ["CAD"],
  A$: ["AUD"],
  AU$: ["AUD"],
  NZ$: ["NZD"],
  HK$: ["HKD"],
  S$: ["SGD"],
  MX$: ["MXN"],
  R$: ["BRL"],
  $: ["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"],
  "€": ["EUR"],
  "£": ["GBP"],
  "¥": ["JPY", "CNY"],
  "₩": ["KRW"],
  "₹": ["INR"],
  zł: ["PLN"],
  "₺": ["TRY"],
  kr: ["SEK", "NOK", "DKK"],
  "kr.": ["DKK"],
  "Fr.": ["CHF"],
};
const SYMBOL_PATTERN = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map((symbol) => symbol.replace(/[$.]/g, "\\$&"))
  .join("|");
const MONEY = new RegExp(
  `^(?<sign1>-)?\\s*(?<pre>[A-Z]{3}|${SYMBOL_PATTERN})?\\s*(?<sign2>-)?\\s*(?<amount>\\d[\\d.,'\\u00a0\\u202f ]*)\\s*(?<post>[A-Z]{3}|${SYMBOL_PATTERN})?\\s*(?<iso>[A-Z]{3})?$`,
  "i",
);

// Exports repeat the same few amounts (tier minimums, shipping rates) on every row: results are cached.
const CACHE_SIZE = 4096;
const cache = new Map<string, MoneyParseResult>();

export function parseMoney(raw: string, campaignCurrency?: string): MoneyParseResult {
  const key = `${campaignCurrency ?? ""}|${raw}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Frozen: the same result is handed to every row that wrote this amount.
  const result = Object.freeze(parseMoneyUncached(raw, campaignCurrency));
  if (result.ok) Object.freeze(result.money);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, result);
  return result;
}

function parseMoneyUncached(raw: string, campaignCurrency?: string): MoneyParseResult {
  let text = raw.trim();
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) text = parenthesised[1]!.trim();
  const match = MONEY.exec(text);
  if (!text || !match?.groups) return failure("unparseable_amount", `"${raw}" is not an amount of money`);
  const { pre, post, iso, amount } = match.groups;
  const negative = Boolean(parenthesised || match.groups.sign1 || match.groups.sign2);

  const currency = resolveCurrency(
    [pre, post, iso].filter((part): part is string => Boolean(part)),
    campaignCurrency,
    raw,
  );
  if ("error" in currency) return { ok: false, error: currency.error };
  const minor = toMinorUnits(amount!, currency.code, raw);
  if ("error" in minor) return { ok: false, error: minor.error };
  return { ok: true, money: money(negative ? -minor.value : minor.value, currency.code) };
}

function resolveCurrency(
  marks: string[],
  campaignCurrency: string | undefined,
  raw: string,
): { code: string } | { error: MoneyParseError } {
  const codes = marks.filter((mark) => /^[A-Z]{3}$/.test(mark));
  const symbols = marks.filter((mark) => !/^[A-Z]{3}$/.test(mark));
  if (new Set(codes).size > 1)
    return { error: { code: "ambiguous_currency", message: `"${raw}" names two currencies` } };
  if (codes[0]) {
    if (!isCurrency(codes[0]))
      return { error: { code: "unknown_currency", message: `"${codes[0]}" is not an ISO 4217 currency` } };
    const fits = symbols.every((symbol) => symbolCurrencies(symbol).includes(codes[0]!));
    if (!fits)
      return {
        error: { code: "ambiguous_currency", message: `"${raw}" has a symbol that does not match ${codes[0]}` },
      };
    return { code: codes[0] };
  }
  if (symbols.length) {
    const candidates = symbolCurrencies(symbols[0]!);
    if (candidates.length === 1) return { code: candidates[0]! };
    if (campaignCurrency && candidates.includes(campaignCurrency)) return { code: campaignCurrency };
    return {
      error: {
        code: "ambiguous_currency",
        message: `"${symbols[0]}" could be ${candidates.join(", ")}; the campaign's currency does not say which`,
      },
    };
  }
  if (campaignCurrency) return { code: campaignCurrency };
  return { error: { code: "ambiguous_currency", message: `"${raw}" names no currency and none was given` } };
}

function symbolCurrencies(symbol: string): string[] {
  const key = Object.keys(SYMBOLS).find((candidate) => candidate.toLowerCase() === symbol.toLowerCase());
  return key ? SYMBOLS[key]! : [];
}

/** Works out which of "," and "." is the decimal separator; everything else groups thousands. */
function toMinorUnits(amount: string, currency: string, raw: string): { value: number } | { error: MoneyParseError } {
  const digits = minorUnitDigits(currency);
  const cleaned = amount.replace(/[\s\u00a0\u202f']/g, "");
  const lastComma = cleaned.lastIndexOf(",");
  const lastDot = cleaned.lastIndexOf(".");
  let decimalSeparator: "," | "." | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalSeparator = lastComma > lastDot ? "," : ".";
  else {
    const separator = lastComma >= 0 ? "," : lastDot >= 0 ? "." : null;
    if (separator) {
      const occurrences = cleaned.split(separator).length - 1;
      const after = cleaned.length - cleaned.lastIndexOf(separator) - 1;
      if (occurrences > 1) decimalSeparator = null;
      else if (after === 3 && digits !== 3) decimalSeparator = null;
      else if (after === 3) {
        return {
          error: {
            code: "unparseable_amount",
            message: `"${raw}" could be a thousands or a decimal separator in ${currency}`,
          },
        };
      } else decimalSeparator = separator;
    }
  }
  const [whole, fraction = ""] = decimalSeparator ? splitLast(cleaned, decimalSeparator) : [cleaned, ""];
  const wholeDigits = whole.replace(/[.,]/g, "");
  if (!/^\d+$/.test(wholeDigits) || !/^\d*$/.test(fraction)) {
    return { error: { code: "unparseable_amount", message: `"${raw}" is not an amount of money` } };
  }
  if (fraction.replace(/0+$/, "").length > digits) {
    return {
      error: { code: "too_many_decimals", message: `"${raw}" has more decimals than ${currency} allows (${digits})` },
    };
  }
  const value = Number(wholeDigits) * 10 ** digits + Number(fraction.padEnd(digits, "0").slice(0, digits) || "0");
  if (!Number.isSafeInteger(value)) return { error: { code: "unparseable_amount", message: `"${raw}" is too large` } };
  return { value };
}

function splitLast(text: string, separator: string): [string, string] {
  const index = text.lastIndexOf(separator);
  return [text.slice(0, index), text.slice(index + 1)];
}

function failure(code: MoneyParseError["code"], message: string): MoneyParseResult {
  return { ok: false, error: { code, message } as MoneyParseError };
}
