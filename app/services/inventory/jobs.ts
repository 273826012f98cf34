// The inventory jobs, per shop: the reconciliation (every 15 minutes: Shopify's stock read again for every
// variant the app has a stake in, allocations brought to their targets, drift raised) and the merchant's
// "reserve campaign stock" for one campaign.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext } from "../../jobs/queue";
import { perShop } from "../shop-jobs";
import { allocateCampaign, allocatedCampaigns, checkDrift } from "./allocation";
import { refreshLevels, trackedVariantIds } from "./levels";

export const INVENTORY_RECONCILE_QUEUE = "inventory-reconcile";
export const INVENTORY_RECONCILE_CRON = "*/15 * * * *";
export const ALLOCATE_QUEUE = "inventory-allocate";

export const InventoryShopJobData = z.object({ shopId: z.string().min(1).optional() });
export const AllocateJobData = z.object({
  shopId: z.string().min(1),
  campaignId: z.string().min(1),
  by: z.string().min(1),
});

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;
type Deps = { adminOrigin?: string };

export function runInventoryReconcileJob(
  db: Database,
  deps: Deps,
  data: z.infer<typeof InventoryShopJobData>,
  context: Context,
) {
  return perShop(db, deps, INVENTORY_RECONCILE_QUEUE, 15, data, context, async ({ shopId, admin, pacer }) => {
    const cause = `job:${context.jobId}`;
    const variantIds = await trackedVariantIds(db, shopId);
    const levels = await refreshLevels(db, { shopId, admin, pacer, variantIds, signal: context.signal });
    let moved = 0;
    for (const campaignId of await allocatedCampaigns(db, shopId)) {
      const outcomes = await allocateCampaign(db, { shopId, admin, campaignId, cause });
      moved += outcomes.filter((o) => o.moved !== 0).length;
    }
    const drift = await checkDrift(db, shopId);
    return { ...levels, allocationsMoved: moved, drifted: drift.drifted };
  });
}

export function runAllocateJob(db: Database, deps: Deps, data: z.infer<typeof AllocateJobData>, context: Context) {
  return perShop(db, deps, ALLOCATE_QUEUE, 0, data, context, async ({ shopId, admin }) => {
    const outcomes = await allocateCampaign(db, { shopId, admin, campaignId: data.campaignId, cause: data.by });
    return {
      variants: outcomes.length,
      held: outcomes.reduce((sum, o) => sum + o.held, 0),
      short: outcomes.reduce((sum, o) => sum + (o.short ?? 0), 0),
    };
  });
}
