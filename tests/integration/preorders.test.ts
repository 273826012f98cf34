// Pre-orders against the stand-in over HTTP: an offer made once through a lost answer, variants selling past zero
// while it runs and restored after, the storefront metafield, caps under a burst of concurrent orders, and
// balances charged once however often a charge is retried, with declines retried on a schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { MAX_ATTEMPTS } from "../../app/domain/preorders/balance";
import { collectBalances, listBalances } from "../../app/services/preorders/balances";
import { termsFromJson } from "../../app/domain/preorders/offer";
import {
  activateOffer,
  createOffer,
  endOffer,
  updateOffer,
  type OfferRequest,
} from "../../app/services/preorders/offers";
import { reconcilePreorders, syncPreorderOrder } from "../../app/services/preorders/orders";
import type { AdminClient } from "../../app/shopify/admin-client";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { connectedShop, type ConnectedShop } from "../helpers/connected-shop";
import { adminData, declineCard, shopperCheckout } from "../helpers/sim-client";

const DAY = 86_400_000;

describe("pre-order offers, caps and balances", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let clock = Date.now();
  const now = () => new Date(clock);
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  const variant = (sku: string) => [...state().variants.values()].find((v) => v.sku === sku)!;
  const gid = (sku: string) => `gid://shopify/ProductVariant/${variant(sku).id}`;
  const context = () => ({ shopId, admin, cause: "test", now: now() });
  const planOf = async (offerId: string) =>
    Number(
      (await db.prisma.preorderOffer.findUniqueOrThrow({ where: { id: offerId } })).sellingPlanId!.split("/").pop(),
    );
  const request = (skus: Array<[string, number | null]>, terms: Partial<OfferRequest["terms"]> = {}): OfferRequest => ({
    terms: {
      name: "Pre-order: ships in March",
      payment: { kind: "deposit", percentage: 20, balance: { trigger: "date", date: new Date(clock + 30 * DAY) } },
      delivery: { kind: "date", date: new Date(clock + 60 * DAY) },
      reserve: "on_sale",
      discountPercentage: 0,
      ...terms,
    },
    variants: skus.map(([sku, cap]) => ({ variantId: gid(sku), cap })),
    // German is not a language of the shop: left out, not refused.
    translations: { fr: { name: "Précommande : expédié en mars" }, de: { name: "Vorbestellung" } },
  });
  const buy = async (sku: string, planId: number, quantity = 1) => {
    const result = await shopperCheckout(sim, [{ variantId: variant(sku).id, quantity, sellingPlanId: planId }]);
    return result;
  };

  beforeAll(async () => {
    shop = await connectedShop({ seed: 7, now });
    ({ sim, db, admin, shopId } = shop);
  }, 60_000);

  afterAll(() => shop?.close());

  it("refuses an offer Shopify would refuse, or with no variants, and writes nothing", async () => {
    const pastBalance = request([["DD-SLEEVES", null]], {
      payment: { kind: "deposit", percentage: 20, balance: { trigger: "date", date: new Date(clock - DAY) } },
    });
    const refused = await createOffer(db, context(), pastBalance);
    expect(refused).toEqual({ ok: false, problems: [{ field: "balance", code: "date_in_past" }] });
    const none = await createOffer(db, context(), request([]));
    expect(none).toEqual({ ok: false, problems: [{ field: "variants", code: "none" }] });
    const badCap = await createOffer(db, context(), request([["DD-SLEEVES", 0]]));
    expect(badCap.ok).toBe(false);
    expect(await db.prisma.preorderOffer.count()).toBe(0);
    expect(state().sellingPlanGroups.size).toBe(0);
  });

  it("makes one group through a lost answer, sells the variants past zero, and writes the storefront metafield", async () => {
    expect(variant("DD-SLEEVES").inventoryPolicy).toBe("DENY");
    sim.faults.set({ "timeout-after-write": 1 }, 1);
    await expect(
      createOffer(
        db,
        context(),
        request([
          ["DD-SLEEVES", null],
          ["DD-TEE-XL", 3],
        ]),
      ),
    ).rejects.toThrow();
    sim.faults.set({});
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ include: { variants: true } });
    expect(offer.status).toBe("CREATING");
    expect(state().sellingPlanGroups.size).toBe(1);

    // The reconciliation finishes it: the group is found by its merchant code, not made again.
    expect(await activateOffer(db, context(), offer.id)).toEqual({ ok: true });
    expect(state().sellingPlanGroups.size).toBe(1);
    const created = [...state().sellingPlanGroups.values()][0]!;
    expect(created.merchantCode).toBe(offer.merchantCode);
    expect(created.variantIds.sort()).toEqual([variant("DD-SLEEVES").id, variant("DD-TEE-XL").id].sort());
    expect(variant("DD-SLEEVES").inventoryPolicy).toBe("CONTINUE");
    expect(variant("DD-TEE-XL").inventoryPolicy).toBe("CONTINUE");
    const saved = await db.prisma.preorderOffer.findUniqueOrThrow({
      where: { id: offer.id },
      include: { variants: true },
    });
    expect(saved.status).toBe("ACTIVE");
    expect(saved.variants.map((v) => v.previousInventoryPolicy)).toEqual(["DENY", "DENY"]);

    // The name in French on the group and its plan, registered against the digest of the English name.
    const group = [...state().sellingPlanGroups.values()][0]!;
    for (const resource of [
      `gid://shopify/SellingPlanGroup/${group.id}`,
      `gid://shopify/SellingPlan/${group.plans[0]!.id}`,
    ])
      expect(state().translations.get(`${resource} fr name`)?.value).toBe("Précommande : expédié en mars");
    expect([...state().translations.keys()].some((key) => key.includes(" de "))).toBe(false);

    const metafield = [...state().metafields.values()].find((m) => m.ownerId === gid("DD-TEE-XL"))!;
    expect([metafield.namespace, metafield.key]).toEqual(["app--1000", "preorder"]);
    expect(JSON.parse(metafield.value)).toMatchObject({
      name: "Pre-order: ships in March",
      names: { fr: "Précommande : expédié en mars" },
      depositPercentage: 20,
      cap: 3,
      unitsLeft: 3,
      selling: true,
    });
  });

  it("refuses a second offer on a variant that is already on one", async () => {
    const result = await createOffer(db, context(), request([["DD-SLEEVES", null]]));
    expect(result).toMatchObject({ ok: false, problems: [{ field: "variants", code: "on_another_offer" }] });
  });

  it("takes a capped variant off sale when a burst of concurrent orders reaches the cap, and flags the orders past it", async () => {
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const planId = await planOf(offer.id);
    // Five shoppers buy before any webhook is handled.
    const orders = [];
    for (let i = 0; i < 5; i++) {
      const bought = await buy("DD-TEE-XL", planId);
      expect(bought.userErrors).toEqual([]);
      orders.push(bought.order!);
    }
    // The webhooks are handled at once by five workers.
    await Promise.all(orders.map((o) => syncPreorderOrder(db, context(), `gid://shopify/Order/${o.id}`)));

    const group = [...state().sellingPlanGroups.values()][0]!;
    expect(group.variantIds).toEqual([variant("DD-SLEEVES").id]);
    expect(variant("DD-TEE-XL").inventoryPolicy).toBe("DENY");
    const capped = await db.prisma.preorderVariant.findFirstOrThrow({ where: { variantId: gid("DD-TEE-XL") } });
    expect(capped.capReachedAt).not.toBeNull();
    expect(capped.inGroup).toBe(false);
    // The fourth and fifth orders (by the time Shopify took them) went past the cap of three.
    const over = await db.prisma.exception.findMany({
      where: { kind: "preorder_over_cap" },
      orderBy: { subjectId: "asc" },
    });
    expect(over.map((e) => (e.data as { orderName: string }).orderName).sort()).toEqual(
      [orders[3]!.name, orders[4]!.name].sort(),
    );
    // The storefront now refuses the plan for that variant, and the badge says none are left.
    const late = await buy("DD-TEE-XL", planId);
    expect(late.status).toBe(422);
    const metafield = [...state().metafields.values()].find((m) => m.ownerId === gid("DD-TEE-XL"))!;
    expect(JSON.parse(metafield.value)).toMatchObject({ unitsLeft: 0, selling: false });
    // Handling the same webhooks again changes nothing.
    await Promise.all(orders.map((o) => syncPreorderOrder(db, context(), `gid://shopify/Order/${o.id}`)));
    expect(await db.prisma.preorderLine.count({ where: { variantId: gid("DD-TEE-XL") } })).toBe(5);
    expect(await db.prisma.exception.count({ where: { kind: "preorder_over_cap" } })).toBe(2);
  });

  it("puts a variant back on sale when its cap is raised above what sold, and off again when lowered", async () => {
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const terms = termsFromJson(offer.terms);
    const raised = await updateOffer(db, context(), offer.id, { terms, caps: { [gid("DD-TEE-XL")]: 10 } });
    expect(raised.ok).toBe(true);
    const group = [...state().sellingPlanGroups.values()][0]!;
    expect(group.variantIds).toContain(variant("DD-TEE-XL").id);
    expect(variant("DD-TEE-XL").inventoryPolicy).toBe("CONTINUE");
    const metafield = () => [...state().metafields.values()].find((m) => m.ownerId === gid("DD-TEE-XL"))!;
    expect(JSON.parse(metafield().value)).toMatchObject({ cap: 10, unitsLeft: 5, selling: true });
    // Nobody is over a cap of 10: the exceptions for the two orders clear themselves.
    expect(await db.prisma.exception.count({ where: { kind: "preorder_over_cap", resolvedAt: null } })).toBe(0);

    await updateOffer(db, context(), offer.id, { terms, caps: { [gid("DD-TEE-XL")]: 5 } });
    expect(group.variantIds).not.toContain(variant("DD-TEE-XL").id);
    expect(variant("DD-TEE-XL").inventoryPolicy).toBe("DENY");
    expect(JSON.parse(metafield().value)).toMatchObject({ cap: 5, unitsLeft: 0, selling: false });
    // A cap that is not a whole number of at least one is refused, and nothing changes.
    expect(await updateOffer(db, context(), offer.id, { terms, caps: { [gid("DD-TEE-XL")]: 0 } })).toMatchObject({
      ok: false,
      problems: [{ field: "cap", code: "invalid" }],
    });
  });

  it("records orders whose webhooks never came when it reconciles", async () => {
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const bought = await buy("DD-SLEEVES", await planOf(offer.id), 2);
    const before = await db.prisma.preorderOrder.count();
    const result = await reconcilePreorders(db, context());
    expect(result.recorded).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.preorderOrder.count()).toBe(before + 1);
    const order = await db.prisma.preorderOrder.findFirstOrThrow({
      where: { orderId: `gid://shopify/Order/${bought.order!.id}` },
    });
    expect(order.balanceStatus).toBe("DUE");
    // 20% of 2 × the sleeves' price was paid at checkout; 80% is owed on the balance date.
    expect(order.outstandingMinor).toBe(Math.round(2 * variant("DD-SLEEVES").priceMinor * 0.8));
    expect(order.dueAt!.getTime()).toBeGreaterThan(clock);
  });

  it("charges a due balance once, even when the answer to the charge is lost and it is sent again", async () => {
    const due = await listBalances(db, shopId);
    expect(due.length).toBeGreaterThanOrEqual(6);
    // Not due yet: nothing is charged.
    expect((await collectBalances(db, { ...context() })).paid).toBe(0);
    expect(state().mandatePayments.size).toBe(0);

    clock += 31 * DAY;
    const [first] = await db.prisma.preorderOrder.findMany({ orderBy: { createdAt: "asc" }, take: 1 });
    sim.faults.set({ "timeout-after-write": 1 }, 1);
    const lost = await collectBalances(db, { ...context(), now: now(), preorderOrderIds: [first!.id] });
    sim.faults.set({});
    expect(lost.paid).toBe(0);
    expect(state().mandatePayments.size).toBe(1);
    const pending = await db.prisma.balanceCharge.findFirstOrThrow({ where: { preorderOrderId: first!.id } });
    expect(pending.status).toBe("PENDING");

    const all = await collectBalances(db, { ...context(), now: now() });
    expect(all.paid).toBeGreaterThanOrEqual(6);
    // One payment per order: the retried charge was answered from its key, not made again.
    const payments = [...state().mandatePayments.values()];
    expect(new Set(payments.map((p) => p.orderId)).size).toBe(payments.length);
    const charges = await db.prisma.balanceCharge.findMany({ where: { preorderOrderId: first!.id } });
    expect(charges).toHaveLength(1);
    expect(charges[0]!).toMatchObject({ status: "SUCCEEDED", idempotencyKey: pending.idempotencyKey });
    const simOrder = state().orders.get(Number(first!.orderId.split("/").pop()))!;
    expect(simOrder.financialStatus).toBe("PAID");
    expect(await listBalances(db, shopId)).toEqual([]);
    // Running the schedule again charges nobody.
    const again = await collectBalances(db, { ...context(), now: now() });
    expect(again.paid).toBe(0);
    expect(state().mandatePayments.size).toBe(payments.length);
  });

  it("retries a declined card on the schedule with a new key each attempt, then raises an exception", async () => {
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const bought = await buy("DD-SLEEVES", await planOf(offer.id));
    const orderId = `gid://shopify/Order/${bought.order!.id}`;
    await syncPreorderOrder(db, context(), orderId);
    await declineCard(sim, bought.order!.id, 99);
    const row = await db.prisma.preorderOrder.findFirstOrThrow({ where: { orderId } });
    clock = row.dueAt!.getTime() + 1000;

    const outcomes = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt++) {
      outcomes.push(await collectBalances(db, { ...context(), now: now() }));
      // Retrying before the next attempt is due does nothing.
      const early = await collectBalances(db, { ...context(), now: now() });
      expect(early.declined + early.failed + early.paid).toBe(0);
      clock += 8 * DAY;
    }
    expect(outcomes.map((o) => o.declined)).toEqual([1, 1, 1, 0, 0]);
    expect(outcomes.map((o) => o.failed)).toEqual([0, 0, 0, 1, 0]);
    const charges = await db.prisma.balanceCharge.findMany({
      where: { order: { orderId } },
      orderBy: { attempt: "asc" },
    });
    expect(charges.map((c) => c.status)).toEqual(["FAILED", "FAILED", "FAILED", "FAILED"]);
    expect(new Set(charges.map((c) => c.idempotencyKey)).size).toBe(4);
    expect(charges[0]!.errorMessage).toMatch(/declined/);
    const failed = await db.prisma.preorderOrder.findFirstOrThrow({ where: { orderId } });
    expect(failed.balanceStatus).toBe("FAILED");
    const exception = await db.prisma.exception.findFirstOrThrow({
      where: { kind: "balance_failed", subjectId: orderId },
    });
    expect(exception.severity).toBe("CRITICAL");

    // The merchant charges it once more after the buyer fixed the card: paid, and the exception clears.
    await declineCard(sim, bought.order!.id, 0);
    const retried = await collectBalances(db, { ...context(), now: now(), preorderOrderIds: [failed.id] });
    expect(retried.paid).toBe(1);
    expect((await db.prisma.exception.findUniqueOrThrow({ where: { id: exception.id } })).resolvedAt).not.toBeNull();
  });

  it("charges a balance due on fulfillment once the order ships, and not before", async () => {
    const onShip = await createOffer(
      db,
      context(),
      request([["DD-TEE-S", null]], {
        name: "Pay the rest when it ships",
        payment: { kind: "deposit", percentage: 0, balance: { trigger: "on_fulfillment" } },
        reserve: "on_fulfillment",
      }),
    );
    expect(onShip.ok).toBe(true);
    const offerId = (onShip as { offerId: string }).offerId;
    const bought = await buy("DD-TEE-S", await planOf(offerId));
    const orderId = `gid://shopify/Order/${bought.order!.id}`;
    await syncPreorderOrder(db, context(), orderId);
    const row = await db.prisma.preorderOrder.findFirstOrThrow({ where: { orderId } });
    expect(row).toMatchObject({
      dueOnFulfillment: true,
      dueAt: null,
      outstandingMinor: variant("DD-TEE-S").priceMinor,
    });
    clock += 400 * DAY;
    expect((await collectBalances(db, { ...context(), now: now() })).paid).toBe(0);

    // The merchant ships it in Shopify; the order's webhook is handled; the next run charges the balance.
    const fulfillmentOrder = [...state().fulfillmentOrders.values()].find((fo) => fo.orderId === bought.order!.id)!;
    const shipped = await adminData(
      sim,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fulfillmentOrder.id}` },
          ],
        },
      },
    );
    expect(shipped.fulfillmentCreate.userErrors).toEqual([]);
    await syncPreorderOrder(db, context(), orderId);
    expect((await collectBalances(db, { ...context(), now: now() })).paid).toBe(1);
    expect(state().orders.get(bought.order!.id)!.financialStatus).toBe("PAID");
    await endOffer(db, context(), offerId);
  });

  it("ends an offer: the group goes, the variants get their policy back and lose the badge", async () => {
    const offer = await db.prisma.preorderOffer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    expect(await endOffer(db, context(), offer.id)).toEqual({ ended: true });
    expect(state().sellingPlanGroups.size).toBe(0);
    expect(variant("DD-SLEEVES").inventoryPolicy).toBe("DENY");
    expect([...state().metafields.values()].filter((m) => m.ownerId === gid("DD-SLEEVES"))).toEqual([]);
    expect((await db.prisma.preorderOffer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("ENDED");
    // Ending again is a no-op.
    expect(await endOffer(db, context(), offer.id)).toEqual({ ended: false });
  });
});
