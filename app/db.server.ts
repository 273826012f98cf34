// The web process's database: opened and migrated once, kept across dev-server reloads.
import { readConfig } from "./config.server";
import { migrateDatabase } from "./db/migrate";
import { openDatabase, type Database } from "./db/open";
import { logger } from "./logger.server";
import { describeDatabaseUrl } from "./db/url";

declare global {
  var __pledgebridgeDatabase: Promise<Database> | undefined;
}

async function boot(): Promise<Database> {
  const config = readConfig();
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    optimize: config.PGLITE_OPTIMIZE,
  });
  const { applied } = await migrateDatabase(db);
  logger.info(
    { database: describeDatabaseUrl(config.DATABASE_URL), migrationsApplied: applied.length },
    "database ready",
  );
  return db;
}

export const database = await (globalThis.__pledgebridgeDatabase ??= boot());
const prisma = database.prisma;
export default prisma;
