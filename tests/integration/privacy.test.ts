// Backers' personal data: a data request lands in the inbox and the export holds everything about the backer (and
// nothing of another shop); a redaction erases names, emails, phones, addresses, survey answers and the rejected
// rows naming the email, keeping pledges as anonymous counts; the retention setting erases only backers whose
// parcels shipped long enough ago.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { updatePrivacySettings } from "../../app/services/exception-settings";
import {
  applyRetention,
  backerData,
  recordCustomerDataRequest,
  redactCustomer,
  timelineEvents,
} from "../../app/services/privacy";
import { openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

const DAY = 86_400_000;

describe("backers' personal data", () => {
  let db: Database & { drop(): Promise<void> };
  let shop: { id: string; domain: string };
  let campaign: { id: string; shopId: string };

  async function shipped(email: string, daysAgo: number | null) {
    const { backer, pledge } = await createBackerWithPledge(db.prisma, campaign, { email });
    await db.prisma.pledge.update({ where: { id: pledge.id }, data: { answers: { "T-shirt size": "M" } } });
    const orderId = `gid://shopify/Order/${pledge.id}`;
    await db.prisma.orderLink.create({
      data: {
        shopId: shop.id,
        campaignId: campaign.id,
        pledgeId: pledge.id,
        idempotencyKey: `k-${pledge.id}`,
        state: "PAID",
        orderId,
        orderName: "#1001",
      },
    });
    if (daysAgo !== null)
      await db.prisma.shipment.create({
        data: {
          shopId: shop.id,
          orderId,
          fulfillmentId: `f-${pledge.id}`,
          company: "La Poste",
          number: "LP123",
          shippedAt: new Date(Date.now() - daysAgo * DAY),
        },
      });
    return { backer, pledge };
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    shop = await createShop(db.prisma);
    campaign = await createCampaign(db.prisma, shop.id);
  });
  afterAll(() => db?.drop());

  it("puts a data request in the inbox and exports everything about the backer", async () => {
    const { backer, pledge } = await shipped("ada@example.com", 5);
    expect(
      await recordCustomerDataRequest(db, shop.domain, { email: "ADA@example.com", requestId: 7, cause: "webhook:1" }),
    ).toEqual({ backers: 1 });
    expect(await db.prisma.exception.findFirstOrThrow({ where: { subjectId: backer.id } })).toMatchObject({
      kind: "data_request",
      severity: "CRITICAL",
      pledgeId: pledge.id,
      data: { requestId: 7, actions: ["download_data"] },
    });
    const data = await backerData(db, shop.id, backer.id);
    expect(data).toMatchObject({
      contact: { email: "ada@example.com", firstName: "Ada", phone: "+33612345678" },
      address: { city: "Paris", countryCode: "FR" },
      pledges: [{ status: "COLLECTED", surveyAnswers: { "T-shirt size": "M" }, order: { name: "#1001" } }],
      shipments: [{ company: "La Poste", number: "LP123" }],
      history: [{ what: "privacy.data_requested" }],
    });
    const stranger = await createShop(db.prisma);
    expect(await backerData(db, stranger.id, backer.id)).toBeNull();
  });

  it("erases a redacted customer's personal data everywhere, keeping the pledge", async () => {
    const { backer, pledge } = await shipped("grace@example.com", 5);
    const run = await db.prisma.importRun.create({
      data: { shopId: shop.id, campaignId: campaign.id, source: "KICKSTARTER", fileName: "b.csv" },
    });
    const rejection = (email: string) => ({
      shopId: shop.id,
      importRunId: run.id,
      table: "backers",
      row: 2,
      cells: { Email: email, Name: "Someone" },
      errors: [],
    });
    await db.prisma.importRejection.createMany({
      data: [rejection("Grace@Example.com"), rejection("someone-else@example.com")],
    });

    expect(await redactCustomer(db, shop.domain, { email: "grace@example.com", cause: "webhook:2" })).toEqual({
      backersRedacted: 1,
    });
    const after = await db.prisma.backer.findUniqueOrThrow({ where: { id: backer.id } });
    expect(after).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      address1: null,
      city: null,
      zip: null,
      identityKey: `redacted:${backer.id}`,
    });
    const kept = await db.prisma.pledge.findUniqueOrThrow({ where: { id: pledge.id } });
    expect(kept).toMatchObject({ amountMinor: 4900, answers: {} });
    const rejections = await db.prisma.importRejection.findMany({ where: { importRunId: run.id } });
    expect(rejections.map((r) => (r.cells as { Email: string }).Email)).toEqual(["someone-else@example.com"]);
    const timeline = await timelineEvents(db, shop.id, backer.id, [pledge.id]);
    expect(timeline.map((e) => e.kind)).toEqual(["privacy.customer_redacted"]);
  });

  it("erases, by the retention setting, only backers whose parcels shipped long enough ago", async () => {
    const old = await shipped("old@example.com", 40);
    const recent = await shipped("recent@example.com", 10);
    const waiting = await shipped("waiting@example.com", null);
    expect(await applyRetention(db, shop.id, "job:1")).toEqual({ backersRedacted: 0 }); // no setting: kept

    await updatePrivacySettings(db.prisma, shop.id, { retentionDays: 30 });
    const result = await applyRetention(db, shop.id, "job:2");
    const email = async (id: string) => (await db.prisma.backer.findUniqueOrThrow({ where: { id } })).email;
    expect(await email(old.backer.id)).toBeNull();
    expect(await email(recent.backer.id)).toBe("recent@example.com");
    expect(await email(waiting.backer.id)).toBe("waiting@example.com");
    expect(result.backersRedacted).toBe(1);
    // Already erased ones are not erased again.
    expect(await applyRetention(db, shop.id, "job:3")).toEqual({ backersRedacted: 0 });
  });
});
