// Webhooks through the real route modules and Shopify's own HMAC verification, with the job queue working
// in-process on a real database, as in the demo.
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import type { JobQueue } from "../../app/jobs/queue";
import { createTestDatabaseUrl, engineName, type TestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createOfflineSession, createShop } from "../helpers/factories";
import { waitFor } from "../helpers/wait";
import { signWebhookBody, webhookRequest, type WebhookRequestOptions } from "../helpers/webhooks";
import { queueUnqueued, recordDelivery, storablePayload } from "../../app/webhooks/receive";

const SECRET = "webhook-test-secret";
type Action = (args: ActionFunctionArgs) => Promise<Response>;

describe(`webhooks on ${engineName}`, () => {
  let target: TestDatabase;
  let database: Database;
  let jobs: JobQueue;
  let routes: Record<"app" | "compliance", Action>;

  beforeAll(async () => {
    target = await createTestDatabaseUrl();
    Object.assign(process.env, {
      DATABASE_URL: target.url,
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "https://pledgebridge.test",
      JOBS_IN_PROCESS: "true",
      LOG_LEVEL: "silent",
    });
    routes = {
      app: (await import("../../app/routes/webhooks.app")).action as Action,
      compliance: (await import("../../app/routes/webhooks.compliance")).action as Action,
    };
    ({ database } = await import("../../app/db.server"));
    ({ jobs } = await import("../../app/jobs/runtime.server"));
  });

  afterAll(async () => {
    await jobs.stop();
    await database.close();
    await target.drop();
  });

  async function deliver(
    route: keyof typeof routes,
    options: Omit<WebhookRequestOptions, "secret" | "path"> & { secret?: string },
  ) {
    const request = webhookRequest({ secret: SECRET, path: `/webhooks/${route}`, ...options });
    try {
      return await routes[route]({ request, params: {}, context: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  const processed = (webhookId: string) =>
    waitFor(
      async () => {
        const delivery = await database.prisma.webhookDelivery.findUnique({ where: { webhookId } });
        return delivery?.processedAt ? delivery : undefined;
      },
      20_000,
      `webhook ${webhookId} to be processed`,
    );

  async function backerSetup() {
    const shop = await createShop(database.prisma);
    const campaign = await createCampaign(database.prisma, shop.id);
    const { backer, pledge } = await createBackerWithPledge(database.prisma, campaign, { email: "Ada@Example.com" });
    return { shop, campaign, backer, pledge };
  }

  /** A customers/data_request for Ada, with what the customer object should also hold. */
  async function dataRequest(customer: Record<string, unknown> = {}) {
    const { shop } = await backerSetup();
    const webhookId = randomUUID();
    const response = await deliver("compliance", {
      topic: "customers/data_request",
      shop: shop.domain,
      webhookId,
      payload: {
        shop_domain: shop.domain,
        customer: { id: 1, email: "ada@example.com", ...customer },
        data_request: { id: 9 },
      },
    });
    return { shop, webhookId, response };
  }

  it("answers 200 to a correctly signed delivery once it is recorded, and queues its job", async () => {
    const { shop, webhookId, response } = await dataRequest();
    expect(response.status).toBe(200);
    // Recorded before the 200, with its body until the job is queued.
    const delivery = await database.prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(delivery).toMatchObject({ topic: "customers/data_request", shopDomain: shop.domain });
    await processed(webhookId);
    expect(await database.prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      jobId: expect.any(String),
      payload: null,
    });
  });

  it("records and processes a delivery whose text holds a NUL character, which PostgreSQL cannot store", async () => {
    const { webhookId, response } = await dataRequest({ note: "a\u0000b", "odd\u0000key": ["\u0000"] });
    expect(response.status).toBe(200);
    const delivery = await processed(webhookId);
    expect(delivery).toMatchObject({ topic: "customers/data_request", jobId: expect.any(String) });
    // Each NUL, in a value or a key, kept as U+FFFD; the six characters \u0000 written out in a text stay.
    const body = { note: "a\u0000b", "odd\u0000key": ["\u0000"], n: 1 };
    expect(storablePayload(body, JSON.stringify(body))).toEqual({ note: "a\uFFFDb", "odd\uFFFDkey": ["\uFFFD"], n: 1 });
    const plain = { note: "a\\u0000b" };
    expect(storablePayload(plain, JSON.stringify(plain))).toEqual({ note: "a\\u0000b" });
  });

  it("queues a delivery recorded by a process that died before queueing it, once", async () => {
    const { shop, backer } = await backerSetup();
    const webhookId = randomUUID();
    // The crash: recorded (Shopify got its 200), never queued.
    await recordDelivery(database, {
      webhookId,
      topic: "customers/data_request",
      shop: shop.domain,
      payload: { customer: { email: "ada@example.com" }, data_request: { id: 11 } },
    });
    expect((await queueUnqueued(database, jobs, 0)).queued).toBeGreaterThanOrEqual(1);
    expect(await queueUnqueued(database, jobs, 0)).toEqual({ queued: 0 });
    await processed(webhookId);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await database.prisma.event.count({ where: { subjectId: backer.id, kind: "privacy.data_requested" } })).toBe(
      1,
    );
  });

  it("refuses a delivery whose body is not JSON, and one sent with GET", async () => {
    const webhookId = randomUUID();
    const request = webhookRequest({
      secret: SECRET,
      path: "/webhooks/compliance",
      topic: "shop/redact",
      shop: "a.myshopify.com",
      webhookId,
      payload: null,
    });
    const headers = new Headers(request.headers);
    headers.set("X-Shopify-Hmac-Sha256", signWebhookBody("{not json", SECRET));
    const broken = new Request(request.url, { method: "POST", headers, body: "{not json" });
    expect((await routes.compliance({ request: broken, params: {}, context: {} })).status).toBe(400);
    const get = new Request(request.url, { method: "GET", headers: request.headers });
    expect((await routes.compliance({ request: get, params: {}, context: {} })).status).toBe(405);
    expect(await database.prisma.webhookDelivery.count({ where: { webhookId } })).toBe(0);
  });

  it("answers 401 to a bad signature and records nothing", async () => {
    const webhookId = randomUUID();
    const response = await deliver("compliance", {
      topic: "shop/redact",
      shop: "victim.myshopify.com",
      webhookId,
      secret: "not-the-app-secret",
      payload: { shop_domain: "victim.myshopify.com" },
    });
    expect(response.status).toBe(401);
    expect(await database.prisma.webhookDelivery.count({ where: { webhookId } })).toBe(0);
  });

  it("processes a duplicate delivery once, even when both copies arrive together", async () => {
    const { shop, backer } = await backerSetup();
    const webhookId = randomUUID();
    const options = {
      topic: "customers/data_request",
      shop: shop.domain,
      webhookId,
      payload: { shop_domain: shop.domain, customer: { id: 2, email: "ada@example.com" }, data_request: { id: 10 } },
    };
    const responses = await Promise.all([deliver("compliance", options), deliver("compliance", options)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect((await deliver("compliance", options)).status).toBe(200);
    await processed(webhookId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await database.prisma.event.findMany({
      where: { subjectId: backer.id, kind: "privacy.data_requested" },
    });
    expect(events).toHaveLength(1);
    expect(await database.prisma.webhookDelivery.count({ where: { webhookId } })).toBe(1);
  });

  it("app/uninstalled deletes the shop's sessions and keeps its data until shop/redact", async () => {
    const { shop, pledge } = await backerSetup();
    await createOfflineSession(database.prisma, shop.domain);
    const webhookId = randomUUID();
    await deliver("app", {
      topic: "app/uninstalled",
      shop: shop.domain,
      webhookId,
      payload: { id: 1, domain: shop.domain },
    });
    await processed(webhookId);
    expect(await database.prisma.session.count({ where: { shop: shop.domain } })).toBe(0);
    expect((await database.prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).uninstalledAt).toBeInstanceOf(
      Date,
    );
    expect(await database.prisma.pledge.findUnique({ where: { id: pledge.id } })).not.toBeNull();
  });

  it("app/scopes_update records the scopes the merchant granted", async () => {
    const shop = await createShop(database.prisma);
    await createOfflineSession(database.prisma, shop.domain);
    const webhookId = randomUUID();
    await deliver("app", {
      topic: "app/scopes_update",
      shop: shop.domain,
      webhookId,
      payload: { previous: ["write_orders"], current: ["write_orders", "write_draft_orders"] },
    });
    await processed(webhookId);
    const session = await database.prisma.session.findFirstOrThrow({ where: { shop: shop.domain } });
    expect(session.scope).toBe("write_orders,write_draft_orders");
  });

  it("customers/redact erases the backer's personal data in that shop only, keeping the pledge", async () => {
    const mine = await backerSetup();
    const theirs = await backerSetup();
    const webhookId = randomUUID();
    await deliver("compliance", {
      topic: "customers/redact",
      shop: mine.shop.domain,
      webhookId,
      payload: { shop_domain: mine.shop.domain, customer: { id: 3, email: "ada@example.com" }, orders_to_redact: [] },
    });
    await processed(webhookId);
    const redacted = await database.prisma.backer.findUniqueOrThrow({ where: { id: mine.backer.id } });
    expect(redacted).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      address1: null,
      city: null,
      zip: null,
    });
    expect(redacted.identityKey).toBe(`redacted:${mine.backer.id}`);
    expect(await database.prisma.pledge.findUnique({ where: { id: mine.pledge.id } })).not.toBeNull();
    const untouched = await database.prisma.backer.findUniqueOrThrow({ where: { id: theirs.backer.id } });
    expect(untouched.email).toBe("Ada@Example.com");
  });

  it("shop/redact erases every row of that shop and nothing of another", async () => {
    const mine = await backerSetup();
    const theirs = await backerSetup();
    await createOfflineSession(database.prisma, mine.shop.domain);
    const webhookId = randomUUID();
    await deliver("compliance", {
      topic: "shop/redact",
      shop: mine.shop.domain,
      webhookId,
      payload: { shop_domain: mine.shop.domain },
    });
    await processed(webhookId);
    expect(await database.prisma.shop.findUnique({ where: { id: mine.shop.id } })).toBeNull();
    expect(await database.prisma.backer.count({ where: { shopId: mine.shop.id } })).toBe(0);
    expect(await database.prisma.pledge.count({ where: { shopId: mine.shop.id } })).toBe(0);
    expect(await database.prisma.session.count({ where: { shop: mine.shop.domain } })).toBe(0);
    expect(await database.prisma.pledge.count({ where: { shopId: theirs.shop.id } })).toBe(1);
  });

  it("acknowledges a signed payload it cannot use and dead-letters the job instead of retrying it", async () => {
    const shop = await createShop(database.prisma);
    const webhookId = randomUUID();
    const response = await deliver("compliance", {
      topic: "customers/redact",
      shop: shop.domain,
      webhookId,
      payload: { nonsense: true },
    });
    expect(response.status).toBe(200);
    const dead = await waitFor(async () =>
      (await jobs.deadLetters()).find((job) => (job.data as { webhookId?: string }).webhookId === webhookId),
    );
    expect(dead.queue).toBe("webhook");
    const delivery = await database.prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(delivery.processedAt).toBeNull();
  });
});
