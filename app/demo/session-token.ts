// Demo mode only: signs the session token that Shopify's admin would hand App Bridge, with the app's own
// secret, so the embedded admin opens in a plain browser against the local stand-in.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export async function signDemoSessionToken(options: { shop: string; apiKey: string; secret: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${options.shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${options.shop}/admin`)
    .setAudience(options.apiKey)
    .setSubject("1")
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(options.secret));
}
