// PostgreSQL checks a foreign key with a trigger per row written. On PGlite, which runs in WebAssembly on the
// import's own thread, the four keys of a batch's backers and pledges took a third of an import (bench/import.ts):
// a trigger event queued, then a lookup through SPI, per row and key. copyCheckingKeys loads rows with those triggers
// off and then looks the distinct values of every foreign key of the rows it loaded up with one statement: the same
// guarantee, a set at a time, in the same transaction (decisions 0015 and 0022). The values come with the rows
// (CopyText), so nothing is read back, and a key into rows loaded with them (a pledge's new backer) needs no lookup.
// Two conditions, which PGlite meets and a shared PostgreSQL server does not: turning triggers off
// (session_replication_role) takes a superuser, and the triggers also lock the rows the keys point at (FOR KEY SHARE)
// against a delete in another session, which a database with one session, where a transaction runs alone, does not
// need.
import type { CopyText } from "./bulk-insert";
import type { SqlTransaction } from "./open";

/** A foreign key of one column, as the catalog has it, with the type of the column it points at. */
interface ForeignKey {
  name: string;
  /** The table the key is on and the one it points at, by name. */
  table: string;
  column: string;
  parent: string;
  parentColumn: string;
  parentType: string;
}

/** The foreign keys of the tables an import loads: read once per import, used for every batch. */
export interface KeyCheck {
  /** The tables, in the order their rows are loaded. */
  tables: string[];
  keys: ForeignKey[];
}

/**
 * What rows loaded into a table hold in the columns its keys use: the values every row shares, and, for the others,
 * the values to look up (CopyText carries both, for the columns it was asked to key).
 */
export type LoadedKeys = Pick<CopyText, "count" | "same" | "values">;

/** Reads the tables' foreign keys from the catalog: once per import, not once per batch. */
export async function keyCheck(db: Pick<SqlTransaction, "query">, tables: string[]): Promise<KeyCheck> {
  const keys = await db.query<
    Omit<ForeignKey, "column" | "parentColumn"> & { columns: string[]; parentColumns: string[] }
  >(
    `SELECT c.conname AS name, t.relname AS "table", p.relname AS parent,
            array(SELECT a.attname::text FROM unnest(c.conkey) AS k(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) AS k(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "parentColumns",
            (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
              WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]) AS "parentType"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class p ON p.oid = c.confrelid
      WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
      ORDER BY c.conname`,
    [tables.map(quoteIdentifier)],
  );
  return {
    tables,
    keys: keys.map(({ columns, parentColumns, ...key }) => {
      // None of the import's tables has one; a migration that adds one must teach the check its tuples first.
      if (columns.length !== 1) throw new Error(`Foreign key "${key.name}" has ${columns.length} columns: not checked`);
      return { ...key, column: columns[0]!, parentColumn: parentColumns[0]! };
    }),
  };
}

/**
 * Runs load, which writes rows into the check's tables (what each table was given is `loaded`, in the check's
 * order), with the per-row key triggers off, then checks those rows' keys. A key that points at nothing fails as the
 * trigger would: SQLSTATE 23503, the transaction to be rolled back by the caller. The triggers are off for the loading
 * alone: on an error, that rollback (to a savepoint, or of the transaction) turns them back on with the rest.
 */
export async function loadCheckingKeys(
  tx: Pick<SqlTransaction, "query">,
  check: KeyCheck,
  loaded: LoadedKeys[],
  load: () => Promise<unknown>,
): Promise<void> {
  const lookups = check.keys.map((key) => ({ key, values: valuesToLookUp(check, loaded, key) }));
  await tx.query("SET LOCAL session_replication_role = replica");
  await load();
  await tx.query("SET LOCAL session_replication_role = DEFAULT");
  const asked = lookups.filter(({ values }) => values.length);
  if (!asked.length) return;
  const [counts] = await tx.query<Record<string, number>>(
    `SELECT ${asked.map(({ key }, i) => missingCount(key, i + 1)).join(", ")}`,
    asked.map(({ values }) => values),
  );
  const broken = asked.find(({ key }) => counts![key.name]! > 0)?.key;
  if (broken) {
    const message = `insert or update on table "${broken.table}" violates foreign key constraint "${broken.name}"`;
    throw Object.assign(new Error(message), { code: "23503" });
  }
}

/** COPY's rows for each of the check's tables, in its order (a table whose keys point at another's after it). */
export function copyCheckingKeys(tx: Pick<SqlTransaction, "query" | "copyFrom">, check: KeyCheck, rows: CopyText[]) {
  return loadCheckingKeys(tx, check, rows, async () => {
    for (const [i, table] of check.tables.entries()) await tx.copyFrom(table, rows[i]!.columns, rows[i]!.text);
  });
}

/**
 * The values of a key that the database must find in its parent: what the rows loaded say (CopyText.values, which
 * leaves out nulls, as MATCH SIMPLE keys do, and values the load brings itself). A table given no rows has none.
 */
function valuesToLookUp(check: KeyCheck, loaded: LoadedKeys[], key: ForeignKey): unknown[] {
  const rows = loaded[check.tables.indexOf(key.table)]!;
  if (!rows.count) return [];
  if (key.column in rows.same) {
    const value = rows.same[key.column];
    return value === null || value === undefined ? [] : [value];
  }
  const values = rows.values[key.column];
  if (!values) {
    throw new Error(`The rows loaded into "${key.table}" do not say their "${key.column}", which "${key.name}" needs`);
  }
  return values;
}

/** How many of a key's values (parameter n) its parent lacks, under the key's name: one index lookup per value. */
function missingCount(key: ForeignKey, n: number): string {
  const parent = `${quoteIdentifier(key.parent)} p WHERE p.${quoteIdentifier(key.parentColumn)} = k.value`;
  return `(SELECT count(*) FROM unnest($${n}::${key.parentType}[]) AS k(value) WHERE NOT EXISTS (SELECT FROM ${parent}))::int AS ${quoteIdentifier(key.name)}`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
