import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, levels, variantBySku } from "../../helpers/sim-client";

describe("the stand-in's catalog", () => {
  let sim: RunningSim;
  beforeAll(async () => (sim = await startSim()));
  afterAll(() => sim.close());

  it("is seeded with a creator brand's products: a board game, add-ons, apparel in sizes, art prints", async () => {
    const data = await adminData(
      sim,
      `{ products(first: 50) { nodes { title productType variants(first: 10) { nodes { sku price } } } } }`,
    );
    const titles = data.products.nodes.map((p: { title: string }) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining(["Deep Delve: Core Box", "Delver Crew T-shirt", "Art Print: The Lair"]),
    );
    const tee = data.products.nodes.find((p: { title: string }) => p.title === "Delver Crew T-shirt");
    expect(tee.variants.nodes.map((v: { sku: string }) => v.sku)).toEqual([
      "DD-TEE-S",
      "DD-TEE-M",
      "DD-TEE-L",
      "DD-TEE-XL",
    ]);
  });

  it("finds products and variants by SKU and by title, as Shopify's search does", async () => {
    const bySku = await adminData(sim, `{ products(first: 5, query: "sku:DD-COINS") { nodes { title } } }`);
    expect(bySku.products.nodes).toEqual([{ title: "Deep Delve: Metal Coin Set" }]);
    const byTitle = await adminData(sim, `{ productVariants(first: 10, query: "title:deep*") { nodes { sku } } }`);
    expect(byTitle.productVariants.nodes.length).toBe(4);
    const none = await adminData(sim, `{ productVariants(first: 10, query: "sku:NOPE") { nodes { sku } } }`);
    expect(none.productVariants.nodes).toEqual([]);
  });

  it("pages with cursors", async () => {
    const first = await adminData(
      sim,
      `{ productVariants(first: 3) { nodes { sku } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.productVariants.pageInfo.hasNextPage).toBe(true);
    const next = await adminData(
      sim,
      `query($after: String) { productVariants(first: 3, after: $after) { nodes { sku } pageInfo { hasPreviousPage } } }`,
      {
        after: first.productVariants.pageInfo.endCursor,
      },
    );
    expect(next.productVariants.pageInfo.hasPreviousPage).toBe(true);
    expect(next.productVariants.nodes.map((n: { sku: string }) => n.sku)).not.toContain(
      first.productVariants.nodes[0].sku,
    );
  });

  it("keeps tracked inventory at two locations with Shopify's quantity names", async () => {
    const core = await variantBySku(sim, "DD-CORE");
    expect(core.price).toBe("59.00");
    const stock = await levels(sim, core.inventoryItem.id);
    expect(stock).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ name: "Atelier" }),
        available: 120,
        reserved: 0,
        committed: 0,
        on_hand: 120,
      }),
      expect.objectContaining({
        location: expect.objectContaining({ name: "Lyon warehouse" }),
        available: 380,
        on_hand: 380,
      }),
    ]);
  });

  it("has locations and a few customers", async () => {
    const data = await adminData(
      sim,
      `{ locations(first: 5) { nodes { name } } customers(first: 5, query: "email:grace.hopper@example.com") { nodes { firstName } } }`,
    );
    expect(data.locations.nodes).toEqual([{ name: "Atelier" }, { name: "Lyon warehouse" }]);
    expect(data.customers.nodes).toEqual([{ firstName: "Grace" }]);
  });

  it("refuses a page larger than Shopify allows", async () => {
    await expect(adminData(sim, `{ products(first: 251) { nodes { id } } }`)).rejects.toThrow(/cannot exceed 250/);
  });
});
