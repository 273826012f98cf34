// The stand-in answers like Shopify: schema errors, loud gaps, cost and throttling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";

describe("the Shopify stand-in", () => {
  let sim: RunningSim;
  beforeAll(async () => {
    sim = await startSim({
      shops: [{ domain: "demo-shop.myshopify.com", accessToken: "sim-token", name: "Demo", currencyCode: "EUR" }],
    });
  });
  afterAll(() => sim.close());

  async function post(query: string, token = "sim-token", version = "2026-10") {
    const response = await fetch(`${sim.url}/admin/api/${version}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it("answers a wrong token with Shopify's 401", async () => {
    const { status, body } = await post("{ shop { name } }", "wrong");
    expect(status).toBe(401);
    expect(body.errors).toMatch(/Invalid API key or access token/);
  });

  it("rejects an unknown field with Shopify's error shape", async () => {
    const { status, body } = await post("{ shop { name pledgeCount } }");
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: "Field 'pledgeCount' doesn't exist on type 'Shop'",
      extensions: { code: "undefinedField", typeName: "Shop", fieldName: "pledgeCount" },
    });
  });

  it("fails loudly, naming the field, on a valid field it does not simulate", async () => {
    const { body } = await post("{ shop { name billingAddress { city } } }");
    expect(body.errors[0].message).toBe("The Shopify stand-in does not simulate Shop.billingAddress");
  });

  it("serves only the pinned API version", async () => {
    expect((await post("{ shop { name } }", "sim-token", "2025-10")).status).toBe(404);
  });

  it("refuses a query over Shopify's single-query cost limit", async () => {
    const { body } = await post("{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });
});

describe("the stand-in for people and tests", () => {
  let sim: RunningSim;
  beforeAll(async () => (sim = await startSim()));
  afterAll(() => sim.close());

  it("shows what it holds on a read-only page", async () => {
    const html = await (await fetch(`${sim.url}/`)).text();
    expect(html).toContain("Lantern Games (demo)");
    expect(html).toContain("DD-TEE-M");
    expect(html).toMatch(/Draft orders \(0\)/);
  });

  it("resets every shop to its seed on request", async () => {
    const variant = (await (
      await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "sim-token" },
        body: JSON.stringify({ query: `{ productVariants(first: 1) { nodes { id } } }` }),
      })
    ).json()) as { data: { productVariants: { nodes: Array<{ id: string }> } } };
    await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "sim-token" },
      body: JSON.stringify({
        query: `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } } }`,
        variables: { input: { lineItems: [{ variantId: variant.data.productVariants.nodes[0]!.id, quantity: 1 }] } },
      }),
    });
    expect(await (await fetch(`${sim.url}/`)).text()).toMatch(/Draft orders \(1\)/);
    expect((await fetch(`${sim.url}/sim/reset`, { method: "POST" })).status).toBe(200);
    expect(await (await fetch(`${sim.url}/`)).text()).toMatch(/Draft orders \(0\)/);
  });
});
