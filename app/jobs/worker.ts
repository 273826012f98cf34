// `npm run worker`: a process that only works the job queues. Run as many as you like against PostgreSQL.
import { readConfig } from "../config.server";
import { migrateDatabase } from "../db/migrate";
import { openDatabase } from "../db/open";
import { describeDatabaseUrl } from "../db/url";
import { logger } from "../logger.server";
import { jobDefinitions, pushSettings } from "./definitions";
import { JobQueue } from "./queue";

// Heard from the first line, so a deploy that stops a worker still starting gets a clean exit once it has started,
// not the default death by signal. Repeats are absorbed: the stop is bounded (the queue waits at most 10 s).
const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => resolve(signal));
});

const config = readConfig();
const db = await openDatabase(config.DATABASE_URL, {
  poolSize: config.DATABASE_POOL_SIZE,
  optimize: config.PGLITE_OPTIMIZE,
});
await migrateDatabase(db);
const queue = await JobQueue.start(
  db,
  jobDefinitions({ db, adminOrigin: config.SHOPIFY_ADMIN_ORIGIN, push: pushSettings(config) }),
  logger,
);
await queue.work(config.WORKER_CONCURRENCY);
logger.info(
  { database: describeDatabaseUrl(config.DATABASE_URL), concurrency: config.WORKER_CONCURRENCY, pid: process.pid },
  "worker started",
);

const signal = await stopSignal;
logger.info({ signal }, "worker stopping: finishing the jobs in hand");
await queue.stop();
await db.close();
process.exit(0);
