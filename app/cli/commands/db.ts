import type { Command } from "commander";
import { readConfig } from "../../config.server";
import { migrateDatabase } from "../../db/migrate";
import { openDatabase } from "../../db/open";
import { describeDatabaseUrl } from "../../db/url";
import { output } from "../output";

export function registerDbCommands(program: Command) {
  const db = program.command("db").description("the app's database");

  db.command("migrate")
    .description("apply the migrations in prisma/migrations to DATABASE_URL (PGlite or PostgreSQL)")
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      const config = readConfig();
      const database = await openDatabase(config.DATABASE_URL, { poolSize: 2, optimize: config.PGLITE_OPTIMIZE });
      try {
        const result = await migrateDatabase(database);
        const target = describeDatabaseUrl(config.DATABASE_URL);
        output(Boolean(options.json)).result({ database: target, ...result }, () =>
          result.applied.length
            ? `Applied ${result.applied.length} migration(s) to ${target}:\n${result.applied.map((m) => `  ${m}`).join("\n")}`
            : `${target} is up to date (${result.alreadyApplied.length} migrations).`,
        );
      } finally {
        await database.close();
      }
    });
}
