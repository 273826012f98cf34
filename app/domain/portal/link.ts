// Backer-portal links: a token that names one pledge until a date, signed with the shop's own secret, so the
// link is the backer's only key and nothing in it can be guessed or edited. The token is
//   base64url(JSON { p: pledge id, e: expiry in epoch seconds, v: 1 }) "." base64url(HMAC-SHA256 of that part)
// A different shop's secret, a changed byte, or a passed expiry all fail verification.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const LINK_VERSION = 1;
/** How long a link works unless the merchant says otherwise: a campaign's checkout window is usually weeks. */
export const DEFAULT_LINK_DAYS = 60;

export type LinkVerdict =
  { ok: true; pledgeId: string; expiresAt: Date } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

export function newPortalSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function signLink(secret: string, pledgeId: string, expiresAt: Date): string {
  if (!secret) throw new Error("A portal link needs the shop's secret");
  const body = Buffer.from(
    JSON.stringify({ p: pledgeId, e: Math.floor(expiresAt.getTime() / 1000), v: LINK_VERSION }),
  ).toString("base64url");
  return `${body}.${sign(secret, body)}`;
}

export function verifyLink(secret: string, token: string, now: Date): LinkVerdict {
  const match = /^([A-Za-z0-9_-]{8,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, body, signature] = match as unknown as [string, string, string];
  // Compared as text, not decoded: the last base64url character carries two unused bits, and a link changed in
  // only those must not pass for the signed one.
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad_signature" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { p, e, v } = (claims ?? {}) as { p?: unknown; e?: unknown; v?: unknown };
  if (v !== LINK_VERSION || typeof p !== "string" || !p || typeof e !== "number" || !Number.isInteger(e)) {
    return { ok: false, reason: "malformed" };
  }
  if (e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, pledgeId: p, expiresAt: new Date(e * 1000) };
}

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(`pledgebridge-portal:${body}`).digest("base64url");
}
