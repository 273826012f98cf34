// Many rows in one statement: the rows travel as one JSON parameter that PostgreSQL unpacks with
// jsonb_to_recordset. Prisma's createMany binds every value separately, which made imports crawl
// (bench/import.ts). The id, and updatedAt when the columns list it, are filled here as Prisma would fill them.
import { randomUUID } from "node:crypto";

interface RawExecutor {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export type ColumnTypes = Record<string, string>;

export async function bulkInsert<Row extends object>(
  tx: RawExecutor,
  table: string,
  columns: ColumnTypes,
  rows: Row[],
  returning: string[] = ["id"],
): Promise<Array<Record<string, unknown>>> {
  if (!rows.length) return [];
  const types: ColumnTypes = { id: "text", ...columns };
  const names = Object.keys(types);
  const stamp = "updatedAt" in types ? { updatedAt: new Date().toISOString() } : {};
  const records = rows.map((row) => ({ id: randomUUID(), ...stamp, ...row }));
  const quoted = names.map((name) => `"${name}"`).join(", ");
  const definition = names.map((name) => `"${name}" ${types[name]}`).join(", ");
  const sql =
    `INSERT INTO "${table}" (${quoted}) SELECT ${quoted} FROM jsonb_to_recordset($1::jsonb) AS x(${definition}) ` +
    `RETURNING ${returning.map((name) => `"${name}"`).join(", ")}`;
  return tx.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, JSON.stringify(records));
}
