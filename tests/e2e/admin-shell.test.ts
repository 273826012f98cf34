// The embedded admin, from the production build, in headless Chromium, with a real session token.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase } from "../../app/db/open";
import { startBuiltApp, type RunningApp } from "../helpers/app-server";
import { CHROME_USER_AGENT, findChromium, launchChromium, stubShopifyCdn } from "../helpers/browser";
import { createOfflineSession } from "../helpers/factories";
import { signDemoSessionToken as signSessionToken } from "../../app/demo/session-token";

const SHOP = "demo-shop.myshopify.com";
const API_KEY = "e2e-api-key";
const SECRET = "e2e-api-secret";
const SCOPES = "write_orders,write_draft_orders";

const chromiumPath = findChromium();
if (!chromiumPath && process.env.REQUIRE_BROWSER === "1") {
  throw new Error("REQUIRE_BROWSER=1 but no Chromium was found: apt-get install -y chromium, or set CHROMIUM_PATH");
}
if (!chromiumPath)
  console.warn("Skipping browser tests: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)");

describe.skipIf(!chromiumPath)("the embedded admin shell", () => {
  let app: RunningApp;
  let browser: Browser;
  const screenshots = path.resolve("test-results");

  beforeAll(async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-e2e-")), "db");
    const db = await openDatabase(`pglite://${dataDir}`);
    await migrateDatabase(db);
    const session = await createOfflineSession(db.prisma, SHOP, "shpat_e2e");
    await db.prisma.session.update({ where: { id: session.id }, data: { scope: SCOPES } });
    await db.close();
    app = await startBuiltApp({
      DATABASE_URL: `pglite://${dataDir}`,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: SECRET,
      SCOPES,
      LOG_LEVEL: "warn",
    });
    browser = await launchChromium(chromiumPath!);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function openAdmin(query: Record<string, string>) {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    const token = await signSessionToken({ shop: SHOP, apiKey: API_KEY, secret: SECRET });
    await stubShopifyCdn(page, token);
    const host = Buffer.from(`admin.shopify.com/store/${SHOP.split(".")[0]}`).toString("base64url");
    const params = new URLSearchParams({ shop: SHOP, host, embedded: "1", id_token: token, ...query });
    const response = await page.goto(`${app.url}/app?${params}`);
    return { page, response };
  }

  it("renders the Polaris dashboard in French for a French admin, with the app's navigation", async () => {
    const { page, response } = await openAdmin({ locale: "fr" });
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading", { name: "Tableau de bord" }).count()).toBe(1);
    expect(await page.getByText("Importez votre première campagne").count()).toBe(1);
    const nav = await page.locator("ui-nav-menu a").allTextContents();
    expect(nav).toEqual([
      "Tableau de bord",
      "Campagnes",
      "Précommandes",
      "Stock",
      "Expédition",
      "Exceptions",
      "Paramètres",
    ]);
    await page.screenshot({ path: path.join(screenshots, "admin-dashboard-fr.png"), fullPage: true });
    await page.context().close();
  });

  it("renders in English for an English admin, and each section has an empty state that says what to do", async () => {
    const { page } = await openAdmin({ locale: "en" });
    await expect.poll(() => page.getByRole("heading", { name: "Dashboard" }).count()).toBe(1);
    await page.locator("ui-nav-menu a", { hasText: "Exceptions" }).click();
    await expect.poll(() => page.getByText("Nothing needs you right now").count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, "admin-exceptions-en.png"), fullPage: true });
    await page.context().close();
  });

  it("has no demo door outside demo mode", async () => {
    for (const route of ["/demo", "/demo/session-token?shop=" + SHOP, "/demo/app-bridge.js"]) {
      expect((await fetch(`${app.url}${route}`, { redirect: "manual" })).status, route).toBe(404);
    }
  });

  it("does not render the admin for a session token signed with another secret", async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    const forged = await signSessionToken({ shop: SHOP, apiKey: API_KEY, secret: "someone-else" });
    await stubShopifyCdn(page, forged);
    const response = await page.goto(`${app.url}/app?shop=${SHOP}&embedded=1&id_token=${forged}`);
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    expect(await page.getByRole("heading", { name: "Dashboard" }).count()).toBe(0);
    await context.close();
  });
});
