// Two records of one person, found by the scan and merged from the inbox against the stand-in: the pledges move,
// the draft orders in Shopify take the kept backer's details, the merged record stays as an empty alias that a
// re-import, a link request and a privacy request all follow; and the merges that must not happen do not.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { actionsFor } from "../../app/domain/exceptions";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { checkCampaign } from "../../app/services/exception-checks";
import { runExceptionAction } from "../../app/services/exception-actions";
import { listExceptions } from "../../app/services/exceptions";
import { importFile } from "../../app/services/import/import-file";
import { PORTAL_LINK_QUEUE, requestLinks } from "../../app/services/portal/request-link";
import { backerData, redactCustomer } from "../../app/services/privacy";
import { loadBacker } from "../../app/services/backer-profile";
import { DEMO_SHOP, type RunningSim } from "../../sim/server";
import { connectedShop, pushForTest, type ConnectedShop } from "../helpers/connected-shop";
import { createCampaign, createShop } from "../helpers/factories";
import { writeKickstarterReport } from "../helpers/kickstarter-report";
import { readyCampaign } from "../helpers/ready-campaign";
import { memoryLogger } from "../helpers/silent-logger";

describe("merging two records of one backer", () => {
  let shop: ConnectedShop;
  let sim: RunningSim;
  let db: Database & { drop(): Promise<void> };
  let shopId: string;
  let campaignId: string;
  let queue: JobQueue;
  const act = (id: string) =>
    runExceptionAction(db, { jobs: queue, adminOrigin: sim.url }, shopId, id, "merge_backers", "user:test");
  const backerOf = async (backerNumber: number) =>
    (
      await db.prisma.pledge.findFirstOrThrow({
        where: { campaignId, backerNumber },
        include: { backer: true, orderLink: true },
      })
    ).backer;
  const draftOf = async (backerNumber: number) => {
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId, backerNumber },
      include: { orderLink: true },
    });
    return shop.state().draftOrders.get(Number(pledge.orderLink!.draftOrderId!.split("/").pop()))!;
  };

  beforeAll(async () => {
    shop = await connectedShop({ seed: 13 });
    ({ sim, db, shopId } = shop);
    ({ campaignId } = await readyCampaign(db, sim, DEMO_SHOP.domain, "Deep Delve", 12));
    queue = await JobQueue.start(db, jobDefinitions({ db }), memoryLogger().logger);
    await pushForTest(shop, campaignId);
  }, 120_000);

  afterAll(async () => {
    await queue?.stop();
    await shop?.close();
  });

  it("finds a backer who pledged twice under two emails, and merges them into the older record", async () => {
    const keep = await backerOf(1);
    const twin = await backerOf(2);
    // Backer 2 is backer 1 under another email: the same name at the same address.
    const { id: _id, email: _email, identityKey: _key, createdAt: _at, updatedAt: _up, ...details } = keep;
    await db.prisma.backer.update({
      where: { id: twin.id },
      data: { ...details, phone: null, address2: "Flat 2" },
    });
    await checkCampaign(db, shopId, campaignId, "test");
    const [found] = (await listExceptions(db, shopId, { kind: "duplicate_backer" })).filter(
      (e) => e.subjectId === twin.id,
    );
    expect(found).toMatchObject({
      backerId: twin.id,
      data: { otherBackerId: keep.id, otherBackerNumber: 1, reason: "same_name_postcode" },
    });
    expect(actionsFor(found!)).toEqual(["merge_backers", "open_backer"]);
    expect((await draftOf(2)).email).toBe("backer2@example.com");

    expect(await act(found!.id)).toBe("merged");

    const pledges = await db.prisma.pledge.findMany({ where: { campaignId, backerNumber: { in: [1, 2] } } });
    expect(pledges.map((p) => p.backerId)).toEqual([keep.id, keep.id]);
    // The kept record keeps its own details; the alias holds nothing personal, only its identity.
    const kept = await db.prisma.backer.findUniqueOrThrow({ where: { id: keep.id } });
    expect(kept).toMatchObject({ email: keep.email, address2: keep.address2, mergedIntoId: null });
    const alias = await db.prisma.backer.findUniqueOrThrow({ where: { id: twin.id } });
    expect(alias).toMatchObject({
      mergedIntoId: keep.id,
      identityKey: "backer2@example.com",
      email: null,
      firstName: null,
      address1: null,
      zip: null,
    });
    // The moved pledge's draft in Shopify now carries the kept backer's email and address.
    const draft = await draftOf(2);
    expect(draft.email).toBe(keep.email);
    expect(draft.shippingAddress?.address2 ?? null).toBe(keep.address2);
    expect(
      await db.prisma.event.findMany({
        where: { subjectId: { in: [keep.id, twin.id] }, kind: { startsWith: "backer.merged" } },
      }),
    ).toHaveLength(2);
    // The exception is resolved by the merchant, and the scan does not raise the pair again.
    await checkCampaign(db, shopId, campaignId, "test");
    expect(
      await db.prisma.exception.count({
        where: { shopId, kind: "duplicate_backer", subjectId: { in: [keep.id, twin.id] }, resolvedAt: null },
      }),
    ).toBe(0);
    expect((await db.prisma.exception.findUniqueOrThrow({ where: { id: found!.id } })).resolvedBy).toBe("user:test");

    // The merged record's page and data export show the kept one.
    const exported = await backerData(db, shopId, twin.id);
    expect(exported!.contact.email).toBe(keep.email);
    expect(exported!.pledges).toHaveLength(2);
    expect((await loadBacker(db, shopId, twin.id))!.backer.id).toBe(keep.id);

    // A second click changes nothing.
    expect(await act(found!.id)).toBe("already_merged");
    expect(await db.prisma.event.count({ where: { subjectId: keep.id, kind: "backer.merged" } })).toBe(1);
  });

  it("keeps the merge when the same file is imported again", async () => {
    const keep = await backerOf(1);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-merge-")), "backers.csv");
    writeKickstarterReport(file, { rows: 12, tiers: [{ id: "901", title: "Core", minimum: 59 }], droppedEvery: 10 });
    const backersBefore = await db.prisma.backer.count({ where: { campaignId } });
    await importFile(db, { shopId, campaign: { id: campaignId }, path: file, fileName: "backers.csv" });
    expect(await db.prisma.backer.count({ where: { campaignId } })).toBe(backersBefore);
    const moved = await db.prisma.pledge.findFirstOrThrow({ where: { campaignId, backerNumber: 2 } });
    expect(moved.backerId).toBe(keep.id);
    const alias = await db.prisma.backer.findFirstOrThrow({
      where: { campaignId, identityKey: "backer2@example.com" },
    });
    expect(alias).toMatchObject({ mergedIntoId: keep.id, email: null, address1: null });
    // An import that read the record just before the merge put its pledge back there: the next check moves it.
    await db.prisma.pledge.update({ where: { id: moved.id }, data: { backerId: alias.id } });
    await checkCampaign(db, shopId, campaignId, "test");
    expect((await db.prisma.pledge.findUniqueOrThrow({ where: { id: moved.id } })).backerId).toBe(keep.id);
  });

  it("follows the merged email for a link request and a privacy request", async () => {
    const keep = await backerOf(1);
    await requestLinks(db, queue, DEMO_SHOP.domain, "Backer2@Example.com");
    const [job] = await db.query<{ data: { pledgeIds: string[] } }>(
      `SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`,
      [PORTAL_LINK_QUEUE],
    );
    const pledgeIds = (await db.prisma.pledge.findMany({ where: { backerId: keep.id }, select: { id: true } })).map(
      (p) => p.id,
    );
    expect([...job!.data.pledgeIds].sort()).toEqual(pledgeIds.sort());

    await redactCustomer(db, DEMO_SHOP.domain, { email: "backer2@example.com", cause: "webhook:redact" });
    const after = await db.prisma.backer.findMany({
      where: { campaignId, OR: [{ id: keep.id }, { mergedIntoId: keep.id }] },
    });
    expect(after).toHaveLength(2);
    for (const backer of after) expect(backer).toMatchObject({ email: null, firstName: null, address1: null });
    expect(after.every((b) => b.identityKey.startsWith("redacted:"))).toBe(true);
  });

  it("refuses what must not be merged", async () => {
    // One backer with pledges from two sources has no second record: the action is not offered.
    const single = await backerOf(4);
    const [lone] = await db.query<{ id: string }>(
      `INSERT INTO "Exception" (id, "shopId", "campaignId", kind, severity, "subjectType", "subjectId", data, "updatedAt")
       VALUES (gen_random_uuid()::text, $1, $2, 'duplicate_backer', 'WARNING', 'Backer', $3, '{"sources":["KICKSTARTER","INDIEGOGO"]}', now())
       RETURNING id`,
      [shopId, campaignId, single.id],
    );
    expect(await act(lone!.id)).toBe("not_offered");

    // Records in two campaigns are two backers, whatever their names.
    const other = await createCampaign(db.prisma, shopId);
    const stranger = await db.prisma.backer.create({
      data: { shopId, campaignId: other.id, identityKey: "elsewhere@example.com", email: "elsewhere@example.com" },
    });
    const [across] = await db.query<{ id: string }>(
      `INSERT INTO "Exception" (id, "shopId", "campaignId", kind, severity, "subjectType", "subjectId", data, "updatedAt")
       VALUES (gen_random_uuid()::text, $1, $2, 'duplicate_backer', 'WARNING', 'Backer', $3, $4::jsonb, now())
       RETURNING id`,
      [shopId, campaignId, stranger.id, JSON.stringify({ otherBackerId: single.id })],
    );
    expect(await act(across!.id)).toBe("other_campaign");
    expect((await db.prisma.backer.findUniqueOrThrow({ where: { id: stranger.id } })).mergedIntoId).toBeNull();

    // A push making a draft for the record's pledge right now: try again later.
    const busy = await backerOf(5);
    await db.prisma.orderLink.updateMany({ where: { pledge: { backerId: busy.id } }, data: { state: "CREATING" } });
    const [running] = await db.query<{ id: string }>(
      `INSERT INTO "Exception" (id, "shopId", "campaignId", kind, severity, "subjectType", "subjectId", data, "updatedAt")
       VALUES (gen_random_uuid()::text, $1, $2, 'duplicate_backer', 'WARNING', 'Backer', $3, $4::jsonb, now())
       RETURNING id`,
      [shopId, campaignId, busy.id, JSON.stringify({ otherBackerId: single.id })],
    );
    expect(await act(running!.id)).toBe("push_running");
    expect(await db.prisma.pledge.count({ where: { backerId: busy.id } })).toBe(1);
    await db.prisma.orderLink.updateMany({ where: { pledge: { backerId: busy.id } }, data: { state: "DRAFTED" } });

    // Another shop's exception is not found at all.
    const otherShop = await createShop(db.prisma);
    expect(
      await runExceptionAction(
        db,
        { jobs: queue, adminOrigin: sim.url },
        otherShop.id,
        running!.id,
        "merge_backers",
        "x",
      ),
    ).toBeNull();
  });
});
