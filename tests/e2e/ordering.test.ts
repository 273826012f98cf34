// Mapping a reward and pushing pledges from the admin, in the production build and headless Chromium, against
// the local Shopify stand-in over HTTP: the catalog is searched through the Admin API, and the push job makes one
// draft order per ready pledge.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCampaign } from "../../scripts/seed/demo-campaign";
import { DEMO_SHOP } from "../../sim/server";
import { findChromium } from "../helpers/browser";
import { startE2eApp, type E2eApp } from "../helpers/e2e-app";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("mapping rewards and pushing orders from the admin", () => {
  let e2e: E2eApp;
  let campaignId: string;
  const openAdmin = (pathname: string) => e2e.openAdmin(pathname);

  beforeAll(async () => {
    e2e = await startE2eApp({
      chromiumPath: chromiumPath!,
      name: "orders",
      scopes: "write_orders,write_draft_orders",
      webhooks: false,
      seed: async (db) => {
        await seedDemoCampaign(db.prisma, DEMO_SHOP.domain);
        campaignId = (await db.prisma.campaign.findFirstOrThrow({ where: { handle: "deep-delve" } })).id;
      },
    });
  }, 180_000);

  afterAll(() => e2e?.stop());

  it("maps a tier by searching the catalog, then pushes its pledges as draft orders", async () => {
    const page = await openAdmin(`/app/campaigns/${campaignId}/rewards`);
    await expect.poll(() => page.getByRole("heading", { name: "Rewards", level: 1 }).count()).toBe(1);
    expect(await page.getByText("Not mapped").count()).toBe(5);

    await page
      .getByRole("row", { name: /Dragon Slayer/ })
      .getByRole("link", { name: "Map" })
      .click();
    await expect.poll(() => page.getByRole("heading", { name: "What Dragon Slayer contains" }).count()).toBe(1);
    // The search starts from the reward's own title.
    expect(await page.getByLabel("Search the catalog").inputValue()).toBe("Dragon Slayer");
    await page.getByLabel("Search the catalog").fill("sku:DD-CORE");
    await page.getByRole("button", { name: "Search the catalog" }).click();
    await expect.poll(() => page.getByText(/Deep Delve: Core Box.*\(DD-CORE\)/).count()).toBe(1);
    await page.getByRole("button", { name: /^Add Deep Delve: Core Box/ }).click();
    await page.getByRole("button", { name: "Save mapping" }).click();
    await expect.poll(() => page.getByText("Dragon Slayer is mapped.").count()).toBe(1);
    await expect.poll(() => page.getByText("Not mapped").count()).toBe(4);
    // The table names the variant as it was when mapped.
    expect(await page.getByRole("cell", { name: "1 × Deep Delve: Core Box - Default Title (DD-CORE)" }).count()).toBe(
      1,
    );
    await page.screenshot({ path: path.join(e2e.screenshots, "rewards-mapped.png"), fullPage: true });

    await page.getByRole("link", { name: "Orders", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Orders", level: 1 }).count()).toBe(1);
    // 16 backers took Dragon Slayer (no add-ons); one dropped and one errored: 14 are ready.
    await page.getByRole("button", { name: "Push 14 ready pledges" }).click();
    await expect.poll(() => page.getByText("Done", { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByText("14 created, 0 updated, 0 failed").count()).toBe(1);
    await page.screenshot({ path: path.join(e2e.screenshots, "orders-pushed.png"), fullPage: true });
    const drafts = [...e2e.sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.values()];
    expect(drafts).toHaveLength(14);
    expect(drafts.every((draft) => draft.tags.includes("campaign-deep-delve"))).toBe(true);

    // The invoice email in the merchant's words; a placeholder that does not exist is refused.
    await page.getByLabel("Subject").fill("Deep Delve ships: over to you, {firstname}");
    await page.getByRole("button", { name: "Save the email" }).click();
    await expect.poll(() => page.getByText("{firstname} is not a placeholder", { exact: false }).count()).toBe(1);
    await page.getByLabel("Subject").fill("{campaign} ships: over to you, {name}");
    await page.getByRole("button", { name: "Save the email" }).click();
    await expect.poll(() => page.getByText("The invoice email is saved.").count()).toBe(1);
    await page.getByRole("button", { name: "Send invoices to 14 drafted pledges" }).click();
    await expect.poll(() => page.getByText("14 invoices sent", { exact: false }).count(), { timeout: 30_000 }).toBe(1);
    const sent = e2e.sim.store.shop(DEMO_SHOP.domain)!.state.invoicesSent;
    expect(sent).toHaveLength(14);
    expect(sent[0]!.subject).toMatch(/^Deep Delve: the board game ships: over to you, \w+$/);
    await expect.poll(() => page.getByText("Invoiced").count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("keeps the push button off while nothing is ready, and explains what blocks the rest", async () => {
    const page = await openAdmin(`/app/campaigns/${campaignId}/orders`);
    await expect.poll(() => page.getByRole("heading", { name: "Orders", level: 1 }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Push 0 ready pledges" }).isDisabled()).toBe(true);
    expect(await page.getByText(/Delver has no variants/).count()).toBe(1);
    await page.context().close();
  });
});
