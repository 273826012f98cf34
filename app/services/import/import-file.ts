// Importing a backer report into a campaign: streamed, in batches, each batch one transaction (a row is never
// half-written), keyed by (campaign, source, external backer id). Re-importing the same file changes nothing; a
// newer file updates what changed and records an Event per change. Rewards and add-ons found in the file become
// the campaign's rewards. Rejected rows are kept whole for download. Progress and the outcome are on the ImportRun.
import { setImmediate } from "node:timers/promises";
import type { Campaign } from "@prisma/client";
import type { Database } from "../../db/open";
import type { RowError } from "../../domain/import/record";
import { bulkInsert, releaseCopyText } from "../../db/bulk-insert";
import { keyCheck } from "../../db/foreign-keys";
import { createCampaign } from "../campaigns";
import type { ImportReport } from "./check-file";
import { isLargeFile, openBatchReader, type BatchReader, type ReadBatch } from "./batch-reader";
import { keepErrors, type ParseFileOptions } from "./parse-file";
import { insertRewards, writeBatch, type BatchContext, type RewardRow } from "./write-batch";

export interface ImportRequest extends ParseFileOptions {
  shopId: string;
  /** An existing campaign, or the name of one to create with the file's platform and currency. */
  campaign: { id: string } | { name: string };
  path: string;
  fileName: string;
  /** A run already created (queued from the admin); otherwise the import creates its own. */
  runId?: string;
  batchSize?: number;
  /** Batches written at once; by default 2 on PostgreSQL, 1 on PGlite. */
  concurrency?: number;
  maxStoredErrors?: number;
  /** Read the file on a thread of its own (batch-reader.ts); by default when it is large and the database PGlite. */
  thread?: boolean;
}

export interface ImportResult extends ImportReport {
  runId: string;
  campaignId: string;
}

const PROGRESS_EVERY_MS = 250;

type Counts = { rows: number; created: number; updated: number; unchanged: number; rejected: number };

const REJECTION_COLUMNS = {
  shopId: "text",
  importRunId: "text",
  table: "text",
  row: "integer",
  cells: "jsonb",
  errors: "jsonb",
};

export async function importFile(db: Database, request: ImportRequest): Promise<ImportResult> {
  const { prisma } = db;
  const existing =
    "id" in request.campaign
      ? await prisma.campaign.findFirst({ where: { id: request.campaign.id, shopId: request.shopId } })
      : await prisma.campaign.findFirst({
          where: { shopId: request.shopId, name: { equals: request.campaign.name, mode: "insensitive" } },
        });
  if ("id" in request.campaign && !existing) throw new Error(`No campaign ${request.campaign.id} in this shop`);

  // A large file is read on a thread of its own when the database works on this thread (PGlite): the reading
  // thread parses it and makes the COPY text while this one writes, and the import takes a fifth less time. On
  // PostgreSQL this thread's work overlaps the server's already: read on a thread, the import was no faster and took
  // 0.5–1 s more CPU and 10–30 MB more memory (bench/import.ts, BENCH_THREAD, interleaved runs). A small file is read
  // here: a thread takes a quarter of a second to start.
  const thread = request.thread ?? (db.target.kind === "pglite" && isLargeFile(request.path));
  // The first row settles the file's platform and currency, which a new campaign takes.
  const reader = await openBatchReader(
    {
      path: request.path,
      options: {
        platform: request.platform,
        mapping: request.mapping,
        currency: existing?.currencyCode ?? request.currency,
      },
      fileName: request.fileName,
    },
    thread,
  );
  try {
    return await importBatches(db, request, existing, reader);
  } finally {
    await reader.close();
  }
}

async function importBatches(
  db: Database,
  request: ImportRequest,
  existing: Campaign | null,
  reader: BatchReader,
): Promise<ImportResult> {
  const { prisma } = db;
  const { shape } = reader;
  const campaign =
    existing ??
    (await createCampaign(prisma, request.shopId, {
      name: (request.campaign as { name: string }).name,
      platform: shape.platform,
      currencyCode: shape.currency,
    }));
  const start = {
    campaignId: campaign.id,
    source: shape.platform,
    vintage: shape.vintage,
    status: "RUNNING" as const,
    startedAt: new Date(),
  };
  const run = request.runId
    ? await prisma.importRun.update({ where: { id: request.runId, shopId: request.shopId }, data: start })
    : await prisma.importRun.create({ data: { ...start, shopId: request.shopId, fileName: request.fileName } });
  // A retried run starts again from the top: what it wrote before is unchanged now, its rejections come again.
  await prisma.importRejection.deleteMany({ where: { importRunId: run.id, shopId: request.shopId } });

  const counts: Counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const errors: RowError[] = [];
  let moreErrors = 0;
  const maxErrors = request.maxStoredErrors ?? 1000;
  const context: BatchContext = {
    shopId: request.shopId,
    campaignId: campaign.id,
    runId: run.id,
    rewardIds: new Map(),
    copying: true,
    walWrittenAtCommit: db.target.kind === "pglite",
  };
  // PGlite: the batches' new rows have their foreign keys checked a batch at a time, not a row at a time.
  const keys = db.target.kind === "pglite" ? await keyCheck(db, ["Backer", "Pledge"]) : null;
  const batchSize = request.batchSize ?? 1000;
  let progressWrittenAt = performance.now();
  let readProgress = 0;
  // The run's context learns the ids too: a batch written the other way (writeBatch) takes them from there, and the
  // batches read on a thread of their own were made with a copy of the context.
  const rewardIds = async (missing: RewardRow[]) => {
    const found = await db.transaction((tx) => insertRewards(tx, context, missing));
    for (const [key, id] of found) context.rewardIds.set(key, id);
    return found;
  };

  const write = async (batch: ReadBatch) => {
    const outcome = batch.count
      ? await db.transaction((tx) => writeBatch(tx, context, batch, keys))
      : { created: 0, updated: 0, unchanged: 0 };
    if (!context.copying) reader.stopCopying();
    await bulkInsert(
      db,
      "ImportRejection",
      REJECTION_COLUMNS,
      batch.rejections.map(({ table, row, cells, errors: rowErrors }) => ({ table, row, cells, errors: rowErrors })),
      { same: { shopId: request.shopId, importRunId: run.id } },
    );
    if (batch.newRows) for (const rows of [batch.newRows.backers, batch.newRows.pledges]) releaseCopyText(rows);
    batch.written();
    counts.created += outcome.created;
    counts.updated += outcome.updated;
    counts.unchanged += outcome.unchanged;
    // The run's progress, for the progress bar: often enough for it to move smoothly, not once per batch (each
    // write waits for the disk).
    if (performance.now() - progressWrittenAt < PROGRESS_EVERY_MS) return;
    progressWrittenAt = performance.now();
    await prisma.importRun.update({
      where: { id: run.id },
      data: { ...countColumns(counts), progress: readProgress },
    });
  };

  // Batches are written while the next ones are read; PostgreSQL takes two at once on two connections (a
  // backer in both waits on the other's unique key, then is read back). PGlite runs one statement at a time.
  const inFlight = new Set<Promise<void>>();
  const depth = request.concurrency ?? (db.target.kind === "postgres" ? 2 : 1);
  const flush = async (batch: ReadBatch) => {
    while (inFlight.size >= depth) await Promise.race(inFlight);
    // A turn of the event loop between batches: PGlite works on this thread, and with batches always ready (read
    // on a thread of their own) the writes would otherwise keep requests and timers waiting until the import ends.
    await setImmediate();
    const writing = write(batch);
    inFlight.add(writing);
    writing.then(
      () => inFlight.delete(writing),
      () => {}, // stays in the set: the next Promise.race or the final Promise.all throws it
    );
  };

  try {
    for await (const batch of reader.batches(context, rewardIds, batchSize)) {
      // Rows and progress as far as the file is read, the same way: the bar and the row count agree.
      counts.rows += batch.rows;
      readProgress = batch.progress;
      for (const rejection of batch.rejections) {
        counts.rejected++;
        moreErrors += keepErrors(errors, rejection.errors, maxErrors);
      }
      await flush(batch);
    }
    await Promise.all(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    await prisma.importRun.update({
      where: { id: run.id },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        ...countColumns(counts),
        errors: [
          ...errors,
          { row: null, column: null, value: null, code: "import_failed", message: (error as Error).message },
        ] as never,
      },
    });
    throw error;
  }
  await prisma.importRun.update({
    where: { id: run.id },
    data: {
      status: "SUCCEEDED",
      finishedAt: new Date(),
      progress: 1,
      ...countColumns(counts),
      errors: errors as never,
    },
  });
  return {
    runId: run.id,
    campaignId: campaign.id,
    platform: shape.platform,
    vintage: shape.vintage,
    currency: shape.currency,
    tables: shape.tables,
    ...counts,
    errors,
    moreErrors,
  };
}

function countColumns(counts: Counts) {
  return {
    rowsTotal: counts.rows,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: counts.rejected,
  };
}
