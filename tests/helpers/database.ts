// Each test file gets its own migrated database: in-memory PGlite by default, or a fresh database on the
// PostgreSQL server named by TEST_POSTGRES_URL (created here, dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabaseUrl(): Promise<TestDatabase> {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) return { url: "pglite://memory", drop: async () => {} };
  const name = `pledgebridge_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const target = await createTestDatabaseUrl();
  const db = await openDatabase(target.url, { poolSize: 4 });
  await migrateDatabase(db);
  return Object.assign(db, {
    async drop() {
      await db.close();
      await target.drop();
    },
  });
}

export const engineName = process.env.TEST_POSTGRES_URL ? "PostgreSQL" : "PGlite";
