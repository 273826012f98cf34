// PGlite has no WAL writer process: WAL a commit does not write goes out a page at a time when the WAL buffers fill,
// 14,000 writes in an import of 100,000 rows. There an import's batch writes its WAL at its commit, in one piece
// (write-batch.ts, the WAL buffers in open.ts); on PostgreSQL it does not wait for the disk (decision 0011).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { importFile } from "../../app/services/import/import-file";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";
import { writeKickstarterReport } from "../helpers/kickstarter-report";

describe.skipIf(engineName !== "PGlite")("an import's WAL on PGlite", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => (db = await openTestDatabase()));
  afterAll(() => db.drop());

  /** What PostgreSQL counted of its WAL so far, this session's own counts included. */
  async function walCounts() {
    await db.query("SELECT pg_stat_force_next_flush()");
    const [row] = await db.query<{ bytes: string; buffersFull: string }>(
      `SELECT wal_bytes::bigint::text AS bytes, wal_buffers_full::text AS "buffersFull" FROM pg_stat_wal`,
    );
    return { bytes: Number(row!.bytes), buffersFull: Number(row!.buffersFull) };
  }

  it("is written at each batch's commit, never a page at a time as its buffers fill", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-wal-")), "report.csv");
    writeKickstarterReport(file, {
      rows: 4_000,
      tiers: [{ id: "9001", title: "Tier", minimum: 59 }],
      addOns: [{ id: "701", title: "Dice" }],
    });
    const shop = await createShop(db.prisma);
    // How far the WAL written out is behind the WAL made, read after each of the import's transactions commits.
    const behind: number[] = [];
    const watched: Database = {
      ...db,
      async transaction(fn) {
        const result = await db.transaction(fn);
        const [row] = await db.query<{ bytes: string }>(
          "SELECT (pg_current_wal_insert_lsn() - pg_current_wal_flush_lsn())::text AS bytes",
        );
        behind.push(Number(row!.bytes));
        return result;
      },
    };
    const before = await walCounts();
    const result = await importFile(watched, {
      shopId: shop.id,
      campaign: { name: "WAL" },
      path: file,
      fileName: "report.csv",
      batchSize: 1_000,
    });
    const after = await walCounts();
    expect(result.created).toBe(4_000);
    expect(behind.length).toBeGreaterThanOrEqual(4);
    expect(behind.every((bytes) => bytes === 0)).toBe(true);
    // Several times the 1 MB of WAL buffers PostgreSQL would give PGlite's 32 MB of shared buffers.
    expect(after.bytes - before.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(after.buffersFull - before.buffersFull).toBe(0);
  });
});
