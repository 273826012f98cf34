// A job that runs for one shop, or (scheduled, with no shop) fans out one job per connected shop, keyed by shop
// and time window so a second fan-out in the same window queues nothing.
import type { Database } from "../db/open";
import type { JobContext } from "../jobs/queue";
import { stableUuid } from "../jobs/stable-id";
import { pacerForShop } from "../shopify/pacer";
import { adminForShop, ShopNotConnectedError } from "./shop-admin";

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;

export async function perShop<T>(
  db: Database,
  deps: { adminOrigin?: string },
  queue: string,
  windowMinutes: number,
  data: { shopId?: string },
  context: Context,
  work: (connection: {
    shopId: string;
    admin: Awaited<ReturnType<typeof adminForShop>>["admin"];
    pacer: ReturnType<typeof pacerForShop>;
  }) => Promise<T>,
) {
  if (!data.shopId) {
    const shops = await db.prisma.shop.findMany({ where: { uninstalledAt: null }, select: { id: true } });
    const window = Math.floor(Date.now() / (windowMinutes * 60_000));
    for (const shop of shops) {
      await context.jobs.enqueueWithId(queue, { shopId: shop.id }, stableUuid(`${queue}:${shop.id}:${window}`));
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
  return work({ shopId: data.shopId, admin: connection.admin, pacer: pacerForShop(connection.shop.domain) });
}
