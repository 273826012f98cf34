// The jobs that follow the invoices, per shop: reconciliation (orders whose webhook never came, every half hour),
// reminders (hourly) and completing fully paid pledges (on the merchant's request). A scheduled run has no shop:
// it queues one job per connected shop, keyed by shop and time window so a second fan-out queues nothing.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext } from "../../jobs/queue";
import { perShop } from "../shop-jobs";
import { completePaidPledges } from "./complete";
import { holdMissing } from "../fulfillment/holds";
import { reconcileOrders } from "./linking";
import { sendDueReminders } from "./reminders";

export const RECONCILE_QUEUE = "orders-reconcile";
export const RECONCILE_CRON = "*/30 * * * *";
export const REMINDER_QUEUE = "orders-reminders";
export const REMINDER_CRON = "5 * * * *";
export const COMPLETE_QUEUE = "orders-complete";

export const ShopJobData = z.object({ shopId: z.string().min(1).optional() });
export const CompleteJobData = z.object({ shopId: z.string().min(1), campaignId: z.string().min(1) });

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;
type Deps = { adminOrigin?: string };

export function runReconcileJob(db: Database, deps: Deps, data: z.infer<typeof ShopJobData>, context: Context) {
  return perShop(db, deps, RECONCILE_QUEUE, 30, data, context, async (connection) => {
    const linked = await reconcileOrders(db, { ...connection, cause: `job:${context.jobId}`, signal: context.signal });
    // Then the orders linked without a hold (theirs never came either): held before anything ships them.
    const holds = await holdMissing(db, { ...connection, signal: context.signal });
    return { ...linked, held: holds.held };
  });
}

export function runReminderJob(db: Database, deps: Deps, data: z.infer<typeof ShopJobData>, context: Context) {
  return perShop(db, deps, REMINDER_QUEUE, 60, data, context, (connection) =>
    sendDueReminders(db, {
      ...connection,
      cause: `job:${context.jobId}`,
      adminOrigin: deps.adminOrigin,
      signal: context.signal,
    }),
  );
}

export async function runCompleteJob(
  db: Database,
  deps: Deps,
  data: z.infer<typeof CompleteJobData>,
  context: Context,
) {
  return perShop(db, deps, COMPLETE_QUEUE, 0, data, context, async (connection) => {
    const { orders: _orders, ...counts } = await completePaidPledges(db, {
      ...connection,
      campaignId: data.campaignId,
      cause: `job:${context.jobId}`,
      signal: context.signal,
    });
    return counts;
  });
}
