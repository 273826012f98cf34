// An App Bridge session token, signed the way Shopify signs it: HS256 with the app's secret.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export async function signSessionToken(options: { shop: string; apiKey: string; secret: string; userId?: string }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${options.shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${options.shop}/admin`)
    .setAudience(options.apiKey)
    .setSubject(options.userId ?? "42")
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(options.secret));
}
