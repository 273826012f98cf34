// Uploaded backer exports live in the database, in 1 MB chunks, from the upload until their import has read them:
// the web process that took the upload and the worker that runs the import need not share a disk.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { Database } from "../../db/open";

const CHUNK_BYTES = 1024 * 1024;

export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
}

/** Stores a file (already on local disk) for a shop, whole or not at all. Returns the upload's id. */
export async function storeUpload(
  db: Database,
  upload: { shopId: string; fileName: string; path: string; maxBytes: number },
): Promise<string> {
  const { size } = await stat(upload.path);
  if (size > upload.maxBytes) {
    throw new UploadTooLargeError(
      `${upload.fileName} is ${megabytes(size)}; the largest file Pledgebridge takes is ${megabytes(upload.maxBytes)}`,
    );
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO "ImportUpload" (id, "shopId", "fileName", bytes) VALUES (gen_random_uuid()::text, $1, $2, $3) RETURNING id`,
      [upload.shopId, upload.fileName, size],
    );
    let seq = 0;
    for await (const chunk of createReadStream(upload.path, { highWaterMark: CHUNK_BYTES })) {
      await tx.query(`INSERT INTO "ImportUploadChunk" ("uploadId", seq, data) VALUES ($1, $2, $3)`, [
        row!.id,
        seq++,
        chunk,
      ]);
    }
    return row!.id;
  });
}

/**
 * Writes a shop's stored upload to a private temporary file, one chunk in memory at a time, and hands its path to
 * `read`; the file is removed afterwards whatever happens.
 */
export async function withUploadFile<T>(
  db: Database,
  shopId: string,
  uploadId: string,
  read: (file: { path: string; fileName: string }) => Promise<T>,
): Promise<T> {
  const [upload] = await db.query<{ fileName: string }>(
    `SELECT "fileName" FROM "ImportUpload" WHERE id = $1 AND "shopId" = $2`,
    [uploadId, shopId],
  );
  if (!upload) throw new Error(`No upload ${uploadId} in this shop`);
  const dir = await mkdtemp(path.join(tmpdir(), "pb-upload-"));
  const file = path.join(dir, path.basename(upload.fileName).replace(/[^\w.-]+/g, "_") || "upload");
  try {
    const out = createWriteStream(file, { mode: 0o600 });
    for (let seq = 0; ; seq++) {
      const [chunk] = await db.query<{ data: Uint8Array }>(
        `SELECT data FROM "ImportUploadChunk" WHERE "uploadId" = $1 AND seq = $2`,
        [uploadId, seq],
      );
      if (!chunk) break;
      if (!out.write(chunk.data)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    return await read({ path: file, fileName: upload.fileName });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Forgets a stored upload once its import has read it. */
export async function deleteUpload(db: Database, shopId: string, uploadId: string): Promise<void> {
  await db.query(`DELETE FROM "ImportUpload" WHERE id = $1 AND "shopId" = $2`, [uploadId, shopId]);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
