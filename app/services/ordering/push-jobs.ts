// Pushes run as jobs, one campaign at a time (the queue is "stately" by campaign: one waiting, one running).
// A push of 100,000 pledges at a Standard shop's 10 drafts a second takes hours, longer than a job may run
// before the queue presumes its worker dead, so a job works in slices of a few minutes: each slice continues from
// the run's cursor and queues the next one. A slice that dies is retried from the cursor its last page saved.
import { randomUUID } from "node:crypto";
import type { PushRun } from "@prisma/client";
import { z } from "zod";
import type { Database } from "../../db/open";
import { TerminalJobError, type JobContext, type JobQueue } from "../../jobs/queue";
import { pacerForShop } from "../../shopify/pacer";
import { adminForShop, ShopNotConnectedError } from "../shop-admin";
import { sendInvoices, type InvoiceOptions, type InvoiceProgress } from "./invoices";
import { finishBulkPush, startBulkPush, waitForRunningBulkMutations } from "./bulk-push";
import { pushCampaign, type PushProgress } from "./push";
import { orderingCounts } from "./summary";

export const PUSH_QUEUE = "orders-push";
export const PushJobData = z.object({ shopId: z.string().min(1), runId: z.string().min(1) });

export interface PushJobDeps {
  db: Database;
  /** The local stand-in's origin (development and tests only; refused in production by the config). */
  adminOrigin?: string;
  /** How long one slice works before it hands over to the next. */
  sliceMs?: number;
  lookupDelayMs?: number;
  pageSize?: number;
  /** From this many ready pledges on, new drafts go through one bulk operation (default 2,000). */
  bulkThreshold?: number;
  /** How often a bulk operation's status is asked. */
  bulkPollMs?: number;
}

type Jobs = Pick<JobQueue, "enqueueWithId">;

export class PushInProgressError extends Error {
  override name = "PushInProgressError";
  constructor(readonly run: PushRun) {
    super(`A push of this campaign is already ${run.status === "QUEUED" ? "waiting" : "running"} (run ${run.id})`);
  }
}

/** A run to work here and now (the CLI), refused while another push of the campaign is open. */
export async function startPushRun(
  db: Database,
  request: { shopId: string; campaignId: string; retryFailed?: boolean; invoice?: boolean },
): Promise<PushRun> {
  const open = await openRun(db, request.shopId, request.campaignId);
  if (open) throw new PushInProgressError(open);
  return db.prisma.pushRun.create({
    data: {
      id: randomUUID(),
      shopId: request.shopId,
      campaignId: request.campaignId,
      retryFailed: request.retryFailed ?? false,
      invoice: request.invoice ?? false,
    },
  });
}

function openRun(db: Database, shopId: string, campaignId: string) {
  return db.prisma.pushRun.findFirst({
    where: { shopId, campaignId, status: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "desc" },
  });
}

/** Queues a push of the campaign, or returns the run already waiting or running for it. */
export async function queuePush(
  db: Database,
  jobs: Jobs,
  request: { shopId: string; campaignId: string; retryFailed?: boolean; invoice?: boolean },
): Promise<PushRun> {
  const campaign = await db.prisma.campaign.findFirst({ where: { id: request.campaignId, shopId: request.shopId } });
  if (!campaign) throw new Error(`No campaign ${request.campaignId} in this shop`);
  const open = await openRun(db, request.shopId, campaign.id);
  if (open) return open;
  const id = randomUUID();
  const run = await db.prisma.pushRun.create({
    data: {
      id,
      shopId: request.shopId,
      campaignId: campaign.id,
      retryFailed: request.retryFailed ?? false,
      invoice: request.invoice ?? false,
    },
  });
  await jobs.enqueueWithId(PUSH_QUEUE, { shopId: request.shopId, runId: id }, id, { singletonKey: campaign.id });
  return run;
}

export async function runPushJob(
  deps: PushJobDeps,
  jobs: Jobs | null,
  data: z.infer<typeof PushJobData>,
  context: Pick<JobContext, "logger" | "signal">,
) {
  const { db } = deps;
  const run = await db.prisma.pushRun.findFirst({ where: { id: data.runId, shopId: data.shopId } });
  if (!run) throw new TerminalJobError(`No push run ${data.runId} in this shop`);
  if (run.status === "SUCCEEDED" || run.status === "FAILED") return { runId: run.id, skipped: run.status };

  let connection;
  try {
    connection = await adminForShop(db.prisma, data.shopId, { adminOrigin: deps.adminOrigin });
  } catch (error) {
    if (error instanceof ShopNotConnectedError) throw await failRun(db, run.id, error.message);
    throw error;
  }
  let phase = run.phase;
  if (!run.startedAt) {
    const { ready } = await orderingCounts(db, data.shopId, run.campaignId);
    if (ready >= (deps.bulkThreshold ?? 2000)) phase = "bulk";
    await db.prisma.pushRun.update({
      where: { id: run.id },
      data: { status: "RUNNING", startedAt: new Date(), phase },
    });
  }
  const deadline = Date.now() + (deps.sliceMs ?? 5 * 60_000);
  const common = {
    shopId: data.shopId,
    campaignId: run.campaignId,
    admin: connection.admin,
    pacer: pacerForShop(connection.shop.domain),
    cause: `job:${run.id}`,
    adminOrigin: deps.adminOrigin,
    deadline,
    pageSize: deps.pageSize,
    signal: context.signal,
  };
  let cursor = run.cursor;
  try {
    for (;;) {
      const finished =
        phase === "bulk"
          ? await bulkSlice(db, run.id, { ...common, pollMs: deps.bulkPollMs })
          : phase === "push"
            ? await pushSlice(db, run.id, {
                ...common,
                retryFailed: run.retryFailed,
                after: cursor,
                lookupDelayMs: deps.lookupDelayMs,
              })
            : await invoiceSlice(db, run.id, { ...common, after: cursor });
      if (!finished) {
        if (!jobs) continue; // here and now (the CLI): no slices, go on
        const next = randomUUID();
        await jobs.enqueueWithId(PUSH_QUEUE, data, next, { singletonKey: run.campaignId });
        return { runId: run.id, continued: next };
      }
      if (phase === "bulk") {
        // The new drafts are made; live calls take what the bulk operation left (refusals, updates, lookups).
        phase = "push";
        cursor = "";
        await db.prisma.pushRun.update({ where: { id: run.id }, data: { phase, cursor } });
        continue;
      }
      if (phase === "push" && run.invoice) {
        // The drafts are made; the second phase sends their invoices, from the first pledge again.
        phase = "invoice";
        cursor = "";
        await db.prisma.pushRun.update({ where: { id: run.id }, data: { phase, cursor } });
        continue;
      }
      break;
    }
  } catch (error) {
    const terminal = error instanceof Error && "retryable" in error && error.retryable === false;
    if (terminal) throw await failRun(db, run.id, (error as Error).message);
    throw error;
  }
  const saved = await db.prisma.pushRun.update({
    where: { id: run.id },
    data: { status: "SUCCEEDED", finishedAt: new Date() },
  });
  context.logger.info(
    { runId: run.id, created: saved.created, updated: saved.updated, sent: saved.sent, failed: saved.failed },
    "push finished",
  );
  return { runId: run.id, created: saved.created, updated: saved.updated, sent: saved.sent, failed: saved.failed };
}

type SliceOptions = Omit<Parameters<typeof pushCampaign>[1], "onProgress">;

/** One slice of the push phase; its counts are added to the run's, page by page. Returns whether it finished. */
async function pushSlice(db: Database, runId: string, options: SliceOptions): Promise<boolean> {
  const run = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: runId } });
  const save = (progress: PushProgress) =>
    db.prisma.pushRun.update({
      where: { id: runId },
      data: {
        cursor: progress.cursor,
        total: progress.total,
        done: run.done + progress.done,
        planned: run.planned + progress.planned,
        created: run.created + progress.created,
        updated: run.updated + progress.updated,
        skipped: run.skipped + progress.skipped,
        blocked: run.blocked + progress.blocked,
        failed: run.failed + progress.failed,
      },
    });
  const result = await pushCampaign(db, { ...options, onProgress: save });
  await save(result);
  return result.finished;
}

/** Marks a bulk operation being started whose id is not known yet. */
const STARTING = "starting";

/** The bulk phase: start the operation (once), then wait for it and link its drafts. */
async function bulkSlice(
  db: Database,
  runId: string,
  options: Omit<SliceOptions, "after"> & { pollMs?: number },
): Promise<boolean> {
  const run = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: runId } });
  let operationId = run.bulkOperationId;
  if (operationId === STARTING) {
    // A slice died between starting an operation and recording it: wait for the shop's bulk mutations to end;
    // the live pass then finds their drafts by tag.
    return waitForRunningBulkMutations(options);
  }
  if (!operationId) {
    const started = await startBulkPush(db, {
      ...options,
      runId,
      beforeStart: () => db.prisma.pushRun.update({ where: { id: runId }, data: { bulkOperationId: STARTING } }),
    });
    if (!started.operationId) return true;
    operationId = started.operationId;
    await db.prisma.pushRun.update({ where: { id: runId }, data: { bulkOperationId: operationId } });
  }
  const finished = await finishBulkPush(db, { ...options, operationId });
  if (!finished.done) return false;
  await db.prisma.pushRun.update({ where: { id: runId }, data: { created: run.created + finished.created } });
  return true;
}

/** One slice of the invoice phase. */
async function invoiceSlice(
  db: Database,
  runId: string,
  options: Omit<InvoiceOptions, "onProgress">,
): Promise<boolean> {
  const run = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: runId } });
  const save = (progress: InvoiceProgress) =>
    db.prisma.pushRun.update({
      where: { id: runId },
      data: { cursor: progress.cursor, sent: run.sent + progress.sent, failed: run.failed + progress.failed },
    });
  const result = await sendInvoices(db, { ...options, onProgress: save });
  await save(result);
  return result.finished;
}

async function failRun(db: Database, runId: string, message: string): Promise<TerminalJobError> {
  await db.prisma.pushRun.update({
    where: { id: runId },
    data: { status: "FAILED", error: message, finishedAt: new Date() },
  });
  return new TerminalJobError(message);
}

/** A run as the ordering page shows it: counts, rate and time left. */
export function describePushRun(run: PushRun, now = new Date()) {
  const seconds = run.startedAt ? Math.max((now.getTime() - run.startedAt.getTime()) / 1000, 0.001) : 0;
  const rate = seconds && run.done ? run.done / seconds : 0;
  const left = Math.max(run.total - run.done, 0);
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    done: run.done,
    counts: {
      planned: run.planned,
      created: run.created,
      updated: run.updated,
      skipped: run.skipped,
      blocked: run.blocked,
      failed: run.failed,
      sent: run.sent,
    },
    phase: run.phase,
    invoice: run.invoice,
    pledgesPerSecond: run.status === "RUNNING" ? Math.round(rate * 10) / 10 : null,
    secondsLeft: run.status === "RUNNING" && rate ? Math.ceil(left / rate) : null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
