// Province codes for the countries whose Shopify addresses need one (a US address without its state is refused at
// checkout). Backer exports write the state as a code ("CA") or a name ("California", "new south wales"); the
// names and codes come from country-region-data, so no list is kept here.
import { AU, CA, US } from "country-region-data";

type Regions = Array<[name: string, code: string]>;
const REQUIRED: Record<string, Regions> = { US: US[2] as Regions, CA: CA[2] as Regions, AU: AU[2] as Regions };
const lookups = new Map<string, Map<string, string>>();

function lookup(country: string): Map<string, string> | null {
  const regions = REQUIRED[country];
  if (!regions) return null;
  let map = lookups.get(country);
  if (!map) {
    map = new Map();
    for (const [name, code] of regions) {
      map.set(fold(code), code);
      map.set(fold(name), code);
    }
    lookups.set(country, map);
  }
  return map;
}

function fold(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Whether Shopify needs a province code in this country's addresses. */
export function provinceRequired(countryCode: string): boolean {
  return countryCode in REQUIRED;
}

/**
 * The province code for a written state or province, in a country that needs one; null when it cannot be
 * read ("Calif.") or the country does not use province codes on Shopify addresses.
 */
export function provinceCode(countryCode: string, written: string | null | undefined): string | null {
  if (!written) return null;
  const map = lookup(countryCode);
  if (!map) return null;
  const folded = fold(written.replace(new RegExp(`^${countryCode}-`, "i"), ""));
  return map.get(folded) ?? null;
}
