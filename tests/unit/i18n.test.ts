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
    // Words that are the same in both languages, and the platforms' own names.
    const sameInBoth = new Set([
      "app.name",
      "nav.exceptions",
      "exceptions.title",
      "imports.column.date",
      "preorders.field.date",
      "fulfillment.sku",
      "exceptions.one",
      "exceptions.many",
      "exceptions.severity.INFO",
      "imports.column.source",
      "backers.column.source",
      "backers.filter.source",
      "backer.cause.import",
      "backer.cause.webhook",
    ]);
    const untranslated = Object.keys(en).filter(
      (key) =>
        !sameInBoth.has(key) &&
        !key.startsWith("platform.") &&
        fr[key as keyof typeof fr] === en[key as keyof typeof en],
    );
    expect(untranslated).toEqual([]);
    expect(translator("fr")("nav.campaigns")).toBe("Campagnes");
  });

  it("fills a message's placeholders, and leaves unknown ones visible", () => {
    expect(translator("fr")("imports.progress.rows", { rows: "1 200" })).toBe("1 200 lignes lues");
    expect(translator("en")("imports.progress.rows")).toBe("{rows} rows read");
    expect(translator("en")("imports.progress.rows", { other: 1 })).toBe("{rows} rows read");
  });

  it("hands Polaris its own French strings", () => {
    expect(polarisTranslations("fr").Polaris.Common.cancel).toBe("Annuler");
  });
});
