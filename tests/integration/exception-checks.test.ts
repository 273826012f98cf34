// The checks nobody's action announces: addresses that will not ship, no phone where the campaign says customs
// needs one, the same person on two platforms, invoices unpaid after the shop's number of days. A full pass raises
// what it finds and clears what it no longer finds; the merchant's address edit clears it at once; the scan only
// ever touches the shop it runs for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { loadBacker, saveBackerAddress } from "../../app/services/backer-profile";
import { updateExceptionSettings } from "../../app/services/exception-settings";
import { checkCampaign } from "../../app/services/exception-checks";
import { linkOrder } from "../../app/services/ordering/linking";
import { updatePortalSettings } from "../../app/services/portal/settings";
import { openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";

const DAY = 86_400_000;

describe("the exception checks", () => {
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  const backers: Record<string, { backerId: string; pledgeId: string }> = {};
  const open = async () =>
    (
      await db.prisma.exception.findMany({
        where: { shopId, resolvedAt: null },
        select: { kind: true, subjectId: true },
        orderBy: [{ kind: "asc" }],
      })
    ).map(
      (e) =>
        `${e.kind}:${Object.entries(backers).find(([, b]) => [b.backerId, b.pledgeId].includes(e.subjectId))?.[0]}`,
    );

  beforeAll(async () => {
    db = await openTestDatabase();
    const shop = await createShop(db.prisma);
    shopId = shop.id;
    const campaign = await createCampaign(db.prisma, shopId);
    campaignId = campaign.id;
    await updatePortalSettings(db.prisma, shopId, campaignId, { phoneRequiredCountries: ["US"] });
    const add = async (name: string, backer: Record<string, unknown> = {}) => {
      const made = await createBackerWithPledge(db.prisma, campaign);
      await db.prisma.backer.update({ where: { id: made.backer.id }, data: backer });
      backers[name] = { backerId: made.backer.id, pledgeId: made.pledge.id };
      return made;
    };
    await add("complete");
    await add("noCity", { city: null });
    await add("usNoPhone", { countryCode: "US", provinceCode: "OR", zip: "97201", phone: null });
    await add("usNoState", { countryCode: "US", provinceCode: null });
    await add("noAddressYet", { address1: null, city: null, countryCode: null, zip: null });
    const twice = await add("twoPlatforms");
    await db.prisma.pledge.create({
      data: {
        shopId,
        campaignId,
        backerId: twice.backer.id,
        source: "INDIEGOGO",
        externalBackerId: "igg-1",
        amountMinor: 2500,
        currencyCode: "EUR",
      },
    });
    for (const [name, days] of [
      ["unpaidLong", 20],
      ["unpaidRecent", 3],
    ] as const) {
      const made = await add(name);
      await db.prisma.orderLink.create({
        data: {
          shopId,
          campaignId,
          pledgeId: made.pledge.id,
          idempotencyKey: `k-${made.pledge.id}`,
          state: "INVOICED",
          draftOrderId: `gid://shopify/DraftOrder/${days}`,
          invoicedAt: new Date(Date.now() - days * DAY),
        },
      });
    }
    // Another shop with the same trouble: never touched by this shop's checks.
    const stranger = await createShop(db.prisma);
    const theirs = await createBackerWithPledge(db.prisma, await createCampaign(db.prisma, stranger.id));
    await db.prisma.backer.update({ where: { id: theirs.backer.id }, data: { city: null } });
  });
  afterAll(() => db?.drop());

  it("raises each kind for the backers it concerns, and nothing for the rest", async () => {
    expect(await checkCampaign(db, shopId, campaignId, "test")).toEqual({
      addressIncomplete: 2,
      phoneMissing: 1,
      duplicates: 1,
      unpaid: 1,
    });
    expect((await open()).sort()).toEqual(
      [
        "address_incomplete:noCity",
        "address_incomplete:usNoState",
        "duplicate_backer:twoPlatforms",
        "invoice_unpaid:unpaidLong",
        "phone_missing:usNoPhone",
      ].sort(),
    );
    expect(await db.prisma.exception.count({ where: { shopId: { not: shopId } } })).toBe(0);
    // Checking again changes nothing.
    await checkCampaign(db, shopId, campaignId, "test");
    expect(await db.prisma.exception.count({ where: { shopId } })).toBe(5);
  });

  it("clears an address exception when the merchant fixes the address", async () => {
    const saved = await saveBackerAddress(
      db,
      { admin: null, pacer: null },
      (await loadBacker(db, shopId, backers.noCity!.backerId))!,
      {
        firstName: "Ada",
        lastName: "Lovelace",
        company: null,
        address1: "1 rue de la Paix",
        address2: null,
        city: "Paris",
        provinceCode: null,
        zip: "75002",
        countryCode: "FR",
        phone: null,
      },
      "user:test",
    );
    expect(saved).toEqual({ draftsUpdated: 0, draftsPending: 0 });
    expect(await open()).not.toContain("address_incomplete:noCity");
    const event = await db.prisma.event.findFirstOrThrow({
      where: { subjectId: backers.noCity!.backerId, kind: "backer.address_edited" },
    });
    // The names of what changed, never the values.
    expect(event.data).toEqual({ changed: expect.arrayContaining(["city", "lastName"]) });
    expect(JSON.stringify(event.data)).not.toContain("Paris");
  });

  it("follows the shop's number of days for unpaid invoices, and clears what no longer applies", async () => {
    await updateExceptionSettings(db.prisma, shopId, { unpaidInvoiceDays: 30 });
    await db.prisma.backer.update({ where: { id: backers.usNoPhone!.backerId }, data: { phone: "+15035550100" } });
    await checkCampaign(db, shopId, campaignId, "scan");
    const now = await open();
    expect(now).not.toContain("invoice_unpaid:unpaidLong");
    expect(now).not.toContain("phone_missing:usNoPhone");
    expect(await db.prisma.exception.findFirstOrThrow({ where: { kind: "invoice_unpaid" } })).toMatchObject({
      resolvedBy: "scan",
      resolution: "cleared: the cause went away",
    });
  });

  it("raises an order cancelled in Shopify once, however often its webhook comes", async () => {
    const { pledgeId } = backers.complete!;
    await db.prisma.orderLink.create({
      data: {
        shopId,
        campaignId,
        pledgeId,
        idempotencyKey: "pb-cancelled",
        state: "PAID",
        orderId: "gid://shopify/Order/77",
      },
    });
    const facts = {
      orderId: "gid://shopify/Order/77",
      orderName: "#1077",
      tags: ["pb-cancelled"],
      attributes: [],
      paid: true,
      cancelled: true,
    };
    expect(await linkOrder(db, shopId, facts, "webhook:1")).toBe("linked");
    expect(await linkOrder(db, shopId, facts, "webhook:2")).toBe("unchanged");
    const raised = await db.prisma.exception.findMany({ where: { shopId, kind: "order_cancelled" } });
    expect(raised).toEqual([
      expect.objectContaining({
        pledgeId,
        severity: "WARNING",
        data: { orderName: "#1077", actions: ["open_backer"] },
      }),
    ]);
  });

  it("refuses a campaign of another shop", async () => {
    const stranger = await db.prisma.campaign.findFirstOrThrow({ where: { shopId: { not: shopId } } });
    expect(await checkCampaign(db, shopId, stranger.id, "test")).toBeNull();
  });
});
