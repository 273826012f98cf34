// The local Shopify stand-in over HTTP:
//   POST /admin/api/<version>/graphql.json   Admin GraphQL for every seeded shop (X-Shopify-Shop-Domain or the token picks it)
//   GET|POST /checkout/<shop>/invoices/<token>   a draft order's invoice checkout
//   GET|POST /store/<shop>/apps/pledge/*      the storefront's app proxy: signed and forwarded to the app
//   GET /                                    what the stand-in holds, for people
//   POST /staged-uploads, GET /bulk-results/…  staged files for bulk mutations, and bulk results
//   POST /sim/reset                          every shop back to its seed; webhooks log and cost buckets cleared
//   POST /sim/shops/<shop>/orders/<id>/cancel|refund   what the merchant does in the admin (orders/cancelled, refunds/create)
//   POST /sim/webhooks/<topic>?shop=<domain>  send a webhook (app/uninstalled, compliance topics) with the posted JSON
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { adminSchema } from "../app/shopify/admin-schema";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { BulkRunner } from "./bulk";
import { LeakyBucket } from "./cost";
import { executeAdminRequest } from "./execute";
import { Faults, parseFaults, type FaultRates } from "./faults";
import { checkoutPage } from "./pages/checkout";
import { completeDraftOrder } from "./state/draft-orders";
import { cancelOrder, refundOrder } from "./state/orders";
import { storefrontCheckout } from "./state/storefront-checkout";
import { z } from "zod";
import { inspectPage } from "./pages/inspect";
import { topicEnum } from "./resolvers/webhook-subscriptions";
import { loadCatalog, SimStore, type ShopDefinition } from "./store";
import { proxyFromToml, proxyToApp } from "./storefront";
import { subscriptionsFromToml, WebhookDispatcher } from "./webhooks";

function formCheckout(form: URLSearchParams) {
  const number = (name: string) => (form.get(name) ? Number(form.get(name)) : undefined);
  return {
    lines: [
      { variantId: number("variantId"), quantity: number("quantity") ?? 1, sellingPlanId: number("sellingPlanId") },
    ],
  };
}

const CheckoutBody = z.object({
  lines: z
    .array(
      z.object({
        variantId: z.number().int().positive(),
        quantity: z.number().int().positive(),
        sellingPlanId: z.number().int().positive().nullish(),
      }),
    )
    .optional(),
  email: z.string().nullish(),
  shippingAddress: z
    .object({
      firstName: z.string().max(255).optional(),
      lastName: z.string().max(255).optional(),
      address1: z.string().max(255).optional(),
      city: z.string().max(255).optional(),
      zip: z.string().max(32).optional(),
      countryCode: z.string().regex(/^[A-Z]{2}$/),
    })
    .optional(),
  count: z.number().int().min(0).optional(),
});

export const PLANS = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
} as const;
export type Plan = keyof typeof PLANS;

export const DEMO_SHOP = { domain: "demo-shop.myshopify.com", name: "Lantern Games (demo)", currencyCode: "EUR" };

export interface SimOptions {
  port?: number;
  host?: string;
  plan?: Plan;
  /** Simulated seconds per real second for the cost bucket's refill. */
  timeScale?: number;
  shops?: ShopDefinition[];
  faults?: FaultRates | string;
  seed?: number;
  /** Where webhooks go: the app's URL and secret; subscriptions default to the app's shopify.app.toml. */
  webhooks?: { appUrl: string; secret: string; subscriptions?: Map<string, string> } | null;
  webhookRetryDelaysMs?: number[];
}

export interface RunningSim {
  url: string;
  store: SimStore;
  bulk: BulkRunner;
  webhooks: WebhookDispatcher;
  faults: Faults;
  reset(): void;
  close(): Promise<void>;
}

export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const schema = adminSchema(ADMIN_API_VERSION);
  const faults = new Faults(
    typeof options.faults === "string" ? parseFaults(options.faults) : options.faults,
    options.seed,
  );
  const webhooks = new WebhookDispatcher(
    options.webhooks
      ? { ...options.webhooks, subscriptions: options.webhooks.subscriptions ?? subscriptionsFromToml() }
      : null,
    faults,
    options.webhookRetryDelaysMs,
    (domain, topic) =>
      [...(store.shop(domain)?.state.webhookSubscriptions.values() ?? [])]
        .filter((subscription) => subscription.topic === topicEnum(topic))
        .map((subscription) => subscription.uri),
  );
  const store = new SimStore(loadCatalog(), (shop, topic, payload) => webhooks.send(shop.domain, topic, payload));
  for (const shop of options.shops ?? [{ ...DEMO_SHOP, accessToken: process.env.SIM_ACCESS_TOKEN ?? "sim-token" }]) {
    store.addShop(shop);
  }
  const plan = PLANS[options.plan ?? "standard"];
  const buckets = new Map<string, LeakyBucket>();
  const bucketFor = (domain: string) => {
    let bucket = buckets.get(domain);
    if (!bucket) buckets.set(domain, (bucket = new LeakyBucket({ ...plan, timeScale: options.timeScale ?? 1 })));
    return bucket;
  };
  const proxy = proxyFromToml();
  let url = "";
  const bulk = new BulkRunner(schema, () => url);

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ message: `Internal error: ${(error as Error).message}` }] });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", "http://sim").pathname;
    const admin = /^\/admin\/api\/([\w-]+)\/graphql\.json$/.exec(path);
    if (admin && request.method === "POST") return adminGraphql(request, response, admin[1]!);
    const checkout = /^\/checkout\/([\w.-]+)\/invoices\/(\w+)$/.exec(path);
    if (checkout) return invoiceCheckout(request, response, checkout[1]!, checkout[2]!);
    const storefront = /^\/store\/([\w.-]+)(\/.*)$/.exec(path);
    if (storefront && proxy && (storefront[2] === proxy.mount || storefront[2]!.startsWith(`${proxy.mount}/`))) {
      const shop = store.shop(storefront[1]!);
      if (!shop) return sendHtml(response, 404, "<h1>No such shop</h1>");
      const body = Buffer.from(await readBody(request, "binary"), "binary");
      return proxyToApp(request, response, shop, storefront[2]!.slice(proxy.mount.length), proxy, webhooks.app, body);
    }
    if (path === "/" && request.method === "GET")
      return sendHtml(response, 200, inspectPage(store, webhooks.deliveries));
    if (path === "/sim/reset" && request.method === "POST") {
      reset();
      return sendJson(response, 200, { reset: true });
    }
    if (path === "/staged-uploads" && request.method === "POST") return stagedUpload(request, response);
    const result = /^\/bulk-results\/(.+\.jsonl)$/.exec(path);
    if (result && request.method === "GET") {
      const body = bulk.files.get(`results/${result[1]}`);
      if (body === undefined) return sendJson(response, 404, { errors: "Not Found" });
      response.writeHead(200, { "Content-Type": "application/jsonl" });
      return response.end(body);
    }
    const merchant = /^\/sim\/shops\/([\w.-]+)\/orders\/(\d+)\/(cancel|refund)$/.exec(path);
    if (merchant && request.method === "POST") {
      const shop = store.shop(merchant[1]!);
      if (!shop) return sendJson(response, 404, { errors: `No shop ${merchant[1]}` });
      const act = merchant[3] === "cancel" ? cancelOrder : refundOrder;
      const { order, userErrors } = act(shop.state, Number(merchant[2]));
      return sendJson(response, userErrors.length ? 422 : 200, {
        order: order ? { id: order.id, name: order.name } : null,
        userErrors,
      });
    }
    const shopper = /^\/sim\/shops\/([\w.-]+)\/(checkout|orders\/(\d+)\/declines)$/.exec(path);
    if (shopper && request.method === "POST") return shopperAction(request, response, shopper[1]!, shopper[3]);
    const trigger = /^\/sim\/webhooks\/(\w+\/\w+)$/.exec(path);
    if (trigger && request.method === "POST") return triggerWebhook(request, response, trigger[1]!);
    return sendJson(response, 404, { errors: "Not Found" });
  }

  // A shopper buys in the Online Store (with selling plans for pre-orders), or a test sets a card to decline.
  async function shopperAction(request: IncomingMessage, response: ServerResponse, domain: string, orderId?: string) {
    const shop = store.shop(domain);
    if (!shop) return sendJson(response, 404, { errors: `No shop ${domain}` });
    // JSON from tests, or the stand-in page's form (then the answer is the page again).
    const raw = await readBody(request);
    const fromForm = String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded");
    let parsed: unknown;
    try {
      parsed = fromForm ? formCheckout(new URLSearchParams(raw)) : JSON.parse(raw || "{}");
    } catch {
      return sendJson(response, 400, { errors: ["Invalid JSON in request body"] });
    }
    const body = CheckoutBody.safeParse(parsed);
    if (!body.success) return sendJson(response, 400, { errors: body.error.issues.map((i) => i.message) });
    if (orderId) {
      if (!shop.state.orders.has(Number(orderId))) return sendJson(response, 404, { errors: "No such order" });
      shop.state.paymentDeclines.set(Number(orderId), body.data.count ?? 1);
      return sendJson(response, 200, { declines: body.data.count ?? 1 });
    }
    const { orderId: created, userErrors } = storefrontCheckout(shop.state, {
      lines: body.data.lines ?? [],
      email: body.data.email,
      shippingAddress: body.data.shippingAddress ?? null,
    });
    const order = created ? shop.state.orders.get(created)! : null;
    if (fromForm && !userErrors.length) {
      response.writeHead(303, { Location: "/" });
      return response.end();
    }
    return sendJson(response, userErrors.length ? 422 : 200, {
      order: order ? { id: order.id, name: order.name } : null,
      userErrors,
    });
  }

  async function adminGraphql(request: IncomingMessage, response: ServerResponse, version: string) {
    if (version !== ADMIN_API_VERSION) {
      return sendJson(response, 404, { errors: `The stand-in serves Admin API ${ADMIN_API_VERSION}, not ${version}` });
    }
    const token = request.headers["x-shopify-access-token"];
    const named = request.headers["x-shopify-shop-domain"];
    const shop =
      typeof named === "string" ? store.shop(named) : typeof token === "string" ? store.shopByToken(token) : undefined;
    if (!shop || token !== shop.accessToken) {
      return sendJson(response, 401, {
        errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return sendJson(response, 400, { errors: "Invalid JSON in request body" });
    }
    if (faults.happens("5xx"))
      return sendJson(response, faults.pick([500, 502, 503]), { errors: "Internal Server Error" });
    if (faults.happens("throttle")) {
      return sendJson(response, 200, {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost: 0,
            actualQueryCost: null,
            throttleStatus: { ...bucketFor(shop.domain).status(), currentlyAvailable: 0 },
          },
        },
      });
    }
    const result = await executeAdminRequest(
      schema,
      bucketFor(shop.domain),
      {
        store,
        shop,
        state: shop.state,
        bulk,
        invoiceUrl: (invoiceToken) => `${url}/checkout/${shop.domain}/invoices/${invoiceToken}`,
      },
      body as object,
    );
    // The write happened, but the caller never hears of it: what a timeout looks like from the client's side.
    if (result.wrote && faults.happens("timeout-after-write")) return void request.socket.destroy();
    sendJson(response, result.status, result.body);
  }

  // The staged-upload target: a multipart form with the staged parameters and a `file` part, as for Shopify's.
  async function stagedUpload(request: IncomingMessage, response: ServerResponse) {
    const body = Buffer.from(await readBody(request, "binary"), "binary");
    let form: FormData;
    try {
      form = await new Request("http://sim/upload", {
        method: "POST",
        headers: { "content-type": request.headers["content-type"] ?? "" },
        body,
      }).formData();
    } catch {
      return sendJson(response, 400, { errors: "Expected multipart/form-data" });
    }
    const key = form.get("key");
    const file = form.get("file");
    if (typeof key !== "string" || !key.startsWith("tmp/") || !(file instanceof Blob)) {
      return sendJson(response, 400, { errors: "The form needs the staged `key` parameter and a `file` part" });
    }
    bulk.files.set(key, await file.text());
    response.writeHead(201, { "Content-Type": "application/xml" });
    response.end(`<PostResponse><Key>${key}</Key></PostResponse>`);
  }

  async function invoiceCheckout(request: IncomingMessage, response: ServerResponse, domain: string, token: string) {
    const shop = store.shop(domain);
    const draft = shop?.state.findDraftByToken(token);
    if (!shop || !draft) return sendHtml(response, 404, "<h1>This checkout does not exist</h1>");
    if (request.method === "POST") {
      await readBody(request);
      if (draft.status !== "COMPLETED") {
        const { userErrors } = completeDraftOrder(shop.state, draft.id);
        if (userErrors.length) return sendHtml(response, 409, checkoutPage(shop, draft, userErrors[0]!.message));
      }
      response.writeHead(303, { Location: `/checkout/${domain}/invoices/${token}` });
      return response.end();
    }
    return sendHtml(response, 200, checkoutPage(shop, draft));
  }

  async function triggerWebhook(request: IncomingMessage, response: ServerResponse, topic: string) {
    const domain = new URL(request.url ?? "/", "http://sim").searchParams.get("shop") ?? "";
    if (!store.shop(domain)) return sendJson(response, 404, { errors: `No shop ${domain}` });
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse((await readBody(request)) || "{}");
    } catch {
      return sendJson(response, 400, { errors: "Invalid JSON in request body" });
    }
    webhooks.send(domain, topic, { shop_domain: domain, ...payload });
    sendJson(response, 202, { queued: topic });
  }

  function reset() {
    store.reset();
    bulk.clear();
    buckets.clear();
    webhooks.clear();
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    bulk,
    webhooks,
    faults,
    reset,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(html);
}

function readBody(request: IncomingMessage, encoding: BufferEncoding = "utf8"): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString(encoding)));
    request.on("error", reject);
  });
}
