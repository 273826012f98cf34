// The backer page and the inbox's actions in the production build and headless Chromium: an address that will not
// ship is in the inbox; "Edit address" opens the backer, whose fix clears it and shows in the timeline; a data
// request is answered by downloading the backer's data as JSON; two records of one backer are merged.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCampaign } from "../../app/services/exception-checks";
import { recordCustomerDataRequest } from "../../app/services/privacy";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("the backer page and the inbox's actions", () => {
  let e2e: E2eApp;
  const twins: { mergeId?: string } = {};

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "backer",
      webhooks: false,
      seed: async (db) => {
        await seedDemoCampaign(db.prisma, DEMO_SHOP.domain, 6);
        const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
        const campaign = await db.prisma.campaign.findFirstOrThrow({ where: { shopId: shop.id } });
        await db.prisma.backer.updateMany({
          where: { shopId: shop.id, email: "backer002@example.com" },
          data: { city: null },
        });
        // Backer 5 is backer 4 under another email.
        const keep = await db.prisma.backer.findFirstOrThrow({ where: { email: "backer004@example.com" } });
        const twin = await db.prisma.backer.findFirstOrThrow({ where: { email: "backer005@example.com" } });
        const { firstName, lastName, address1, city, zip, countryCode, provinceCode } = keep;
        await db.prisma.backer.update({
          where: { id: twin.id },
          data: { firstName, lastName, address1, city, zip, countryCode, provinceCode },
        });
        twins.mergeId = twin.id;
        await checkCampaign(db, shop.id, campaign.id, "seed");
        await recordCustomerDataRequest(db, shop.domain, {
          email: "backer003@example.com",
          requestId: 42,
          cause: "seed",
        });
      },
    });
  }, 180_000);

  afterAll(() => e2e?.stop());

  it("fixes an address from the inbox and shows it in the backer's timeline", async () => {
    const page = await e2e.openAdmin("/app/exceptions");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    const addressRow = rows.filter({ hasText: "Address will not ship" });
    await addressRow.getByRole("link", { name: "Edit address" }).click();

    await expect.poll(() => page.getByRole("heading", { name: "Timeline" }).count()).toBe(1);
    expect(await page.getByText("Address will not ship").count()).toBe(1);
    await page.getByLabel("City").fill("Berlin");
    await page.getByRole("button", { name: "Save address" }).click();
    await expect.poll(() => page.getByText(/Address saved; 0 draft orders updated/).count()).toBe(1);
    await expect.poll(() => page.getByText("Address edited").count()).toBe(1);
    expect(await page.getByText("Address will not ship").count()).toBe(0);
    await page.screenshot({ path: path.join(e2e.screenshots, "backer.png"), fullPage: true });

    await page.locator("ui-nav-menu a", { hasText: "Exceptions" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toMatch(/Customer asked for their data/);
    await page.context().close();
  });

  it("answers a data request with the backer's data as JSON", async () => {
    const page = await e2e.openAdmin("/app/exceptions");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await page.getByLabel("Kind").selectOption("data_request");
    await expect.poll(() => rows.count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      rows.first().getByRole("button", { name: "Download data" }).click(),
    ]);
    const data = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(data.contact.email).toBe("backer003@example.com");
    expect(data.pledges).toHaveLength(1);
    expect(data.history.map((h: { what: string }) => h.what)).toContain("privacy.data_requested");
    await page.context().close();
  });

  it("merges two records of one backer from the inbox", async () => {
    const page = await e2e.openAdmin("/app/exceptions");
    const twin = page.locator("tbody tr").filter({ hasText: "Same backer twice" });
    await expect.poll(() => twin.count()).toBe(1);
    expect(await twin.innerText()).toMatch(/#5 · = #4/);
    await twin.getByRole("button", { name: "Merge backers" }).click();
    await expect.poll(() => page.getByText(/The two records are one backer now/).count()).toBe(1);
    await expect.poll(() => twin.count()).toBe(0);
    await page.context().close();

    // The merged record's page shows the kept one, which has both pledges and says why.
    const kept = await e2e.openAdmin(`/app/backers/${twins.mergeId}`);
    await expect.poll(() => kept.getByText("Another record of this backer merged in").count()).toBe(1);
    expect(await kept.getByText(/#4 · Kickstarter/).count()).toBe(1);
    expect(await kept.getByText(/#5 · Kickstarter/).count()).toBe(1);
    await kept.context().close();
  });
});
