import { describe, expect, it } from "vitest";
import { countryCode, countryName } from "../../app/domain/countries";
import { emailIdentity } from "../../app/domain/email";

describe("countries from codes and names", () => {
  it.each([
    ["SE", "SE"],
    ["se", "SE"],
    ["Sweden", "SE"],
    ["United States", "US"],
    ["USA", "US"],
    ["United Kingdom", "GB"],
    ["UK", "GB"],
    ["Deutschland", "DE"],
    ["Suède", "SE"],
    ["Czech Republic", "CZ"],
    ["Czechia", "CZ"],
    ["  france ", "FR"],
    ["Côte d’Ivoire", "CI"],
    ["South Korea", "KR"],
    ["Kosovo", "XK"],
    ["Holland", "NL"],
    ["Bosnia & Herzegovina", "BA"],
    ["Stockholms Län", null],
    ["Atlantis", null],
    ["EU", null],
    ["", null],
  ])("%s → %s", (value, code) => {
    expect(countryCode(value)).toBe(code);
  });

  it("names a country in the merchant's language", () => {
    expect(countryName("SE", "fr")).toBe("Suède");
  });
});

describe("backer identity from email", () => {
  it("folds case, so one person across two sources is one backer", () => {
    expect(emailIdentity(" Ada.Lovelace@Example.com ")).toEqual({
      email: "Ada.Lovelace@Example.com",
      identityKey: "ada.lovelace@example.com",
      privateRelay: false,
    });
    expect(emailIdentity("ada.lovelace@example.com")!.identityKey).toBe(
      emailIdentity("ADA.LOVELACE@EXAMPLE.COM")!.identityKey,
    );
  });

  it("keeps plus-addressing distinct", () => {
    expect(emailIdentity("ada+kickstarter@example.com")!.identityKey).not.toBe(
      emailIdentity("ada@example.com")!.identityKey,
    );
  });

  it("flags Apple's private relay", () => {
    expect(emailIdentity("x7q2k9@privaterelay.appleid.com")!.privateRelay).toBe(true);
  });

  it.each(["", "not-an-email", "ada@", "@example.com", "ada@example", "ada lovelace@example.com"])(
    "refuses %j",
    (raw) => {
      expect(emailIdentity(raw)).toBeNull();
    },
  );
});
