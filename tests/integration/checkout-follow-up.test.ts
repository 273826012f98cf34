// After the invoices, against the stand-in over HTTP: reminders on the campaign's schedule (one email per reminder,
// through lost answers), and fully paid pledges completed without the backer (one order per draft).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { completePaidPledges } from "../../app/services/ordering/complete";
import { sendInvoices } from "../../app/services/ordering/invoices";
import { pushCampaign } from "../../app/services/ordering/push";
import { sendDueReminders } from "../../app/services/ordering/reminders";
import { updateCheckoutSettings } from "../../app/services/ordering/settings";
import { adminForShop } from "../../app/services/shop-admin";
import { connectShop } from "../../app/services/shops";
import { createAdminClient, type AdminClient } from "../../app/shopify/admin-client";
import { CostPacer } from "../../app/shopify/pacer";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import { openTestDatabase } from "../helpers/database";
import { readyCampaign } from "../helpers/ready-campaign";

const DAY = 86_400_000;

describe("reminders and completing fully paid pledges", () => {
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let campaignId: string;
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  const pacer = () => new CostPacer({ timeScale: 100 });
  // One clock for the app and the stand-in, so that a reminder's claim and Shopify's invoiceSentAt compare.
  let clock = Date.now();
  const now = () => new Date(clock);
  const links = () =>
    db.prisma.orderLink.findMany({ where: { campaignId }, include: { pledge: true }, orderBy: { pledgeId: "asc" } });

  beforeAll(async () => {
    sim = await startSim({ timeScale: 100, seed: 11, shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }] });
    Object.defineProperty(state(), "now", { value: now });
    db = await openTestDatabase();
    await connectShop(
      db.prisma,
      createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url, timeoutMs: 2000 }),
      "sim-token",
    );
    ({ shopId, campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 10));
    ({ admin } = await adminForShop(db.prisma, shopId, { adminOrigin: sim.url, timeoutMs: 2000 }));
    await pushCampaign(db, { shopId, campaignId, admin, pacer: pacer(), cause: "test", lookupDelayMs: 0 });
  }, 120_000);

  afterAll(async () => {
    await sim?.close();
    await db?.drop();
  });

  it("completes the drafts with nothing to pay whose backer confirmed the address, once", async () => {
    const [first, second, third] = await links();
    // Backers 1 and 2 confirmed their address; backer 2 also added an extra, so has something to pay.
    for (const link of [first!, second!]) {
      await db.prisma.backer.update({ where: { id: link.pledge.backerId }, data: { addressConfirmedAt: new Date() } });
    }
    const draft2 = state().draftOrders.get(Number(second!.draftOrderId!.split("/").pop()))!;
    const coins = [...state().variants.values()].find((v) => v.sku === "DD-COINS")!;
    await admin.request(
      `mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) { userErrors { message } } }`,
      {
        id: second!.draftOrderId!,
        input: {
          lineItems: [
            ...draft2.lineItems.map((l) => ({
              variantId: `gid://shopify/ProductVariant/${l.variantId}`,
              quantity: l.quantity,
              appliedDiscount: { value: 100, valueType: "PERCENTAGE", title: "Paid on Kickstarter" },
            })),
            { variantId: `gid://shopify/ProductVariant/${coins.id}`, quantity: 1 },
          ],
        },
      } as never,
    );
    // The answer to the first complete is lost: the retry reads the draft and links the order made.
    sim.faults.set({ "timeout-after-write": 1 }, 1);
    let result;
    try {
      result = await completePaidPledges(db, {
        shopId,
        campaignId,
        admin,
        pacer: pacer(),
        cause: "test",
        retryDelayMs: 10,
        maxAttempts: 3,
      });
    } finally {
      sim.faults.set({});
    }
    expect({ completed: result.completed, owes: result.owes, refused: result.refused }).toEqual({
      completed: 1,
      owes: 1,
      refused: 0,
    });
    const [a, b, c] = await links();
    expect(a!.state).toBe("PAID");
    expect(a!.orderName).toMatch(/^#\d+$/);
    expect(b!.state).not.toBe("PAID");
    expect(c!.state).toBe(third!.state);
    const orders = [...state().orders.values()].filter((o) => o.tags.includes(first!.idempotencyKey));
    expect(orders).toHaveLength(1);
    expect(orders[0]!.financialStatus).toBe("PAID");

    const again = await completePaidPledges(db, { shopId, campaignId, admin, pacer: pacer(), cause: "test" });
    expect(again.completed).toBe(0);
    expect([...state().orders.values()].filter((o) => o.tags.includes(first!.idempotencyKey))).toHaveLength(1);
  });

  it("reminds unpaid backers on the campaign's days, once per reminder, with a final notice", async () => {
    await sendInvoices(db, { shopId, campaignId, admin, pacer: pacer(), cause: "test", retryDelayMs: 10 });
    await updateCheckoutSettings(db.prisma, shopId, campaignId, { reminderDays: [3, 7], finalNotice: true });
    const invoiced = (await links()).filter((l) => l.state === "INVOICED");
    expect(invoiced.length).toBeGreaterThan(3);
    const invoicedAt = invoiced[0]!.invoicedAt!;
    const remind = (days: number, extraMs = 60_000) => {
      clock = invoicedAt.getTime() + days * DAY + extraMs;
      return sendDueReminders(db, { shopId, admin, pacer: pacer(), cause: "test", now });
    };
    const subjects = () => state().invoicesSent.map((s) => s.subject ?? "");

    expect(await remind(2)).toEqual({ sent: 0, failed: 0 });
    expect(await remind(3)).toEqual({ sent: invoiced.length, failed: 0 });
    expect(subjects().filter((s) => s.startsWith("Reminder: "))).toHaveLength(invoiced.length);
    expect(await remind(4)).toEqual({ sent: 0, failed: 0 });

    // The second reminder's answers are lost for every backer: nothing is recorded, so nothing is sent twice.
    sim.faults.set({ "timeout-after-write": 1 }, 2);
    try {
      expect(await remind(7)).toEqual({ sent: 0, failed: invoiced.length });
    } finally {
      sim.faults.set({});
    }
    const final = () => subjects().filter((s) => s.startsWith("Final notice: ")).length;
    expect(final()).toBe(invoiced.length); // the emails did go
    // Within the claim window nothing is retried; after it, each draft is checked and found sent.
    expect(await remind(7)).toEqual({ sent: 0, failed: 0 });
    const late = await remind(7, 20 * 60_000);
    expect(late).toEqual({ sent: invoiced.length, failed: 0 });
    expect(final()).toBe(invoiced.length);
    for (const link of await links()) {
      if (link.state === "INVOICED") expect(link.remindersSent).toBe(2);
    }
    const events = await db.prisma.event.count({ where: { kind: "order.reminded" } });
    expect(events).toBe(invoiced.length * 2);
    expect(await remind(60)).toEqual({ sent: 0, failed: 0 });
  });

  it("leaves paid backers and campaigns without a schedule alone", async () => {
    const before = state().invoicesSent.length;
    await updateCheckoutSettings(db.prisma, shopId, campaignId, { reminderDays: [] });
    expect(
      await sendDueReminders(db, {
        shopId,
        admin,
        pacer: pacer(),
        cause: "test",
        now: () => new Date(Date.now() + 90 * DAY),
      }),
    ).toEqual({
      sent: 0,
      failed: 0,
    });
    await updateCheckoutSettings(db.prisma, shopId, campaignId, { reminderDays: [1, 2, 3] });
    const result = await sendDueReminders(db, {
      shopId,
      admin,
      pacer: pacer(),
      cause: "test",
      now: () => new Date(Date.now() + 90 * DAY),
    });
    // Two already sent: one more each (the third), and none to the paid backer.
    const paid = (await links()).filter((l) => l.state === "PAID");
    expect(paid).toHaveLength(1);
    const drafts = state()
      .invoicesSent.slice(before)
      .map((s) => s.draftOrderId);
    expect(drafts).not.toContain(Number(paid[0]!.draftOrderId!.split("/").pop()));
    expect(result.sent).toBe(drafts.length);
  });
});
