// A backer's way through, in the production build and headless Chromium, against the stand-in over HTTP: the
// merchant offers an extra and copies a backer's link in the admin; the backer opens it on the storefront (the
// stand-in's app proxy, signed), picks a size, adds the extra, confirms the address, continues to the stand-in's
// checkout and pays; the orders webhook, signed and delivered to the app, turns the pledge paid in the admin.
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushCampaign } from "../../app/services/ordering/push";
import { listRewards, mapReward } from "../../app/services/ordering/rewards";
import { adminForShop } from "../../app/services/shop-admin";
import { CostPacer } from "../../app/shopify/pacer";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { CHROME_USER_AGENT, findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("a backer confirms and pays through the portal", () => {
  let e2e: E2eApp;
  let sim: RunningSim;
  let browser: Browser;
  let campaignId: string;
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  const variant = (sku: string) =>
    `gid://shopify/ProductVariant/${[...state().variants.values()].find((v) => v.sku === sku)!.id}`;

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "portal",
      scopes: "write_orders,write_draft_orders,write_app_proxy",
      seed: async (db, started) => {
        sim = started; // the helpers above read the stand-in's catalog while seeding
        await seedDemoCampaign(db.prisma, DEMO_SHOP.domain);
        const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
        campaignId = (await db.prisma.campaign.findFirstOrThrow({ where: { handle: "deep-delve" } })).id;
        // Every tier holds the core box; Dragon Slayer adds a T-shirt in M, whose size the backer picks.
        for (const reward of await listRewards(db, shop.id, campaignId)) {
          const items =
            reward.title === "Dragon Slayer"
              ? ["DD-CORE", "DD-TEE-M"]
              : reward.title === "Metal Coin Set"
                ? ["DD-COINS"]
                : reward.title === "Card Sleeves"
                  ? ["DD-SLEEVES"]
                  : ["DD-CORE"];
          await mapReward(
            db,
            shop.id,
            reward.id,
            items.map((sku) => ({ variantId: variant(sku), quantity: 1, title: sku })),
          );
        }
        await db.prisma.campaign.update({
          where: { id: campaignId },
          data: { settings: { ordering: { currency: "store" } } },
        });
        const { admin } = await adminForShop(db.prisma, shop.id, { adminOrigin: sim.url });
        await pushCampaign(db, {
          shopId: shop.id,
          campaignId,
          admin,
          pacer: new CostPacer({ timeScale: 20 }),
          cause: "test",
          lookupDelayMs: 0,
        });
      },
    });
    ({ sim, browser } = e2e);
  }, 180_000);

  afterAll(() => e2e?.stop());

  const openAdmin = (pathname: string) => e2e.openAdmin(pathname);

  it("goes from a copied link to a paid pledge", async () => {
    const admin = await openAdmin(`/app/campaigns/${campaignId}/portal`);
    await expect.poll(() => admin.getByRole("heading", { name: "Backer portal", level: 1 }).count()).toBe(1);
    // The merchant offers the coin set as an extra, by SKU; an unknown SKU is refused.
    await admin.getByLabel("Extras backers can add").fill("DD-COINS\nNO-SUCH-SKU");
    await admin.getByRole("button", { name: "Save the portal" }).first().click();
    await expect.poll(() => admin.getByText("The store has no variant for: NO-SUCH-SKU").count()).toBe(1);
    await admin.getByLabel("Extras backers can add").fill("DD-COINS");
    await admin.getByRole("button", { name: "Save the portal" }).first().click();
    await expect.poll(() => admin.getByText("The portal settings are saved.").count()).toBe(1);
    // Polaris checkboxes submit an empty value: what was ticked must survive the save.
    await admin.reload();
    await expect.poll(() => admin.getByRole("heading", { name: "Backer portal", level: 1 }).count()).toBe(1);
    expect(await admin.getByLabel(/Keep each backer's shipping country/).isChecked()).toBe(true);

    // Backer #1 (Grace, Berlin) took Dragon Slayer.
    await admin.getByLabel("Email, name or backer number").fill("backer001@example.com");
    await admin.getByRole("button", { name: "Find", exact: true }).click();
    const linkField = admin.getByRole("textbox", { name: "Copy link" });
    await expect.poll(() => linkField.count()).toBe(1);
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${sim.url}/store/${DEMO_SHOP.domain}/apps/pledge/p/[\\w-]+\\.[\\w-]{43}$`));

    const backer = await (await browser.newContext({ userAgent: CHROME_USER_AGENT })).newPage();
    await backer.goto(link);
    await expect.poll(() => backer.getByRole("heading", { name: /Your pledge to Deep Delve/ }).count()).toBe(1);
    expect(await backer.locator("[data-theme-header]").count()).toBe(1); // inside the shop's theme
    await backer.getByLabel("Choose: Delver Crew T-shirt").selectOption({ label: "L" });
    await backer.getByLabel(/Deep Delve: Metal Coin Set/).fill("1");
    expect(await backer.getByLabel("Country (code)").getAttribute("readonly")).not.toBeNull();
    await backer.getByLabel("Address", { exact: true }).fill("12 Torstraße");
    await backer.getByLabel("Postal code").fill("10119");
    await backer.getByLabel("Phone").fill("+49 30 1234567");
    await backer.screenshot({ path: path.join(e2e.screenshots, "portal-pledge.png"), fullPage: true });
    await backer.getByRole("button", { name: "Continue to checkout" }).click();

    // Shopify's checkout (the stand-in's): the chosen size, the extra at the store's price, the new address.
    await expect.poll(() => backer.url()).toContain(`/checkout/${DEMO_SHOP.domain}/invoices/`);
    const checkout = await backer.content();
    expect(checkout).toContain("DD-TEE-L");
    expect(checkout).toContain("DD-COINS");
    expect(checkout).toContain("12 Torstraße");
    expect(checkout).toMatch(/Total due: 15\.00 EUR/);
    await backer.getByRole("button", { name: "Pay now" }).click();
    await expect.poll(() => backer.getByRole("heading", { name: "Thank you!" }).count()).toBe(1);

    // The webhook reaches the app; the admin shows the pledge paid (a fresh admin page: App Bridge would sign
    // each request with a new session token, and the one in the first page's address has expired by now).
    let fresh = admin;
    await expect
      .poll(
        async () => {
          if (fresh !== admin) await fresh.context().close();
          fresh = await openAdmin(`/app/campaigns/${campaignId}/portal`);
          const paid = fresh
            .getByRole("heading", { name: "Paid", exact: true })
            .locator("xpath=following-sibling::p[1]");
          await paid.first().waitFor({ timeout: 10_000 });
          return paid.first().innerText();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe("1");
    await fresh.screenshot({ path: path.join(e2e.screenshots, "portal-admin.png"), fullPage: true });
    await fresh.context().close();
    // And the backer's link now says so.
    await backer.goto(link);
    await expect.poll(() => backer.getByText(/^Paid: order #\d+/).count()).toBe(1);
    await admin.context().close();
    await backer.context().close();
  });
});
