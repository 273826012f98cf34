// A first look at an upload before it is queued: can it be read, which platform and vintage is it, and, when its
// columns are not a format Pledgebridge knows, what they are, so the merchant can map them (once: the mapping is
// saved for files with the same columns).
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { ColumnMapping } from "../../domain/import/column-mapping";
import { normaliseHeader } from "../../domain/import/record";
import { parseFile, type FileShape, type ParseFileOptions } from "./parse-file";
import { readTables, UnreadableFileError } from "./read-tables";

export type Inspection =
  { ok: true; shape: FileShape; headers: string[] } | { ok: false; message: string; headers: string[] };

export async function inspectFile(path: string, fileName: string, options: ParseFileOptions): Promise<Inspection> {
  let headers: string[] = [];
  try {
    headers = await firstRow(path, fileName);
    const { shape, items } = await parseFile(path, options, fileName);
    const iterator = items[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.(undefined);
    return { ok: true, shape, headers };
  } catch (error) {
    if (error instanceof UnreadableFileError) return { ok: false, message: error.message, headers };
    throw error;
  }
}

async function firstRow(path: string, fileName: string): Promise<string[]> {
  for await (const table of readTables(path, fileName)) {
    for await (const row of table.rows) return row.map((header) => header.replace(/^\uFEFF/, "").trim());
  }
  return [];
}

/** The layout a mapping is saved for: the file's columns, normalised, as one short key. */
export function headersKey(headers: string[]): string {
  return createHash("sha256").update(headers.map(normaliseHeader).join("\u001f")).digest("hex");
}

export async function savedMappingFor(prisma: PrismaClient, shopId: string, headers: string[]) {
  const saved = await prisma.savedMapping.findUnique({
    where: { shopId_headersKey: { shopId, headersKey: headersKey(headers) } },
  });
  const mapping = saved ? ColumnMapping.safeParse(saved.mapping) : null;
  return mapping?.success ? mapping.data : null;
}

export async function saveMapping(
  prisma: PrismaClient,
  shopId: string,
  headers: string[],
  name: string,
  mapping: ColumnMapping,
) {
  const key = headersKey(headers);
  await prisma.savedMapping.upsert({
    where: { shopId_headersKey: { shopId, headersKey: key } },
    create: { shopId, headersKey: key, name, mapping },
    update: { name, mapping },
  });
}
