import { readFileSync } from "node:fs";
import { ApiVersion } from "@shopify/shopify-api";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { PORTAL_PATH } from "../../app/services/portal/links";
import { adminIntrospection } from "../../app/shopify/admin-schema";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { HANDLED_TOPICS } from "../../app/webhooks/process";

interface AppToml {
  name: string;
  embedded: boolean;
  access_scopes: { scopes: string };
  webhooks: {
    api_version: string;
    subscriptions: Array<{ topics?: string[]; compliance_topics?: string[]; uri: string }>;
  };
  app_proxy: { url: string; subpath: string; prefix: string };
}

const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as AppToml;

describe("shopify.app.toml", () => {
  it("is the embedded app Pledgebridge", () => {
    expect(toml.name).toBe("Pledgebridge");
    expect(toml.embedded).toBe(true);
  });

  it("pins one Admin API version for the app, the webhooks and the schema", () => {
    expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
    expect(Object.values(ApiVersion)).toContain(ADMIN_API_VERSION);
    expect(adminIntrospection(ADMIN_API_VERSION).data.__schema.queryType.name).toBe("QueryRoot");
  });

  it("asks for the scopes the design needs", () => {
    const scopes = toml.access_scopes.scopes.split(",");
    for (const scope of [
      "write_draft_orders",
      "write_orders",
      "write_products",
      "write_inventory",
      "read_locations",
      "write_merchant_managed_fulfillment_orders",
      "write_purchase_options",
      "write_payment_mandate",
      "write_customers",
      "write_app_proxy",
    ]) {
      expect(scopes).toContain(scope);
    }
  });

  it("subscribes to exactly the topics the app handles, including the compliance topics and app/uninstalled", () => {
    const declared = toml.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect(new Set(declared)).toEqual(new Set(HANDLED_TOPICS));
    expect(declared).toEqual(
      expect.arrayContaining(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]),
    );
  });

  it("routes every subscription to a webhook route that exists", () => {
    for (const { uri } of toml.webhooks.subscriptions) {
      const route = `app/routes/${uri.slice(1).replaceAll("/", ".")}.tsx`;
      expect(() => readFileSync(route), route).not.toThrow();
    }
  });

  it("declares the app proxy for the backer portal", () => {
    expect(toml.app_proxy).toMatchObject({ prefix: "apps", subpath: "pledge" });
    expect(new URL(toml.app_proxy.url).pathname).toBe("/proxy");
    // Links the app sends point where the proxy is mounted, and its routes live under the proxy's path.
    expect(PORTAL_PATH).toBe(`/${toml.app_proxy.prefix}/${toml.app_proxy.subpath}`);
    expect(() => readFileSync("app/routes/proxy._index.tsx")).not.toThrow();
    expect(() => readFileSync("app/routes/proxy.p.$token.tsx")).not.toThrow();
  });
});
