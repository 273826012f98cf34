// The inbox's buttons, against the stand-in over HTTP and a real job queue: release the stock of a dropped
// pledge's draft (the draft is gone from Shopify, its reservation handed back, the exception cleared, and a second
// click changes nothing), never for a paid draft; re-send a link and retry a push queue their jobs; an action the
// kind does not offer, or another shop's exception, does nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { runBulkExceptionAction, runExceptionAction } from "../../app/services/exception-actions";
import { raiseExceptions } from "../../app/services/exceptions";
import { PORTAL_LINK_QUEUE } from "../../app/services/portal/request-link";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { createShop } from "../helpers/factories";
import { readyCampaign } from "../helpers/ready-campaign";
import { memoryLogger } from "../helpers/silent-logger";

describe("actions on exceptions", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  let queue: JobQueue;
  const act = (id: string, action: Parameters<typeof runExceptionAction>[4]) =>
    runExceptionAction(db, { jobs: queue, adminOrigin: sim.url }, shopId, id, action, "user:test");
  const queued = (name: string) =>
    db.query<{ data: Record<string, unknown> }>(`SELECT data FROM pgboss.job WHERE name = $1`, [name]);

  beforeAll(async () => {
    shop = await connectedShop({ seed: 11 });
    ({ sim, db, shopId } = shop);
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 12));
    queue = await JobQueue.start(db, jobDefinitions({ db }), memoryLogger().logger);
    await pushForTest(shop, campaignId);
  }, 120_000);

  afterAll(async () => {
    await queue?.stop();
    await shop?.close();
  });

  async function droppedAfterDraft(backerNumber: number) {
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId, backerNumber },
      include: { orderLink: true },
    });
    await db.prisma.pledge.update({ where: { id: pledge.id }, data: { status: "DROPPED" } });
    await pushForTest(shop, campaignId);
    const exception = await db.prisma.exception.findFirstOrThrow({ where: { subjectId: pledge.id } });
    expect(exception).toMatchObject({ kind: "pledge_dropped", severity: "CRITICAL", resolvedAt: null });
    return { pledge, exception, draftId: Number(pledge.orderLink!.draftOrderId!.split("/").pop()) };
  }

  it("releases a dropped pledge's draft order once, clearing its exception", async () => {
    const { pledge, exception, draftId } = await droppedAfterDraft(3);
    expect(shop.state().draftOrders.has(draftId)).toBe(true);

    expect(await act(exception.id, "release_stock")).toBe("stock_released");
    expect(shop.state().draftOrders.has(draftId)).toBe(false);
    const link = await db.prisma.orderLink.findUniqueOrThrow({ where: { pledgeId: pledge.id } });
    expect(link.state).toBe("CANCELLED");
    expect((await db.prisma.exception.findUniqueOrThrow({ where: { id: exception.id } })).resolvedBy).toBe("user:test");
    expect(await db.prisma.event.count({ where: { pledgeId: pledge.id, kind: "order.draft_deleted" } })).toBe(1);

    // A second click (or a second tab) finds nothing left to release and records nothing more.
    expect(await act(exception.id, "release_stock")).toBe("no_draft");
    expect(await db.prisma.event.count({ where: { pledgeId: pledge.id, kind: "order.draft_deleted" } })).toBe(1);
    // And the next push does not make the draft again for a dropped pledge.
    await pushForTest(shop, campaignId);
    expect((await db.prisma.orderLink.findUniqueOrThrow({ where: { pledgeId: pledge.id } })).state).toBe("CANCELLED");
  });

  it("never deletes a draft the backer already paid", async () => {
    const { pledge, exception, draftId } = await droppedAfterDraft(4);
    // The backer paid in Shopify before the merchant clicked: the draft is completed there.
    shop.state().draftOrders.get(draftId)!.status = "COMPLETED";
    expect(await act(exception.id, "release_stock")).toBe("paid");
    expect(shop.state().draftOrders.has(draftId)).toBe(true);
    expect((await db.prisma.orderLink.findUniqueOrThrow({ where: { pledgeId: pledge.id } })).state).not.toBe(
      "CANCELLED",
    );
  });

  it("queues the backer's link and a retrying push", async () => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId, backerNumber: 5 },
      include: { orderLink: true },
    });
    await raiseExceptions(db, shopId, [
      {
        campaignId,
        pledgeId: pledge.id,
        kind: "invoice_unpaid",
        severity: "WARNING",
        subjectType: "Pledge",
        subjectId: pledge.id,
      },
      {
        campaignId,
        pledgeId: pledge.id,
        kind: "push_refused",
        severity: "WARNING",
        subjectType: "Pledge",
        subjectId: `refused-${pledge.id}`,
      },
    ]);
    const unpaid = await db.prisma.exception.findFirstOrThrow({ where: { kind: "invoice_unpaid" } });
    const refused = await db.prisma.exception.findFirstOrThrow({ where: { kind: "push_refused" } });

    expect(await act(unpaid.id, "resend_link")).toBe("link_queued");
    expect((await queued(PORTAL_LINK_QUEUE)).map((j) => j.data)).toEqual([
      expect.objectContaining({ shopId, pledgeIds: [pledge.id] }),
    ]);
    expect(await act(refused.id, "retry_push")).toBe("push_queued");
    expect(await db.prisma.pushRun.findFirst({ where: { campaignId, retryFailed: true } })).not.toBeNull();

    // Not what resolves this kind: refused, nothing queued.
    expect(await act(unpaid.id, "release_stock")).toBe("not_offered");
    expect(await act(unpaid.id, "reconcile_stock")).toBe("not_offered");
  });

  it("re-sends the links of many selected exceptions, skipping what a link does not resolve", async () => {
    const pledges = await db.prisma.pledge.findMany({
      where: { campaignId, status: "COLLECTED", orderLink: { draftOrderId: { not: null } } },
      orderBy: { backerNumber: "asc" },
      take: 3,
      skip: 5,
    });
    await raiseExceptions(
      db,
      shopId,
      pledges.map((p) => ({
        campaignId,
        pledgeId: p.id,
        kind: "invoice_unpaid" as const,
        severity: "WARNING" as const,
        subjectType: "Pledge" as const,
        subjectId: p.id,
      })),
    );
    const unpaid = await db.prisma.exception.findMany({
      where: { kind: "invoice_unpaid", pledgeId: { in: pledges.map((p) => p.id) } },
    });
    const drift = await db.prisma.exception.findFirstOrThrow({ where: { shopId, kind: { not: "invoice_unpaid" } } });
    const before = (await queued(PORTAL_LINK_QUEUE)).length;
    const ids = [...unpaid.map((e) => e.id), unpaid[0]!.id, drift.id, "not-an-exception"];
    expect(
      await runBulkExceptionAction(db, { jobs: queue, adminOrigin: sim.url }, shopId, ids, "resend_link", "user:test"),
    ).toEqual({ done: 3, skipped: 2 });
    const jobs = (await queued(PORTAL_LINK_QUEUE)).map((j) => j.data as { pledgeIds: string[] });
    expect(jobs).toHaveLength(before + 3);
    expect(jobs.flatMap((j) => j.pledgeIds)).toEqual(expect.arrayContaining(pledges.map((p) => p.id)));
  });

  it("does nothing for another shop's exception", async () => {
    const stranger = await createShop(db.prisma);
    await raiseExceptions(db, stranger.id, [
      { campaignId: null, kind: "inventory_drift", severity: "WARNING", subjectType: "InventoryLevel", subjectId: "x" },
    ]);
    const theirs = await db.prisma.exception.findFirstOrThrow({ where: { shopId: stranger.id } });
    const before = (await queued("inventory-reconcile")).length;
    expect(await act(theirs.id, "reconcile_stock")).toBeNull();
    expect(await queued("inventory-reconcile")).toHaveLength(before);
  });
});
