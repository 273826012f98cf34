// ISO 3166-1 alpha-2 codes from what exports write: a code ("SE"), an English name ("Sweden", "United States"),
// a name in another language ("Deutschland", "Suède"), or a common alias ("USA", "UK", "Holland").
// Built from Intl.DisplayNames, so it follows the ICU data Node ships with, and no list is downloaded.

const LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "sv", "pt", "da", "nb", "fi", "pl", "ja"];
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AA", "QM", "QN", "XX"]);

const ALIASES: Record<string, string> = {
  usa: "US",
  "u s a": "US",
  "u s": "US",
  "united states of america": "US",
  america: "US",
  uk: "GB",
  "u k": "GB",
  "great britain": "GB",
  britain: "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  holland: "NL",
  "the netherlands": "NL",
  "south korea": "KR",
  "korea south": "KR",
  "republic of korea": "KR",
  "korea republic of": "KR",
  russia: "RU",
  "russian federation": "RU",
  "czech republic": "CZ",
  macedonia: "MK",
  "ivory coast": "CI",
  "viet nam": "VN",
  turkey: "TR",
  turkiye: "TR",
  swaziland: "SZ",
  burma: "MM",
  "hong kong sar": "HK",
  "hong kong sar china": "HK",
  macau: "MO",
  "taiwan roc": "TW",
  uae: "AE",
  "the bahamas": "BS",
  "the gambia": "GM",
  vatican: "VA",
  "holy see": "VA",
  "cape verde": "CV",
  "east timor": "TL",
};

function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

let byName: Map<string, string> | null = null;
const codes = new Set<string>();

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const displays = LANGUAGES.map((language) => new Intl.DisplayNames([language], { type: "region", fallback: "none" }));
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      // ICU also names deprecated codes (UK, DD, YU…) through their replacements: keep canonical codes only.
      if (
        NOT_COUNTRIES.has(code) ||
        !displays[0]!.of(code) ||
        Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`
      )
        continue;
      codes.add(code);
      for (const display of displays) {
        const name = display.of(code);
        if (name && !byName.has(normalise(name))) byName.set(normalise(name), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(alias, code);
  return byName;
}

/** The ISO code for a country code or name, or null when it names no country. */
export function countryCode(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const lookup = names();
  if (/^[A-Za-z]{2}$/.test(text) && codes.has(text.toUpperCase())) return text.toUpperCase();
  return lookup.get(normalise(text)) ?? null;
}

export function countryName(code: string, locale = "en"): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}
