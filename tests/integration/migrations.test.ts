import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateDatabase, readMigrations } from "../../app/db/migrate";
import { openDatabase, type Database } from "../../app/db/open";
import { catalogSnapshot } from "../helpers/catalog";
import { createTestDatabaseUrl, engineName, type TestDatabase } from "../helpers/database";

/** The SQL Prisma itself derives from schema.prisma, with no database and no engine download. */
function sqlFromSchema(): string {
  return execFileSync(
    process.execPath,
    [
      "scripts/prisma.mjs",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
}

describe(`migrations on ${engineName}`, () => {
  const targets: TestDatabase[] = [];
  const open: Database[] = [];

  async function freshDatabase() {
    const target = await createTestDatabaseUrl();
    targets.push(target);
    const db = await openDatabase(target.url, { poolSize: 2 });
    open.push(db);
    return db;
  }

  afterAll(async () => {
    for (const db of open) await db.close();
    for (const target of targets) await target.drop();
  });

  describe("prisma/migrations and schema.prisma", () => {
    let migrated: Database;
    let fromSchema: Database;

    beforeAll(async () => {
      migrated = await freshDatabase();
      await migrateDatabase(migrated);
      fromSchema = await freshDatabase();
      await fromSchema.transaction((tx) => tx.exec(sqlFromSchema()));
    });

    it("describe the same database: every model, field, type, nullability, default, index and unique", async () => {
      const expected = await catalogSnapshot(fromSchema);
      expect(expected.columns.length).toBeGreaterThan(50);
      expect(await catalogSnapshot(migrated)).toEqual(expected);
    });

    it("would notice a hand edit (the comparison is not blind)", async () => {
      const drifted = await freshDatabase();
      await migrateDatabase(drifted);
      await drifted.query(`ALTER TABLE "Pledge" ALTER COLUMN "amountMinor" DROP NOT NULL`);
      expect(await catalogSnapshot(drifted)).not.toEqual(await catalogSnapshot(fromSchema));
    });
  });

  it("records each migration in Prisma's own table, with Prisma's checksum, so `prisma migrate deploy` agrees", async () => {
    const db = await freshDatabase();
    const result = await migrateDatabase(db);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    const rows = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      readMigrations().map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        finished_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
  });

  it("applies nothing the second time", async () => {
    const db = await freshDatabase();
    await migrateDatabase(db);
    const again = await migrateDatabase(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(readMigrations().length);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pb-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const db = await freshDatabase();
    await migrateDatabase(db, dir);
    const [first] = readMigrations(dir);
    appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited\n");
    await expect(migrateDatabase(db, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("rolls back the whole run when a migration fails, recording nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pb-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, "29991231000000_broken");
    cpSync(path.join(dir, readMigrations(dir)[0]!.name), broken, { recursive: true });
    writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";`);
    const db = await freshDatabase();
    await expect(migrateDatabase(db, dir)).rejects.toThrow(/NoSuchTable/);
    const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables).toEqual([]);
  });
});
