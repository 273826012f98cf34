// `npm run sim`: the local Shopify stand-in. Configuration (all optional):
//   SIM_PORT (4010), SIM_ACCESS_TOKEN (sim-token), SIM_PLAN (standard|advanced|plus), SIM_TIME_SCALE (1),
//   SIM_FAULTS (e.g. 5xx:0.05,timeout-after-write:0.05), SIM_SEED, and for webhooks SIM_APP_URL with
//   SHOPIFY_API_SECRET (the app's secret, which signs them).
import { DEMO_SHOP, PLANS, startSim, type Plan } from "./server";

const port = Number(process.env.SIM_PORT ?? 4010);
const plan = (process.env.SIM_PLAN ?? "standard") as Plan;
if (!(plan in PLANS)) throw new Error(`SIM_PLAN must be one of ${Object.keys(PLANS).join(", ")}`);
const appUrl = process.env.SIM_APP_URL;
const secret = process.env.SHOPIFY_API_SECRET;
if (appUrl && !secret) throw new Error("SIM_APP_URL needs SHOPIFY_API_SECRET, the app's secret that signs webhooks");

const sim = await startSim({
  port,
  plan,
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  faults: process.env.SIM_FAULTS,
  seed: process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined,
  webhooks: appUrl && secret ? { appUrl, secret } : null,
});
console.log(`Shopify stand-in on ${sim.url}
  Admin GraphQL  ${sim.url}/admin/api/2026-10/graphql.json  (shop ${DEMO_SHOP.domain}, token ${process.env.SIM_ACCESS_TOKEN ?? "sim-token"})
  Inspect        ${sim.url}/
  Webhooks       ${appUrl ? `to ${appUrl}` : "not sent (set SIM_APP_URL and SHOPIFY_API_SECRET)"}`);
