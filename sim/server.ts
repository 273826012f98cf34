// The local Shopify stand-in over HTTP: Admin GraphQL at /admin/api/<version>/graphql.json for every seeded
// shop. A request names its shop by X-Shopify-Shop-Domain (or by its token alone), as the app's client sends it.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { adminSchema } from "../app/shopify/admin-schema";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { LeakyBucket } from "./cost";
import { executeAdminRequest } from "./execute";
import { SimStore, type SimShop } from "./store";

export const PLANS = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
} as const;

export interface SimOptions {
  port?: number;
  host?: string;
  plan?: keyof typeof PLANS;
  timeScale?: number;
  shops?: Array<Pick<SimShop, "domain" | "accessToken" | "name" | "currencyCode">>;
}

export interface RunningSim {
  url: string;
  store: SimStore;
  close(): Promise<void>;
}

export const DEMO_SHOP = { domain: "demo-shop.myshopify.com", name: "Demo Shop", currencyCode: "EUR" };

export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const schema = adminSchema(ADMIN_API_VERSION);
  const store = new SimStore();
  const shops = options.shops ?? [{ ...DEMO_SHOP, accessToken: process.env.SIM_ACCESS_TOKEN ?? "sim-token" }];
  for (const shop of shops) store.addShop(shop);
  const plan = PLANS[options.plan ?? "standard"];
  const buckets = new Map<string, LeakyBucket>();
  const bucketFor = (domain: string) => {
    let bucket = buckets.get(domain);
    if (!bucket) buckets.set(domain, (bucket = new LeakyBucket({ ...plan, timeScale: options.timeScale ?? 1 })));
    return bucket;
  };

  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? "/", "http://sim");
    const match = /^\/admin\/api\/([\w-]+)\/graphql\.json$/.exec(url.pathname);
    if (!match || request.method !== "POST") return send(404, { errors: "Not Found" });
    if (match[1] !== ADMIN_API_VERSION) {
      return send(404, { errors: `The stand-in serves Admin API ${ADMIN_API_VERSION}, not ${match[1]}` });
    }
    const token = request.headers["x-shopify-access-token"];
    const named = request.headers["x-shopify-shop-domain"];
    const shop = typeof named === "string" ? store.shop(named) : typeof token === "string" ? store.shopByToken(token) : undefined;
    if (!shop || token !== shop.accessToken) {
      return send(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return send(400, { errors: "Invalid JSON in request body" });
    }
    const result = await executeAdminRequest(schema, bucketFor(shop.domain), { store, shop }, body as object);
    send(result.status, result.body);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
