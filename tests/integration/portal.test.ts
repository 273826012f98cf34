// The backer portal and order linking, end to end over HTTP: the stand-in's storefront signs and forwards the app
// proxy to the real route modules (verified by Shopify's library), the portal updates the draft order through the
// Admin API, the stand-in's checkout turns it into an order, and its signed webhooks come back to the real
// webhook route and job queue. Also: refused signatures and links, duplicate and out-of-order webhooks, a webhook
// that never came (reconciliation), a link asked for by email, locked addresses, and Liquid in a backer's name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import type { JobQueue } from "../../app/jobs/queue";
import { recordShipment } from "../../app/services/fulfillment/tracking";
import { reconcileOrders } from "../../app/services/ordering/linking";
import { RECONCILE_QUEUE } from "../../app/services/ordering/follow-up-jobs";
import { pushCampaign, Pusher } from "../../app/services/ordering/push";
import { mapReward, listRewards } from "../../app/services/ordering/rewards";
import { portalLinker, PORTAL_PATH } from "../../app/services/portal/links";
import { updatePortalSettings } from "../../app/services/portal/settings";
import { updateCheckoutSettings } from "../../app/services/ordering/settings";
import { adminForShop } from "../../app/services/shop-admin";
import { connectShop } from "../../app/services/shops";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client";
import { CostPacer } from "../../app/shopify/pacer";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { signProxyQuery } from "../../sim/storefront";
import { createTestDatabaseUrl, type TestDatabase } from "../helpers/database";
import { readyCampaign } from "../helpers/ready-campaign";
import { serveRoutes, type RouteModule } from "../helpers/route-server";
import { waitFor } from "../helpers/wait";

const SECRET = "portal-test-secret";

describe("the backer portal and orders linked back to pledges", () => {
  let sim: RunningSim;
  let target: TestDatabase;
  let database: Database;
  let jobs: JobQueue;
  let app: { url: string; close(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let campaignId: string;
  let linkFor: (pledgeId: string) => string;
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  const variant = (sku: string) =>
    `gid://shopify/ProductVariant/${[...state().variants.values()].find((v) => v.sku === sku)!.id}`;
  const pledgeOf = (n: number) =>
    database.prisma.pledge.findFirstOrThrow({ where: { campaignId, backerNumber: n }, include: { orderLink: true } });
  const draftOf = async (n: number) => {
    const link = (await pledgeOf(n)).orderLink!;
    return state().draftOrders.get(Number(link.draftOrderId!.split("/").pop()))!;
  };

  beforeAll(async () => {
    sim = await startSim({ timeScale: 100, seed: 3, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
    target = await createTestDatabaseUrl();
    Object.assign(process.env, {
      DATABASE_URL: target.url,
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "https://pledgebridge.test",
      SHOPIFY_ADMIN_ORIGIN: sim.url,
      JOBS_IN_PROCESS: "true",
      LOG_LEVEL: "silent",
    });
    ({ database } = await import("../../app/db.server"));
    ({ jobs } = await import("../../app/jobs/runtime.server"));
    const module = async (name: string) => (await import(`../../app/routes/${name}.tsx`)) as RouteModule;
    app = await serveRoutes([
      { pattern: /^\/proxy\/?$/, module: await module("proxy._index") },
      {
        pattern: /^\/proxy\/p\/([^/]+)\/?$/,
        module: await module("proxy.p.$token"),
        params: (m) => ({ token: m[1]! }),
      },
      { pattern: /^\/webhooks\/orders$/, module: await module("webhooks.orders") },
    ]);
    sim.webhooks.setTarget({
      appUrl: app.url,
      secret: SECRET,
      subscriptions: new Map([
        ["orders/create", "/webhooks/orders"],
        ["orders/paid", "/webhooks/orders"],
        ["orders/cancelled", "/webhooks/orders"],
      ]),
    });

    await connectShop(
      database.prisma,
      createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url }),
      "sim-token",
    );
    ({ shopId, campaignId } = await readyCampaign(database, sim, DEMO_SHOP.domain, "Deep Delve", 12));
    // The tier is a bundle: the core box and a T-shirt in M, whose size the backer picks.
    const [core] = await listRewards(database, shopId, campaignId);
    await mapReward(database, shopId, core!.id, [
      { variantId: variant("DD-CORE"), quantity: 1 },
      { variantId: variant("DD-TEE-M"), quantity: 1 },
    ]);
    await updatePortalSettings(database.prisma, shopId, campaignId, { extraVariantIds: [variant("DD-COINS")] });
    ({ admin } = await adminForShop(database.prisma, shopId, { adminOrigin: sim.url }));
    // Pledges 1 to 8 are drafted; 9 and up are left for the portal to draft.
    await pushCampaign(database, {
      shopId,
      campaignId,
      admin,
      pacer: new CostPacer({ timeScale: 100 }),
      cause: "test",
      lookupDelayMs: 0,
    });
    for (const n of [9, 11, 12]) {
      const pledge = await pledgeOf(n);
      const link = pledge.orderLink!;
      await admin.request(`mutation($id: ID!) { draftOrderDelete(input: { id: $id }) { deletedId } }`, {
        id: link.draftOrderId!,
      } as never);
      await database.prisma.orderLink.delete({ where: { id: link.id } });
    }
    linkFor = await portalLinker(database.prisma, shopId, { adminOrigin: sim.url, days: 30 });
  }, 120_000);

  afterAll(async () => {
    await jobs?.stop();
    await app?.close();
    await sim?.close();
    await database?.close();
    await target?.drop();
  });

  const get = (url: string) => fetch(url, { redirect: "manual" });
  const post = (url: string, form: Record<string, string>) =>
    fetch(url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  const address = {
    firstName: "Ada",
    lastName: "Lovelace",
    address1: "1 rue de Rivoli",
    city: "Paris",
    zip: "75001",
    country: "FR",
  };

  it("shows the pledge inside the shop's theme, with the sizes and extras on offer", async () => {
    const response = await get(linkFor((await pledgeOf(1)).id));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("data-theme-header"); // the theme's layout around the page
    expect(html).toContain("Your pledge to Deep Delve");
    expect(html).toContain("Backer #1");
    expect(html).toMatch(/<select id="variant:[^"]+" name="variant:gid:\/\/shopify\/ProductVariant\/\d+"/);
    for (const size of ["S", "M", "L", "XL"]) expect(html).toContain(`>${size}</option>`);
    expect(html).toContain("Deep Delve: Metal Coin Set · €15.00");
    expect(html).toContain(`action="/store/${DEMO_SHOP.domain}${PORTAL_PATH}/p/`);
  });

  it("speaks the storefront's language when the theme block passes it, the shop's otherwise", async () => {
    const link = linkFor((await pledgeOf(1)).id);
    const french = await (await get(`${link}?locale=fr`)).text();
    expect(french).toContain("Votre contribution à Deep Delve");
    expect(french).toContain("Passer au paiement");
    expect(french).toMatch(/action="[^"]+\/p\/[^"?]+\?locale=fr"/);
    const front = await (await get(`${sim.url}/store/${DEMO_SHOP.domain}${PORTAL_PATH}?locale=fr`)).text();
    expect(front).toContain("Gérer votre contribution");
    expect(await (await get(link)).text()).toContain("Continue to checkout");
  });

  it("updates the draft with the backer's size, extras and address, then sends them to checkout", async () => {
    const pledge = await pledgeOf(1);
    const response = await post(linkFor(pledge.id), {
      [`variant:${variant("DD-TEE-M")}`]: variant("DD-TEE-L"),
      [`extra:${variant("DD-COINS")}`]: "2",
      ...address,
      phone: "06 12 34 56 78",
    });
    expect(response.status).toBe(303);
    const draft = await draftOf(1);
    expect(response.headers.get("location")).toBe(
      `${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`,
    );
    expect(draft.lineItems.map((line) => [line.sku, line.quantity])).toEqual([
      ["DD-CORE", 1],
      ["DD-TEE-L", 1],
      ["DD-COINS", 2],
    ]);
    expect(draft.shippingAddress).toMatchObject({
      lastName: "Lovelace",
      city: "Paris",
      countryCode: "FR",
      phone: "+33612345678",
    });
    const backer = await database.prisma.backer.findUniqueOrThrow({ where: { id: pledge.backerId } });
    expect(backer.addressConfirmedAt).not.toBeNull();
    expect(
      (await database.prisma.event.findMany({ where: { pledgeId: pledge.id, kind: "portal.confirmed" } })).length,
    ).toBe(1);
    // Only one draft for this pledge, updated in place.
    expect(
      [...state().draftOrders.values()].filter((d) => d.tags.includes(pledge.orderLink!.idempotencyKey)),
    ).toHaveLength(1);
  });

  it("makes the draft when the pledge has none yet", async () => {
    const pledge = await pledgeOf(9);
    expect(pledge.orderLink).toBeNull();
    const response = await post(linkFor(pledge.id), {
      [`variant:${variant("DD-TEE-M")}`]: variant("DD-TEE-S"),
      ...address,
      country: "FR",
    });
    expect(response.status).toBe(303);
    const link = (await pledgeOf(9)).orderLink!;
    expect(link.state).toBe("DRAFTED");
    expect((await draftOf(9)).lineItems.map((line) => line.sku)).toEqual(["DD-CORE", "DD-TEE-S"]);
  });

  it("sends the form back with what to fix, and changes nothing", async () => {
    const before = JSON.stringify((await draftOf(2)).lineItems);
    const response = await post(linkFor((await pledgeOf(2)).id), {
      [`variant:${variant("DD-TEE-M")}`]: variant("DD-CORE"),
      [`extra:${variant("DD-COINS")}`]: "500",
      ...address,
      country: "France",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("Not available for this pledge");
    expect(html).toContain("A whole number from 0 to 20");
    expect(html).toContain("Your shipping was paid for DE");
    expect(JSON.stringify((await draftOf(2)).lineItems)).toBe(before);
    expect((await pledgeOf(2)).choices).toEqual({});
  });

  it("links the paid order back to its pledge through the orders webhooks", async () => {
    const draft = await draftOf(1);
    const paid = await post(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {});
    expect(paid.status).toBe(303);
    const link = await waitFor(
      async () => {
        const l = (await pledgeOf(1)).orderLink!;
        return l.state === "PAID" && l;
      },
      20_000,
      "the pledge to be paid",
    );
    const order = state().orders.get(draft.orderId!)!;
    expect(link).toMatchObject({ orderId: `gid://shopify/Order/${order.id}`, orderName: order.name });
    expect(link.paidAt).not.toBeNull();
    const page = await (await get(linkFor((await pledgeOf(1)).id))).text();
    expect(page).toContain(`Paid: order ${order.name}`);
    expect(page).not.toContain("<form");
    // A form sent from a page opened before the payment changes nothing.
    const late = await post(linkFor((await pledgeOf(1)).id), { ...address, city: "Lyon" });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(`Paid: order ${order.name}`);
    expect((await draftOf(1)).shippingAddress?.city).toBe("Paris");
  });

  it("shows the backer their parcel once it ships, and when it is delivered", async () => {
    const pledge = await pledgeOf(1);
    const orderId = pledge.orderLink!.orderId!.split("/").pop()!;
    const shipment = {
      id: 880001,
      order_id: orderId,
      status: "success",
      tracking_company: "UPS",
      tracking_number: "1Z999AA10123456784",
      tracking_url: "https://ups.example/track/1Z999AA10123456784",
      created_at: "2026-11-20T10:00:00Z",
    };
    await recordShipment(database, pledge.shopId, shipment, "test");
    let page = await (await get(linkFor(pledge.id))).text();
    expect(page).toContain("It is on its way.");
    expect(page).toMatch(/Shipped on [^<]*20[^<]*2026 · UPS 1Z999AA10123456784/);
    expect(page).toContain('href="https://ups.example/track/1Z999AA10123456784"');
    expect(page).not.toContain("delivered on");

    await recordShipment(
      database,
      pledge.shopId,
      { ...shipment, shipment_status: "delivered", updated_at: "2026-11-23T15:00:00Z" },
      "test",
    );
    page = await (await get(linkFor(pledge.id))).text();
    expect(page).toContain("UPS 1Z999AA10123456784 · delivered on");
    // A carrier URL that is not a web address is shown as text, never as a link.
    await recordShipment(
      database,
      pledge.shopId,
      { ...shipment, id: 880002, tracking_url: "javascript:alert(1)" },
      "test",
    );
    page = await (await get(linkFor(pledge.id))).text();
    expect(page).not.toContain("javascript:");
  });

  it("gives the same result for duplicate and out-of-order deliveries", async () => {
    sim.faults.set({ "duplicate-webhook": 1, "out-of-order-webhook": 1 }, 5);
    try {
      const draft = await draftOf(3);
      await post(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {});
      await sim.webhooks.settle();
      const pledge = await pledgeOf(3);
      await waitFor(async () => (await pledgeOf(3)).orderLink!.state === "PAID", 20_000, "pledge 3 paid");
      await waitFor(
        async () =>
          (await database.prisma.webhookDelivery.count({
            where: { processedAt: null, topic: { startsWith: "orders/" } },
          })) === 0,
        20_000,
        "every order webhook processed",
      );
      const events = await database.prisma.event.findMany({
        where: { pledgeId: pledge.id, kind: { startsWith: "order." } },
      });
      expect(events.filter((e) => e.kind === "order.paid")).toHaveLength(1);
      expect(events.filter((e) => e.kind === "order.created")).toHaveLength(0); // orders/create said paid already
    } finally {
      sim.faults.set({});
    }
  });

  it("never takes a paid link back to drafted when the push records its draft after the webhook", async () => {
    const pledge = await pledgeOf(5);
    const draft = await draftOf(5);
    await post(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {});
    await waitFor(async () => (await pledgeOf(5)).orderLink!.state === "PAID", 20_000, "pledge 5 paid");
    // A push whose answer for this pledge is written only now (its batch was still in memory when the backer paid).
    const pusher = new Pusher(database, { shopId, campaignId, admin, pacer: new CostPacer(), cause: "test" });
    await pusher.drafted(
      pledge.id,
      { kind: "order", input: {}, fingerprint: "late", warnings: [] },
      { id: pledge.orderLink!.draftOrderId!, invoiceUrl: null, order: null },
      "order.drafted",
    );
    await pusher.flush();
    expect((await pledgeOf(5)).orderLink).toMatchObject({
      state: "PAID",
      orderId: `gid://shopify/Order/${draft.orderId}`,
    });
  });

  it("finds the orders whose webhook never came", async () => {
    const saved = sim.webhooks.app;
    sim.webhooks.setTarget(null);
    try {
      const draft = await draftOf(6);
      await post(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {});
    } finally {
      sim.webhooks.setTarget(saved);
    }
    expect((await pledgeOf(6)).orderLink!.state).not.toBe("PAID");
    const first = await reconcileOrders(database, {
      shopId,
      admin,
      pacer: new CostPacer({ timeScale: 100 }),
      cause: "test",
    });
    expect(first.linked).toBe(1);
    expect((await pledgeOf(6)).orderLink!).toMatchObject({ state: "PAID" });
    const again = await reconcileOrders(database, {
      shopId,
      admin,
      pacer: new CostPacer({ timeScale: 100 }),
      cause: "test",
    });
    expect(again).toEqual({ checked: first.checked, linked: 0 });
  });

  it("reconciles every shop on a schedule, through the job queue", async () => {
    const [scheduled] = await database.query<{ cron: string }>(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [
      RECONCILE_QUEUE,
    ]);
    expect(scheduled?.cron).toBe("*/30 * * * *");
    const saved = sim.webhooks.app;
    sim.webhooks.setTarget(null);
    try {
      const draft = await draftOf(2);
      await post(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {});
    } finally {
      sim.webhooks.setTarget(saved);
    }
    // What the schedule queues: one job with no shop, which queues one per connected shop.
    await jobs.enqueue(RECONCILE_QUEUE, {});
    await waitFor(async () => (await pledgeOf(2)).orderLink!.state === "PAID", 30_000, "pledge 2 reconciled");
    const events = await database.prisma.event.findMany({
      where: { pledgeId: (await pledgeOf(2)).id, kind: "order.paid" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.cause).toMatch(/^job:/);
    // The webhook that would have held the order never came either: the same job holds it for its wave.
    const orderId = (await pledgeOf(2)).orderLink!.orderId!;
    await waitFor(
      async () => (await database.prisma.fulfillmentHold.count({ where: { orderId, state: "HELD" } })) === 1,
      30_000,
      "pledge 2's order held",
    );
    const fulfillmentOrder = [...sim.store.shop(DEMO_SHOP.domain)!.state.fulfillmentOrders.values()].find(
      (fo) => `gid://shopify/Order/${fo.orderId}` === orderId,
    )!;
    expect(fulfillmentOrder.status).toBe("ON_HOLD");
  });

  it("refuses a proxy request whose signature is wrong or stale, and a link that was edited or expired", async () => {
    const pledge = await pledgeOf(2);
    const token = linkFor(pledge.id).split("/p/")[1]!;
    const signed = (timestamp: number, tamper = false) => {
      const query = new URLSearchParams({
        shop: DEMO_SHOP.domain,
        logged_in_customer_id: "",
        path_prefix: PORTAL_PATH,
        timestamp: String(timestamp),
      });
      query.set("signature", signProxyQuery(query, tamper ? "not-the-secret" : SECRET));
      return `${app.url}/proxy/p/${token}?${query}`;
    };
    const now = Math.floor(Date.now() / 1000);
    expect((await get(signed(now))).status).toBe(200);
    expect((await get(signed(now, true))).status).toBe(400);
    expect((await get(signed(now - 600))).status).toBe(400);
    expect((await get(`${app.url}/proxy/p/${token}?shop=${DEMO_SHOP.domain}`)).status).toBe(400);

    // A character in the middle of the signature, so that the edit always changes its bytes.
    const original = linkFor(pledge.id);
    const at = original.length - 20;
    const edited = original.slice(0, at) + (original[at] === "A" ? "B" : "A") + original.slice(at + 1);
    const refused = await get(edited);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("This link is not valid");
    const old = await portalLinker(database.prisma, shopId, {
      adminOrigin: sim.url,
      days: 1,
      now: new Date(Date.now() - 2 * 86_400_000),
    });
    const expired = await get(old(pledge.id));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("This link has expired");
  });

  it("sends a link to an address that has a pledge, and answers the same for one that has none", async () => {
    const before = state().invoicesSent.length;
    const front = `${sim.url}/store/${DEMO_SHOP.domain}${PORTAL_PATH}`;
    const known = await post(front, { email: "BACKER4@example.com" });
    const unknown = await post(front, { email: "nobody@example.com" });
    expect(known.status).toBe(200);
    const [a, b] = [await known.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(a).toContain("If a pledge uses this address, a link is on its way.");
    const sent = await waitFor(
      () => Promise.resolve(state().invoicesSent.length > before && state().invoicesSent.at(-1)),
      20_000,
      "the link email",
    );
    const draft = await draftOf(4);
    expect(sent).toMatchObject({ draftOrderId: draft.id, to: "backer4@example.com" });
    expect(JSON.stringify(sent)).toContain(`/store/${DEMO_SHOP.domain}${PORTAL_PATH}/p/`);
    // Asking again at once sends nothing more.
    await post(front, { email: "backer4@example.com" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(state().invoicesSent.length).toBe(before + 1);
  });

  it("keeps the address once the merchant locks addresses", async () => {
    await updatePortalSettings(database.prisma, shopId, campaignId, { addressesLocked: true });
    try {
      const pledge = await pledgeOf(7);
      const backerBefore = await database.prisma.backer.findUniqueOrThrow({ where: { id: pledge.backerId } });
      const page = await (await get(linkFor(pledge.id))).text();
      expect(page).toContain("Addresses are locked");
      expect(page).not.toContain('name="address1"');
      const response = await post(linkFor(pledge.id), {
        [`variant:${variant("DD-TEE-M")}`]: variant("DD-TEE-XL"),
        ...address,
        city: "Lyon",
      });
      expect(response.status).toBe(303);
      const backerAfter = await database.prisma.backer.findUniqueOrThrow({ where: { id: pledge.backerId } });
      expect(backerAfter.city).toBe(backerBefore.city);
      expect(backerAfter.addressConfirmedAt).toBeNull();
      expect((await draftOf(7)).lineItems.map((l) => l.sku)).toContain("DD-TEE-XL");
    } finally {
      await updatePortalSettings(database.prisma, shopId, campaignId, { addressesLocked: false });
    }
  });

  it("completes a pledge with nothing to pay when the campaign says so, instead of a checkout for nothing", async () => {
    await updateCheckoutSettings(database.prisma, shopId, campaignId, { autoComplete: true });
    try {
      const pledge = await pledgeOf(12);
      const response = await post(linkFor(pledge.id), {
        [`variant:${variant("DD-TEE-M")}`]: variant("DD-TEE-M"),
        ...address,
        country: "US",
        province: "CA",
        zip: "94107",
      });
      const html = await response.text();
      expect(response.status).toBe(200);
      const link = (await pledgeOf(12)).orderLink!;
      expect(link).toMatchObject({ state: "PAID" });
      expect(html).toContain(`Confirmed: order ${link.orderName}. Nothing is left to pay`);
      expect([...state().orders.values()].filter((o) => o.tags.includes(link.idempotencyKey))).toHaveLength(1);
    } finally {
      await updateCheckoutSettings(database.prisma, shopId, campaignId, { autoComplete: false });
    }
  });

  it("prints Liquid in a backer's name as text, never runs it in the theme", async () => {
    const pledge = await pledgeOf(8);
    await database.prisma.backer.update({
      where: { id: pledge.backerId },
      data: { firstName: "{{ shop.name }}{% layout none %}" },
    });
    const html = await (await get(linkFor(pledge.id))).text();
    expect(html).toContain("data-theme-header");
    expect(html).toContain('value="&#123;&#123; shop.name &#125;&#125;&#123;&#37; layout none &#37;&#125;"');
  });
});
