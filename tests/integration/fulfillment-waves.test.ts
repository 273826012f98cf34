// Fulfillment waves against the stand-in over HTTP: pledge orders held when the app links them (once, however
// often the webhook comes), a wave by country that previews its orders and pick list, locks them, and releases
// exactly its holds, in two goes without releasing twice; parcels recorded with their tracking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { parse } from "csv-parse/sync";
import { WAVE_CSV_COLUMNS, waveCsv } from "../../app/services/fulfillment/export";
import { importTracking, TrackingFileError } from "../../app/services/fulfillment/tracking-import";
import {
  queueTrackingImport,
  runTrackingImportJob,
  TRACKING_IMPORT_QUEUE,
} from "../../app/services/fulfillment/tracking-jobs";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { memoryLogger } from "../helpers/silent-logger";
import { updateFulfillmentSettings } from "../../app/services/fulfillment/settings";
import { createWave, lockWave, previewWave, releaseWave, waveProgress } from "../../app/services/fulfillment/waves";
import { fulfillmentWebhookHandlers } from "../../app/webhooks/handlers/fulfillment";
import { orderWebhookHandlers } from "../../app/webhooks/handlers/orders";
import type { AdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { orderPayload } from "../../sim/state/payloads";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { fullPaymentOffer } from "../helpers/preorder-offer";
import { readyCampaign } from "../helpers/ready-campaign";
import { adminData, shopperCheckout } from "../helpers/sim-client";

describe("fulfillment waves: holds, waves and tracking", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let campaignId: string;
  const state = () => shop.state();
  const deps = () => ({ adminOrigin: sim.url });
  let webhookCount = 0;
  const deliver = (topic: string, payload: Record<string, unknown>) =>
    (topic.startsWith("orders/") ? orderWebhookHandlers : fulfillmentWebhookHandlers)[topic]!(
      db,
      { webhookId: `w${++webhookCount}`, topic, shop: DEMO_SHOP.domain, payload } as never,
      { jobId: "test" } as never,
      deps(),
    );
  const fulfillmentOrderOf = (orderId: number) =>
    [...state().fulfillmentOrders.values()].find((fo) => fo.orderId === orderId)!;

  beforeAll(async () => {
    shop = await connectedShop({ seed: 9 });
    ({ sim, db, admin, shopId } = shop);
    // 12 backers (US, FR, DE, CA in turn; the tenth dropped), all drafted, then all but two pay.
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 12));
    await pushForTest(shop, campaignId);
    const drafts = [...state().draftOrders.values()];
    for (const draft of drafts.slice(0, -2)) {
      const paid = await fetch(`${sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {
        method: "POST",
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
    }
  }, 120_000);

  afterAll(() => shop?.close());

  it("holds each pledge order when it is linked, once however often the webhook comes", async () => {
    const orders = [...state().orders.values()];
    expect(orders.length).toBe(9);
    for (const order of orders) await deliver("orders/create", orderPayload(state(), order));
    // Shopify sends orders/paid too, and a duplicate: nothing is held twice.
    for (const order of orders) await deliver("orders/paid", orderPayload(state(), order));
    for (const order of orders) {
      const fo = fulfillmentOrderOf(order.id);
      expect(fo.status).toBe("ON_HOLD");
      expect(fo.holds.map((h) => [h.handle, h.reason])).toEqual([["pledgebridge-wave", "UNKNOWN_DELIVERY_DATE"]]);
    }
    expect(await db.prisma.fulfillmentHold.count({ where: { state: "HELD" } })).toBe(9);
    // Held means Shopify will not ship it early.
    const early = await adminData(
      sim,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fulfillmentOrderOf(orders[0]!.id).id}` },
          ],
        },
      },
    );
    expect(early.fulfillmentCreate.userErrors[0].message).toMatch(/on hold/);
  });

  it("previews a wave by country with its pick list, locks its orders and releases exactly their holds", async () => {
    const paidIn = async (country: string) =>
      db.prisma.orderLink.count({
        where: { campaignId, state: "PAID", pledge: { status: "COLLECTED", backer: { countryCode: country } } },
      });
    const europe = (await paidIn("FR")) + (await paidIn("DE"));
    expect(europe).toBeGreaterThan(1);
    const preview = await previewWave(db, shopId, campaignId, { countries: ["FR", "DE"] });
    expect(preview.orders).toBe(europe);
    expect(preview.pickList).toEqual([
      { variantId: expect.stringMatching(/ProductVariant/), sku: "DD-CORE", units: europe },
    ]);

    const wave = await createWave(
      db,
      shopId,
      { campaignId, name: "Europe", filter: { countries: ["FR", "DE"] } },
      "test",
    );
    expect((await lockWave(db, shopId, wave.id, "test")).orders).toBe(europe);
    // Locked: a second lock adds nothing, and the next wave cannot take its orders.
    expect((await lockWave(db, shopId, wave.id, "test")).orders).toBe(europe);
    expect((await previewWave(db, shopId, campaignId, {})).orders).toBe(9 - europe);

    // Release in two goes: one order, then the rest; no hold is released twice.
    const first = await releaseWave(db, { shopId, admin, cause: "test" }, wave.id, 1);
    expect(first).toEqual({ released: 1, left: europe - 1 });
    const rest = await releaseWave(db, { shopId, admin, cause: "test" }, wave.id);
    expect(rest).toEqual({ released: europe - 1, left: 0 });
    expect(await releaseWave(db, { shopId, admin, cause: "test" }, wave.id)).toEqual({ released: 0, left: 0 });
    const inWave = new Set((await db.prisma.waveOrder.findMany({ where: { waveId: wave.id } })).map((w) => w.orderId));
    for (const order of state().orders.values()) {
      const fo = fulfillmentOrderOf(order.id);
      expect(fo.status).toBe(inWave.has(`gid://shopify/Order/${order.id}`) ? "OPEN" : "ON_HOLD");
    }
    expect((await db.prisma.wave.findUniqueOrThrow({ where: { id: wave.id } })).status).toBe("RELEASED");
    // A released order's later webhooks never hold it again.
    const releasedOrder = [...state().orders.values()].find((o) => inWave.has(`gid://shopify/Order/${o.id}`))!;
    await deliver("orders/updated", orderPayload(state(), releasedOrder));
    expect(fulfillmentOrderOf(releasedOrder.id).status).toBe("OPEN");
  });

  it("records parcels with their tracking, and the wave's progress shows them", async () => {
    const wave = await db.prisma.wave.findFirstOrThrow({ where: { shopId } });
    const [one] = await db.prisma.waveOrder.findMany({ where: { waveId: wave.id } });
    const orderId = Number(one!.orderId.split("/").pop());
    const shipped = await adminData(
      sim,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`,
      {
        f: {
          trackingInfo: { company: "DHL Express", number: "1234567890" },
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fulfillmentOrderOf(orderId).id}` },
          ],
        },
      },
    );
    expect(shipped.fulfillmentCreate.userErrors).toEqual([]);
    const fulfillmentId = Number(shipped.fulfillmentCreate.fulfillment.id.split("/").pop());
    const payload = {
      id: fulfillmentId,
      order_id: orderId,
      status: "success",
      tracking_company: "DHL Express",
      tracking_number: "1234567890",
      created_at: new Date().toISOString(),
    };
    await deliver("fulfillments/create", payload);
    await deliver("fulfillments/create", payload);
    await deliver("fulfillments/update", { ...payload, shipment_status: "delivered" });
    await deliver("fulfillments/update", { ...payload, shipment_status: "in_transit" }); // out of order: stays delivered
    const shipments = await db.prisma.shipment.findMany({ where: { shopId } });
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ company: "DHL Express", number: "1234567890", orderId: one!.orderId });
    expect(shipments[0]!.deliveredAt).not.toBeNull();
    const events = await db.prisma.event.findMany({
      where: { shopId, kind: { in: ["order.shipped", "order.delivered"] } },
    });
    expect(events.map((e) => e.kind).sort()).toEqual(["order.delivered", "order.shipped"]);
    expect(events[0]!.pledgeId).toBe(one!.pledgeId);
    const progress = await waveProgress(db, shopId, wave.id);
    expect(progress).toMatchObject({ released: progress.orders, shipped: 1, delivered: 1 });
  });

  it("exports a wave for a 3PL: a line per order line, customs values and tariff codes, formulas neutralised", async () => {
    const wave = await db.prisma.wave.findFirstOrThrow({ where: { shopId } });
    const orders = await db.prisma.waveOrder.findMany({ where: { waveId: wave.id }, orderBy: { id: "asc" } });
    const first = state().orders.get(Number(orders[0]!.orderId.split("/").pop()))!;
    first.shippingAddress = {
      ...first.shippingAddress,
      firstName: '=HYPERLINK("http://evil.example")',
      lastName: "Backer",
    };
    let csv = "";
    for await (const chunk of waveCsv(db, { shopId, admin }, wave.id)) csv += chunk;
    const [header, ...lines] = parse(csv.replace(/^\uFEFF/, "")) as string[][];
    expect(header).toEqual(WAVE_CSV_COLUMNS);
    expect(lines).toHaveLength(orders.length);
    const line = Object.fromEntries(header!.map((h, i) => [h, lines.find((l) => l[1] === first.name)![i]]));
    expect(line).toMatchObject({
      Wave: "Europe",
      SKU: "DD-CORE",
      Quantity: "1",
      "Customs value": "59.0",
      "HS code": "950490",
    });
    expect(line.Name).toBe(`'=HYPERLINK("http://evil.example") Backer`);
  });

  it("imports a 3PL's tracking numbers: fulfils released orders once, refuses held or unknown ones", async () => {
    const wave = await db.prisma.wave.findFirstOrThrow({ where: { shopId } });
    const links = await db.prisma.orderLink.findMany({ where: { campaignId, state: "PAID" } });
    const inWave = new Set((await db.prisma.waveOrder.findMany({ where: { waveId: wave.id } })).map((w) => w.orderId));
    const unshipped = links.filter(
      (l) => inWave.has(l.orderId!) && fulfillmentOrderOf(Number(l.orderId!.split("/").pop())).status === "OPEN",
    );
    const held = links.find((l) => !inWave.has(l.orderId!))!;
    expect(unshipped.length).toBeGreaterThan(0);
    const file = [
      "Order,Carrier,Tracking Number,Tracking URL",
      ...unshipped.map((l, i) => `${l.orderName},UPS,1Z999AA1012345678${i},https://ups.example/track/${i}`),
      `${held.orderName},UPS,1Z999AA10999999999,`,
      `#99999,UPS,1Z999AA10888888888,`,
      `${unshipped[0]!.orderName},UPS,<script>,`,
    ].join("\n");
    const outcomes = await importTracking(db, { shopId, admin, campaignId, cause: "test" }, file);
    expect(outcomes.filter((o) => o.outcome === "fulfilled")).toHaveLength(unshipped.length);
    expect(outcomes.filter((o) => o.outcome === "rejected").map((o) => "reason" in o && o.reason)).toEqual([
      "no order of this campaign's waves has this name",
      "no order of this campaign's waves has this name",
      "the tracking number is missing or has characters no carrier uses",
    ]);
    for (const l of unshipped) expect(fulfillmentOrderOf(Number(l.orderId!.split("/").pop())).status).toBe("CLOSED");
    const fulfillments = state().fulfillments.size;
    // The same file again, uploaded in the admin this time: its job finds every order already shipped, and makes
    // no second parcel.
    const queue = await JobQueue.start(db, jobDefinitions({ db, adminOrigin: sim.url }), memoryLogger().logger);
    try {
      const upload = await queueTrackingImport(db, queue, {
        shopId,
        campaignId,
        fileName: "3pl.csv",
        text: file,
        by: "user:test",
      });
      expect(upload).toMatchObject({ status: "QUEUED", rows: unshipped.length + 3 });
      const [job] = await db.query<{ data: unknown }>(`SELECT data FROM pgboss.job WHERE name = $1`, [
        TRACKING_IMPORT_QUEUE,
      ]);
      expect(job!.data).toEqual({ shopId, trackingImportId: upload.id });
      const context = { jobId: "test", signal: new AbortController().signal, jobs: queue, attempt: 1 };
      const run = { shopId, trackingImportId: upload.id };
      expect(await runTrackingImportJob(db, deps(), run, context)).toEqual({
        fulfilled: 0,
        alreadyShipped: unshipped.length,
        rejected: 3,
      });
      expect(state().fulfillments.size).toBe(fulfillments);
      expect(await db.prisma.shipment.count({ where: { shopId } })).toBe(1 + unshipped.length);
      const done = await db.prisma.trackingImport.findUniqueOrThrow({ where: { id: upload.id } });
      expect(done).toMatchObject({ status: "SUCCEEDED", file: null, fulfilled: 0, alreadyShipped: unshipped.length });
      expect((done.rejected as Array<{ row: number }>).map((r) => r.row)).toEqual([
        unshipped.length + 2,
        unshipped.length + 3,
        unshipped.length + 4,
      ]);
      // A second delivery of the same job finds the import done.
      expect(await runTrackingImportJob(db, deps(), run, context)).toEqual({ skipped: "done" });

      // A file the job could not use is refused as it arrives: nothing recorded, nothing queued.
      await expect(
        queueTrackingImport(db, queue, { shopId, campaignId, fileName: "x.csv", text: "Name,Code\nx,y", by: "u" }),
      ).rejects.toThrow(TrackingFileError);
      expect(await db.prisma.trackingImport.count({ where: { shopId } })).toBe(1);
    } finally {
      await queue.stop();
    }
  });

  it("holds only the pre-order lines of a mixed order when the shop ships items in stock now", async () => {
    await updateFulfillmentSettings(db.prisma, shopId, { mixedOrders: "ship_in_stock_now" });
    const coins = [...state().variants.values()].find((v) => v.sku === "DD-COINS")!;
    const { variant: sleeves, planId } = await fullPaymentOffer(
      db,
      { shopId, admin, state: state() },
      { campaignId, sku: "DD-SLEEVES" },
    );
    const bought = await shopperCheckout(
      sim,
      [
        { variantId: sleeves.id, quantity: 2, sellingPlanId: planId },
        { variantId: coins.id, quantity: 1 },
      ],
      { countryCode: "FR", city: "Lyon" },
    );
    const order = state().orders.get(bought.order!.id)!;
    await deliver("orders/create", orderPayload(state(), order));
    const fulfillmentOrders = [...state().fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id);
    const lineOf = (fo: (typeof fulfillmentOrders)[number]) =>
      fo.lineItems.map((l) => [order.lineItems.find((x) => x.id === l.lineItemId)!.sku, l.remainingQuantity]);
    expect(fulfillmentOrders.map((fo) => [fo.status, lineOf(fo)])).toEqual([
      ["ON_HOLD", [["DD-SLEEVES", 2]]],
      ["OPEN", [["DD-COINS", 1]]],
    ]);
    // Held whole when the shop says so.
    await updateFulfillmentSettings(db.prisma, shopId, { mixedOrders: "hold_whole" });
    const second = await shopperCheckout(sim, [
      { variantId: sleeves.id, quantity: 1, sellingPlanId: planId },
      { variantId: coins.id, quantity: 1 },
    ]);
    await deliver("orders/create", orderPayload(state(), state().orders.get(second.order!.id)!));
    const whole = [...state().fulfillmentOrders.values()].filter((fo) => fo.orderId === second.order!.id);
    expect(whole.map((fo) => [fo.status, fo.lineItems.length])).toEqual([["ON_HOLD", 2]]);

    // A wave of France takes the French pre-order with its pre-ordered sleeves, and releases its hold.
    const preview = await previewWave(db, shopId, campaignId, { countries: ["FR"] });
    expect(preview.orders).toBe(1);
    expect(preview.pickList).toEqual([
      { variantId: `gid://shopify/ProductVariant/${sleeves.id}`, sku: "DD-SLEEVES", units: 2 },
    ]);
    const late = await createWave(
      db,
      shopId,
      { campaignId, name: "Late pledges, France", filter: { countries: ["FR"] } },
      "test",
    );
    expect((await lockWave(db, shopId, late.id, "test")).orders).toBe(1);
    expect(await releaseWave(db, { shopId, admin, cause: "test" }, late.id)).toEqual({ released: 1, left: 0 });
    expect(fulfillmentOrders[0]!.status).toBe("OPEN");
    // The other pre-order (no address yet) is left for a later wave; leaving pre-orders out leaves it out.
    const everyone = (await previewWave(db, shopId, campaignId, {})).orders;
    expect(everyone - (await previewWave(db, shopId, campaignId, { preorders: false })).orders).toBe(1);
    // A wave of one offer's late pledges takes that pre-order alone, no pledge order; another offer's, nothing.
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { shopId, campaignId } });
    const ofOffer = await previewWave(db, shopId, campaignId, { offerIds: [offer.id] });
    expect(ofOffer).toEqual({
      orders: 1,
      pickList: [{ variantId: `gid://shopify/ProductVariant/${sleeves.id}`, sku: "DD-SLEEVES", units: 1 }],
    });
    expect((await previewWave(db, shopId, campaignId, { offerIds: ["another-offer"] })).orders).toBe(0);
  });

  it("refuses a wave filter it cannot read, and changes nothing", async () => {
    const before = await db.prisma.wave.count();
    await expect(
      createWave(db, shopId, { campaignId, name: "x", filter: { countries: ["France"] } }, "test"),
    ).rejects.toThrow(/two-letter ISO code/);
    await expect(
      createWave(db, shopId, { campaignId, name: "x", filter: { nonsense: true } as never }, "test"),
    ).rejects.toThrow();
    expect(await db.prisma.wave.count()).toBe(before);
  });
});
