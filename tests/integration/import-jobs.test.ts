// Imports queued from the admin: the upload stored in the database, a job that reads it and fills the run's
// progress, and the unhappy paths (an unreadable file, a run of another shop, a file over the size limit).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { jobDefinitions } from "../../app/jobs/definitions";
import { JobQueue } from "../../app/jobs/queue";
import { createCampaign } from "../../app/services/campaigns";
import { IMPORT_QUEUE, queueImport } from "../../app/services/import/import-jobs";
import { storeUpload, UploadTooLargeError, withUploadFile } from "../../app/services/import/uploads";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";

const dir = mkdtempSync(path.join(tmpdir(), "pb-import-jobs-"));

describe(`imports queued from the admin on ${engineName}`, () => {
  let db: Database & { drop(): Promise<void> };
  let queue: JobQueue;

  beforeAll(async () => {
    db = await openTestDatabase();
    queue = await JobQueue.start(db, jobDefinitions({ db }), memoryLogger().logger);
    await queue.work(2);
  });
  afterAll(async () => {
    await queue.stop();
    await db.drop();
  });

  async function campaignFor(name: string) {
    const shop = await createShop(db.prisma);
    const campaign = await createCampaign(db.prisma, shop.id, { name, platform: "KICKSTARTER", currencyCode: "GBP" });
    return { shop, campaign };
  }

  const settledRun = (runId: string) =>
    waitFor(
      async () => {
        const run = await db.prisma.importRun.findUniqueOrThrow({ where: { id: runId } });
        return run.status === "SUCCEEDED" || run.status === "FAILED" ? run : undefined;
      },
      30_000,
      `import run ${runId} to finish`,
    );

  it("stores an upload byte for byte, in chunks, for this shop only", async () => {
    const { shop } = await campaignFor("Bytes");
    const other = await createShop(db.prisma);
    const file = path.join(dir, "big.bin");
    const bytes = Buffer.alloc(2.5 * 1024 * 1024, 7);
    bytes.write("start", 0);
    bytes.write("end", bytes.length - 3);
    writeFileSync(file, bytes);
    const id = await storeUpload(db, { shopId: shop.id, fileName: "big.bin", path: file, maxBytes: 10 * 1024 * 1024 });
    expect(await db.prisma.importUploadChunk.count({ where: { uploadId: id } })).toBe(3);
    const copy = await withUploadFile(db, shop.id, id, async (stored) =>
      (await import("node:fs")).readFileSync(stored.path),
    );
    expect(copy.equals(bytes)).toBe(true);
    await expect(withUploadFile(db, other.id, id, async () => "read")).rejects.toThrow(/No upload/);
  });

  it("refuses a file over the limit and stores nothing of it", async () => {
    const { shop } = await campaignFor("Too big");
    const file = path.join(dir, "too-big.csv");
    writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 65));
    await expect(
      storeUpload(db, { shopId: shop.id, fileName: "too-big.csv", path: file, maxBytes: 1024 * 1024 }),
    ).rejects.toThrow(UploadTooLargeError);
    expect(await db.prisma.importUpload.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("runs a queued import to the end, with its progress, and forgets the upload", async () => {
    const { shop, campaign } = await campaignFor("Queued");
    const uploadId = await storeUpload(db, {
      shopId: shop.id,
      fileName: "2024.csv",
      path: "tests/fixtures/kickstarter/2024.csv",
      maxBytes: 1024 * 1024,
    });
    const run = await queueImport(db, queue, {
      shopId: shop.id,
      campaignId: campaign.id,
      uploadId,
      fileName: "2024.csv",
      options: { platform: "auto" },
    });
    expect(run.status).toBe("QUEUED");
    const done = await settledRun(run.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", progress: 1, rowsTotal: 3, created: 3, source: "KICKSTARTER" });
    expect(await db.prisma.pledge.count({ where: { campaignId: campaign.id } })).toBe(3);
    expect(done.jobId).toBe(run.id);
    // The run is marked done before the job forgets the upload: wait for the job itself.
    await waitFor(async () => (await queue.status(IMPORT_QUEUE, run.id))?.state === "completed", 30_000, "the job");
    expect(await db.prisma.importUpload.count({ where: { id: uploadId } })).toBe(0);
    // PGlite has no autovacuum: the job gave the planner statistics for what it wrote (app/db/statistics.ts).
    if (db.target.kind === "pglite") {
      const [pledges] = await db.query<{ reltuples: number }>(
        `SELECT reltuples FROM pg_class WHERE oid = '"Pledge"'::regclass`,
      );
      expect(pledges!.reltuples).toBeGreaterThanOrEqual(3);
    }
  });

  it("fails a file it cannot read for good, with the reason on the run, and writes no pledge", async () => {
    const { shop, campaign } = await campaignFor("Unreadable");
    const file = path.join(dir, "unknown.csv");
    writeFileSync(file, "Colour,Size\nBlue,M\n");
    const uploadId = await storeUpload(db, { shopId: shop.id, fileName: "unknown.csv", path: file, maxBytes: 1024 });
    const run = await queueImport(db, queue, {
      shopId: shop.id,
      campaignId: campaign.id,
      uploadId,
      fileName: "unknown.csv",
      options: {},
    });
    const done = await settledRun(run.id);
    expect(done.status).toBe("FAILED");
    expect(done.errors).toEqual([
      expect.objectContaining({ code: "unreadable_file", message: expect.stringMatching(/not a format/) }),
    ]);
    expect(await db.prisma.pledge.count({ where: { campaignId: campaign.id } })).toBe(0);
    await waitFor(
      async () => (await queue.status(IMPORT_QUEUE, done.jobId!))?.state === "failed",
      30_000,
      "the job to fail",
    );
    expect(await db.prisma.importUpload.count({ where: { id: uploadId } })).toBe(0);
    // Terminal: one attempt, no retries.
    expect((await queue.status(IMPORT_QUEUE, done.jobId!))?.attempts).toBeLessThanOrEqual(1);
  });

  it("will not queue into another shop's campaign", async () => {
    const { campaign } = await campaignFor("Theirs");
    const mine = await createShop(db.prisma);
    const uploadId = await storeUpload(db, {
      shopId: mine.id,
      fileName: "2024.csv",
      path: "tests/fixtures/kickstarter/2024.csv",
      maxBytes: 1024 * 1024,
    });
    await expect(
      queueImport(db, queue, { shopId: mine.id, campaignId: campaign.id, uploadId, fileName: "x.csv", options: {} }),
    ).rejects.toThrow(/No campaign/);
    expect(await db.prisma.importRun.count({ where: { campaignId: campaign.id } })).toBe(0);
  });
});
