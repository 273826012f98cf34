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

interface ForeignKey {
  name: string;
  /** The table the key is on and the one it points at, by name. */
  table: string;
  parent: string;
  columns: string[];
  parentColumns: string[];
}

/** The least and the greatest id of the rows a table was given (CopyText's ids), or null when it was given none. */
type IdRange = { first: string; last: string } | null;

/** One statement that counts, per foreign key of the tables, the rows loaded whose key points at nothing. */
export interface KeyCheck {
  /** The tables, in the order their rows are loaded: the ids of table n are parameters $2n+1 and $2n+2. */
  tables: string[];
  keys: Array<Pick<ForeignKey, "name" | "table">>;
  sql: string;
}

/** Reads the tables' foreign keys from the catalog and writes their check: once per import, not once per batch. */
export async function keyCheck(db: Pick<SqlTransaction, "query">, tables: string[]): Promise<KeyCheck> {
  const keys = await db.query<ForeignKey>(
    `SELECT c.conname AS name, t.relname AS "table", p.relname AS parent,
            array(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
            array(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)
              AS "parentColumns"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class p ON p.oid = c.confrelid
      WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
      ORDER BY c.conname`,
    [tables.map(quoteTable)],
  );
  return { tables, keys: keys.map(({ name, table }) => ({ name, table })), sql: checkSql(tables, keys) };
}

/**
 * Runs load, which writes rows into the check's tables (with ids in ranges, one per table, in the check's order),
 * with the per-row key triggers off, then checks those rows' keys. A key that points at nothing fails as the trigger
 * would: SQLSTATE 23503, the transaction to be rolled back by the caller. The triggers are off for the loading alone:
 * on an error, that rollback (to a savepoint, or of the transaction) turns them back on with the rest.
 */
export async function loadCheckingKeys(
  tx: Pick<SqlTransaction, "query">,
  check: KeyCheck,
  ranges: IdRange[],
  load: () => Promise<unknown>,
): Promise<void> {
  await tx.query("SET LOCAL session_replication_role = replica");
  await load();
  await tx.query("SET LOCAL session_replication_role = DEFAULT");
  // A table with no rows has an empty range ("" to ""): its part of the check finds nothing to count.
  const [counts] = await tx.query<Record<string, number>>(
    check.sql,
    ranges.flatMap((ids) => (ids ? [ids.first, ids.last] : ["", ""])),
  );
  const broken = check.keys.find((key) => counts![key.name]! > 0);
  if (broken) {
    const message = `insert or update on table "${broken.table}" violates foreign key constraint "${broken.name}"`;
    throw Object.assign(new Error(message), { code: "23503" });
  }
}

/** COPY's rows for each of the check's tables, in its order (a table whose keys point at another's after it). */
export function copyCheckingKeys(tx: Pick<SqlTransaction, "query" | "copyFrom">, check: KeyCheck, rows: CopyText[]) {
  return loadCheckingKeys(
    tx,
    check,
    rows.map(({ ids }) => ids),
    async () => {
      for (const [i, table] of check.tables.entries()) await tx.copyFrom(table, rows[i]!.columns, rows[i]!.text);
    },
  );
}

// The rows of each table are read once, by id range, into a CTE. MATCH SIMPLE, as the migrations make the keys: a key
// with a null column needs nothing. Each key's distinct values are looked up, so a key every row shares (the campaign,
// the run) costs one lookup; a key into a table loaded with it (a pledge's backer, new in the same batch) is first
// found among that table's loaded rows, hashed, and only what is not there is looked up in the parent's index.
function checkSql(tables: string[], keys: ForeignKey[]): string {
  const batch = (table: string) => `t${tables.indexOf(table)}`;
  const ranges = tables.map((table, i) => {
    const columns = new Set(["id", ...keys.filter((key) => key.table === table).flatMap((key) => key.columns)]);
    return `t${i} AS MATERIALIZED (SELECT ${[...columns].join(", ")} FROM ${quoteTable(table)} WHERE id BETWEEN $${2 * i + 1} AND $${2 * i + 2})`;
  });
  const counts = keys.map((key) => {
    const present = key.columns.map((column) => `${column} IS NOT NULL`).join(" AND ");
    const match = key.columns.map((column, i) => `p.${key.parentColumns[i]} = k.${column}`).join(" AND ");
    const values = `SELECT DISTINCT ${key.columns.join(", ")} FROM ${batch(key.table)} WHERE ${present}`;
    const loadedWith =
      tables.includes(key.parent) && key.parentColumns.every((column) => column === "id")
        ? `NOT EXISTS (SELECT FROM ${batch(key.parent)} p WHERE ${match}) AND `
        : "";
    return `(SELECT count(*) FROM (${values}) k WHERE ${loadedWith}NOT EXISTS (SELECT FROM ${quoteTable(key.parent)} p WHERE ${match}))::int AS "${key.name}"`;
  });
  return `WITH ${ranges.join(", ")} SELECT ${counts.join(", ")}`;
}

function quoteTable(table: string): string {
  return `"${table}"`;
}
