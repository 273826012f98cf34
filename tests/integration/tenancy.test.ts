// Tenancy, through the real route modules and Shopify's own session-token check: the merchant of shop A, with a
// valid token, asks every admin route for shop B's campaigns, runs, backers, waves, jobs, offers and exceptions,
// and posts every kind of change against them. Each is refused (404, or A's own view with nothing of B), and
// B's rows are byte for byte what they were. Jobs and webhook handlers are covered by their own tests, each with a
// second shop (import-jobs, exception-actions, exception-checks, webhooks, preorders, fulfillment-waves).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { raiseExceptions } from "../../app/services/exceptions";
import { adminRoutes, type AdminRoutes } from "../helpers/admin-routes";
import { engineName } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

describe(`tenancy of the admin routes on ${engineName}`, () => {
  let routes: AdminRoutes;
  let database: Database;
  let ownCampaign: string;
  const b = {} as Record<"shopId" | "campaign" | "run" | "backer" | "pledge" | "wave" | "offer" | "exception", string>;

  beforeAll(async () => {
    routes = await adminRoutes();
    ({ database } = routes);
    const prisma = database.prisma;

    const a = await createShop(prisma);
    await routes.signIn(a.domain);
    ownCampaign = (await createCampaign(prisma, a.id)).id;

    const shopB = await createShop(prisma);
    b.shopId = shopB.id;
    const campaign = await createCampaign(prisma, shopB.id);
    b.campaign = campaign.id;
    const { backer, pledge } = await createBackerWithPledge(prisma, campaign);
    b.backer = backer.id;
    b.pledge = pledge.id;
    b.run = (
      await prisma.importRun.create({
        data: { shopId: shopB.id, campaignId: campaign.id, source: "KICKSTARTER", fileName: "b.csv" },
      })
    ).id;
    b.wave = (
      await prisma.wave.create({ data: { shopId: shopB.id, campaignId: campaign.id, name: "B's wave", filter: {} } })
    ).id;
    b.offer = (
      await prisma.preorderOffer.create({
        data: { shopId: shopB.id, name: "B's offer", merchantCode: "b-offer", terms: {}, status: "ACTIVE" },
      })
    ).id;
    await raiseExceptions(database, shopB.id, [
      {
        campaignId: campaign.id,
        kind: "data_request",
        severity: "CRITICAL",
        subjectType: "Backer",
        subjectId: backer.id,
      },
    ]);
    b.exception = (await prisma.exception.findFirstOrThrow({ where: { shopId: shopB.id } })).id;
  });

  afterAll(() => routes?.stop());

  /** Everything of shop B that a route could touch, to compare before and after. */
  async function snapshotOfB() {
    const where = { shopId: b.shopId };
    const prisma = database.prisma;
    return JSON.stringify(
      await Promise.all([
        prisma.campaign.findMany({ where }),
        prisma.backer.findMany({ where }),
        prisma.pledge.findMany({ where }),
        prisma.importRun.findMany({ where }),
        prisma.wave.findMany({ where }),
        prisma.preorderOffer.findMany({ where }),
        prisma.exception.findMany({ where }),
        prisma.reward.findMany({ where }),
        prisma.orderLink.findMany({ where }),
        prisma.pushRun.findMany({ where }),
        prisma.event.findMany({ where }),
        prisma.trackingImport.findMany({ where }),
      ]),
    );
  }

  const call = (route: string, params: Record<string, string>, form?: Record<string, string>, query = "") =>
    routes.call(route, params, { ...(form ? { form } : {}), query });

  it("refuses every page and download of another shop's records", async () => {
    const before = await snapshotOfB();
    const pages: Array<[string, Record<string, string>]> = [
      ["app.campaigns.$id._index", { id: b.campaign }],
      ["app.campaigns.$id.backers", { id: b.campaign }],
      ["app.campaigns.$id.orders", { id: b.campaign }],
      ["app.campaigns.$id.rewards", { id: b.campaign }],
      ["app.campaigns.$id.portal", { id: b.campaign }],
      ["app.campaigns.$id.imports.$runId", { id: b.campaign, runId: b.run }],
      ["app.campaigns.$id.imports.$runId.rejected", { id: b.campaign, runId: b.run }],
      ["app.backers.$id._index", { id: b.backer }],
      ["app.backers.$id.data", { id: b.backer }],
      ["app.fulfillment.waves.$id.csv", { id: b.wave }],
    ];
    // The control: the same token opens the shop's own campaign.
    expect((await call("app.campaigns.$id._index", { id: ownCampaign })).status).toBe(200);
    for (const [route, params] of pages) {
      const response = await call(route, params);
      expect(response.status, route).toBe(404);
    }
    expect(await snapshotOfB()).toBe(before);
  });

  it("shows the shop's own lists, never another shop's rows in them", async () => {
    const lists: Array<[string, string]> = [
      ["app._index", `?campaign=${b.campaign}`],
      ["app.campaigns._index", ""],
      ["app.exceptions", `?campaign=${b.campaign}`],
      ["app.preorders", ""],
      ["app.fulfillment", `?campaign=${b.campaign}`],
      ["app.inventory", `?campaign=${b.campaign}`],
    ];
    for (const [route, query] of lists) {
      const response = await call(route, {}, undefined, query);
      expect(response.status, route).toBe(200);
      // The page may echo the query it was asked (its own filter), never a row of B.
      const shown = response.body.split(query.slice(1)).join("");
      for (const id of Object.values(b).filter((id) => id !== b.shopId)) expect(shown, route).not.toContain(id);
    }
  });

  it("changes nothing of another shop through any action", async () => {
    const before = await snapshotOfB();
    const actions: Array<[string, Record<string, string>, Record<string, string>]> = [
      ["app.campaigns.$id.orders", { id: b.campaign }, { intent: "push" }],
      ["app.campaigns.$id.orders", { id: b.campaign }, { intent: "settings", reserveInventoryDays: "7" }],
      ["app.campaigns.$id.rewards", { id: b.campaign }, { intent: "auto" }],
      ["app.campaigns.$id.portal", { id: b.campaign }, { intent: "rotate" }],
      ["app.campaigns.$id.portal", { id: b.campaign }, { intent: "resend", pledgeId: b.pledge }],
      ["app.backers.$id._index", { id: b.backer }, { lastName: "Changed", address1: "1 St", city: "X", country: "FR" }],
      ["app.exceptions", {}, { intent: "resolve", ids: b.exception, note: "not mine" }],
      ["app.exceptions", {}, { intent: "resend_link", id: b.exception }],
      ["app.exceptions", {}, { intent: "merge_backers", id: b.exception }],
      ["app.exceptions", {}, { intent: "bulk_resend_link", ids: b.exception }],
      ["app.preorders", {}, { intent: "end", offerId: b.offer }],
      ["app.preorders", {}, { intent: "edit", offerId: b.offer }],
      ["app.fulfillment", {}, { intent: "release", waveId: b.wave }],
    ];
    for (const [route, params, form] of actions) {
      const response = await call(route, params, form);
      const label = `${route} ${form.intent ?? "save"}`;
      if (response.status === 200) expect(JSON.parse(response.body), label).not.toMatchObject({ resolved: 1 });
      else expect([400, 404], label).toContain(response.status);
    }
    expect(await snapshotOfB()).toBe(before);
  });

  it("takes no tracking file for another shop's campaign", async () => {
    const before = await snapshotOfB();
    const form = new FormData();
    form.set("campaignId", b.campaign);
    form.set("file", new File(["Order,Tracking number\n#1001,1Z999AA10123456784\n"], "3pl.csv"));
    expect((await routes.call("app.fulfillment.tracking", {}, { body: form })).status).toBe(404);
    expect(await snapshotOfB()).toBe(before);
  });
});
