// App-proxy signatures as Shopify's own library checks them (what authenticate.public.appProxy calls), against the
// signer the stand-in uses to forward storefront requests: a good one passes, a changed parameter, another
// app's secret or a stale timestamp fail.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { signProxyQuery } from "../../sim/storefront";

const SECRET = "proxy-test-secret";
const api = shopifyApi({
  apiKey: "key",
  apiSecretKey: SECRET,
  hostName: "pledgebridge.test",
  apiVersion: ApiVersion.October26,
  isEmbeddedApp: true,
  logger: { level: 0, log: () => undefined },
});

function signed(overrides: Record<string, string> = {}, secret = SECRET) {
  const query = new URLSearchParams({
    shop: "demo-shop.myshopify.com",
    logged_in_customer_id: "",
    path_prefix: "/apps/pledge",
    timestamp: String(Math.floor(Date.now() / 1000)),
    locale: "fr",
    ...overrides,
  });
  query.set("signature", signProxyQuery(query, secret));
  return query;
}

const verify = (query: URLSearchParams) =>
  api.utils.validateHmac(Object.fromEntries(query), { signator: "appProxy" }).catch(() => false);

describe("app proxy signatures", () => {
  it("accepts what Shopify signs", async () => {
    expect(await verify(signed())).toBe(true);
  });

  it("refuses a parameter changed after signing", async () => {
    const query = signed();
    query.set("shop", "other-shop.myshopify.com");
    expect(await verify(query)).toBe(false);
    const added = signed();
    added.set("logged_in_customer_id", "42");
    expect(await verify(added)).toBe(false);
  });

  it("refuses another app's signature", async () => {
    expect(await verify(signed({}, "someone-else"))).toBe(false);
  });

  it("refuses a signature older than Shopify's 90 seconds, and one from the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verify(signed({ timestamp: String(now - 91) }))).toBe(false);
    expect(await verify(signed({ timestamp: String(now + 91) }))).toBe(false);
    expect(await verify(signed({ timestamp: String(now - 60) }))).toBe(true);
  });

  it("refuses a request with no signature at all", async () => {
    const query = signed();
    query.delete("signature");
    expect(await verify(query)).toBe(false);
  });
});
