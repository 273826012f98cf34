// `npm run demo`: the whole app on this machine, against the local Shopify stand-in, with no database server
// and no network. Builds if needed, starts the stand-in, connects its demo shop, and serves the app.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { readConfig } from "../app/config.server";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { connectShop } from "../app/services/shops";
import { createAdminClient } from "../app/shopify/admin-client";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { DEMO_SHOP, startSim } from "../sim/server";
import { seedDemoCampaign } from "./seed/demo-campaign";
import { playDemoScenario } from "./seed/demo-scenario";

const require = createRequire(import.meta.url);
const appPort = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 4010);
const token = process.env.SIM_ACCESS_TOKEN ?? "sim-token";
const databaseUrl = process.env.DATABASE_URL ?? "pglite://./.data/demo";
// The stand-in starts empty every time, so the demo's own database does too: draft orders and orders the app
// remembered from a previous run would no longer exist in "Shopify".
if (!process.env.DATABASE_URL) rmSync(".data/demo", { recursive: true, force: true });

if (isBuildStale()) {
  console.log("Building the app (once; again after you change app/)…");
  execFileSync(process.execPath, [require.resolve("@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const secret = process.env.SHOPIFY_API_SECRET ?? "demo-api-secret";
// The stand-in sends its webhooks to the app, signed with the app's secret, as Shopify would.
const sim = await startSim({
  port: simPort,
  faults: process.env.SIM_FAULTS,
  webhooks: { appUrl: `http://127.0.0.1:${appPort}`, secret },
});
const db = await openDatabase(databaseUrl, { optimize: readConfig().PGLITE_OPTIMIZE });
await migrateDatabase(db);
const admin = createAdminClient({ shop: DEMO_SHOP.domain, accessToken: token, adminOrigin: sim.url });
await connectShop(db.prisma, admin, token);
await seedDemoCampaign(db.prisma, DEMO_SHOP.domain);
console.log("Playing the demo's story against the stand-in (once)…");
await playDemoScenario(db, { admin, shopDomain: DEMO_SHOP.domain, simUrl: sim.url, log: console.log });
await db.close();

// The app reads its configuration when its build is imported, so the environment is set first.
Object.assign(process.env, {
  NODE_ENV: process.env.NODE_ENV ?? "development",
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "demo-api-key",
  SHOPIFY_API_SECRET: secret,
  SHOPIFY_APP_URL: `http://localhost:${appPort}`,
  SHOPIFY_ADMIN_ORIGIN: sim.url,
  JOBS_IN_PROCESS: "true",
  DEMO_MODE: "true",
});
const server = await serveBuild(appPort);

console.log(`
Pledgebridge demo
  Admin               http://localhost:${appPort}/demo   (the embedded admin in a plain browser; ?locale=fr for French)
  Stand-in's view     ${sim.url}/   (what "Shopify" holds: draft orders, orders, inventory, webhooks)
  Storefront portal   ${sim.url}/store/${DEMO_SHOP.domain}/apps/pledge   (the app proxy, signed as Shopify signs it)
  Shopify stand-in    ${sim.url}/admin/api/${ADMIN_API_VERSION}/graphql.json
                      shop ${DEMO_SHOP.domain}, token ${token}
  Database            ${databaseUrl}  (job queue and worker run in the app process)

Seeded: the campaign "Deep Delve" (48 Kickstarter backers) and its story so far: two tiers and the coin add-on
mapped (the "All-in Hoard" tier left for you), 29 draft orders, 12 paid and held in a locked wave for Europe,
17 invoiced, a late-pledge pre-order on the Dragon's Lair expansion bought once, and the exceptions all that left.
Start on the Dashboard, then Exceptions (map the tier, fix an address, release a dropped pledge's stock),
Fulfillment (release the wave), Pre-orders and Inventory. The stand-in's view shows what "Shopify" holds.
Be a backer: Deep Delve → Backer portal → find "backer020" → open the link, pick a size, continue to the
stand-in's checkout and pay; the orders webhook turns the pledge paid in the admin.
The CLI:  DATABASE_URL=${databaseUrl} npx pledgebridge shop list   (stop the demo first: PGlite serves one process)
Ctrl-C stops everything.
`);

// The app's own shutdown runs on the same signals: it finishes the jobs in hand (at most 10 s), closes the database
// and exits. The admin stops taking requests now; the stand-in answers until the exit, since those jobs call it.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    setTimeout(() => void sim.close(), 15_000).unref();
  });
}

/** Serves the production build in this process, as remix-serve would. */
async function serveBuild(port: number) {
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build }));
  return new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
}

function isBuildStale(): boolean {
  const built = "build/server/index.js";
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = readdirSync("app", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return sources.some((file) => statSync(file).mtimeMs > builtAt);
}
