// One person across a shop's campaigns, found by email: every campaign's backer with it, whatever its case or
// spaces, never another shop's; a portal link request queues that person's collected pledges and nothing for an
// unknown email; and the lookup reaches backers by the (campaignId, identityKey) index, and a shop's pledges by their
// campaigns, since neither table has an index that starts with the shop (decision 0019).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { BACKERS_BY_IDENTITY_SQL, backersByIdentity, currentBackerIds } from "../../app/services/backer-identity";
import { PORTAL_LINK_QUEUE, requestLinks } from "../../app/services/portal/request-link";
import { inShopCampaigns } from "../../app/services/shop-campaigns";
import { openTestDatabase } from "../helpers/database";
import { createBackerWithPledge, createCampaign, createShop } from "../helpers/factories";
import { memoryLogger } from "../helpers/silent-logger";

type Plan = { "Node Type": string; "Relation Name"?: string; Plans?: Plan[] };

function scannedWhole(plan: Plan): string[] {
  const own = plan["Node Type"] === "Seq Scan" ? [plan["Relation Name"]!] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(scannedWhole)];
}

describe("a backer found by email across the shop's campaigns", () => {
  let db: Database & { drop(): Promise<void> };
  let queue: JobQueue;
  let shop: { id: string; domain: string };
  let first: Awaited<ReturnType<typeof createBackerWithPledge>>;
  let second: Awaited<ReturnType<typeof createBackerWithPledge>>;
  let dropped: Awaited<ReturnType<typeof createBackerWithPledge>>;
  let stranger: Awaited<ReturnType<typeof createBackerWithPledge>>;

  beforeAll(async () => {
    db = await openTestDatabase();
    queue = await JobQueue.start(db, jobDefinitions({ db }), memoryLogger().logger);
    shop = await createShop(db.prisma);
    const [kickstarter, indiegogo, late] = await Promise.all([1, 2, 3].map(() => createCampaign(db.prisma, shop.id)));
    first = await createBackerWithPledge(db.prisma, kickstarter!, { email: "Ada.Lovelace@Example.com" });
    second = await createBackerWithPledge(db.prisma, indiegogo!, { email: "ada.lovelace@example.com" });
    dropped = await createBackerWithPledge(db.prisma, late!, { email: "ada.lovelace@example.com" });
    await db.prisma.pledge.update({ where: { id: dropped.pledge.id }, data: { status: "DROPPED" } });
    await createBackerWithPledge(db.prisma, kickstarter!, { email: "ada.lovelace+ks@example.com" });
    const otherShop = await createShop(db.prisma);
    stranger = await createBackerWithPledge(db.prisma, await createCampaign(db.prisma, otherShop.id), {
      email: "ada.lovelace@example.com",
    });
  });
  afterAll(async () => {
    await queue?.stop();
    await db?.drop();
  });

  it("finds the person's backer in every campaign of the shop, whatever the case and spaces typed", async () => {
    const found = await backersByIdentity(db, shop.id, "  ADA.LOVELACE@example.COM ");
    expect(found.map((b) => b.id).sort()).toEqual([first.backer.id, second.backer.id, dropped.backer.id].sort());
    expect(found.map((b) => b.id)).not.toContain(stranger.backer.id);
    expect(await backersByIdentity(db, shop.id, "   ")).toEqual([]);
    expect(await backersByIdentity(db, shop.id, "nobody@example.com")).toEqual([]);
  });

  it("leads from a merged record to the backer it was merged into", () => {
    expect(
      currentBackerIds([
        { id: "alias", mergedIntoId: "kept" },
        { id: "kept", mergedIntoId: null },
        { id: "other", mergedIntoId: null },
      ]),
    ).toEqual(["kept", "other"]);
  });

  it("queues one link email for the person's collected pledges of every campaign, and nothing for a stranger", async () => {
    const queued = () =>
      db.query<{ data: { shopId: string; pledgeIds: string[] } }>(
        `SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
        [PORTAL_LINK_QUEUE],
      );
    await requestLinks(db, queue, shop.domain, "nobody@example.com");
    expect(await queued()).toEqual([]);

    await requestLinks(db, queue, shop.domain, "ADA.LOVELACE@EXAMPLE.COM");
    await requestLinks(db, queue, shop.domain, "ada.lovelace@example.com");
    const jobs = await queued();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.shopId).toBe(shop.id);
    expect([...jobs[0]!.data.pledgeIds].sort()).toEqual([first.pledge.id, second.pledge.id].sort());
  });

  it("reaches the shop's backers and pledges by index, reading no other shop's rows", async () => {
    const plan = (sql: string, params: unknown[]) =>
      db.transaction(async (tx) => {
        // Forbidden, a sequential scan is still what the planner takes when no index can answer.
        await tx.query("SET LOCAL enable_seqscan = off");
        const [row] = await tx.query<{ "QUERY PLAN": [{ Plan: Plan }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        return scannedWhole(row!["QUERY PLAN"][0].Plan);
      });
    expect(await plan(BACKERS_BY_IDENTITY_SQL, [shop.id, "ada.lovelace@example.com"])).not.toContain("Backer");
    const collected = `SELECT count(*) FROM "Pledge" p WHERE p."shopId" = $1 AND p.status = 'COLLECTED'`;
    expect(await plan(`${collected} AND ${inShopCampaigns("p")}`, [shop.id])).not.toContain("Pledge");
    // The check can fail: by the shop alone, the whole table is read.
    expect(await plan(`SELECT id FROM "Backer" WHERE "shopId" = $1 AND email = $2`, [shop.id, "a@b.co"])).toContain(
      "Backer",
    );
    expect(await plan(collected, [shop.id])).toContain("Pledge");
  });
});
