import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { fr } from "../../app/i18n/fr";
import { polarisTranslations, resolveLocale, translator } from "../../app/i18n";

describe("locales", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["FR", "fr"],
    ["en-GB", "en"],
    ["de", "en"],
    [null, "en"],
    ["", "en"],
  ])("%s resolves to %s", (requested, locale) => {
    expect(resolveLocale(requested)).toBe(locale);
  });

  it("translates every English message into French", () => {
    // Words that are the same in both languages.
    const sameInBoth = new Set(["app.name", "nav.exceptions", "exceptions.title"]);
    const untranslated = Object.keys(en).filter(
      (key) => !sameInBoth.has(key) && fr[key as keyof typeof fr] === en[key as keyof typeof en],
    );
    expect(untranslated).toEqual([]);
    expect(translator("fr")("nav.campaigns")).toBe("Campagnes");
  });

  it("hands Polaris its own French strings", () => {
    expect(polarisTranslations("fr").Polaris.Common.cancel).toBe("Annuler");
  });
});
