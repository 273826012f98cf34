// `npm run sim`: the local Shopify stand-in on SIM_PORT (default 4010).
import { startSim } from "./server";

const port = Number(process.env.SIM_PORT ?? 4010);
const sim = await startSim({ port });
console.log(`Shopify stand-in on http://127.0.0.1:${port} (shop demo-shop.myshopify.com, token ${process.env.SIM_ACCESS_TOKEN ?? "sim-token"})`);
void sim;
