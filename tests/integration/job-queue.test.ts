import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../../app/db/open";
import { progressForShop, reportProgress } from "../../app/jobs/progress";
import { defineQueue, JobQueue, TerminalJobError } from "../../app/jobs/queue";
import { AdminApiError } from "../../app/shopify/errors";
import { isTerminalError } from "../../app/jobs/definitions";
import { jobForShop } from "../../app/services/jobs";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";
import { memoryLogger } from "../helpers/silent-logger";
import { waitFor } from "../helpers/wait";

const Data = z.object({ shopId: z.string(), n: z.number().int() });

describe(`the job queue on ${engineName}`, () => {
  let db: Database & { drop(): Promise<void> };
  let queue: JobQueue;
  const attempts = new Map<number, number>();
  const seen: number[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    const { logger } = memoryLogger();
    const handle = async (data: z.infer<typeof Data>) => {
      const attempt = (attempts.get(data.n) ?? 0) + 1;
      attempts.set(data.n, attempt);
      seen.push(data.n);
      if (data.n === 2 && attempt < 3) throw new Error("Shopify answered HTTP 503");
      if (data.n === 3) throw new TerminalJobError("the shop uninstalled the app");
      if (data.n === 4) throw new Error("always fails");
      if (data.n === 5) throw new AdminApiError("unauthorized", "Shopify answered HTTP 401");
      return { doubled: data.n * 2 };
    };
    queue = await JobQueue.start(
      db,
      [
        defineQueue({
          name: "test-work",
          schema: Data,
          retryLimit: 2,
          retryDelaySeconds: 1,
          isTerminal: isTerminalError,
          handler: handle,
        }),
      ],
      logger,
    );
    await queue.work(2);
  });

  afterAll(async () => {
    await queue.stop();
    await db.drop();
  });

  const settled = (id: string) =>
    waitFor(
      async () => {
        const status = await queue.status("test-work", id);
        return status && ["completed", "failed", "cancelled"].includes(status.state) ? status : undefined;
      },
      30_000,
      `job ${id} to settle`,
    );

  it("refuses data that does not match the queue's schema, queuing nothing", async () => {
    await expect(queue.enqueue("test-work", { shopId: "s", n: "one" })).rejects.toThrow(
      /Invalid data for job test-work/,
    );
    await expect(queue.enqueue("no-such-queue", {})).rejects.toThrow(/Unknown job queue/);
  });

  it("runs a job and keeps its output", async () => {
    const id = (await queue.enqueue("test-work", { shopId: "s", n: 1 }))!;
    const status = await settled(id);
    expect(status).toMatchObject({ state: "completed", output: { doubled: 2 } });
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    const id = (await queue.enqueue("test-work", { shopId: "s", n: 2 }))!;
    const status = await settled(id);
    expect(status.state).toBe("completed");
    expect(attempts.get(2)).toBe(3);
  });

  it("sends a terminal failure to the dead letters at once, without retrying", async () => {
    const id = (await queue.enqueue("test-work", { shopId: "s", n: 3 }))!;
    expect((await settled(id)).state).toBe("failed");
    expect(attempts.get(3)).toBe(1);
    const dead = await waitFor(async () =>
      (await queue.deadLetters()).find((job) => (job.data as { n: number }).n === 3),
    );
    expect(dead.queue).toBe("test-work");
  });

  it("treats Shopify's 401 as terminal", async () => {
    const id = (await queue.enqueue("test-work", { shopId: "s", n: 5 }))!;
    expect((await settled(id)).state).toBe("failed");
    expect(attempts.get(5)).toBe(1);
  });

  it("dead-letters a job whose retries run out", async () => {
    const id = (await queue.enqueue("test-work", { shopId: "s", n: 4 }))!;
    expect((await settled(id)).state).toBe("failed");
    expect(attempts.get(4)).toBe(3);
    await waitFor(async () => (await queue.deadLetters()).some((job) => (job.data as { n: number }).n === 4));
  });

  it("queues a job under a chosen id once, however often it is asked", async () => {
    const id = "5b7d0a6e-7c1f-5e2a-9d3b-0c4e8f1a2b3c";
    expect(await queue.enqueueWithId("test-work", { shopId: "s", n: 6 }, id)).toBe(true);
    expect(await queue.enqueueWithId("test-work", { shopId: "s", n: 6 }, id)).toBe(false);
    await settled(id);
    expect(seen.filter((n) => n === 6)).toEqual([6]);
  });

  it("starts again on a database that already has its queues (a restart, or a second process)", async () => {
    const again = await JobQueue.start(
      db,
      [
        defineQueue({
          name: "test-work",
          schema: Data,
          retryLimit: 2,
          retryDelaySeconds: 1,
          handler: async () => ({}),
        }),
      ],
      memoryLogger().logger,
    );
    await again.stop();
  });

  it("keeps progress readable by the shop the job belongs to, and only by it", async () => {
    const shop = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    const job = { jobId: "job-progress-1", shopId: shop.id, queue: "test-work" };
    await reportProgress(db.prisma, job, { done: 10, total: 40, message: "pushing orders" });
    await reportProgress(db.prisma, job, { done: 25, total: 40 });
    expect(await progressForShop(db.prisma, shop.id, "job-progress-1")).toMatchObject({ done: 25, total: 40 });
    expect(await progressForShop(db.prisma, other.id, "job-progress-1")).toBeNull();
  });
});

describe(`a job's status for the UI on ${engineName}`, () => {
  let db: Database & { drop(): Promise<void> };
  let queue: JobQueue;

  beforeAll(async () => {
    db = await openTestDatabase();
    const Shop = z.object({ shop: z.string() });
    queue = await JobQueue.start(
      db,
      [
        defineQueue({
          name: "test-import",
          schema: Shop,
          retryLimit: 0,
          retryDelaySeconds: 1,
          handler: async () => ({}),
        }),
      ],
      memoryLogger().logger,
    );
  });
  afterAll(async () => {
    await queue.stop();
    await db.drop();
  });

  it("shows a shop its own job with its progress, and hides it from every other shop", async () => {
    const mine = await createShop(db.prisma);
    const other = await createShop(db.prisma);
    const id = (await queue.enqueue("test-import", { shop: mine.domain }))!;
    await reportProgress(
      db.prisma,
      { jobId: id, shopId: mine.id, queue: "test-import" },
      { done: 3, total: 9, message: "rows" },
    );
    expect(await jobForShop({ prisma: db.prisma, queue }, mine.domain, "test-import", id)).toMatchObject({
      id,
      state: "created",
      progress: { done: 3, total: 9, message: "rows" },
    });
    expect(await jobForShop({ prisma: db.prisma, queue }, other.domain, "test-import", id)).toBeNull();
    expect(
      await jobForShop(
        { prisma: db.prisma, queue },
        mine.domain,
        "test-import",
        "00000000-0000-4000-8000-000000000000",
      ),
    ).toBeNull();
    expect(await jobForShop({ prisma: db.prisma, queue }, mine.domain, "no-such-queue", id)).toBeNull();
  });
});
