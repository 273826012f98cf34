// The reconciliation as a job: every half hour for every connected shop (the schedule queues one job without a
// shop, which queues one per shop), or for one shop on request. It links orders whose webhook never came.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext } from "../../jobs/queue";
import { stableUuid } from "../../jobs/stable-id";
import { pacerForShop } from "../../shopify/pacer";
import { adminForShop, ShopNotConnectedError } from "../shop-admin";
import { reconcileOrders } from "./linking";

export const RECONCILE_QUEUE = "orders-reconcile";
export const RECONCILE_CRON = "*/30 * * * *";

export const ReconcileJobData = z.object({ shopId: z.string().min(1).optional() });

export async function runReconcileJob(
  db: Database,
  deps: { adminOrigin?: string },
  data: z.infer<typeof ReconcileJobData>,
  context: Pick<JobContext, "jobId" | "signal" | "jobs">,
) {
  if (!data.shopId) {
    const shops = await db.prisma.shop.findMany({ where: { uninstalledAt: null }, select: { id: true } });
    // One job per shop and half hour, however often the fan-out runs.
    const window = Math.floor(Date.now() / 1_800_000);
    for (const shop of shops) {
      await context.jobs.enqueueWithId(
        RECONCILE_QUEUE,
        { shopId: shop.id },
        stableUuid(`reconcile:${shop.id}:${window}`),
      );
    }
    return { shops: shops.length };
  }
  let connection;
  try {
    connection = await adminForShop(db.prisma, data.shopId, { adminOrigin: deps.adminOrigin });
  } catch (error) {
    if (error instanceof ShopNotConnectedError) return { skipped: "not connected" };
    throw error;
  }
  return reconcileOrders(db, {
    shopId: data.shopId,
    admin: connection.admin,
    pacer: pacerForShop(connection.shop.domain),
    cause: `job:${context.jobId}`,
    signal: context.signal,
  });
}
