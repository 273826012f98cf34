// Whether a postcode can be the named country's: the formats of postcode-validator (about 190 countries). A country
// it has no format for takes any postcode; a missing one is the portal's and the carrier's business, not ours.
import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";

export function postcodeFits(zip: string | null | undefined, countryCode: string | null | undefined): boolean {
  if (!zip?.trim() || !countryCode || !postcodeValidatorExistsForCountry(countryCode)) return true;
  return postcodeValidator(zip.trim(), countryCode);
}
