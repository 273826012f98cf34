// The admin UI speaks English and French; the shop's admin locale picks one, English otherwise.
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisFr from "@shopify/polaris/locales/fr.json";
import { en, type MessageKey, type Messages } from "./en";
import { fr } from "./fr";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

const MESSAGES: Record<Locale, Messages> = { en, fr };
const POLARIS: Record<Locale, typeof polarisEn> = { en: polarisEn, fr: polarisFr };

/** "fr", "fr-CA" or "FR" → "fr"; anything we do not ship → "en". */
export function resolveLocale(requested: string | null | undefined): Locale {
  const language = requested?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : "en";
}

/** t("imports.rows", { rows: "1,200" }): a message, with its {placeholders} filled in. */
export function translator(locale: Locale) {
  const messages = MESSAGES[locale];
  return (key: MessageKey, values?: Record<string, string | number>) =>
    values
      ? messages[key].replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match))
      : messages[key];
}

export function polarisTranslations(locale: Locale) {
  return POLARIS[locale];
}

export type { MessageKey };

/** Whether a key built at run time (an Event's kind, say) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES.en, key);
}
