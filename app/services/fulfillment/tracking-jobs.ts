// A 3PL's tracking file from the admin: checked as it arrives (a file with no order or tracking column, or that is
// not a CSV, is refused with its reason and nothing is kept), recorded with its text, then fulfilled by a job paced
// by the shop's budget. The job can run again after a crash or a lost answer: an order already shipped is reported
// as such and never fulfilled twice (tracking-import.ts). The text is dropped once the job has read it through.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext, JobQueue } from "../../jobs/queue";
import { stableUuid } from "../../jobs/stable-id";
import { perShop } from "../shop-jobs";
import { importTracking, readTrackingCsv } from "./tracking-import";

export const TRACKING_IMPORT_QUEUE = "tracking-import";
export const TRACKING_IMPORT_RETRIES = 3;
/** A tracking file is a few columns per order: 5 MB is well past the 20,000 rows one file may have. */
export const TRACKING_FILE_MAX_BYTES = 5 * 1024 * 1024;

export const TrackingImportJobData = z.object({
  shopId: z.string().min(1),
  trackingImportId: z.string().min(1),
});

/** Checks the file, records it and queues its job; a TrackingFileError says why a file is refused. */
export async function queueTrackingImport(
  db: Database,
  jobs: Pick<JobQueue, "enqueueWithId">,
  request: { shopId: string; campaignId: string; fileName: string; text: string; by: string },
) {
  const rows = readTrackingCsv(request.text);
  const campaign = await db.prisma.campaign.findFirst({ where: { id: request.campaignId, shopId: request.shopId } });
  if (!campaign) throw new Error("No such campaign in this shop");
  const created = await db.prisma.trackingImport.create({
    data: {
      shopId: request.shopId,
      campaignId: campaign.id,
      fileName: request.fileName.slice(0, 200) || "tracking.csv",
      rows: rows.length,
      file: request.text,
      createdBy: request.by,
    },
  });
  try {
    await jobs.enqueueWithId(
      TRACKING_IMPORT_QUEUE,
      { shopId: request.shopId, trackingImportId: created.id },
      stableUuid(`${TRACKING_IMPORT_QUEUE}:${created.id}`),
    );
  } catch (error) {
    await db.prisma.trackingImport.update({
      where: { id: created.id },
      data: { status: "FAILED", file: null, lastError: "The job could not be queued: upload the file again" },
    });
    throw error;
  }
  return created;
}

export async function runTrackingImportJob(
  db: Database,
  deps: { adminOrigin?: string },
  data: z.infer<typeof TrackingImportJobData>,
  context: Pick<JobContext, "jobId" | "signal" | "jobs" | "attempt">,
) {
  const where = { id: data.trackingImportId, shopId: data.shopId };
  const found = await db.prisma.trackingImport.findFirst({ where });
  if (!found || found.status === "SUCCEEDED" || found.status === "FAILED" || found.file === null)
    return { skipped: "done" };
  try {
    const result = await perShop(db, deps, TRACKING_IMPORT_QUEUE, 0, data, context, async ({ admin, pacer }) => {
      await db.prisma.trackingImport.update({ where: { id: found.id }, data: { status: "RUNNING" } });
      const outcomes = await importTracking(
        db,
        {
          shopId: data.shopId,
          admin,
          pacer,
          campaignId: found.campaignId,
          cause: `tracking:${found.id}`,
          signal: context.signal,
        },
        found.file!,
      );
      const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
      const rejected = outcomes.flatMap((o) =>
        o.outcome === "rejected" ? [{ row: o.row, order: o.order, reason: o.reason }] : [],
      );
      await db.prisma.trackingImport.update({
        where: { id: found.id },
        data: {
          status: "SUCCEEDED",
          fulfilled: count("fulfilled"),
          alreadyShipped: count("already_shipped"),
          rejected,
          file: null,
          lastError: null,
          finishedAt: new Date(),
        },
      });
      return { fulfilled: count("fulfilled"), alreadyShipped: count("already_shipped"), rejected: rejected.length };
    });
    if ("skipped" in result)
      await db.prisma.trackingImport.update({
        where: { id: found.id },
        data: {
          status: "FAILED",
          file: null,
          lastError: "The shop is not connected to Shopify",
          finishedAt: new Date(),
        },
      });
    return result;
  } catch (error) {
    // Kept for the next attempt; after the last one the file goes and the import says why it stopped.
    const last = context.attempt > TRACKING_IMPORT_RETRIES;
    await db.prisma.trackingImport.update({
      where: { id: found.id },
      data: {
        lastError: (error as Error).message.slice(0, 500),
        ...(last ? { status: "FAILED", file: null, finishedAt: new Date() } : {}),
      },
    });
    throw error;
  }
}

/** The campaign's latest tracking imports, for the Fulfillment page. */
export function latestTrackingImports(db: Database, shopId: string, campaignId: string) {
  return db.prisma.trackingImport.findMany({
    where: { shopId, campaignId },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: {
      id: true,
      fileName: true,
      rows: true,
      status: true,
      fulfilled: true,
      alreadyShipped: true,
      rejected: true,
      lastError: true,
      createdAt: true,
      finishedAt: true,
    },
  });
}
