// Every queue the app has, with its data schema and retry policy. Handlers are thin: they call a service.
import { z } from "zod";
import {
  EXCEPTIONS_SCAN_CRON,
  EXCEPTIONS_SCAN_QUEUE,
  HousekeepingJobData,
  RETENTION_CRON,
  RETENTION_QUEUE,
  runExceptionsScanJob,
  runRetentionJob,
  runStatisticsJob,
  STATISTICS_CRON,
  STATISTICS_QUEUE,
} from "../services/housekeeping-jobs";
import type { Config } from "../config.server";
import type { Database } from "../db/open";
import { IMPORT_QUEUE, ImportJobData, runImportJob } from "../services/import/import-jobs";
import { PUSH_QUEUE, PushJobData, runPushJob, type PushJobDeps } from "../services/ordering/push-jobs";
import {
  COMPLETE_QUEUE,
  CompleteJobData,
  RECONCILE_CRON,
  RECONCILE_QUEUE,
  REMINDER_CRON,
  REMINDER_QUEUE,
  runCompleteJob,
  runReconcileJob,
  runReminderJob,
  ShopJobData,
} from "../services/ordering/follow-up-jobs";
import { runWaveReleaseJob, WAVE_RELEASE_QUEUE, WaveReleaseJobData } from "../services/fulfillment/jobs";
import {
  runTrackingImportJob,
  TRACKING_IMPORT_QUEUE,
  TRACKING_IMPORT_RETRIES,
  TrackingImportJobData,
} from "../services/fulfillment/tracking-jobs";
import {
  ALLOCATE_QUEUE,
  AllocateJobData,
  INVENTORY_RECONCILE_CRON,
  INVENTORY_RECONCILE_QUEUE,
  InventoryShopJobData,
  runAllocateJob,
  runInventoryReconcileJob,
} from "../services/inventory/jobs";
import {
  BALANCE_CRON,
  BALANCE_QUEUE,
  CHARGE_QUEUE,
  ChargeJobData,
  PREORDER_RECONCILE_CRON,
  PREORDER_RECONCILE_QUEUE,
  PreorderShopJobData,
  runBalanceJob,
  runChargeJob,
  runPreorderReconcileJob,
} from "../services/preorders/jobs";
import { PORTAL_LINK_QUEUE, PortalLinkJobData, sendRequestedLinks } from "../services/portal/request-link";
import { AdminApiError } from "../shopify/errors";
import { processWebhook } from "../webhooks/process";
import {
  queueUnqueued,
  WEBHOOK_QUEUE,
  WEBHOOK_SWEEP_CRON,
  WEBHOOK_SWEEP_QUEUE,
  WebhookJobData,
} from "../webhooks/receive";
import { defineQueue, TerminalJobError, type QueueDefinition } from "./queue";

/** The push settings of the configuration, as the push queue takes them. */
export function pushSettings(config: Config) {
  return {
    sliceMs: config.PUSH_SLICE_SECONDS * 1000,
    pageSize: config.PUSH_PAGE_SIZE,
    lookupDelayMs: config.PUSH_LOOKUP_DELAY_MS,
    bulkThreshold: config.PUSH_BULK_THRESHOLD,
    expireInSeconds: config.PUSH_JOB_EXPIRE_SECONDS,
  };
}

/** Terminal: our own TerminalJobError, and Shopify errors no retry fixes (401/402/403/404/423, bad query). */
export function isTerminalError(error: unknown): boolean {
  if (error instanceof TerminalJobError) return true;
  return error instanceof AdminApiError && !error.retryable;
}

export function jobDefinitions(deps: {
  db: Database;
  /** The local Shopify stand-in, when the configuration points at it. */
  adminOrigin?: string;
  /** Slice length, page size, lookup delay and bulk threshold of pushes (tests make them small). */
  push?: Pick<PushJobDeps, "sliceMs" | "pageSize" | "lookupDelayMs" | "bulkThreshold" | "bulkPollMs"> & {
    expireInSeconds?: number;
  };
}): QueueDefinition[] {
  return [
    defineQueue({
      name: WEBHOOK_QUEUE,
      schema: WebhookJobData,
      retryLimit: 8,
      retryDelaySeconds: 5,
      // A sale or a bulk edit sends hundreds a second: on PostgreSQL, 25 per fetch lets 4 slots handle ~200 a
      // second. PGlite is one thread shared with the web server: a worker that fast starves the intake (measured:
      // acknowledgements took seconds), so there it takes a few at a time and catches up after the burst.
      batchSize: deps.db.target.kind === "postgres" ? 25 : 2,
      isTerminal: isTerminalError,
      handler: (data, context) => processWebhook(deps.db, data, context, { adminOrigin: deps.adminOrigin }),
    }),
    defineQueue({
      name: WEBHOOK_SWEEP_QUEUE,
      schema: z.object({}),
      retryLimit: 1,
      retryDelaySeconds: 30,
      expireInSeconds: 5 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: WEBHOOK_SWEEP_CRON, data: {} },
      handler: (_data, context) => queueUnqueued(deps.db, context.jobs),
    }),
    defineQueue({
      name: IMPORT_QUEUE,
      schema: ImportJobData,
      // A failed run starts again from the top; rows it already wrote come back unchanged.
      retryLimit: 3,
      retryDelaySeconds: 10,
      expireInSeconds: 60 * 60,
      heartbeatSeconds: 30,
      isTerminal: isTerminalError,
      handler: (data, context) => runImportJob(deps.db, data, context),
    }),
    defineQueue({
      name: PUSH_QUEUE,
      schema: PushJobData,
      // One waiting and one running push per campaign (the singleton key); slices keep each job short.
      policy: "stately",
      retryLimit: 5,
      retryDelaySeconds: 30,
      expireInSeconds: deps.push?.expireInSeconds ?? 15 * 60,
      heartbeatSeconds: 30,
      isTerminal: isTerminalError,
      handler: (data, context) =>
        runPushJob({ db: deps.db, adminOrigin: deps.adminOrigin, ...deps.push }, context.jobs, data, context),
    }),
    defineQueue({
      name: PORTAL_LINK_QUEUE,
      schema: PortalLinkJobData,
      retryLimit: 5,
      retryDelaySeconds: 30,
      isTerminal: isTerminalError,
      handler: (data, context) => sendRequestedLinks(deps.db, { adminOrigin: deps.adminOrigin }, data, context.jobId),
    }),
    defineQueue({
      name: RECONCILE_QUEUE,
      schema: ShopJobData,
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: RECONCILE_CRON, data: {} },
      handler: (data, context) => runReconcileJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: REMINDER_QUEUE,
      schema: ShopJobData,
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: REMINDER_CRON, data: {} },
      handler: (data, context) => runReminderJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: COMPLETE_QUEUE,
      schema: CompleteJobData,
      policy: "stately",
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      handler: (data, context) => runCompleteJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: PREORDER_RECONCILE_QUEUE,
      schema: PreorderShopJobData,
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 15 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: PREORDER_RECONCILE_CRON, data: {} },
      handler: (data, context) => runPreorderReconcileJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: BALANCE_QUEUE,
      schema: PreorderShopJobData,
      // A charge in flight is asked again with its own key on the retry, so retrying the job is safe.
      retryLimit: 3,
      retryDelaySeconds: 120,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: BALANCE_CRON, data: {} },
      handler: (data, context) => runBalanceJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: CHARGE_QUEUE,
      schema: ChargeJobData,
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      handler: (data, context) => runChargeJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: INVENTORY_RECONCILE_QUEUE,
      schema: InventoryShopJobData,
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 15 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: INVENTORY_RECONCILE_CRON, data: {} },
      handler: (data, context) => runInventoryReconcileJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: ALLOCATE_QUEUE,
      schema: AllocateJobData,
      policy: "stately",
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      handler: (data, context) => runAllocateJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: WAVE_RELEASE_QUEUE,
      schema: WaveReleaseJobData,
      // One release per wave at a time; each job releases a batch and queues the next.
      policy: "stately",
      retryLimit: 5,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      heartbeatSeconds: 30,
      isTerminal: isTerminalError,
      handler: (data, context) => runWaveReleaseJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: TRACKING_IMPORT_QUEUE,
      schema: TrackingImportJobData,
      retryLimit: TRACKING_IMPORT_RETRIES,
      retryDelaySeconds: 30,
      expireInSeconds: 30 * 60,
      heartbeatSeconds: 30,
      isTerminal: isTerminalError,
      handler: (data, context) => runTrackingImportJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: EXCEPTIONS_SCAN_QUEUE,
      schema: HousekeepingJobData,
      retryLimit: 2,
      retryDelaySeconds: 300,
      expireInSeconds: 30 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: EXCEPTIONS_SCAN_CRON, data: {} },
      handler: (data, context) => runExceptionsScanJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: RETENTION_QUEUE,
      schema: HousekeepingJobData,
      retryLimit: 2,
      retryDelaySeconds: 600,
      expireInSeconds: 60 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: RETENTION_CRON, data: {} },
      handler: (data, context) => runRetentionJob(deps.db, { adminOrigin: deps.adminOrigin }, data, context),
    }),
    defineQueue({
      name: STATISTICS_QUEUE,
      schema: z.object({}),
      retryLimit: 1,
      retryDelaySeconds: 600,
      expireInSeconds: 15 * 60,
      isTerminal: isTerminalError,
      schedule: { cron: STATISTICS_CRON, data: {} },
      handler: () => runStatisticsJob(deps.db),
    }),
  ];
}
