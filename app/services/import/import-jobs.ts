// Imports from the admin run as jobs: the upload is stored, an ImportRun is queued, and a worker reads the file
// and writes the pledges, keeping the run's progress for the progress bar. The job id comes from the run, so the
// run is queued once however often the job is retried.
import { checkCampaign } from "../exception-checks";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../db/open";
import { refreshStatistics } from "../../db/statistics";
import type { ColumnMapping } from "../../domain/import/column-mapping";
import type { Platform } from "../../domain/import/record";
import { TerminalJobError, type JobContext, type JobQueue } from "../../jobs/queue";
import { importFile } from "./import-file";
import { UnreadableFileError } from "./read-tables";
import { deleteUpload, withUploadFile } from "./uploads";

export const IMPORT_QUEUE = "import";
export const ImportJobData = z.object({ shopId: z.string().min(1), runId: z.string().min(1) });

export interface ImportOptions {
  platform?: Platform | "auto";
  currency?: string;
  mapping?: ColumnMapping;
}

export async function queueImport(
  db: Database,
  jobs: Pick<JobQueue, "enqueueWithId">,
  request: { shopId: string; campaignId: string; uploadId: string; fileName: string; options: ImportOptions },
) {
  const campaign = await db.prisma.campaign.findFirst({ where: { id: request.campaignId, shopId: request.shopId } });
  if (!campaign) throw new Error(`No campaign ${request.campaignId} in this shop`);
  // The run's id is a UUID so that it can be the job's id too: one run, one job, however often this is retried.
  const id = randomUUID();
  const run = await db.prisma.importRun.create({
    data: {
      id,
      jobId: id,
      shopId: request.shopId,
      campaignId: campaign.id,
      source: request.options.platform && request.options.platform !== "auto" ? request.options.platform : "CSV",
      fileName: request.fileName,
      uploadId: request.uploadId,
      options: request.options as never,
      status: "QUEUED",
    },
  });
  await jobs.enqueueWithId(IMPORT_QUEUE, { shopId: request.shopId, runId: run.id }, id);
  return run;
}

export async function runImportJob(
  db: Database,
  data: z.infer<typeof ImportJobData>,
  context: Pick<JobContext, "logger">,
) {
  const run = await db.prisma.importRun.findFirst({ where: { id: data.runId, shopId: data.shopId } });
  if (!run) throw new TerminalJobError(`No import run ${data.runId} in this shop`);
  if (run.status === "SUCCEEDED") return { runId: run.id, skipped: "already imported" };
  if (!run.uploadId) throw await fail(db, run.id, "The uploaded file is no longer stored: upload it again");
  const options = run.options as ImportOptions;
  try {
    const result = await withUploadFile(db, data.shopId, run.uploadId, (file) =>
      importFile(db, {
        shopId: data.shopId,
        campaign: { id: run.campaignId },
        runId: run.id,
        path: file.path,
        fileName: run.fileName,
        platform: options.platform,
        currency: options.currency,
        mapping: options.mapping,
      }),
    );
    await deleteUpload(db, data.shopId, run.uploadId);
    // PGlite has no autovacuum: the planner learns of the new rows now, before the checks and the backers list read
    // them. The import is done whatever happens here; the hourly pass tries again.
    await refreshStatistics(db).catch((error: Error) =>
      context.logger.warn({ runId: run.id, error: error.message }, "statistics not refreshed after the import"),
    );
    // What the file brought in is checked now, not at the next hourly scan: bad addresses, duplicates.
    await checkCampaign(db, data.shopId, run.campaignId, `import:${run.id}`);
    context.logger.info(
      { runId: run.id, rows: result.rows, created: result.created, rejected: result.rejected },
      "import finished",
    );
    return { runId: run.id, rows: result.rows };
  } catch (error) {
    // A file that cannot be read will not read better on a retry: it is failed for good and forgotten.
    if (error instanceof UnreadableFileError) {
      const terminal = await fail(db, run.id, error.message);
      await deleteUpload(db, data.shopId, run.uploadId);
      throw terminal;
    }
    throw error;
  }
}

/** Marks the run failed for good, keeping the row errors it found before the file stopped making sense. */
async function fail(db: Database, runId: string, message: string) {
  const run = await db.prisma.importRun.findUniqueOrThrow({ where: { id: runId }, select: { errors: true } });
  const rowErrors = (run.errors as Array<{ code: string }>).filter((error) => error.code !== "import_failed");
  await db.prisma.importRun.update({
    where: { id: runId },
    data: {
      status: "FAILED",
      finishedAt: new Date(),
      errors: [...rowErrors, { row: null, column: null, value: null, code: "unreadable_file", message }] as never,
    },
  });
  return new TerminalJobError(message);
}
