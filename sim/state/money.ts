// Decimal strings as Shopify's API speaks them, to and from minor units (two decimals: the seeded shops use
// EUR and USD).
export function toMinor(decimal: string | number): number {
  return Math.round(Number(decimal) * 100);
}

export function toDecimal(minor: number): string {
  return (minor / 100).toFixed(2);
}
