// The Admin client against the local Shopify stand-in over HTTP: real schema, real cost report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../../app/shopify/admin-client";
import { AdminApiError } from "../../app/shopify/errors";
import { DRAFT_ORDER_CREATE, DRAFT_ORDERS_BY_TAG } from "../../app/shopify/operations/draft-orders";
import { SHOP_IDENTITY } from "../../app/shopify/operations/shop";
import { startSim, type RunningSim } from "../../sim/server";

describe("the Admin API client", () => {
  let sim: RunningSim;

  beforeAll(async () => {
    sim = await startSim({
      shops: [
        { domain: "brand-a.myshopify.com", accessToken: "token-a", name: "Brand A", currencyCode: "EUR" },
        { domain: "brand-b.myshopify.com", accessToken: "token-b", name: "Brand B", currencyCode: "USD" },
      ],
    });
  });
  afterAll(() => sim.close());

  const client = (shop: string, accessToken: string) => createAdminClient({ shop, accessToken, adminOrigin: sim.url });

  it("returns typed data and Shopify's cost report", async () => {
    const { data, cost } = await client("brand-a.myshopify.com", "token-a").request(SHOP_IDENTITY);
    expect(data.shop).toMatchObject({ name: "Brand A", myshopifyDomain: "brand-a.myshopify.com", currencyCode: "EUR" });
    expect(data.appInstallation?.accessScopes.map((s) => s.handle)).toContain("write_draft_orders");
    expect(cost).toMatchObject({
      requestedQueryCost: expect.any(Number),
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100, currentlyAvailable: expect.any(Number) },
    });
    expect(cost!.throttleStatus.currentlyAvailable).toBeLessThan(2000);
  });

  it("creates a draft order and finds it again by its pledge tag", async () => {
    const admin = client("brand-a.myshopify.com", "token-a");
    const variantId = `gid://shopify/ProductVariant/${[...sim.store.shop("brand-a.myshopify.com")!.state.variants.keys()][0]}`;
    const { data } = await admin.request(DRAFT_ORDER_CREATE, {
      input: {
        lineItems: [
          {
            variantId,
            quantity: 1,
            appliedDiscount: { value: 100, valueType: "PERCENTAGE", title: "Paid on Kickstarter" },
          },
        ],
        tags: ["pledgebridge", "pledge-pl_42"],
      },
    });
    expect(data.draftOrderCreate?.userErrors).toEqual([]);
    expect(data.draftOrderCreate?.draftOrder).toMatchObject({ status: "OPEN", tags: ["pledgebridge", "pledge-pl_42"] });
    const found = await admin.request(DRAFT_ORDERS_BY_TAG, { query: "tag:pledge-pl_42", first: 5 });
    expect(found.data.draftOrders.nodes).toEqual([
      expect.objectContaining({
        id: data.draftOrderCreate!.draftOrder!.id,
        invoiceUrl: expect.stringContaining("/checkout/"),
        order: null,
      }),
    ]);
    const refused = await admin.request(DRAFT_ORDER_CREATE, {
      input: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }] },
    });
    expect(refused.data.draftOrderCreate?.userErrors).toEqual([
      { field: ["lineItems", "0", "variantId"], message: "Product with ID could not be found." },
    ]);
  });

  it("keeps shops apart: one shop's token does not open another", async () => {
    const error = await client("brand-b.myshopify.com", "token-a")
      .request(SHOP_IDENTITY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ failure: "unauthorized", retryable: false, details: { status: 401 } });
    const { data } = await client("brand-b.myshopify.com", "token-b").request(SHOP_IDENTITY);
    expect(data.shop.name).toBe("Brand B");
  });

  it("reports no answer as a retryable network failure", async () => {
    const offline = createAdminClient({
      shop: "brand-a.myshopify.com",
      accessToken: "token-a",
      adminOrigin: "http://127.0.0.1:9",
    });
    await expect(offline.request(SHOP_IDENTITY)).rejects.toMatchObject({ failure: "network", retryable: true });
  });

  it("refuses something that is not a shop domain before sending anything", () => {
    expect(() => createAdminClient({ shop: "evil.com/admin", accessToken: "x" })).toThrow(/not a shop domain/);
  });

  it("talks to https://<shop> unless pointed at the stand-in", () => {
    expect(createAdminClient({ shop: "brand-a.myshopify.com", accessToken: "x" }).endpoint).toBe(
      "https://brand-a.myshopify.com/admin/api/2026-10/graphql.json",
    );
  });
});
