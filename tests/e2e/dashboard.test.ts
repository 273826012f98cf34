// The dashboard in the production build and headless Chromium: the funnel's figures and its Polaris Viz chart,
// money per currency, breakdowns by reward and country, and open exceptions linking to the inbox, per campaign.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raiseExceptions } from "../../app/services/exceptions";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("the dashboard", () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "dashboard",
      webhooks: false,
      seed: async (db) => {
        await seedDemoCampaign(db.prisma, DEMO_SHOP.domain);
        const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
        const campaign = await db.prisma.campaign.findFirstOrThrow({ where: { shopId: shop.id } });
        await raiseExceptions(db, shop.id, [
          {
            campaignId: campaign.id,
            kind: "balance_failed",
            severity: "CRITICAL",
            subjectType: "Order",
            subjectId: "o1",
          },
        ]);
        // A second campaign, so that choosing one narrows the figures.
        await db.prisma.campaign.create({
          data: { shopId: shop.id, handle: "empty", name: "Nothing yet", platform: "CSV", currencyCode: "EUR" },
        });
      },
    });
  }, 180_000);

  afterAll(() => e2e?.stop());

  it("shows where the campaigns stand, with charts, and narrows to one campaign", async () => {
    const page = await e2e.openAdmin("/app");
    await expect.poll(() => page.getByRole("heading", { name: "Dashboard", level: 1 }).count()).toBe(1);
    // The demo campaign: 48 backers, every 16th dropped and the 23rd errored.
    const imported = page.locator("h3", { hasText: "Imported" }).locator("xpath=following-sibling::p");
    expect(await imported.innerText()).toBe("48");
    await expect.poll(() => page.locator("[data-chart] svg").count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole("row", { name: /EUR/ }).innerText()).toMatch(/€/);
    expect(await page.getByText("France: 7").count()).toBe(1);
    expect(await page.getByText("Dragon Slayer").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(e2e.screenshots, "dashboard.png"), fullPage: true });

    await page.getByLabel("Campaign").selectOption({ label: "Nothing yet" });
    await expect.poll(() => imported.innerText()).toBe("0");
    expect(await page.getByText("No collected pledges yet.").count()).toBe(1);

    await page.getByLabel("Campaign").selectOption({ label: "All campaigns" });
    await expect.poll(() => imported.innerText()).toBe("48");
    await page.getByRole("link", { name: "Balance charge failed" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Exceptions", level: 1 }).count()).toBe(1);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.context().close();
  });
});
