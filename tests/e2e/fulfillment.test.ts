// Shipping a wave, in the production build and headless Chromium, against the stand-in over HTTP: backers pay
// their pledges' drafts; the orders webhooks reach the app, which holds each order in Shopify; the merchant
// previews a wave of the European backers with its pick list, creates it, releases it, and Shopify's fulfillment
// orders of exactly those backers open while the others stay held; then the 3PL's tracking file, uploaded on the
// page, ships each of them once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRewards, mapReward } from "../../app/services/ordering/rewards";
import { adminForShop } from "../../app/services/shop-admin";
import { CostPacer } from "../../app/shopify/pacer";
import { pushCampaign } from "../../app/services/ordering/push";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("a merchant ships a wave", () => {
  let e2e: E2eApp;
  const state = () => e2e.sim.store.shop(DEMO_SHOP.domain)!.state;
  const held = () => [...state().fulfillmentOrders.values()].filter((fo) => fo.status === "ON_HOLD").length;

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "fulfillment",
      seed: async (db, sim) => {
        await seedDemoCampaign(db.prisma, DEMO_SHOP.domain);
        const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
        const campaign = await db.prisma.campaign.findFirstOrThrow({ where: { handle: "deep-delve" } });
        const core = [...sim.store.shop(DEMO_SHOP.domain)!.state.variants.values()].find((v) => v.sku === "DD-CORE")!;
        for (const reward of await listRewards(db, shop.id, campaign.id))
          await mapReward(db, shop.id, reward.id, [
            { variantId: `gid://shopify/ProductVariant/${core.id}`, quantity: 1, sku: "DD-CORE" },
          ]);
        await db.prisma.campaign.update({
          where: { id: campaign.id },
          data: { settings: { ordering: { currency: "store" } } },
        });
        const { admin } = await adminForShop(db.prisma, shop.id, { adminOrigin: sim.url });
        await pushCampaign(db, {
          shopId: shop.id,
          campaignId: campaign.id,
          admin,
          pacer: new CostPacer({ timeScale: 20 }),
          cause: "test",
          lookupDelayMs: 0,
        });
      },
    });
  }, 240_000);

  afterAll(() => e2e?.stop());

  it("previews, creates and releases a wave of the European backers", async () => {
    // Every backer pays; each order's webhook reaches the app, which holds it.
    for (const draft of [...state().draftOrders.values()]) {
      const paid = await fetch(`${e2e.sim.url}/checkout/${DEMO_SHOP.domain}/invoices/${draft.invoiceToken}`, {
        method: "POST",
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
    }
    await expect.poll(held, { timeout: 60_000, interval: 500 }).toBe(state().orders.size);
    const orders = state().orders.size;
    const europeanOrders = [...state().orders.values()].filter((o) =>
      ["FR", "DE"].includes(o.shippingAddress?.countryCode ?? ""),
    );
    const european = europeanOrders.length;
    // Every tier and add-on was mapped to the core box: the pick list counts them all.
    const units = europeanOrders.flatMap((o) => o.lineItems).reduce((sum, l) => sum + l.quantity, 0);
    expect(european).toBeGreaterThan(0);
    const page = await e2e.openAdmin("/app/fulfillment");
    await expect.poll(() => page.getByRole("heading", { name: "Fulfillment", level: 1 }).count()).toBe(1);
    await page.getByLabel("Countries (codes)").fill("fr, de");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByText(`${european} paid orders match`).count()).toBe(1);
    expect(await page.getByRole("row", { name: /DD-CORE/ }).innerText()).toMatch(new RegExp(`DD-CORE\\s+${units}$`));
    await page.getByLabel("Wave name").fill("Europe");
    await page.getByRole("button", { name: "Create and lock the wave" }).click();
    await expect.poll(() => page.getByText(`The wave is locked with ${european} orders`).count()).toBe(1);
    await page.getByRole("button", { name: "Release", exact: true }).click();
    await expect.poll(() => page.getByText(/Releasing the wave's holds/).count()).toBe(1);
    await expect.poll(held, { timeout: 30_000, interval: 500 }).toBe(orders - european);
    for (const order of state().orders.values()) {
      const fo = [...state().fulfillmentOrders.values()].find((f) => f.orderId === order.id)!;
      const inWave = ["FR", "DE"].includes(order.shippingAddress?.countryCode ?? "");
      expect(fo.status).toBe(inWave ? "OPEN" : "ON_HOLD");
    }
    const fresh = await e2e.openAdmin("/app/fulfillment");
    await expect
      .poll(() => fresh.getByText(`${european} orders: ${european} released, 0 shipped, 0 delivered`).count())
      .toBe(1);
    await fresh.screenshot({ path: path.join(e2e.screenshots, "fulfillment.png"), fullPage: true });
    await fresh.context().close();
    await page.context().close();
  });

  it("ships the released orders from the 3PL's tracking file, once", async () => {
    const released = [...state().fulfillmentOrders.values()].filter((fo) => fo.status === "OPEN");
    expect(released.length).toBeGreaterThan(0);
    const names = released.map((fo) => state().orders.get(fo.orderId)!.name);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-e2e-tracking-")), "3pl-tracking.csv");
    writeFileSync(
      file,
      [
        "Order,Carrier,Tracking number",
        ...names.map((name, i) => `${name},UPS,1Z999AA1012345${String(i).padStart(4, "0")}`),
        "#99999,UPS,1Z999AA10999999999",
      ].join("\n"),
    );
    const page = await e2e.openAdmin("/app/fulfillment");
    await expect.poll(() => page.getByRole("heading", { name: "Import tracking" }).count()).toBe(1);
    await page.setInputFiles('input[type="file"]', file);
    await page.getByRole("button", { name: "Import tracking" }).click();
    await expect.poll(() => page.getByText(`${names.length + 1} rows queued`).count()).toBe(1);
    const summary = `${names.length + 1} rows: ${names.length} fulfilled, 0 already shipped, 1 refused`;
    await expect.poll(() => page.getByText(summary).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText(/Row \d+ \(#99999\): no order of this campaign's waves has this name/).count()).toBe(1);
    for (const fo of released) expect(state().fulfillmentOrders.get(fo.id)!.status).toBe("CLOSED");
    expect(state().fulfillments.size).toBe(released.length);
    await page.context().close();
  });
});
