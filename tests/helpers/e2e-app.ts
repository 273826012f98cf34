// The setup the browser tests share: the stand-in with the demo shop, a PGlite folder with the shop connected
// (and whatever the test seeds), the production build serving it, the stand-in's webhooks and app proxy pointed
// at it, and headless Chromium opening the embedded admin.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { connectShop } from "../../app/services/shops";
import { createAdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { subscriptionsFromToml } from "../../sim/webhooks";
import { startBuiltApp, type RunningApp } from "./app-server";
import { launchChromium, openEmbeddedAdmin } from "./browser";

const API_KEY = "e2e-api-key";
const SECRET = "e2e-api-secret";

export interface E2eApp {
  sim: RunningSim;
  app: RunningApp;
  browser: Browser;
  screenshots: string;
  openAdmin(pathname: string): ReturnType<typeof openEmbeddedAdmin>;
  stop(): Promise<void>;
}

export async function startE2eApp(options: {
  chromiumPath: string;
  name: string;
  /** Seeds the database before the app starts (the shop is connected already). */
  seed?: (db: Database, sim: RunningSim) => Promise<void>;
  scopes?: string;
  /** Whether the stand-in sends its webhooks and app-proxy requests to the app. */
  webhooks?: boolean;
}): Promise<E2eApp> {
  const sim = await startSim({ timeScale: 20, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), `pb-e2e-${options.name}-`)), "db");
  const db = await openDatabase(`pglite://${dataDir}`);
  await migrateDatabase(db);
  await connectShop(
    db.prisma,
    createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url }),
    "sim-token",
  );
  await options.seed?.(db, sim);
  await db.close();
  const app = await startBuiltApp({
    // The stand-in is refused in production (and remix-serve's development mode wants a dev server).
    NODE_ENV: "test",
    DATABASE_URL: `pglite://${dataDir}`,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_ADMIN_ORIGIN: sim.url,
    ...(options.scopes ? { SCOPES: options.scopes } : {}),
    LOG_LEVEL: "warn",
  });
  if (options.webhooks !== false)
    sim.webhooks.setTarget({ appUrl: app.url, secret: SECRET, subscriptions: subscriptionsFromToml() });
  const browser = await launchChromium(options.chromiumPath);
  const screenshots = path.resolve("test-results");
  mkdirSync(screenshots, { recursive: true });
  return {
    sim,
    app,
    browser,
    screenshots,
    openAdmin: (pathname) =>
      openEmbeddedAdmin(browser, { url: app.url, shop: DEMO_SHOP.domain, apiKey: API_KEY, secret: SECRET }, pathname),
    async stop() {
      await browser.close();
      if (process.env.SHOW_APP_OUTPUT) console.warn(app.output());
      await app.stop();
      await sim.close();
    },
  };
}
