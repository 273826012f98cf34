// The job queue: pg-boss on the app's own database (PGlite or PostgreSQL). Every job's data is validated
// before it is queued, retried with exponential backoff, and sent to the dead-letter queue when it fails for
// good or fails with an error no retry can fix. Any number of processes can work the same queues.
import { PgBoss, type Job, type JobResult } from "pg-boss";
import type { z } from "zod";
import type { Database } from "../db/open";
import type { Logger } from "../logger.server";

export const DEAD_LETTER_QUEUE = "dead-letter";

/** An error retrying cannot fix (bad data, revoked token, missing session): the job goes to the dead letters. */
export class TerminalJobError extends Error {
  override name = "TerminalJobError";
}

export interface JobContext {
  jobId: string;
  queue: string;
  attempt: number;
  logger: Logger;
  signal: AbortSignal;
  /** The queue the job runs on, for a job that queues its own continuation. */
  jobs: Pick<JobQueue, "enqueueWithId" | "enqueueMany">;
}

export interface QueueDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds?: number;
  /**
   * For long jobs: the worker proves it is alive this often (pg-boss refreshes it while the handler runs), and a
   * job whose worker died is failed and retried after this long instead of waiting out `expireInSeconds`.
   */
  heartbeatSeconds?: number;
  /**
   * Jobs each of the worker's slots fetches at once and handles one after another (1 by default). pg-boss waits
   * its polling interval between fetches even when there was work, so a slot takes at most this many jobs per
   * half second: a queue that must keep up with bursts (webhooks) takes many at a time.
   */
  batchSize?: number;
  /** pg-boss's queue policy; "stately" keeps one job queued and one active per singletonKey. Set at creation. */
  policy?: "standard" | "stately";
  /** A cron expression (UTC): pg-boss queues the job with this data on that schedule, once across all workers. */
  schedule?: { cron: string; data: z.infer<Schema> };
  /** Decides whether an error is worth retrying; defaults to "everything but TerminalJobError". */
  isTerminal?: (error: unknown) => boolean;
  handler: (data: z.infer<Schema>, context: JobContext) => Promise<unknown>;
}

/** Keeps a definition's handler typed by its own schema while the queue holds them all together. */
export function defineQueue<Schema extends z.ZodType>(definition: QueueDefinition<Schema>): QueueDefinition {
  return definition as unknown as QueueDefinition;
}

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export interface JobStatus {
  id: string;
  queue: string;
  state: JobState;
  attempts: number;
  data: unknown;
  output: unknown;
  createdOn: Date;
  completedOn: Date | null;
}

export interface EnqueueOptions {
  /** A second job with the same key is not queued while the first is waiting (exactly-once intake). */
  singletonKey?: string;
  startAfter?: Date | number;
  /** This job's wait before a retry, instead of its queue's (tests of dead workers shorten it). */
  retryDelay?: number;
}

export class JobQueue {
  private readonly definitions = new Map<string, QueueDefinition>();
  private working = false;

  private constructor(
    private readonly boss: PgBoss,
    definitions: QueueDefinition[],
    private readonly logger: Logger,
  ) {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
  }

  static async start(
    db: Database,
    definitions: QueueDefinition[],
    logger: Logger,
    /** How often expired jobs are looked for (pg-boss's default is a minute; tests of dead workers shorten it). */
    options: { superviseIntervalSeconds?: number } = {},
  ): Promise<JobQueue> {
    const boss = new PgBoss({ ...db.queueConnection(), schema: "pgboss", ...options });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    await ensureQueue(boss, DEAD_LETTER_QUEUE, {});
    for (const definition of definitions) {
      await ensureQueue(boss, definition.name, {
        ...(definition.policy ? { policy: definition.policy } : {}),
        retryLimit: definition.retryLimit,
        retryDelay: definition.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 15 * 60,
        ...(definition.heartbeatSeconds ? { heartbeatSeconds: definition.heartbeatSeconds } : {}),
        deadLetter: DEAD_LETTER_QUEUE,
      });
      if (definition.schedule) {
        await boss.schedule(definition.name, definition.schedule.cron, definition.schedule.data as object, {
          tz: "UTC",
        });
      }
    }
    return new JobQueue(boss, definitions, logger);
  }

  /** Validates the data against the queue's schema, then queues it. Returns the job id (null: a duplicate). */
  async enqueue(queue: string, data: unknown, options: EnqueueOptions = {}): Promise<string | null> {
    const definition = this.definition(queue);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new Error(`Invalid data for job ${queue}: ${parsed.error.message}`);
    return this.boss.send(queue, parsed.data as object, options);
  }

  /**
   * Queues a job under an id of the caller's choosing. Returns false when a job with that id already exists,
   * which makes intake idempotent: the same delivery, retried or duplicated, is queued once.
   */
  async enqueueWithId(queue: string, data: unknown, id: string, options: EnqueueOptions = {}): Promise<boolean> {
    const definition = this.definition(queue);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new Error(`Invalid data for job ${queue}: ${parsed.error.message}`);
    return (await this.boss.send(queue, parsed.data as object, { ...options, id })) !== null;
  }

  /** Queues many jobs of one queue in one statement, each under its own id; ids already queued are skipped. */
  async enqueueMany(queue: string, jobs: Array<{ id: string; data: unknown }>): Promise<void> {
    if (!jobs.length) return;
    const definition = this.definition(queue);
    const parsed = jobs.map((job) => {
      const data = definition.schema.safeParse(job.data);
      if (!data.success) throw new Error(`Invalid data for job ${queue}: ${data.error.message}`);
      return { id: job.id, data: data.data as object };
    });
    await this.boss.insert(queue, parsed);
  }

  async status(queue: string, jobId: string): Promise<JobStatus | null> {
    const [job] = await this.boss.findJobs(queue, { id: jobId });
    if (!job) return null;
    return {
      id: job.id,
      queue,
      state: job.state,
      attempts: job.retryCount + (job.state === "created" ? 0 : 1),
      data: job.data,
      output: job.output,
      createdOn: job.createdOn,
      completedOn: job.completedOn,
    };
  }

  async deadLetters(limit = 100): Promise<JobStatus[]> {
    const jobs = await this.boss.findJobs(DEAD_LETTER_QUEUE, { limit });
    return jobs.map((job) => ({
      id: job.id,
      queue: job.sourceName ?? DEAD_LETTER_QUEUE,
      state: job.state,
      attempts: job.retryCount,
      data: job.data,
      output: job.output,
      createdOn: job.createdOn,
      completedOn: job.completedOn,
    }));
  }

  /** Starts working every queue in this process, `concurrency` jobs at a time per queue. */
  async work(concurrency: number): Promise<void> {
    if (this.working) return;
    this.working = true;
    for (const definition of this.definitions.values()) {
      await this.boss.work(
        definition.name,
        {
          batchSize: definition.batchSize ?? 1,
          localConcurrency: concurrency,
          perJobResults: true,
          pollingIntervalSeconds: 0.5,
        },
        async (jobs) => {
          const results: JobResult[] = [];
          for (const job of jobs) results.push(await this.run(definition, job));
          return results;
        },
      );
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  private async run(definition: QueueDefinition, job: Job<unknown>): Promise<JobResult> {
    const logger = this.logger.child({ queue: definition.name, jobId: job.id, attempt: job.retryCount + 1 });
    const context: JobContext = {
      jobId: job.id,
      queue: definition.name,
      attempt: job.retryCount + 1,
      logger,
      signal: job.signal,
      jobs: this,
    };
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ issues: parsed.error.issues.length }, "job data failed validation; dead-lettered");
      return { id: job.id, status: "deadletter", output: { error: "invalid job data" } };
    }
    try {
      const output = await definition.handler(parsed.data, context);
      return { id: job.id, status: "completed", output: (output ?? {}) as object };
    } catch (error) {
      const terminal = (definition.isTerminal ?? ((e) => e instanceof TerminalJobError))(error);
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ err: { name: (error as Error)?.name, message }, terminal }, "job failed");
      return { id: job.id, status: terminal ? "deadletter" : "failed", output: { error: message, terminal } };
    }
  }

  private definition(queue: string): QueueDefinition {
    const definition = this.definitions.get(queue);
    if (!definition) throw new Error(`Unknown job queue "${queue}"`);
    return definition;
  }
}

// createQueue does nothing when the queue exists (and is safe when processes race); the update then brings an
// existing queue's retry policy in line with its definition. pg-boss refuses an update with nothing in it.
async function ensureQueue(boss: PgBoss, name: string, options: NonNullable<Parameters<PgBoss["createQueue"]>[1]>) {
  await boss.createQueue(name, options);
  const { policy: _policy, ...updatable } = options;
  if (Object.keys(updatable).length) await boss.updateQueue(name, updatable as never);
}
