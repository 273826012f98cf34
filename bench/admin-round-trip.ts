// Admin API round trips through the app's client to the local stand-in: draftOrderCreate (what ordering will
// do per pledge) against a baseline of the cheapest query, `shop { name }`, measured in the same run.
// The stand-in is on the Plus preset with a high time scale so the cost bucket never throttles: this measures
// the client, HTTP, schema validation and execution, not Shopify's rate limit.
// Usage: npx tsx bench/admin-round-trip.ts [count]
import { createAdminClient } from "../app/shopify/admin-client";
import { DRAFT_ORDER_CREATE } from "../app/shopify/operations/draft-orders";
import { SHOP_IDENTITY } from "../app/shopify/operations/shop";
import { DEMO_SHOP, startSim } from "../sim/server";

const count = Number(process.argv[2] ?? 300);
const sim = await startSim({ plan: "plus", timeScale: 1000, shops: [{ ...DEMO_SHOP, accessToken: "bench" }] });
const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "bench", adminOrigin: sim.url });
const variantId = [...sim.store.shop(DEMO_SHOP.domain)!.state.variants.keys()][0]!;

async function timed(label: string, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(i);
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(46)} ${(ms / count).toFixed(2).padStart(7)} ms each   ${Math.round((count / ms) * 1000)
      .toString()
      .padStart(6)} /s`,
  );
  return ms;
}

console.log(`Admin API round trips to the stand-in, ${count} one after another`);
const baseline = await timed("baseline: query { shop { name } }", () => admin.request(SHOP_IDENTITY));
const create = await timed("draftOrderCreate (2 lines, tags, attributes)", (i) =>
  admin.request(DRAFT_ORDER_CREATE, {
    input: {
      lineItems: [
        {
          variantId: `gid://shopify/ProductVariant/${variantId}`,
          quantity: 1,
          appliedDiscount: { value: 100, valueType: "PERCENTAGE", title: "Paid on Kickstarter" },
        },
        { title: "Add-on", quantity: 1, originalUnitPriceWithCurrency: { amount: "8.00", currencyCode: "EUR" } },
      ],
      tags: ["pledgebridge", `pledge-bench-${i}`],
      customAttributes: [{ key: "pledge_id", value: `bench-${i}` }],
    },
  }),
);
console.log(`draftOrderCreate costs ${(create / baseline).toFixed(1)}× the baseline query`);
await sim.close();
