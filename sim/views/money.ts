// Shopify renders the Money scalar with two decimals ("59.00") and Decimal (MoneyV2.amount) without trailing
// zeros but with at least one ("59.0", "12.5").
export function decimalAmount(minor: number): string {
  const value = minor / 100;
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function moneyV2(minor: number, currencyCode: string) {
  return { __typename: "MoneyV2", amount: decimalAmount(minor), currencyCode };
}

export function moneyBag(minor: number, currencyCode: string) {
  const money = moneyV2(minor, currencyCode);
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: money };
}
