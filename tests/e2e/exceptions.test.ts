// The exceptions inbox in the production build and headless Chromium: what the app raised is listed worst first,
// filtered by kind, and rows selected and marked resolved with a note leave the open list, with the note kept.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raiseExceptions } from "../../app/services/exceptions";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("the exceptions inbox", () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "exceptions",
      webhooks: false,
      seed: async (db) => {
        const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
        await raiseExceptions(db, shop.id, [
          {
            campaignId: null,
            kind: "balance_failed",
            severity: "CRITICAL",
            subjectType: "Order",
            subjectId: "o1",
            data: { orderName: "#1042", lastError: "Your card was declined." },
          },
          {
            campaignId: null,
            kind: "inventory_drift",
            severity: "WARNING",
            subjectType: "InventoryLevel",
            subjectId: "i1",
            data: { sku: "DD-CORE", expectedReserved: 40, shopifyReserved: 0 },
          },
        ]);
      },
    });
  }, 180_000);

  afterAll(() => e2e?.stop());

  it("lists what needs a decision and records the merchant's", async () => {
    const page = await e2e.openAdmin("/app/exceptions");
    await expect.poll(() => page.getByRole("heading", { name: "Exceptions", level: 1 }).count()).toBe(1);
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toMatch(
      /Balance charge failed[\s\S]*Critical[\s\S]*#1042 · Your card was declined\./,
    );
    await page.getByLabel("Kind").selectOption("inventory_drift");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/DD-CORE · 40 → 0/);

    await page.getByLabel("Note for the ones you resolve").fill("Counted the shelf: Shopify is right");
    await rows.first().locator('input[type="checkbox"]').check({ force: true });
    await page.getByRole("button", { name: "Mark resolved" }).click();
    await expect.poll(() => page.getByText("1 marked resolved.").count()).toBe(1);
    await page.getByLabel("Kind").selectOption("");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel("Status").selectOption("resolved");
    await expect.poll(() => page.getByText(/Resolved: Counted the shelf: Shopify is right/).count()).toBe(1);
    await page.screenshot({ path: path.join(e2e.screenshots, "exceptions.png"), fullPage: true });
    await page.context().close();
  });
});
