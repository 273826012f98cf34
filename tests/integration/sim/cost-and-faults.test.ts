import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../../../app/shopify/admin-client";
import { SHOP_IDENTITY } from "../../../app/shopify/operations/shop";
import { parseFaults } from "../../../sim/faults";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, adminGraphql, variantBySku } from "../../helpers/sim-client";

const EXPENSIVE = `{ productVariants(first: 250) { nodes { id } } }`; // 1 + 250 × 1 = 251 points

describe("Shopify's cost model in the stand-in", () => {
  it("reports requested and actual cost and the bucket, and charges a mutation a flat 10", async () => {
    const sim = await startSim();
    try {
      const query = await adminGraphql(sim, EXPENSIVE);
      expect(query.body.extensions.cost).toEqual({
        requestedQueryCost: 251,
        actualQueryCost: 251,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1749, restoreRate: 100 },
      });
      const variant = await variantBySku(sim, "DD-CORE");
      const mutation = await adminGraphql(
        sim,
        `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }`,
        {
          input: { lineItems: [{ variantId: variant.id, quantity: 1 }] },
        },
      );
      expect(mutation.body.extensions.cost.requestedQueryCost).toBe(10);
    } finally {
      await sim.close();
    }
  });

  it("throttles when the bucket is empty, with Shopify's THROTTLED error, and refills at the plan's rate over scaled time", async () => {
    const sim = await startSim({ timeScale: 50 });
    try {
      let throttled: any = null;
      for (let i = 0; i < 12 && !throttled; i++) {
        const { body } = await adminGraphql(sim, EXPENSIVE);
        if (body.errors?.[0]?.extensions?.code === "THROTTLED") throttled = body;
      }
      expect(throttled).toMatchObject({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] });
      expect(throttled.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(251);
      // 20 simulated seconds at 100 points/s refill the 2,000-point bucket: 0.4 s at a time scale of 50.
      await new Promise((resolve) => setTimeout(resolve, 450));
      const after = await adminGraphql(sim, `{ shop { name } }`);
      expect(after.body.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(1990);
    } finally {
      await sim.close();
    }
  });

  it("has Shopify's plan presets", async () => {
    const sim = await startSim({ plan: "plus" });
    try {
      const { body } = await adminGraphql(sim, `{ shop { name } }`);
      expect(body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 20000, restoreRate: 1000 });
    } finally {
      await sim.close();
    }
  });
});

describe("fault injection", () => {
  let sim: RunningSim;
  beforeAll(async () => (sim = await startSim({ seed: 7 })));
  afterAll(() => sim.close());

  it("reads SIM_FAULTS and refuses what it does not know", () => {
    expect(parseFaults("5xx:0.05, timeout-after-write:0.1")).toEqual({ "5xx": 0.05, "timeout-after-write": 0.1 });
    expect(() => parseFaults("explode:0.5")).toThrow(/unknown fault "explode"/);
    expect(() => parseFaults("5xx:2")).toThrow(/from 0 to 1/);
  });

  it("answers 5xx without doing anything", async () => {
    sim.faults.set({ "5xx": 1 });
    const { status } = await adminGraphql(sim, `{ shop { name } }`);
    expect([500, 502, 503]).toContain(status);
    sim.faults.set({});
  });

  it("throttles on demand", async () => {
    sim.faults.set({ throttle: 1 });
    const { body } = await adminGraphql(sim, `{ shop { name } }`);
    expect(body.errors[0].extensions.code).toBe("THROTTLED");
    sim.faults.set({});
  });

  it("times out after the write: the client sees a failure, yet the draft order exists", async () => {
    const variant = await variantBySku(sim, "DD-CORE");
    sim.faults.set({ "timeout-after-write": 1 });
    const { status, body } = await adminGraphql(sim, `{ shop { name } }`);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    await expect(
      adminGraphql(
        sim,
        `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }`,
        {
          input: { lineItems: [{ variantId: variant.id, quantity: 1 }], tags: ["pledge-timeout"] },
        },
      ),
    ).rejects.toThrow();
    sim.faults.set({});
    const found = await adminData(sim, `{ draftOrders(first: 5, query: "tag:pledge-timeout") { nodes { id } } }`);
    expect(found.draftOrders.nodes).toHaveLength(1);
  });

  it("surfaces each fault to the app's client as the right kind of failure", async () => {
    const client = createAdminClient({
      shop: "demo-shop.myshopify.com",
      accessToken: "sim-token",
      adminOrigin: sim.url,
    });
    sim.faults.set({ "5xx": 1 });
    await expect(client.request(SHOP_IDENTITY)).rejects.toMatchObject({ failure: "server", retryable: true });
    sim.faults.set({ throttle: 1 });
    await expect(client.request(SHOP_IDENTITY)).rejects.toMatchObject({ failure: "throttled", retryable: true });
    sim.faults.set({});
  });
});
