// Import runs as the admin shows them: history per campaign, one run's progress with its speed and estimate,
// its rejected rows page by page, and those rows as a CSV to fix and import again.
import type { ImportRun, PrismaClient } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "../../domain/spreadsheet-safe";

export async function listRuns(prisma: PrismaClient, shopId: string, campaignId: string, take = 50) {
  const runs = await prisma.importRun.findMany({
    where: { shopId, campaignId },
    orderBy: { createdAt: "desc" },
    take,
  });
  // Not runs.map(describeRun): map would hand it the index as "now".
  return runs.map((run) => describeRun(run));
}

export async function runForShop(prisma: PrismaClient, shopId: string, runId: string) {
  const run = await prisma.importRun.findFirst({ where: { id: runId, shopId } });
  return run ? describeRun(run) : null;
}

/** A run with what the progress bar needs: rows per second so far, and the seconds left at that pace. */
export function describeRun(run: ImportRun, now = Date.now()) {
  const elapsed = run.startedAt ? ((run.finishedAt?.getTime() ?? now) - run.startedAt.getTime()) / 1000 : 0;
  const rowsPerSecond = elapsed > 0 ? Math.round(run.rowsTotal / elapsed) : null;
  const running = run.status === "RUNNING";
  const secondsLeft =
    running && run.progress > 0.01 && elapsed > 0 ? Math.round((elapsed * (1 - run.progress)) / run.progress) : null;
  const errors = run.errors as Array<{ code: string; message: string; row: number | null }>;
  return {
    id: run.id,
    campaignId: run.campaignId,
    fileName: run.fileName,
    source: run.source,
    vintage: run.vintage,
    status: run.status,
    progress: run.progress,
    rows: run.rowsTotal,
    created: run.created,
    updated: run.updated,
    unchanged: run.unchanged,
    rejected: run.rejected,
    rowsPerSecond,
    secondsLeft,
    /** Why the whole run failed, when it did (row errors are in the rejections). */
    failure: errors.find((error) => error.row === null)?.message ?? null,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function rejectionsPage(
  prisma: PrismaClient,
  shopId: string,
  runId: string,
  { page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {},
) {
  const rows = await prisma.importRejection.findMany({
    where: { shopId, importRunId: runId },
    orderBy: [{ table: "asc" }, { row: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
    select: { table: true, row: true, errors: true },
  });
  return {
    rows: rows.slice(0, pageSize).map((rejection) => ({
      table: rejection.table,
      row: rejection.row,
      errors: rejection.errors as Array<{ column: string | null; value: string | null; message: string }>,
    })),
    hasNext: rows.length > pageSize,
  };
}

/**
 * The rejected rows as the file had them, with the row number and the reasons first, streamed a page at a time.
 * The columns are those of the rejected rows, in the order the file gave them.
 */
export async function* rejectionsCsv(prisma: PrismaClient, shopId: string, runId: string): AsyncGenerator<string> {
  const columns: string[] = [];
  const known = new Set<string>();
  // The column set is settled by a first pass over the cells' keys, so that every line has the same columns.
  for await (const batch of rejectionBatches(prisma, shopId, runId)) {
    for (const rejection of batch) {
      for (const key of Object.keys(rejection.cells as object)) {
        if (!known.has(key)) {
          known.add(key);
          columns.push(key);
        }
      }
    }
  }
  let first = true;
  for await (const batch of rejectionBatches(prisma, shopId, runId)) {
    const records = batch.map((rejection) => {
      const cells = rejection.cells as Record<string, string>;
      const reasons = (rejection.errors as Array<{ column: string | null; message: string }>)
        .map((error) => (error.column ? `${error.column}: ${error.message}` : error.message))
        .join("; ");
      return [String(rejection.row), reasons, ...columns.map((column) => cells[column] ?? "")].map(spreadsheetSafe);
    });
    // A BOM so that spreadsheets read the file as UTF-8, and the header once.
    yield stringify(records, { header: first, columns: first ? ["Row", "Errors", ...columns] : undefined, bom: first });
    first = false;
  }
  if (first) yield stringify([], { header: true, columns: ["Row", "Errors"], bom: true });
}

async function* rejectionBatches(prisma: PrismaClient, shopId: string, runId: string) {
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.importRejection.findMany({
      where: { shopId, importRunId: runId },
      orderBy: [{ table: "asc" }, { row: "asc" }, { id: "asc" }],
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!batch.length) return;
    yield batch;
    cursor = batch.at(-1)!.id;
  }
}
