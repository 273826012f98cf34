import { readConfig } from "../config.server";

/** Demo routes answer 404 unless DEMO_MODE is on (which the config refuses in production). */
export function requireDemoMode(): { apiKey: string; secret: string } {
  const config = readConfig();
  if (!config.DEMO_MODE || !config.SHOPIFY_API_KEY || !config.SHOPIFY_API_SECRET) {
    throw new Response("Not Found", { status: 404 });
  }
  return { apiKey: config.SHOPIFY_API_KEY, secret: config.SHOPIFY_API_SECRET };
}

export function isDemoMode(): boolean {
  return readConfig().DEMO_MODE;
}
