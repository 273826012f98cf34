// Reward mapping and the live push against the local Shopify stand-in over HTTP: every orderable pledge ends with
// exactly one draft order, whatever the faults, an interrupted run, or running it again.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { pledgeTag } from "../../app/domain/ordering/tags";
import { importFile } from "../../app/services/import/import-file";
import { pushCampaign, type PushOptions } from "../../app/services/ordering/push";
import {
  autoMapRewards,
  listRewards,
  mapReward,
  MappingError,
  parseVariantQuantity,
} from "../../app/services/ordering/rewards";
import { sendInvoices } from "../../app/services/ordering/invoices";
import { InvoiceTemplateError, updateInvoiceTemplate, updateOrderSettings } from "../../app/services/ordering/settings";
import { orderingCounts } from "../../app/services/ordering/summary";
import { adminForShop } from "../../app/services/shop-admin";
import { connectShop } from "../../app/services/shops";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client";
import { CostPacer } from "../../app/shopify/pacer";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { openTestDatabase } from "../helpers/database";
import { writeKickstarterReport } from "../helpers/kickstarter-report";

const ROWS = 2000;
const TIME_SCALE = 100;

describe("pushing a campaign's pledges as draft orders", () => {
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let campaignId: string;
  const variant = (sku: string) =>
    `gid://shopify/ProductVariant/${[...sim.store.shop(DEMO_SHOP.domain)!.state.variants.values()].find((v) => v.sku === sku)!.id}`;
  const drafts = () => [...sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.values()];
  const push = (options: Partial<PushOptions> = {}) =>
    pushCampaign(db, {
      shopId,
      campaignId,
      admin,
      pacer: new CostPacer({ timeScale: TIME_SCALE }),
      cause: "test",
      lookupDelayMs: 0,
      ...options,
    });

  beforeAll(async () => {
    sim = await startSim({ timeScale: TIME_SCALE, seed: 7, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
    db = await openTestDatabase();
    await connectShop(
      db.prisma,
      createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url }),
      "sim-token",
    );
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } });
    shopId = shop.id;
    ({ admin } = await adminForShop(db.prisma, shopId, { adminOrigin: sim.url }));
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-push-")), "backers.csv");
    writeKickstarterReport(file, {
      rows: ROWS,
      tiers: [
        { id: "901", title: "Deep Delve: Core Box", minimum: 59 },
        { id: "902", title: "Dragon pledge", minimum: 84 },
      ],
      addOns: [{ id: "10750430", title: "Deep Delve: Metal Coin Set" }],
      droppedEvery: 50,
    });
    const imported = await importFile(db, {
      shopId,
      campaign: { name: "Deep Delve" },
      path: file,
      fileName: "backers.csv",
    });
    expect(imported.rejected).toBe(0);
    campaignId = imported.campaignId;
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await db?.drop();
  });

  it("maps rewards automatically by exact title, and by hand as a bundle", async () => {
    const before = await listRewards(db, shopId, campaignId);
    expect(before.map((r) => [r.kind, r.title, r.items.length])).toEqual([
      ["TIER", "Deep Delve: Core Box", 0],
      ["TIER", "Dragon pledge", 0],
      ["ADDON", "Deep Delve: Metal Coin Set", 0],
    ]);
    expect(before.map((r) => r.pledges)).toEqual([960, 1000, 960]);
    expect(await orderingCounts(db, shopId, campaignId)).toMatchObject({
      pledges: ROWS,
      notOrderable: 40,
      blocked: 1960,
      ready: 0,
      unmappedRewards: [
        expect.objectContaining({ title: "Dragon pledge", pledges: 1000 }),
        expect.objectContaining({ title: "Deep Delve: Core Box", pledges: 960 }),
        expect.objectContaining({ title: "Deep Delve: Metal Coin Set", pledges: 960 }),
      ],
    });

    const auto = await autoMapRewards(db, admin, new CostPacer({ timeScale: TIME_SCALE }), shopId, campaignId);
    expect(auto.mapped.map((m) => [m.title, m.variantId, m.by])).toEqual([
      ["Deep Delve: Core Box", variant("DD-CORE"), "title"],
      ["Deep Delve: Metal Coin Set", variant("DD-COINS"), "title"],
    ]);
    expect(auto.unmapped).toEqual([expect.objectContaining({ title: "Dragon pledge", candidates: 0 })]);

    const dragon = before.find((r) => r.title === "Dragon pledge")!;
    await expect(
      mapReward(db, shopId, dragon.id, [parseVariantQuantity("gid://shopify/ProductVariant/999999")], admin),
    ).rejects.toThrow(/no variant gid:\/\/shopify\/ProductVariant\/999999/);
    expect(() => parseVariantQuantity("DD-CORE")).toThrow(MappingError);
    await expect(mapReward(db, shopId, dragon.id, [{ variantId: variant("DD-CORE"), quantity: 0 }])).rejects.toThrow(
      /from 1 to 1000/,
    );
    expect((await listRewards(db, shopId, campaignId)).find((r) => r.id === dragon.id)!.items).toEqual([]);

    const mapped = await mapReward(
      db,
      shopId,
      dragon.id,
      [parseVariantQuantity(`${variant("DD-CORE")}:1`), parseVariantQuantity(`${variant("DD-EXP-DRAGON")}:2`)],
      admin,
    );
    // Named as the store named them when they were mapped, so the pages need not ask Shopify.
    expect(mapped.items).toEqual([
      { variantId: variant("DD-CORE"), quantity: 1, title: "Deep Delve: Core Box - Default Title", sku: "DD-CORE" },
      {
        variantId: variant("DD-EXP-DRAGON"),
        quantity: 2,
        title: "Deep Delve: Dragon's Lair Expansion - Default Title",
        sku: "DD-EXP-DRAGON",
      },
    ]);
  });

  it("refuses to order in another currency until the merchant chooses", async () => {
    const result = await push();
    expect(result).toMatchObject({ planned: 0, created: 0, blocked: ROWS - ROWS / 50, skipped: ROWS / 50 });
    expect(drafts()).toHaveLength(0);
    expect(await orderingCounts(db, shopId, campaignId)).toMatchObject({
      blocked: 1960,
      ready: 0,
      unmappedRewards: [],
      currencyChoiceRequired: true,
    });
    await updateOrderSettings(db.prisma, shopId, campaignId, { currency: "store", reserveInventoryDays: 30 });
  });

  it("creates exactly one draft per orderable pledge through faults and an interrupted run", async () => {
    sim.faults.set({ "5xx": 0.04, "timeout-after-write": 0.04, throttle: 0.02 }, 11);
    // The first run is cut off in the middle of a page, requests in flight, the way a worker dies.
    const interrupted = new AbortController();
    const watch = setInterval(() => {
      if (drafts().length >= 300) interrupted.abort(new Error("worker killed"));
    }, 2);
    const first = await push({ signal: interrupted.signal }).catch((error: Error) => error);
    clearInterval(watch);
    expect(first).toMatchObject({ message: "worker killed" });
    const links = await db.prisma.orderLink.groupBy({ by: ["state"], where: { shopId }, _count: true });
    expect(links.find((l) => l.state === "DRAFTED")?._count).toBeGreaterThan(0);
    expect(drafts().length).toBeLessThan(ROWS);

    // A crash between Shopify's answer and our write: the draft exists, the link still says CREATING.
    const linked = await db.prisma.orderLink.findFirstOrThrow({ where: { shopId, state: "DRAFTED" } });
    await db.prisma.orderLink.update({
      where: { id: linked.id },
      data: { state: "CREATING", draftOrderId: null, invoiceUrl: null },
    });

    const second = await push({ maxAttempts: 20 });
    expect(second.failed).toBe(0);
    sim.faults.set({});

    const orderable = ROWS - ROWS / 50;
    const pledges = await db.prisma.pledge.findMany({
      where: { shopId, campaignId, status: "COLLECTED" },
      include: { orderLink: true },
    });
    expect(pledges).toHaveLength(orderable);
    const all = drafts();
    const byTag = new Map<string, number>();
    for (const draft of all) for (const tag of draft.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
    for (const pledge of pledges) {
      expect(byTag.get(pledgeTag(pledge.id)), `drafts for pledge ${pledge.id}`).toBe(1);
      expect(pledge.orderLink).toMatchObject({ state: "DRAFTED", draftOrderId: expect.stringMatching(/DraftOrder/) });
    }
    expect(all).toHaveLength(orderable);
    const linkedIds = new Set(pledges.map((p) => p.orderLink!.draftOrderId));
    expect(all.every((draft) => linkedIds.has(`gid://shopify/DraftOrder/${draft.id}`))).toBe(true);

    expect(await orderingCounts(db, shopId, campaignId)).toMatchObject({
      notOrderable: 40,
      blocked: 0,
      ready: 0,
      creating: 0,
      drafted: orderable,
      failed: 0,
    });
    const again = await push();
    expect(again).toMatchObject({ planned: orderable, created: 0, updated: 0, failed: 0, skipped: ROWS });
    expect(drafts()).toHaveLength(orderable);
  }, 120_000);

  it("writes what Shopify needs on each draft: items at 100% off, tags, attributes, address, reservation", async () => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { shopId, campaignId, backerNumber: 3 },
      include: { orderLink: true },
    });
    const draft = drafts().find((d) => d.tags.includes(pledgeTag(pledge.id)))!;
    expect(draft.tags).toEqual(expect.arrayContaining(["pledgebridge", "campaign-deep-delve"]));
    expect(draft.customAttributes).toContainEqual({ key: "_pledgebridge_pledge", value: pledge.id });
    expect(draft.presentmentCurrencyCode).toBe("EUR");
    expect(draft.shippingAddress).toMatchObject({ countryCode: "CA", provinceCode: "QC", phone: "+14155552671" });
    expect(draft.reserveInventoryUntil).toBeTruthy();
    // Backer 3 took the Dragon pledge: the core box once and the expansion twice, both paid on Kickstarter.
    expect(draft.lineItems.map((line) => [line.variantId, line.quantity])).toEqual([
      [Number(variant("DD-CORE").split("/").pop()), 1],
      [Number(variant("DD-EXP-DRAGON").split("/").pop()), 2],
    ]);
    expect(pledge.orderLink!.invoiceUrl).toContain("/checkout/");
  });

  it("updates the draft of a pledge that changed, and only that one", async () => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({ where: { shopId, campaignId, backerNumber: 7 } });
    await db.prisma.backer.update({ where: { id: pledge.backerId }, data: { address1: "7 New Road" } });
    const result = await push();
    expect(result).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const draft = drafts().find((d) => d.tags.includes(pledgeTag(pledge.id)))!;
    expect(draft.shippingAddress?.address1).toBe("7 New Road");
    const events = await db.prisma.event.findMany({ where: { shopId, pledgeId: pledge.id, kind: "order.updated" } });
    expect(events).toHaveLength(1);
  });

  it("keeps Shopify's refusal on the link and tries again only when asked", async () => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({ where: { shopId, campaignId, backerNumber: 11 } });
    const link = await db.prisma.orderLink.findUniqueOrThrow({ where: { pledgeId: pledge.id } });
    const draftId = Number(link.draftOrderId!.split("/").pop());
    // The merchant deleted the draft in the admin: the update is refused.
    sim.store.shop(DEMO_SHOP.domain)!.state.draftOrders.delete(draftId);
    await db.prisma.backer.update({ where: { id: pledge.backerId }, data: { city: "Shelbyville" } });
    const refused = await push();
    expect(refused).toMatchObject({ updated: 0, failed: 1 });
    const after = await db.prisma.orderLink.findUniqueOrThrow({ where: { pledgeId: pledge.id } });
    expect(after.lastError).toMatch(/not (be )?found|does not exist/i);
    expect(after.userErrors).not.toEqual([]);
  });

  it("sends each drafted backer one invoice email, with the campaign's words, through faults", async () => {
    await updateInvoiceTemplate(db.prisma, shopId, campaignId, {
      subject: "{campaign}: your reward ships soon",
      message: "Hi {name}, backer {number}: confirm your address and pay the shipping.",
    });
    await expect(
      updateInvoiceTemplate(db.prisma, shopId, campaignId, { subject: "Hi {first}", message: "" }),
    ).rejects.toThrow(InvoiceTemplateError);
    const shopState = sim.store.shop(DEMO_SHOP.domain)!.state;
    const drafted = await db.prisma.orderLink.count({ where: { shopId, campaignId, state: "DRAFTED" } });
    expect(drafted).toBeGreaterThan(1000);

    sim.faults.set({ "5xx": 0.05, "timeout-after-write": 0.05, throttle: 0.02 }, 23);
    const options = {
      shopId,
      campaignId,
      admin,
      pacer: new CostPacer({ timeScale: TIME_SCALE }),
      cause: "test",
      retryDelayMs: 0,
      maxAttempts: 20,
    };
    const result = await sendInvoices(db, options);
    sim.faults.set({});
    // Backer 11's draft was deleted by the merchant (above): Shopify refuses that one, the rest get theirs.
    expect(result).toMatchObject({ sent: drafted - 1, failed: 1, finished: true });
    const refused = await db.prisma.orderLink.findFirstOrThrow({
      where: { shopId, pledge: { backerNumber: 11, campaignId } },
    });
    expect(refused).toMatchObject({ state: "DRAFTED", lastError: "Draft order does not exist" });
    const perDraft = new Map<number, number>();
    for (const sent of shopState.invoicesSent)
      perDraft.set(sent.draftOrderId, (perDraft.get(sent.draftOrderId) ?? 0) + 1);
    expect(perDraft.size).toBe(drafted - 1);
    expect([...perDraft.values()].every((count) => count === 1)).toBe(true);

    const backer7 = await db.prisma.pledge.findFirstOrThrow({
      where: { shopId, campaignId, backerNumber: 7 },
      include: { orderLink: true },
    });
    const email = shopState.invoicesSent.find(
      (sent) => `gid://shopify/DraftOrder/${sent.draftOrderId}` === backer7.orderLink!.draftOrderId,
    )!;
    expect(email).toMatchObject({
      to: "backer7@example.com",
      subject: "Deep Delve: your reward ships soon",
      customMessage: "Hi Backer, backer #7: confirm your address and pay the shipping.",
    });
    expect(backer7.orderLink!.state).toBe("INVOICED");

    const again = await sendInvoices(db, options);
    expect(again).toMatchObject({ sent: 0, failed: 1 });
    expect(shopState.invoicesSent).toHaveLength(drafted - 1);
  }, 120_000);

  it("does not push one shop's campaign with another shop's id", async () => {
    const other = await db.prisma.shop.create({ data: { domain: "other-brand.myshopify.com", currencyCode: "EUR" } });
    await expect(push({ shopId: other.id })).rejects.toThrow(/No campaign/);
  });
});
