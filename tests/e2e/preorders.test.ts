// A late pledge's way through, in the production build and headless Chromium, against the stand-in over HTTP: the
// merchant starts a pre-order offer with a deposit and a cap in the admin; a shopper buys on the storefront with
// the plan; the orders webhook, signed and delivered to the app, counts the unit; the pre-orders page shows it
// sold with its balance owed, the inventory page counts it as demand, and "Charge now" collects the balance.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";
import { shopperCheckout } from "../helpers/sim-client";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("a merchant sells a late pledge as a pre-order and collects its balance", () => {
  let e2e: E2eApp;
  const state = () => e2e.sim.store.shop(DEMO_SHOP.domain)!.state;
  const tee = () => [...state().variants.values()].find((v) => v.sku === "DD-TEE-XL")!;
  const openAdmin = (pathname: string) => e2e.openAdmin(pathname);

  beforeAll(async () => {
    e2e = await startE2eApp({ chromiumPath: chromiumPath!, name: "preorders" });
  }, 180_000);

  afterAll(() => e2e?.stop());

  it("starts an offer, counts the sale against its cap, shows the demand and charges the balance", async () => {
    const admin = await openAdmin("/app/preorders");
    await expect.poll(() => admin.getByRole("heading", { name: "Pre-orders", level: 1 }).count()).toBe(1);
    const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await admin.getByLabel("Name buyers see").fill("Pre-order: ships in spring");
    await admin.getByLabel("Variants: a SKU or variant id per line").fill("DD-TEE-XL: 3\nNO-SUCH-SKU");
    await admin.getByLabel("The rest is charged").selectOption("date");
    await admin.getByLabel("Date").first().fill(soon(30));
    await admin.getByLabel("Date").nth(1).fill(soon(60));
    await admin.getByRole("button", { name: "Start the offer" }).click();
    await expect.poll(() => admin.getByText("No single variant has these SKUs: NO-SUCH-SKU").count()).toBe(1);
    expect(state().sellingPlanGroups.size).toBe(0);

    await admin.getByLabel("Variants: a SKU or variant id per line").fill("DD-TEE-XL: 3");
    await admin.getByRole("button", { name: "Start the offer" }).click();
    await expect.poll(() => admin.getByText(/The offer is running/).count()).toBe(1);
    expect(tee().inventoryPolicy).toBe("CONTINUE");
    const group = [...state().sellingPlanGroups.values()][0]!;
    expect(group.variantIds).toEqual([tee().id]);

    // A shopper buys one on the storefront with the plan: 20% now, the rest on the balance date.
    const bought = await shopperCheckout(e2e.sim, [
      { variantId: tee().id, quantity: 1, sellingPlanId: group.plans[0]!.id },
    ]);
    expect(bought.userErrors).toEqual([]);
    const owed = tee().priceMinor - Math.round(tee().priceMinor * 0.2);

    let page = admin;
    const reopen = async (pathname: string) => {
      if (page !== admin) await page.context().close();
      page = await openAdmin(pathname);
      return page;
    };
    await expect
      .poll(
        async () => {
          const preorders = await reopen("/app/preorders");
          const row = preorders.getByRole("row", { name: new RegExp(`${bought.order!.name}`) });
          await preorders.getByRole("heading", { name: "Balances owed" }).waitFor({ timeout: 10_000 });
          return row.count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(1);
    expect(
      await page
        .getByRole("row", { name: /DD-TEE-XL/ })
        .first()
        .innerText(),
    ).toMatch(/1\s+3\s+Selling/);
    await page.screenshot({ path: path.join(e2e.screenshots, "preorders.png"), fullPage: true });

    // The inventory page counts the unit as pre-ordered demand for that variant.
    const inventory = await reopen("/app/inventory");
    await inventory.getByRole("button", { name: "Read stock from Shopify" }).first().click();
    await expect
      .poll(
        async () => {
          const view = await reopen("/app/inventory");
          const row = view.getByRole("row", { name: /DD-TEE-XL/ });
          await row.first().waitFor({ timeout: 10_000 });
          return (await row.first().innerText()).trim().split(/\s+/).slice(-9).join(" ");
        },
        { timeout: 45_000, interval: 1000 },
      )
      // On hand 30 (10 + 20), one unit committed by the order (reserved on sale), one pre-ordered, 29 free.
      .toBe("30 29 1 0 0 0 1 29 0");
    // And per location: the T-shirt is stocked at both of the shop's locations.
    expect(await page.getByRole("row", { name: /DD-TEE-XL/ }).count()).toBe(3);
    await page.screenshot({ path: path.join(e2e.screenshots, "inventory.png"), fullPage: true });

    // The merchant charges the balance now; the order becomes paid in Shopify, once.
    const charge = await reopen("/app/preorders");
    await charge
      .getByRole("row", { name: new RegExp(bought.order!.name) })
      .getByRole("button", { name: "Charge now" })
      .click();
    await expect.poll(() => charge.getByText(/The charges are on their way/).count()).toBe(1);
    await expect
      .poll(() => state().orders.get(bought.order!.id)!.financialStatus, { timeout: 30_000, interval: 500 })
      .toBe("PAID");
    const payments = [...state().mandatePayments.values()];
    expect(payments).toHaveLength(1);
    expect(payments[0]!.amountMinor).toBe(owed);
    await page.context().close();
    await admin.context().close();
  });
});
