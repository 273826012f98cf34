// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as committed at HEAD
// to the schema in the working tree. Uses Prisma's schema-to-schema diff, which needs no database and no engine
// download. The migration-drift test then proves the migrations and schema.prisma agree.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}

const migrationsDir = path.resolve("prisma/migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));
const from = hasMigrations ? committedSchemaFile() : null;
const args = ["scripts/prisma.mjs", "migrate", "diff", "--script", "--to-schema-datamodel", "prisma/schema.prisma"];
args.push(...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]));

const sql = execFileSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
  console.log("schema.prisma matches HEAD: no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);

function committedSchemaFile(): string {
  const schema = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-schema-")), "schema.prisma");
  writeFileSync(file, schema);
  return file;
}
