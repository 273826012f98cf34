import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, adminGraphql, levels, variantBySku } from "../../helpers/sim-client";

const ADJUST = `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

describe("the stand-in's inventory writes", () => {
  let sim: RunningSim;
  let item: string;
  let atelier: string;

  beforeAll(async () => (sim = await startSim()));
  beforeEach(async () => {
    sim.reset();
    item = (await variantBySku(sim, "DD-CORE")).inventoryItem.id;
    atelier = (await levels(sim, item))[0]!.location.id;
  });
  afterAll(() => sim.close());

  const change = (delta: number, changeFromQuantity: number | null) => ({
    inventoryItemId: item,
    locationId: atelier,
    delta,
    changeFromQuantity,
  });

  it("adjusts with a compare-and-swap and reports the quantity after", async () => {
    const data = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: { name: "available", reason: "correction", changes: [change(-20, 120)] },
    });
    expect(data.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes).toEqual([
      { name: "available", delta: -20, quantityAfterChange: 100 },
    ]);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 100 });
  });

  it("requires the @idempotent directive, as Shopify does from 2026-04", async () => {
    const withoutKey = ADJUST.replace("@idempotent(key: $key)", "").replace(", $key: String!", "");
    const { body } = await adminGraphql(sim, withoutKey, {
      input: { name: "available", reason: "correction", changes: [change(-1, null)] },
    });
    expect(body.errors[0].message).toMatch(/@idempotent directive is required/);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 120 });
  });

  it("applies a retried request with the same key once", async () => {
    const variables = {
      key: randomUUID(),
      input: { name: "available", reason: "correction", changes: [change(-5, null)] },
    };
    await adminData(sim, ADJUST, variables);
    const replay = await adminData(sim, ADJUST, variables);
    expect(replay.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes[0].quantityAfterChange).toBe(115);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 115 });
    const reused = await adminData(sim, ADJUST, {
      ...variables,
      input: { ...variables.input, changes: [change(-6, null)] },
    });
    expect(reused.inventoryAdjustQuantities.userErrors[0].code).toBe("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
    expect((await levels(sim, item))[0]).toMatchObject({ available: 115 });
  });

  it("refuses a stale changeFromQuantity and a missing one, changing nothing", async () => {
    const stale = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: { name: "available", reason: "correction", changes: [change(-1, 99)] },
    });
    expect(stale.inventoryAdjustQuantities.userErrors[0]).toMatchObject({ code: "CHANGE_FROM_QUANTITY_STALE" });
    const missing = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: {
        name: "available",
        reason: "correction",
        changes: [{ inventoryItemId: item, locationId: atelier, delta: -1 }],
      },
    });
    expect(missing.inventoryAdjustQuantities.userErrors[0].message).toMatch(/changeFromQuantity is required/);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 120 });
  });

  it("keeps committed read-only and asks for a ledger document outside available", async () => {
    const committed = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: { name: "committed", reason: "correction", changes: [change(1, null)] },
    });
    expect(committed.inventoryAdjustQuantities.userErrors[0].code).toBe("INVALID_QUANTITY_NAME");
    const damaged = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: { name: "damaged", reason: "damaged", changes: [change(1, null)] },
    });
    expect(damaged.inventoryAdjustQuantities.userErrors[0].message).toMatch(/ledger document URI is required/);
    const badReason = await adminData(sim, ADJUST, {
      key: randomUUID(),
      input: { name: "available", reason: "because", changes: [change(1, null)] },
    });
    expect(badReason.inventoryAdjustQuantities.userErrors[0].code).toBe("INVALID_REASON");
  });

  it("moves campaign stock from available to reserved", async () => {
    const MOVE = `mutation($input: InventoryMoveQuantitiesInput!, $key: String!) {
      inventoryMoveQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { changes { name delta } } userErrors { message code } } }`;
    const data = await adminData(sim, MOVE, {
      key: randomUUID(),
      input: {
        reason: "reservation_created",
        referenceDocumentUri: "gid://pledgebridge/Campaign/1",
        changes: [
          {
            inventoryItemId: item,
            quantity: 50,
            from: { locationId: atelier, name: "available", changeFromQuantity: 120 },
            to: {
              locationId: atelier,
              name: "reserved",
              changeFromQuantity: 0,
              ledgerDocumentUri: "pledgebridge://campaign/1/reservation",
            },
          },
        ],
      },
    });
    expect(data.inventoryMoveQuantities.inventoryAdjustmentGroup.changes).toEqual([
      { name: "available", delta: -50 },
      { name: "reserved", delta: 50 },
    ]);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 70, reserved: 50, on_hand: 120 });
  });

  it("sets on_hand, which changes what is available", async () => {
    const SET = `mutation($input: InventorySetQuantitiesInput!, $key: String!) {
      inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { message } } }`;
    const data = await adminData(sim, SET, {
      key: randomUUID(),
      input: {
        name: "on_hand",
        reason: "cycle_count_available",
        quantities: [{ inventoryItemId: item, locationId: atelier, quantity: 150, changeFromQuantity: 120 }],
      },
    });
    expect(data.inventorySetQuantities.inventoryAdjustmentGroup.changes).toEqual([
      { name: "on_hand", delta: 30, quantityAfterChange: 150 },
    ]);
    expect((await levels(sim, item))[0]).toMatchObject({ available: 150, on_hand: 150 });
  });
});
