import { describe, expect, it } from "vitest";
import { newPortalSecret, signLink, verifyLink } from "../../app/domain/portal/link";

const now = new Date("2026-11-23T12:00:00Z");
const inADay = new Date("2026-11-24T12:00:00Z");

describe("backer portal links", () => {
  const secret = newPortalSecret();

  it("names the pledge until the expiry", () => {
    const token = signLink(secret, "cm3pledge0001", inADay);
    expect(verifyLink(secret, token, now)).toEqual({ ok: true, pledgeId: "cm3pledge0001", expiresAt: inADay });
  });

  it("is refused once expired, to the second", () => {
    const token = signLink(secret, "cm3pledge0001", inADay);
    expect(verifyLink(secret, token, new Date(inADay.getTime() - 1000)).ok).toBe(true);
    expect(verifyLink(secret, token, inADay)).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused with another shop's secret", () => {
    const token = signLink(secret, "cm3pledge0001", inADay);
    expect(verifyLink(newPortalSecret(), token, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("is refused when its pledge or expiry is edited, even with a well-formed body", () => {
    const token = signLink(secret, "cm3pledge0001", inADay);
    const [, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ p: "cm3pledge0002", e: 1_900_000_000, v: 1 })).toString("base64url");
    expect(verifyLink(secret, `${forged}.${signature}`, now)).toEqual({ ok: false, reason: "bad_signature" });
    // One character of the signature changed, in the middle and at the end.
    const edit = (at: number, to: string) => token.slice(0, at) + to + token.slice(at + 1);
    const other = (c: string) => (c === "A" ? "B" : "A");
    const middle = token.length - 20;
    expect(verifyLink(secret, edit(middle, other(token[middle]!)), now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // The last base64url character carries two unused bits: a change in only those decodes to the same bytes, and
    // must still be refused.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBytes = alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]!;
    expect(Buffer.from(edit(token.length - 1, sameBytes).split(".")[1]!, "base64url")).toEqual(
      Buffer.from(token.split(".")[1]!, "base64url"),
    );
    expect(verifyLink(secret, edit(token.length - 1, sameBytes), now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses what is not a token at all", () => {
    for (const junk of ["", "abc", "a.b", `${"x".repeat(500)}.${"y".repeat(43)}`, "../../etc/passwd"]) {
      expect(verifyLink(secret, junk, now)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("refuses a signed body that does not say which pledge", () => {
    // Signed correctly but without a pledge: only a bug of ours could make one, and it must not open a page.
    const token = signLink(secret, "", inADay);
    expect(verifyLink(secret, token, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("holds no readable backer data and differs per pledge", () => {
    const a = signLink(secret, "cm3pledge0001", inADay);
    const b = signLink(secret, "cm3pledge0002", inADay);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });
});
