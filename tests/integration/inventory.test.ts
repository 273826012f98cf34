// Inventory against the stand-in over HTTP: the view of stock against demand (pledges not yet drafted, drafts,
// pre-orders), campaign stock set aside and given back as pledges drop, a move whose answer was lost applied once,
// and drift raised, not overwritten, when Shopify's reserved falls below what the app holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { allocateCampaign } from "../../app/services/inventory/allocation";
import { refreshLevels, trackedVariantIds } from "../../app/services/inventory/levels";
import { byProduct, inventoryView, stockByLocation } from "../../app/services/inventory/view";
import { createOffer } from "../../app/services/preorders/offers";
import { syncPreorderOrder } from "../../app/services/preorders/orders";
import type { AdminClient } from "../../app/shopify/admin-client";
import { inventoryWebhookHandlers } from "../../app/webhooks/handlers/inventory";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { readyCampaign } from "../helpers/ready-campaign";
import { adminData, shopperCheckout } from "../helpers/sim-client";

const DAY = 86_400_000;

describe("inventory: one view of stock against demand, and campaign stock set aside", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let admin: AdminClient;
  let shopId: string;
  let campaignId: string;
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  const core = () => [...state().variants.values()][0]!;
  const coreGid = () => `gid://shopify/ProductVariant/${core().id}`;
  const level = () => state().inventoryItems.get(core().inventoryItemId)!.levels.get(state().primaryLocationId)!;
  const row = async (filter = {}) => (await inventoryView(db, shopId, filter)).find((r) => r.variantId === coreGid())!;
  const collected = () => db.prisma.pledge.count({ where: { campaignId, status: "COLLECTED" } });

  beforeAll(async () => {
    shop = await connectedShop({ seed: 5 });
    ({ sim, db, admin, shopId } = shop);
    // 20 backers of the Core tier (mapped to the first variant, DD-CORE); every tenth dropped.
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 20));
  }, 120_000);

  afterAll(() => shop?.close());

  it("shows pledged demand and Shopify's stock per variant, summed over locations or at one", async () => {
    const variantIds = await trackedVariantIds(db, shopId, campaignId);
    expect(variantIds).toEqual([coreGid()]);
    await refreshLevels(db, { shopId, admin, variantIds });
    const all = await row();
    expect(all).toMatchObject({ sku: "DD-CORE", onHand: 500, available: 500, pledged: await collected(), inDrafts: 0 });
    expect(all.freeForRetail).toBe(500 - all.pledged);
    expect(all.toManufacture).toBe(0);
    const [first] = await db.prisma.inventoryLevel.findMany({
      where: { variantId: coreGid() },
      orderBy: { locationName: "asc" },
    });
    const one = await row({ locationId: first!.locationId });
    expect(one.onHand).toBe(first!.onHand);
    expect(one.pledged).toBe(all.pledged);
    // The campaign filter picks its variants; a product filter narrows further.
    expect((await inventoryView(db, shopId, { campaignId })).map((r) => r.variantId)).toEqual([coreGid()]);
    expect(await inventoryView(db, shopId, { campaignId, productId: "gid://shopify/Product/1" })).toEqual([]);
    expect(byProduct([all])[0]).toMatchObject({ stock: 500, demand: all.pledged });
    // Per location, the same stock: one row per location, summing to the variant's.
    const perLocation = await stockByLocation(db, shopId, [coreGid()]);
    expect(perLocation).toHaveLength(2);
    expect(perLocation.reduce((sum, l) => sum + l.onHand, 0)).toBe(all.onHand);
    expect(await stockByLocation(db, shopId, [coreGid()], first!.locationId)).toHaveLength(1);
  });

  it("sets campaign stock aside with a compare-and-swap move, once through a lost answer", async () => {
    const pledged = await collected();
    sim.faults.set({ "timeout-after-write": 1 }, 3);
    const lost = await allocateCampaign(db, { shopId, admin, campaignId, cause: "test" });
    sim.faults.set({});
    expect(lost[0]).toMatchObject({ held: 0, error: "no answer from Shopify" });
    expect(level().reserved).toBe(pledged);
    const allocation = await db.prisma.allocation.findFirstOrThrow({ where: { campaignId } });
    expect(allocation.pendingKey).not.toBeNull();

    // The next run sends the same move with the same key: applied once, not twice.
    const outcomes = await allocateCampaign(db, { shopId, admin, campaignId, cause: "test" });
    expect(outcomes[0]).toMatchObject({ target: pledged, held: pledged });
    expect(level().reserved).toBe(pledged);
    expect(level().available).toBe(120 - pledged);
    const view = await row();
    expect(view).toMatchObject({ reserved: pledged, pledged, freeForRetail: 500 - pledged });
  });

  it("gives units back when pledges drop, and when their drafts hold units of their own", async () => {
    const pledges = await db.prisma.pledge.findMany({ where: { campaignId, status: "COLLECTED" }, take: 2 });
    await db.prisma.pledge.updateMany({ where: { id: { in: pledges.map((p) => p.id) } }, data: { status: "DROPPED" } });
    const pledged = await collected();
    const [dropped] = await allocateCampaign(db, { shopId, admin, campaignId, cause: "test" });
    expect(dropped).toMatchObject({ target: pledged, held: pledged, moved: -2 });
    expect(level().reserved).toBe(pledged);

    // Drafts reserve their own units (reserveInventoryUntil): the app's allocation goes back to available.
    await pushForTest(shop, campaignId);
    const [afterPush] = await allocateCampaign(db, { shopId, admin, campaignId, cause: "test" });
    expect(afterPush).toMatchObject({ target: 0, held: 0 });
    const view = await row();
    expect(view).toMatchObject({ pledged: 0, inDrafts: pledged });
    expect(view.freeForRetail).toBe(500 - pledged);
  });

  it("counts pre-orders as demand and says what to manufacture when demand passes stock", async () => {
    const offer = await createOffer(
      db,
      { shopId, admin, cause: "test" },
      {
        terms: {
          name: "Late pledge",
          payment: { kind: "full" },
          delivery: { kind: "date", date: new Date(Date.now() + 90 * DAY) },
          reserve: "on_fulfillment",
          discountPercentage: 0,
        },
        campaignId,
        variants: [{ variantId: coreGid(), cap: null }],
      },
    );
    expect(offer.ok).toBe(true);
    const planId = Number(
      (await db.prisma.preorderOffer.findFirstOrThrow({ where: { campaignId } })).sellingPlanId!.split("/").pop(),
    );
    const bought = await shopperCheckout(sim, [{ variantId: core().id, quantity: 600, sellingPlanId: planId }]);
    expect(bought.userErrors).toEqual([]);
    await syncPreorderOrder(db, { shopId, admin, cause: "test" }, `gid://shopify/Order/${bought.order!.id}`);
    await refreshLevels(db, { shopId, admin, variantIds: [coreGid()] });
    const view = await row();
    // Reserved only on fulfillment: Shopify does not count these 600 yet, so the app does.
    expect(view).toMatchObject({ preordered: 600, preorderUncommitted: 600 });
    const promised = view.inDrafts + view.pledged + 600;
    expect(view.toManufacture).toBe(promised - view.available - view.reserved);
    expect(view.freeForRetail).toBe(0);
  });

  it("raises drift when Shopify's reserved falls below what the app holds, and leaves the allocation alone", async () => {
    // Start again with stock set aside for a fresh campaign, then the merchant releases it by hand in the admin.
    const second = await readyCampaign(db, sim, DEMO_SHOP.domain, "Second", 10);
    const [held] = await allocateCampaign(db, { shopId, admin, campaignId: second.campaignId, cause: "test" });
    expect(held!.held).toBeGreaterThan(0);
    const item = `gid://shopify/InventoryItem/${core().inventoryItemId}`;
    const location = `gid://shopify/Location/${state().primaryLocationId}`;
    await adminData(
      sim,
      `mutation($input: InventoryMoveQuantitiesInput!) { inventoryMoveQuantities(input: $input) @idempotent(key: "by-hand") { userErrors { message } } }`,
      {
        input: {
          reason: "reservation_deleted",
          referenceDocumentUri: "gid://merchant/Manual/1",
          changes: [
            {
              inventoryItemId: item,
              quantity: level().reserved,
              from: {
                locationId: location,
                name: "reserved",
                changeFromQuantity: null,
                ledgerDocumentUri: "merchant://by-hand",
              },
              to: { locationId: location, name: "available", changeFromQuantity: null },
            },
          ],
        },
      },
    );
    // Shopify's webhook says the level changed; the handler reads it again and compares.
    const handled = await inventoryWebhookHandlers["inventory_levels/update"]!(
      db,
      {
        webhookId: "inv-1",
        topic: "inventory_levels/update",
        shop: DEMO_SHOP.domain,
        payload: { inventory_item_id: core().inventoryItemId, location_id: state().primaryLocationId, available: 1 },
      } as never,
      { jobId: "test" } as never,
      { adminOrigin: sim.url },
    );
    expect(handled).toMatchObject({ result: "refreshed", drifted: 1 });
    const drift = await db.prisma.exception.findFirstOrThrow({ where: { kind: "inventory_drift", resolvedAt: null } });
    expect(drift.data).toMatchObject({ expectedReserved: held!.held, shopifyReserved: 0 });
    const allocation = await db.prisma.allocation.findFirstOrThrow({ where: { campaignId: second.campaignId } });
    expect(allocation.quantity).toBe(held!.held);
  });
});
