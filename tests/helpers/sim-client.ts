// Raw Admin GraphQL calls to the stand-in, for tests of the stand-in itself.
import type { RunningSim } from "../../sim/server";

export interface GraphqlAnswer {
  status: number;
  body: { data?: any; errors?: any; extensions?: any };
}

export async function adminGraphql(
  sim: RunningSim,
  query: string,
  variables: Record<string, unknown> = {},
  shop = { domain: "demo-shop.myshopify.com", token: "sim-token" },
): Promise<GraphqlAnswer> {
  const response = await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Access-Token": shop.token,
      "X-Shopify-Shop-Domain": shop.domain,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** The data of a request that must succeed, or a thrown error with what Shopify said. */
export async function adminData(
  sim: RunningSim,
  query: string,
  variables: Record<string, unknown> = {},
  shop?: { domain: string; token: string },
) {
  const { status, body } = await adminGraphql(sim, query, variables, shop);
  if (status !== 200 || body.errors) throw new Error(`GraphQL failed (${status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function variantBySku(sim: RunningSim, sku: string) {
  const data = await adminData(
    sim,
    `query($q: String) { productVariants(first: 1, query: $q) { nodes { id sku price inventoryItem { id } } } }`,
    { q: `sku:${sku}` },
  );
  return data.productVariants.nodes[0] as { id: string; sku: string; price: string; inventoryItem: { id: string } };
}

export async function levels(sim: RunningSim, inventoryItemId: string) {
  const data = await adminData(
    sim,
    `query($id: ID!) { inventoryItem(id: $id) { inventoryLevels(first: 5) { nodes { location { id name } quantities(names: ["available","reserved","committed","on_hand"]) { name quantity } } } } }`,
    { id: inventoryItemId },
  );
  return (
    data.inventoryItem.inventoryLevels.nodes as Array<{
      location: { id: string; name: string };
      quantities: Array<{ name: string; quantity: number }>;
    }>
  ).map(
    (level) =>
      ({
        location: level.location,
        ...Object.fromEntries(level.quantities.map((q) => [q.name, q.quantity])),
      }) as Record<string, any>,
  );
}

/** A shopper buys in the stand-in's Online Store, with a selling plan for a pre-order. */
export async function shopperCheckout(
  sim: RunningSim,
  lines: Array<{ variantId: number; quantity: number; sellingPlanId?: number | null }>,
  shippingAddress?: { countryCode: string; city?: string },
  shop = "demo-shop.myshopify.com",
) {
  const response = await fetch(`${sim.url}/sim/shops/${shop}/checkout`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ lines, email: "shopper@example.com", shippingAddress }),
  });
  return {
    status: response.status,
    ...((await response.json()) as {
      order: { id: number; name: string } | null;
      userErrors: Array<{ message: string }>;
    }),
  };
}

/** The buyer's card declines the next `count` charges on this order. */
export async function declineCard(sim: RunningSim, orderId: number, count: number, shop = "demo-shop.myshopify.com") {
  const response = await fetch(`${sim.url}/sim/shops/${shop}/orders/${orderId}/declines`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ count }),
  });
  if (!response.ok) throw new Error(`declines: ${response.status}`);
}
