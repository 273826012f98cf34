// The scheduled passes that need no click: the exception checks every hour (addresses, duplicates, unpaid
// invoices), and the shop's retention setting once a day, each fanned out as one job per connected shop; and, on
// PGlite, the planner's statistics every hour (the database's, not a shop's).
import { z } from "zod";
import type { Database } from "../db/open";
import { refreshStatistics } from "../db/statistics";
import type { JobContext } from "../jobs/queue";
import { checkShop } from "./exception-checks";
import { applyRetention } from "./privacy";
import { perShop } from "./shop-jobs";

export const EXCEPTIONS_SCAN_QUEUE = "exceptions-scan";
export const EXCEPTIONS_SCAN_CRON = "5 * * * *";
export const RETENTION_QUEUE = "privacy-retention";
export const RETENTION_CRON = "30 3 * * *";
export const STATISTICS_QUEUE = "database-statistics";
export const STATISTICS_CRON = "40 * * * *";

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

/** PGlite has no autovacuum: the tables that changed are analyzed (app/db/statistics.ts). Nothing on PostgreSQL. */
export async function runStatisticsJob(db: Database) {
  return { analyzed: await refreshStatistics(db) };
}
