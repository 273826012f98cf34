// The web process's job queue. With JOBS_IN_PROCESS (the default, and the only way with PGlite) this process
// also works the queues; otherwise it only enqueues and `npm run worker` processes do the work.
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { logger } from "../logger.server";
import { jobDefinitions, pushSettings } from "./definitions";
import { JobQueue } from "./queue";

declare global {
  var __pledgebridgeJobs: Promise<JobQueue> | undefined;
}

async function start(): Promise<JobQueue> {
  const config = readConfig();
  const queue = await JobQueue.start(
    database,
    jobDefinitions({ db: database, adminOrigin: config.SHOPIFY_ADMIN_ORIGIN, push: pushSettings(config) }),
    logger,
  );
  if (config.JOBS_IN_PROCESS) {
    await queue.work(config.WORKER_CONCURRENCY);
    logger.info({ concurrency: config.WORKER_CONCURRENCY }, "working job queues in the web process");
  }
  const shutdown = async () => {
    await queue.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return queue;
}

export const jobs = await (globalThis.__pledgebridgeJobs ??= start());
