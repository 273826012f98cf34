// A campaign ready to push: imported by the real importer from a generated Kickstarter report, its one tier mapped
// to the stand-in's first variant, ordered in the store's currency. Every tenth backer dropped their pledge.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "../../app/db/open";
import { importFile } from "../../app/services/import/import-file";
import { listRewards, mapReward } from "../../app/services/ordering/rewards";
import type { RunningSim } from "../../sim/server";
import { writeKickstarterReport } from "./kickstarter-report";

export async function readyCampaign(db: Database, sim: RunningSim, shopDomain: string, name: string, rows: number) {
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-ready-")), "backers.csv");
  writeKickstarterReport(file, { rows, tiers: [{ id: "901", title: "Core", minimum: 59 }], droppedEvery: 10 });
  const { campaignId } = await importFile(db, {
    shopId: shop.id,
    campaign: { name },
    path: file,
    fileName: "backers.csv",
    currency: "USD",
  });
  const [core] = await listRewards(db, shop.id, campaignId);
  const variant = [...sim.store.shop(shopDomain)!.state.variants.values()][0]!;
  // As the mapping page records it: the variant's SKU beside its id.
  await mapReward(db, shop.id, core!.id, [
    { variantId: `gid://shopify/ProductVariant/${variant.id}`, quantity: 1, sku: variant.sku },
  ]);
  const campaign = await db.prisma.campaign.update({
    where: { id: campaignId },
    data: { settings: { ordering: { currency: "store" } } },
  });
  return { shopId: shop.id, campaignId, handle: campaign.handle };
}
