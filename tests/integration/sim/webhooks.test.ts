// Webhooks from the stand-in, received by a small HTTP server that checks them with @shopify/shopify-api.
import "@shopify/shopify-api/adapters/node";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, variantBySku } from "../../helpers/sim-client";
import { waitFor } from "../../helpers/wait";

const SECRET = "app-secret-for-webhooks";
const shopify = shopifyApi({
  apiKey: "key",
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "pledgebridge.test",
  isEmbeddedApp: true,
  logger: { level: 0, log: async () => {} },
});

interface Received {
  path: string | undefined;
  valid: boolean;
  topic: string | undefined;
  shop: string | undefined;
  webhookId: string | undefined;
  body: any;
}

describe("the stand-in's webhooks", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let failuresToAnswer = 0;
  let sim: RunningSim;

  beforeAll(async () => {
    receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const check = await shopify.webhooks.validate({ rawBody, rawRequest: request, rawResponse: response });
      received.push({
        path: request.url,
        valid: check.valid,
        topic: check.valid ? check.topic : undefined,
        shop: check.valid ? check.domain : undefined,
        webhookId: check.valid ? check.webhookId : undefined,
        body: JSON.parse(rawBody),
      });
      response.statusCode = failuresToAnswer-- > 0 ? 500 : 200;
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    sim = await startSim({
      webhooks: {
        appUrl: receiverUrl,
        secret: SECRET,
        subscriptions: new Map([
          ["orders/create", "/webhooks/orders"],
          ["orders/paid", "/webhooks/orders"],
          ["app/uninstalled", "/webhooks/app"],
        ]),
      },
      webhookRetryDelaysMs: [50, 100, 200],
    });
  });
  afterEach(() => {
    received.length = 0;
    failuresToAnswer = 0;
    sim.faults.set({});
    sim.reset();
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function payForADraft() {
    const variant = await variantBySku(sim, "DD-CORE");
    const created = await adminData(
      sim,
      `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id invoiceUrl } userErrors { message } } }`,
      {
        input: {
          lineItems: [{ variantId: variant.id, quantity: 1 }],
          tags: ["pledgebridge", "pledge-pl_1"],
          customAttributes: [{ key: "pledge_id", value: "pl_1" }],
        },
      },
    );
    await fetch(created.draftOrderCreate.draftOrder.invoiceUrl, { method: "POST", redirect: "manual" });
    await sim.webhooks.settle();
  }

  it("sends orders/create and orders/paid when a backer pays, signed so that @shopify/shopify-api accepts them", async () => {
    await payForADraft();
    expect(received.map((r) => [r.topic, r.valid, r.shop])).toEqual([
      ["ORDERS_CREATE", true, "demo-shop.myshopify.com"],
      ["ORDERS_PAID", true, "demo-shop.myshopify.com"],
    ]);
    expect(received[0]!.body).toMatchObject({
      name: "#1001",
      tags: "pledgebridge, pledge-pl_1",
      note_attributes: [{ name: "pledge_id", value: "pl_1" }],
      financial_status: "paid",
    });
  });

  it("sends only the topics the app subscribes to", async () => {
    await payForADraft();
    const topics = sim.webhooks.deliveries.map((d) => [d.topic, d.status]);
    expect(topics).toEqual(
      expect.arrayContaining([
        ["orders/create", "delivered"],
        ["draft_orders/update", "no subscriber"],
      ]),
    );
  });

  it("retries a delivery the app did not acknowledge, with the same webhook id", async () => {
    failuresToAnswer = 2;
    sim.webhooks.send("demo-shop.myshopify.com", "app/uninstalled", { id: 1 });
    await sim.webhooks.settle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.webhookId)).size).toBe(1);
    expect(sim.webhooks.deliveries.at(-1)).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200 });
  });

  it("gives up after its retries and records the failure", async () => {
    failuresToAnswer = 99;
    sim.webhooks.send("demo-shop.myshopify.com", "app/uninstalled", { id: 1 });
    await sim.webhooks.settle();
    expect(sim.webhooks.deliveries.at(-1)).toMatchObject({ status: "failed", attempts: 4, lastStatus: 500 });
  });

  it("duplicates deliveries on demand (at least once)", async () => {
    sim.faults.set({ "duplicate-webhook": 1 });
    sim.webhooks.send("demo-shop.myshopify.com", "app/uninstalled", { id: 1 });
    await sim.webhooks.settle();
    expect(received).toHaveLength(2);
    expect(received[0]!.webhookId).toBe(received[1]!.webhookId);
  });

  it("delivers out of order on demand, still every one of them", async () => {
    sim.faults.set({ "out-of-order-webhook": 1 }, 11);
    const sent = Array.from({ length: 6 }, (_, index) => index);
    for (const index of sent) sim.webhooks.send("demo-shop.myshopify.com", "app/uninstalled", { index });
    await sim.webhooks.settle();
    const order = received.map((r) => r.body.index as number);
    expect([...order].sort()).toEqual(sent);
    expect(order).not.toEqual(sent);
  });

  it("also delivers to subscriptions made through the API, and stops when they are deleted", async () => {
    const CREATE = `mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $uri }) {
      webhookSubscription { id topic uri } userErrors { field message } } }`;
    const created = await adminData(sim, CREATE, { uri: `${receiverUrl}/from-api` });
    expect(created.webhookSubscriptionCreate.webhookSubscription).toMatchObject({
      topic: "ORDERS_CREATE",
      uri: `${receiverUrl}/from-api`,
    });
    const taken = await adminData(sim, CREATE, { uri: `${receiverUrl}/from-api` });
    expect(taken.webhookSubscriptionCreate.userErrors[0].message).toMatch(/already been taken/);
    const invalid = await adminData(sim, CREATE, { uri: "/relative" });
    expect(invalid.webhookSubscriptionCreate.userErrors[0].message).toBe("Address is invalid");
    const listed = await adminData(
      sim,
      `{ webhookSubscriptions(first: 5, topics: [ORDERS_CREATE]) { nodes { uri } } }`,
    );
    expect(listed.webhookSubscriptions.nodes).toEqual([{ uri: `${receiverUrl}/from-api` }]);

    await payForADraft();
    expect(
      received
        .filter((r) => r.topic === "ORDERS_CREATE")
        .map((r) => r.path)
        .sort(),
    ).toEqual(["/from-api", "/webhooks/orders"]);
    expect(received.every((r) => r.valid)).toBe(true);

    received.length = 0;
    await adminData(sim, `mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId } }`, {
      id: created.webhookSubscriptionCreate.webhookSubscription.id,
    });
    await payForADraft();
    expect(received.filter((r) => r.topic === "ORDERS_CREATE").map((r) => r.path)).toEqual(["/webhooks/orders"]);
  });

  it("sends a topic on request, for app/uninstalled and the compliance topics", async () => {
    const response = await fetch(`${sim.url}/sim/webhooks/app/uninstalled?shop=demo-shop.myshopify.com`, {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(202);
    await waitFor(async () => received.length === 1);
    expect(received[0]).toMatchObject({
      valid: true,
      topic: "APP_UNINSTALLED",
      body: { shop_domain: "demo-shop.myshopify.com" },
    });
  });
});
