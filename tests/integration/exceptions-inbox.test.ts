// The exceptions inbox's reads and the merchant's decision: one list across campaigns, worst first, filtered;
// resolving records who and why, only for the shop's own open exceptions; one raised again stays resolved
// unless it got worse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { listExceptions, openExceptionKinds, raiseExceptions, resolveExceptions } from "../../app/services/exceptions";
import { EXCEPTION_KINDS } from "../../app/domain/exceptions";
import { en } from "../../app/i18n/en";
import { openTestDatabase } from "../helpers/database";

describe("the exceptions inbox", () => {
  let db: Database & { drop(): Promise<void> };
  let shopA: string;
  let shopB: string;
  let campaignA: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    shopA = (await db.prisma.shop.create({ data: { domain: "a.myshopify.com" } })).id;
    shopB = (await db.prisma.shop.create({ data: { domain: "b.myshopify.com" } })).id;
    campaignA = (
      await db.prisma.campaign.create({
        data: { shopId: shopA, name: "A", handle: "a", platform: "KICKSTARTER", currencyCode: "USD" },
      })
    ).id;
    await raiseExceptions(db, shopA, [
      { campaignId: campaignA, kind: "unmapped_reward", severity: "WARNING", subjectType: "Reward", subjectId: "r1" },
      {
        campaignId: null,
        kind: "balance_failed",
        severity: "CRITICAL",
        subjectType: "Order",
        subjectId: "o1",
        data: { orderName: "#1001" },
      },
      {
        campaignId: null,
        kind: "inventory_drift",
        severity: "WARNING",
        subjectType: "InventoryLevel",
        subjectId: "i1",
      },
    ]);
    await raiseExceptions(db, shopB, [
      { campaignId: null, kind: "balance_failed", severity: "CRITICAL", subjectType: "Order", subjectId: "o9" },
    ]);
  });
  afterAll(() => db?.drop());

  it("lists one shop's open exceptions, the critical first, and filters them", async () => {
    const open = await listExceptions(db, shopA);
    expect(open[0]).toMatchObject({ kind: "balance_failed", severity: "CRITICAL", data: { orderName: "#1001" } });
    expect(open).toHaveLength(3);
    expect((await listExceptions(db, shopA, { kind: "unmapped_reward" })).map((e) => e.campaignName)).toEqual(["A"]);
    expect(await listExceptions(db, shopA, { severity: "CRITICAL", campaignId: campaignA })).toEqual([]);
    expect(await openExceptionKinds(db, shopA)).toEqual([
      { kind: "balance_failed", count: 1 },
      { kind: "inventory_drift", count: 1 },
      { kind: "unmapped_reward", count: 1 },
    ]);
  });

  it("resolves with who and why, never another shop's, and keeps a resolved one resolved unless it got worse", async () => {
    const [critical] = await listExceptions(db, shopA, { severity: "CRITICAL" });
    const [other] = await listExceptions(db, shopB);
    expect(
      await resolveExceptions(db, shopA, [critical!.id, other!.id], "user:1", "Card replaced, charged by hand"),
    ).toBe(1);
    expect((await listExceptions(db, shopB)).map((e) => e.id)).toEqual([other!.id]);
    const [resolved] = await listExceptions(db, shopA, { status: "resolved" });
    expect(resolved).toMatchObject({
      id: critical!.id,
      resolvedBy: "user:1",
      resolution: "Card replaced, charged by hand",
    });
    expect(await resolveExceptions(db, shopA, [critical!.id], "user:2", "again")).toBe(0);

    // Raised again as it was: still resolved. Raised worse: open again.
    await raiseExceptions(db, shopA, [
      { campaignId: campaignA, kind: "unmapped_reward", severity: "WARNING", subjectType: "Reward", subjectId: "r1" },
    ]);
    const [drift] = await listExceptions(db, shopA, { kind: "inventory_drift" });
    await resolveExceptions(db, shopA, [drift!.id], "user:1", "counted by hand");
    await raiseExceptions(db, shopA, [
      {
        campaignId: null,
        kind: "inventory_drift",
        severity: "CRITICAL",
        subjectType: "InventoryLevel",
        subjectId: "i1",
      },
    ]);
    expect((await listExceptions(db, shopA, { kind: "inventory_drift" }))[0]).toMatchObject({ severity: "CRITICAL" });
  });

  it("names every kind of exception in the admin's words", () => {
    for (const kind of EXCEPTION_KINDS) expect(en).toHaveProperty([`exceptions.kind.${kind}`]);
  });
});
