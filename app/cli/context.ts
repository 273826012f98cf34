import { readConfig, type Config } from "../config.server";
import { migrateDatabase } from "../db/migrate";
import { openDatabase, type Database } from "../db/open";

/** Opens the configured database, migrated, for the length of one command. */
export async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openDatabase(config.DATABASE_URL, { poolSize: 2, optimize: config.PGLITE_OPTIMIZE });
  try {
    await migrateDatabase(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
