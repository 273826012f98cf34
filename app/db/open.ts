// One way to open the database for the web process, the worker, the CLI and the tests: Prisma for the domain,
// plain SQL for migrations, and a pg-boss connection for jobs, all on the same PostgreSQL or PGlite.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import type { PGlite, SerializerOptions } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { from as copyStream } from "pg-copy-streams";
import { fromPglite, type ConstructorOptions } from "pg-boss";
import { createPgliteFolder, holdsDatabase } from "./pglite-create";
import { lockDataDir } from "./pglite-lock";
import { copyInputInBlocks } from "./pglite-copy-input";
import { lookUpMissingFilesWithoutExceptions } from "./pglite-folder-lookups";
import { growMemoryFilesGeometrically } from "./pglite-memory-files";
import { parseDatabaseUrl, type DatabaseTarget } from "./url";

/** One connection's worth of plain SQL, inside one transaction. */
export interface SqlTransaction {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements with no parameters. */
  exec(script: string): Promise<void>;
  /** Loads rows written in COPY's text format (copyText) into a table's columns: `COPY … FROM STDIN`. */
  copyFrom(table: string, columns: string[], rows: Uint8Array): Promise<void>;
}

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs fn in one transaction on one connection; an advisory lock taken inside it holds until commit. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** How pg-boss reaches this database. */
  queueConnection(): Pick<ConstructorOptions, "db" | "connectionString" | "backend" | "max">;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Connections in the pool (PostgreSQL). */
  poolSize?: number;
  /** PGlite's WebAssembly also compiled by V8's optimizing compiler (PGLITE_OPTIMIZE; see chooseWasmCompiler). */
  optimize?: boolean;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  return target.kind === "pglite"
    ? openPglite(target, options.optimize ?? false)
    : openPostgres(target, options.poolSize ?? 10);
}

// PGlite's buffer pool lives in the process's own memory, which WebAssembly never gives back: PostgreSQL's default
// of 128 MB made an import of 100,000 rows peak at 520 MB. At 32 MB it peaks 110–130 MB lower and imports as fast
// (bench/import.ts), since a page it drops is still in the operating system's cache (a folder) or in memory.
const PGLITE_SHARED_BUFFERS = "32MB";
const PGLITE_SETTINGS = [
  ...["-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  // PostgreSQL fills each new 16 MB WAL file with zeros before it writes to it, so that the disk's room is taken
  // beforehand: 130 MB of zeros written for an import of 100,000 rows. Off, a new file gets its size from its last
  // byte; a disk that fills up then stops the database at a WAL write rather than at the file's creation, the same
  // stop. The import takes 2% less (bench/import.ts, interleaved runs: 4.05 s against 4.13 s).
  ...["-c", "wal_init_zero=off"],
  // 4 MB instead of the 1 MB PostgreSQL gives 32 MB of shared buffers: an import's batch of 1,000 rows makes 1.6 MB
  // of WAL, which its commit writes out in one piece (write-batch.ts) when the buffers hold it all.
  ...["-c", "wal_buffers=4MB"],
];

/**
 * A json parameter given as bytes goes to PGlite as they are, as node-postgres sends them (PostgreSQL takes a json
 * value's binary form to be its text); PGlite's own serializer would write the bytes out as a JSON object.
 */
function jsonBytesAsTheyAre(pglite: PGlite, json: number): SerializerOptions {
  const serialize = pglite.serializers[json]!;
  return { [json]: (value: unknown) => (ArrayBuffer.isView(value) ? (value as never) : serialize(value)) };
}

// V8 runs WebAssembly first as its baseline compiler (Liftoff) makes it, then compiles the hottest functions again
// with its optimizing compiler (TurboFan), on its helper threads. For PostgreSQL's giant functions that takes 10–31 MB
// of memory each (standard_ProcessUtility, raw_parser, nodeRead), which glibc's per-thread arenas keep after: an
// import of 100,000 rows peaked 50–65 MB higher with it. Without it that import takes about 10% longer and the backers
// list's queries 25–45% (bench/import.ts, bench/backers-list.ts). The embedded engine runs a laptop, a demo or a
// small server, where memory is what runs out; PostgreSQL is the engine for speed. V8 reads the choice when it
// compiles a module, so it is made before PGlite's (and Prisma's) WebAssembly is compiled, for the whole process.
function chooseWasmCompiler(optimize: boolean) {
  v8.setFlagsFromString(optimize ? "--no-liftoff-only" : "--liftoff-only");
}

async function openPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>, optimize: boolean): Promise<Database> {
  chooseWasmCompiler(optimize);
  // Loaded only here: PGlite's module alone is about 40 MB of a process's memory, which one on PostgreSQL never needs.
  const [{ PGlite, types }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  let unlock = () => {};
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    unlock = lockDataDir(path.resolve(target.dataDir));
  }
  let pglite: PGlite;
  try {
    const options = { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] };
    const dataDir = target.dataDir && path.resolve(target.dataDir);
    if (dataDir && !holdsDatabase(dataDir)) await createPgliteFolder(dataDir, options.startParams);
    pglite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
    await pglite.waitReady;
    if (dataDir) lookUpMissingFilesWithoutExceptions(pglite);
    else growMemoryFilesGeometrically(pglite);
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const queryOptions = { serializers: jsonBytesAsTheyAre(pglite, types.JSON) };
  const copyInput = copyInputInBlocks(pglite);
  return {
    target,
    prisma,
    async query(text, params) {
      return (await pglite.query(text, params, queryOptions)).rows as never;
    },
    transaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          query: async (text, params) => (await tx.query(text, params, queryOptions)).rows as never,
          exec: async (script) => void (await tx.exec(script)),
          // PGlite reads COPY's input from a blob given with the statement.
          copyFrom: (table, columns, rows) =>
            copyInput.from(rows, async (blob) => {
              await tx.query(`COPY ${copyTarget(table, columns)} FROM '/dev/blob'`, [], { blob });
            }),
        }),
      );
    },
    queueConnection: () => ({ db: fromPglite(pglite), backend: "pglite" }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

function copyTarget(table: string, columns: string[]): string {
  return `"${table}" (${columns.map((name) => `"${name}"`).join(", ")})`;
}

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: "postgres" }>,
  poolSize: number,
): Promise<Database> {
  // JIT off: the app's queries are short or, like the inventory view, mis-estimated by the planner (JSON arrays),
  // and compiling them costs more than running them (1.2 s of 1.5 s for the inventory view; bench/inventory.ts).
  // Time zone UTC: instants are stored as UTC in `timestamp(3)` columns, as Prisma writes them, and what the server
  // stamps itself (a CURRENT_TIMESTAMP default, now()) follows the session's zone, which a server may set to its own.
  const pool = new pg.Pool({ connectionString: target.url, max: poolSize, options: "-c jit=off -c timezone=UTC" });
  // An idle connection the server closed (restart, failover, a dropped test database) is already out of the pool;
  // the next query opens a new one. Unhandled, this event would end the process.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    target,
    prisma,
    async query(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (script) => void (await client.query(script)),
          copyFrom: (table, columns, rows) =>
            pipeline(Readable.from([rows]), client.query(copyStream(`COPY ${copyTarget(table, columns)} FROM STDIN`))),
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    queueConnection: () => ({ connectionString: target.url, max: Math.max(2, Math.ceil(poolSize / 2)) }),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
