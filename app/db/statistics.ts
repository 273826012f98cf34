// The planner chooses its plans from each table's statistics, which PostgreSQL's autovacuum keeps up to date. PGlite
// runs PostgreSQL in single-user mode, where autovacuum never runs: its tables were never analyzed, and the backers
// list of 100,000 pledges took 1.1–3.3× as long as on analyzed tables (bench/backers-list.ts, BENCH_ANALYZE=0). So on
// PGlite the app analyzes what autovacuum would have, after an import (the job, the CLI) and hourly (decision 0016).
import type { Database } from "./open";

// As autovacuum's analyze threshold: 50 rows and a tenth of the table changed. Row counts do not survive a restart
// of PGlite, so a table whose size moved by a fifth since its statistics, or that has none, counts as changed too.
const CANDIDATES = `
  SELECT c.oid::regclass::text AS "table",
         array(SELECT quote_ident(a.attname) FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.atttypid NOT IN ('json'::regtype, 'jsonb'::regtype)
                ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
   WHERE n.nspname = current_schema() AND c.relkind = 'r' AND pg_relation_size(c.oid) > 0
     AND (c.reltuples < 0
          OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > 0.2 * c.relpages + 8
          OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * c.reltuples)
   ORDER BY 1`;

/**
 * Analyzes the tables of the app's schema whose statistics are missing or out of date, and says which: on PGlite
 * only (on PostgreSQL autovacuum does it). JSON columns are left out: no query filters on their values, and theirs
 * were most of the time (Pledge at 100,000 rows: 0.75–0.78 s analyzed whole, 0.14 s without them).
 */
export async function refreshStatistics(db: Pick<Database, "target" | "query">): Promise<string[]> {
  if (db.target.kind !== "pglite") return [];
  // The session's row counts reach pg_stat_user_tables when it goes idle, at most once a second: now, first.
  await db.query("SELECT pg_stat_force_next_flush()");
  const stale = await db.query<{ table: string; columns: string[] }>(CANDIDATES);
  for (const { table, columns } of stale) await db.query(`ANALYZE ${table} (${columns.join(", ")})`);
  return stale.map(({ table }) => table);
}
