// A refund the merchant makes in Shopify, on a pledge's order or a pre-order's, lands in the inbox as the stand-in
// reports it (orders/updated, financial status refunded): once however often the webhook comes, reopened as
// critical when a partial refund becomes full, found by the reconciliation when no webhook came, and never for an
// order that is not the app's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { actionsFor } from "../../app/domain/exceptions";
import { listExceptions, resolveExceptions } from "../../app/services/exceptions";
import { reconcileOrders } from "../../app/services/ordering/linking";
import { CostPacer } from "../../app/shopify/pacer";
import { orderWebhookHandlers } from "../../app/webhooks/handlers/orders";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { orderPayload } from "../../sim/state/payloads";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { fullPaymentOffer } from "../helpers/preorder-offer";
import { readyCampaign } from "../helpers/ready-campaign";
import { shopperCheckout } from "../helpers/sim-client";

describe("orders refunded in Shopify", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  let deliveries = 0;
  const state = () => shop.state();
  const deliver = (topic: string, payload: Record<string, unknown>) =>
    orderWebhookHandlers[topic]!(
      db,
      { webhookId: `r${++deliveries}`, topic, shop: DEMO_SHOP.domain, payload } as never,
      { jobId: "test" } as never,
      { adminOrigin: sim.url },
    );
  const refundInAdmin = async (orderId: number) => {
    const response = await fetch(`${sim.url}/sim/shops/${DEMO_SHOP.domain}/orders/${orderId}/refund`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    return state().orders.get(orderId)!;
  };
  const refunds = async () =>
    (await listExceptions(db, shopId, { kind: "order_refunded", status: "all" })).sort((a, b) =>
      String(a.data.orderName).localeCompare(String(b.data.orderName)),
    );
  let pledgeOrders: number[] = [];

  beforeAll(async () => {
    shop = await connectedShop({ seed: 17 });
    ({ sim, db, shopId } = shop);
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 6));
    await pushForTest(shop, campaignId);
    for (const draft of [...state().draftOrders.values()].slice(0, 3)) {
      const paid = await fetch(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {
        method: "POST",
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
    }
    pledgeOrders = [...state().orders.keys()];
    for (const id of pledgeOrders) await deliver("orders/paid", orderPayload(state(), state().orders.get(id)!));
  }, 120_000);

  afterAll(() => shop?.close());

  it("raises a refunded pledge order once, however often Shopify says so", async () => {
    const order = await refundInAdmin(pledgeOrders[0]!);
    await deliver("orders/updated", orderPayload(state(), order));
    await deliver("orders/updated", orderPayload(state(), order));
    const link = await db.prisma.orderLink.findFirstOrThrow({ where: { orderId: `gid://shopify/Order/${order.id}` } });
    const [raised, ...more] = await refunds();
    expect(more).toEqual([]);
    expect(raised).toMatchObject({
      severity: "CRITICAL",
      pledgeId: link.pledgeId,
      campaignId,
      subjectId: `gid://shopify/Order/${order.id}`,
      data: { orderName: order.name, refund: "full" },
    });
    expect(raised!.backerId).not.toBeNull();
    expect(actionsFor(raised!)).toEqual(["open_backer"]);
    // Still paid as far as the pledge goes: a refund is the merchant's decision to act on, not a cancellation.
    expect((await db.prisma.orderLink.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("PAID");
  });

  it("reopens a resolved partial refund as critical when it becomes full", async () => {
    const order = state().orders.get(pledgeOrders[1]!)!;
    await deliver("orders/updated", { ...orderPayload(state(), order), financial_status: "partially_refunded" });
    const partial = (await refunds()).find((e) => e.data.orderName === order.name)!;
    expect(partial).toMatchObject({ severity: "WARNING", data: { refund: "partial" }, resolvedAt: null });
    expect(await resolveExceptions(db, shopId, [partial.id], "user:test", "shipping refunded only")).toBe(1);
    // The same partial refund again changes nothing: the merchant's resolution stands.
    await deliver("orders/updated", { ...orderPayload(state(), order), financial_status: "partially_refunded" });
    expect((await refunds()).find((e) => e.id === partial.id)!.resolvedAt).not.toBeNull();

    await deliver("orders/updated", orderPayload(state(), await refundInAdmin(order.id)));
    expect((await refunds()).find((e) => e.id === partial.id)).toMatchObject({
      severity: "CRITICAL",
      data: { refund: "full" },
      resolvedAt: null,
    });
  });

  it("finds a refund whose webhook never came when it reconciles orders", async () => {
    const order = await refundInAdmin(pledgeOrders[2]!);
    expect((await refunds()).some((e) => e.data.orderName === order.name)).toBe(false);
    await reconcileOrders(db, {
      shopId,
      admin: shop.admin,
      pacer: new CostPacer({ timeScale: 100 }),
      cause: "test",
    });
    expect((await refunds()).find((e) => e.data.orderName === order.name)).toMatchObject({ severity: "CRITICAL" });
  });

  it("raises a refunded pre-order against the pre-orders page, and nothing for an order that is not the app's", async () => {
    const { variant: sleeves, planId } = await fullPaymentOffer(
      db,
      { shopId, admin: shop.admin, state: state() },
      { campaignId, sku: "DD-SLEEVES" },
    );
    const bought = await shopperCheckout(sim, [{ variantId: sleeves.id, quantity: 1, sellingPlanId: planId }]);
    await deliver("orders/create", orderPayload(state(), state().orders.get(bought.order!.id)!));
    // Bought without the plan: no pledge's order and no pre-order's.
    const plain = await shopperCheckout(sim, [{ variantId: sleeves.id, quantity: 1 }]);
    await deliver("orders/updated", orderPayload(state(), await refundInAdmin(plain.order!.id)));

    await deliver("orders/updated", orderPayload(state(), await refundInAdmin(bought.order!.id)));
    const preorder = (await refunds()).find((e) => e.data.orderName === bought.order!.name);
    expect(preorder).toMatchObject({ pledgeId: null, backerId: null, campaignId, severity: "CRITICAL" });
    expect(actionsFor(preorder!)).toEqual(["open_preorders"]);
    expect((await refunds()).some((e) => e.data.orderName === plain.order!.name)).toBe(false);
  });
});
