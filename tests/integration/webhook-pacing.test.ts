// A webhook's calls to Shopify share the shop's cost budget: an order that comes while the bucket is spent (a push
// running, another app) is held once the budget allows, instead of its job failing THROTTLED and waiting for the
// queue's retry. The stand-in runs Shopify's own pace here (100 points a second), so the bucket stays spent long
// enough to see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostPacer } from "../../app/shopify/pacer";
import { orderWebhookHandlers } from "../../app/webhooks/handlers/orders";
import { DEMO_SHOP } from "../../sim/server";
import { orderPayload } from "../../sim/state/payloads";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { readyCampaign } from "../helpers/ready-campaign";
import { adminGraphql } from "../helpers/sim-client";

describe("webhooks paced by the shop's budget", () => {
  let shop: ConnectedShop;
  beforeAll(async () => {
    shop = await connectedShop({ seed: 21, timeScale: 1 });
    const { campaignId } = await readyCampaign(shop.db, shop.sim, DEMO_SHOP.domain, "Deep Delve", 2);
    await pushForTest(shop, campaignId);
  }, 60_000);
  afterAll(() => shop?.close());

  it("holds an order that comes while the bucket is spent, waiting for the budget instead of failing", async () => {
    const [draft] = [...shop.state().draftOrders.values()];
    const paid = await fetch(`${shop.sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft!.invoiceToken}`, {
      method: "POST",
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const [order] = [...shop.state().orders.values()];

    // Spend the bucket (2,000 points, 100 more a second) down to a few points, as a push would.
    const spend = (first: number) => adminGraphql(shop.sim, `{ productVariants(first: ${first}) { nodes { id } } }`);
    for (let left = 2000; left >= 10;) {
      const { body } = await spend(Math.min(250, left - 2));
      left = body.extensions.cost.throttleStatus.currentlyAvailable;
    }
    // What an unpaced call costing what the hold's first one does (20 points) gets now.
    const unpaced = await spend(19);
    expect(unpaced.body.errors?.[0]?.extensions?.code).toBe("THROTTLED");

    const pacer = new CostPacer();
    const outcome = await orderWebhookHandlers["orders/paid"]!(
      shop.db,
      {
        webhookId: "w-paced",
        topic: "orders/paid",
        shop: DEMO_SHOP.domain,
        payload: orderPayload(shop.state(), order!),
      },
      { jobId: "test" } as never,
      { adminOrigin: shop.sim.url, pacer },
    );
    expect(outcome).toMatchObject({ held: 1 });
    expect(pacer.stats.throttled + pacer.stats.waitedMs).toBeGreaterThan(0); // it waited for the budget
    const fulfillmentOrder = [...shop.state().fulfillmentOrders.values()].find((fo) => fo.orderId === order!.id);
    expect(fulfillmentOrder!.status).toBe("ON_HOLD");
  }, 30_000);
});
