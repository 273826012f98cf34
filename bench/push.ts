// The live push benchmark: N pledges pushed as draft orders to the local stand-in, whose cost bucket runs at a
// plan's restore rate sped up by a time scale. Prints the achieved draft orders per second against the budget
// bound, the best any client could do with that bucket: (N × cost − bucket) / restore rate seconds, the bucket
// being spent at once and the rest at the restore rate. Also checks that no pledge got two drafts.
// Usage: npx tsx bench/push.ts [pledges]   (BENCH_PLAN standard|advanced|plus, BENCH_TIME_SCALE, BENCH_CONCURRENCY,
// DATABASE_URL: pglite://memory by default, or a postgres:// database)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase } from "../app/db/migrate";
import { openDatabase } from "../app/db/open";
import { describeDatabaseUrl } from "../app/db/url";
import { pledgeTag } from "../app/domain/ordering/tags";
import { importFile } from "../app/services/import/import-file";
import { finishBulkPush, startBulkPush } from "../app/services/ordering/bulk-push";
import { pushCampaign } from "../app/services/ordering/push";
import { listRewards, mapReward } from "../app/services/ordering/rewards";
import { updateOrderSettings } from "../app/services/ordering/settings";
import { connectShop } from "../app/services/shops";
import { createAdminClient } from "../app/shopify/admin-client";
import { CostPacer } from "../app/shopify/pacer";
import { DEMO_SHOP, PLANS, startSim, type Plan } from "../sim/server";
import { writeKickstarterReport } from "../tests/helpers/kickstarter-report";

const pledges = Number(process.argv[2] ?? 2000);
const plan = (process.env.BENCH_PLAN ?? "standard") as Plan;
const timeScale = Number(process.env.BENCH_TIME_SCALE ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const url = process.env.DATABASE_URL ?? "pglite://memory";
// BENCH_PATH=bulk: every pledge in one bulk operation instead of live calls.
const bulk = process.env.BENCH_PATH === "bulk";

// A new shop each run: the stand-in numbers its draft orders from 1, and a database kept between runs remembers.
const SHOP = { ...DEMO_SHOP, domain: `bench-${Date.now()}.myshopify.com`, accessToken: "bench" };
const sim = await startSim({ plan, timeScale, shops: [SHOP] });
const db = await openDatabase(url, { poolSize: 4 });
await migrateDatabase(db);
const admin = createAdminClient({ shop: SHOP.domain, accessToken: "bench", adminOrigin: sim.url });
await connectShop(db.prisma, admin, "bench");
const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP.domain } });

const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-bench-push-")), "backers.csv");
writeKickstarterReport(file, { rows: pledges, tiers: [{ id: "901", title: "Core", minimum: 59 }] });
const { campaignId } = await importFile(db, {
  shopId: shop.id,
  campaign: { name: `Bench ${Date.now()}` },
  path: file,
  fileName: "backers.csv",
});
const [core] = await listRewards(db, shop.id, campaignId);
const variant = [...sim.store.shop(SHOP.domain)!.state.variants.values()][0]!;
await mapReward(db, shop.id, core!.id, [{ variantId: `gid://shopify/ProductVariant/${variant.id}`, quantity: 1 }]);
await updateOrderSettings(db.prisma, shop.id, campaignId, { currency: "store" });

const pacer = new CostPacer({ timeScale, maxInFlight: concurrency });
let cost = 0;
const start = performance.now();
if (bulk) {
  const options = { shopId: shop.id, campaignId, admin, pacer, cause: "bench" };
  const started = await startBulkPush(db, { ...options, runId: `bench-${Date.now()}` });
  const uploaded = performance.now();
  const finished = await finishBulkPush(db, { ...options, operationId: started.operationId!, pollMs: 200 });
  const total = (performance.now() - start) / 1000;
  const drafts = [...sim.store.shop(SHOP.domain)!.state.draftOrders.values()];
  const perTag = new Map<string, number>();
  for (const draft of drafts) for (const tag of draft.tags) perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
  const operations = sim.bulk.list(SHOP.domain).filter((op) => op.type === "MUTATION").length;
  console.log(`bulk push of ${pledges.toLocaleString("en")} pledges to the stand-in, ${describeDatabaseUrl(url)}`);
  console.log(`plan, claim and upload ${started.lines} lines   ${((uploaded - start) / 1000).toFixed(2)} s`);
  console.log(`operation run and drafts linked       ${((performance.now() - uploaded) / 1000).toFixed(2)} s`);
  console.log(
    `total ${total.toFixed(2)} s: ${Math.round(finished.created / total).toLocaleString("en")} drafts/s; ` +
      `${operations} bulk operation(s), ${finished.created} linked, ` +
      `duplicates ${[...perTag.entries()].filter(([tag, n]) => tag.startsWith("pb-") && n > 1).length}; ` +
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  await db.close();
  await sim.close();
  process.exit(0);
}
const result = await pushCampaign(db, {
  shopId: shop.id,
  campaignId,
  admin: {
    ...admin,
    // Reads the cost Shopify charges per draft order from the answers, for the bound below.
    request: (async (document: string, variables: never) => {
      const answer = await (admin.request as (d: string, v: unknown) => ReturnType<typeof admin.request>)(
        document,
        variables,
      );
      if (answer.cost && document.includes("draftOrderCreate")) cost = answer.cost.requestedQueryCost;
      return answer;
    }) as typeof admin.request,
  },
  pacer,
  cause: "bench",
  concurrency,
  lookupDelayMs: 0,
});
const seconds = (performance.now() - start) / 1000;

const drafts = [...sim.store.shop(SHOP.domain)!.state.draftOrders.values()];
const tags = new Map<string, number>();
for (const draft of drafts) for (const tag of draft.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
const linked = await db.prisma.pledge.findMany({ where: { campaignId }, select: { id: true } });
const duplicates = linked.filter((p) => (tags.get(pledgeTag(p.id)) ?? 0) > 1).length;

const { maximumAvailable, restoreRate } = PLANS[plan];
const rate = restoreRate * timeScale;
const boundSeconds = Math.max(result.created * cost - maximumAvailable, 0) / rate;
const achieved = result.created / seconds;
console.log(
  `live push of ${pledges.toLocaleString("en")} pledges to the stand-in, ${plan} plan (bucket ${maximumAvailable}, ` +
    `${restoreRate} points/s) × ${timeScale} time scale, ${concurrency} in flight, ${describeDatabaseUrl(url)}`,
);
console.log(`cost per draft order               ${cost} points`);
console.log(
  `budget bound                        ${(rate / cost).toFixed(1)} drafts/s steady, ${boundSeconds.toFixed(2)} s for ` +
    `these ${result.created} after the initial burst of ${Math.floor(maximumAvailable / cost)}`,
);
console.log(`achieved                            ${achieved.toFixed(1)} drafts/s, ${seconds.toFixed(2)} s`);
console.log(`ratio to the bound                  ${(boundSeconds / seconds).toFixed(2)}`);
console.log(
  `created ${result.created}, failed ${result.failed}, duplicates ${duplicates}, throttled ${pacer.stats.throttled} times`,
);
await db.close();
await sim.close();
