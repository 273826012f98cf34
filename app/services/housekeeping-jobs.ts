// The scheduled passes that need no click: the exception checks every hour (addresses, duplicates, unpaid
// invoices), and the shop's retention setting once a day. Each fans out one job per connected shop.
import { z } from "zod";
import type { Database } from "../db/open";
import type { JobContext } from "../jobs/queue";
import { checkShop } from "./exception-checks";
import { applyRetention } from "./privacy";
import { perShop } from "./shop-jobs";

export const EXCEPTIONS_SCAN_QUEUE = "exceptions-scan";
export const EXCEPTIONS_SCAN_CRON = "5 * * * *";
export const RETENTION_QUEUE = "privacy-retention";
export const RETENTION_CRON = "30 3 * * *";

export const HousekeepingJobData = z.object({ shopId: z.string().min(1).optional() });

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;
type Deps = { adminOrigin?: string };

export function runExceptionsScanJob(
  db: Database,
  deps: Deps,
  data: z.infer<typeof HousekeepingJobData>,
  context: Context,
) {
  return perShop(db, deps, EXCEPTIONS_SCAN_QUEUE, 60, data, context, async ({ shopId }) => ({
    campaigns: await checkShop(db, shopId, `job:${context.jobId}`),
  }));
}

export function runRetentionJob(db: Database, deps: Deps, data: z.infer<typeof HousekeepingJobData>, context: Context) {
  return perShop(db, deps, RETENTION_QUEUE, 24 * 60, data, context, ({ shopId }) =>
    applyRetention(db, shopId, `job:${context.jobId}`),
  );
}
