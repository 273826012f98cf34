// Prisma CLI configuration.
// With a postgres:// DATABASE_URL the classic engine is used, so stock `prisma migrate deploy` works wherever
// Prisma can download its engines. Otherwise the schema engine runs as WASM over PGlite, which is what lets
// `prisma migrate diff` (and `npm run db:new-migration`) work on machines that cannot download anything.
// The app itself applies prisma/migrations with `pledgebridge db migrate` (app/db/migrate.ts).
import { PGlite } from "@electric-sql/pglite";
import { defineConfig } from "prisma/config";
import { PrismaPGlite } from "pglite-prisma-adapter";

const url = process.env.DATABASE_URL ?? "";
const usesServer = /^postgres(ql)?:\/\//.test(url);

export default usesServer
  ? defineConfig({
      schema: "prisma/schema.prisma",
      migrations: { path: "prisma/migrations" },
      engine: "classic",
      datasource: { url },
    })
  : defineConfig({
      schema: "prisma/schema.prisma",
      migrations: { path: "prisma/migrations" },
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => new PrismaPGlite(new PGlite()),
    });
