// PostgreSQL checks a foreign key with a trigger per row written. On PGlite, which runs in WebAssembly on the
// import's own thread, the four keys of a batch's backers and pledges took a third of an import (bench/import.ts):
// a trigger event queued, then a lookup through SPI, per row and key. copyCheckingKeys loads rows with those triggers
// off and then checks every foreign key of the rows it loaded with one statement: the same guarantee, a set at a
// time, in the same transaction (decision 0015). Two conditions, which PGlite meets and a shared PostgreSQL server
// does not: turning triggers off (session_replication_role) takes a superuser, and the triggers also lock the rows
// the keys point at (FOR KEY SHARE) against a delete in another session, which a database with one session, where
// a transaction runs alone, does not need.
import type { CopyText } from "./bulk-insert";
import type { SqlTransaction } from "./open";

type Tx = Pick<SqlTransaction, "query" | "copyFrom">;

interface ForeignKey {
  name: string;
  columns: string[];
  parent: string;
  parentColumns: string[];
}

/** One statement that counts, per foreign key of the tables, the rows loaded whose key points at nothing. */
export interface KeyCheck {
  /** The tables, in the order their rows are loaded: the ids of table n are parameters $2n+1 and $2n+2. */
  tables: string[];
  keys: Array<{ name: string; table: string }>;
  sql: string;
}

/** Reads the tables' foreign keys from the catalog and writes their check: once per import, not once per batch. */
export async function keyCheck(db: Pick<SqlTransaction, "query">, tables: string[]): Promise<KeyCheck> {
  const keys = await db.query<ForeignKey & { table: string }>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.confrelid::regclass::text AS parent,
            array(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
            array(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)
              AS "parentColumns"
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
      ORDER BY c.conname`,
    [tables.map(quoteTable)],
  );
  const tableOf = (key: { table: string }) => tables.find((table) => quoteTable(table) === key.table)!;
  return { tables, keys: keys.map((key) => ({ name: key.name, table: tableOf(key) })), sql: checkSql(tables, keys) };
}

/**
 * Loads each table's rows, in the check's order (a table whose keys point at another's rows after it), with the
 * per-row key triggers off, then checks their keys. A key that points at nothing fails as the trigger would:
 * SQLSTATE 23503, the transaction to be rolled back by the caller. The triggers are off for the loading alone: on
 * an error, that rollback (to a savepoint, or of the transaction) turns them back on with the rest.
 */
export async function copyCheckingKeys(tx: Tx, check: KeyCheck, rows: CopyText[]): Promise<void> {
  await tx.query("SET LOCAL session_replication_role = replica");
  for (const [i, table] of check.tables.entries()) await tx.copyFrom(table, rows[i]!.columns, rows[i]!.text);
  await tx.query("SET LOCAL session_replication_role = DEFAULT");
  // A table with no rows has an empty range ("" to ""): its part of the check finds nothing to count.
  const [counts] = await tx.query<Record<string, number>>(
    check.sql,
    rows.flatMap(({ ids }) => (ids ? [ids.first, ids.last] : ["", ""])),
  );
  const broken = check.keys.find((key) => counts![key.name]! > 0);
  if (broken) {
    const message = `insert or update on table "${broken.table}" violates foreign key constraint "${broken.name}"`;
    throw Object.assign(new Error(message), { code: "23503" });
  }
}

// The rows of each table are read once, by id range, into a CTE. MATCH SIMPLE, as the migrations make the keys: a key
// with a null column needs nothing. Each key's distinct values are looked up, so a key every row shares (the campaign,
// the run) costs one lookup; a key into a table loaded with it (a pledge's backer, new in the same batch) is first
// found among that table's loaded rows, hashed, and only what is not there is looked up in the parent's index.
function checkSql(tables: string[], keys: Array<ForeignKey & { table: string }>): string {
  const batch = (table: string) => `t${tables.map(quoteTable).indexOf(table)}`;
  const ranges = tables.map((table, i) => {
    const columns = new Set([
      "id",
      ...keys.filter((key) => key.table === quoteTable(table)).flatMap((key) => key.columns),
    ]);
    return `t${i} AS MATERIALIZED (SELECT ${[...columns].join(", ")} FROM ${quoteTable(table)} WHERE id BETWEEN $${2 * i + 1} AND $${2 * i + 2})`;
  });
  const counts = keys.map((key) => {
    const present = key.columns.map((column) => `${column} IS NOT NULL`).join(" AND ");
    const match = key.columns.map((column, i) => `p.${key.parentColumns[i]} = k.${column}`).join(" AND ");
    const values = `SELECT DISTINCT ${key.columns.join(", ")} FROM ${batch(key.table)} WHERE ${present}`;
    const loadedWith =
      tables.map(quoteTable).includes(key.parent) && key.parentColumns.every((column) => column === "id")
        ? `NOT EXISTS (SELECT FROM ${batch(key.parent)} p WHERE ${match}) AND `
        : "";
    return `(SELECT count(*) FROM (${values}) k WHERE ${loadedWith}NOT EXISTS (SELECT FROM ${key.parent} p WHERE ${match}))::int AS "${key.name}"`;
  });
  return `WITH ${ranges.join(", ")} SELECT ${counts.join(", ")}`;
}

function quoteTable(table: string): string {
  return `"${table}"`;
}
