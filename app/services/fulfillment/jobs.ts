// A wave's release as a job: paced by the shop's budget, a batch of orders per slice, continued by the next job
// until nothing is left (so a release of thousands never outlives the queue's expiry, and a crash resumes).
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext } from "../../jobs/queue";
import { stableUuid } from "../../jobs/stable-id";
import { perShop } from "../shop-jobs";
import { releaseWave } from "./waves";

export const WAVE_RELEASE_QUEUE = "waves-release";
const BATCH = 500;

export const WaveReleaseJobData = z.object({
  shopId: z.string().min(1),
  waveId: z.string().min(1),
  by: z.string().min(1),
  /** Orders to release in all, when the merchant releases part of a wave; the rest by default. */
  limit: z.number().int().positive().optional(),
});

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;

export function runWaveReleaseJob(
  db: Database,
  deps: { adminOrigin?: string },
  data: z.infer<typeof WaveReleaseJobData>,
  context: Context,
) {
  return perShop(db, deps, WAVE_RELEASE_QUEUE, 0, data, context, async ({ shopId, admin, pacer }) => {
    const batch = Math.min(BATCH, data.limit ?? BATCH);
    const result = await releaseWave(
      db,
      { shopId, admin, pacer, cause: data.by, signal: context.signal },
      data.waveId,
      batch,
    );
    const remaining = data.limit === undefined ? undefined : data.limit - result.released;
    if (result.left > 0 && (remaining === undefined || remaining > 0) && result.released > 0)
      // The continuation's id comes from this job's: a retry of this job queues it once.
      await context.jobs.enqueueWithId(
        WAVE_RELEASE_QUEUE,
        { ...data, limit: remaining },
        stableUuid(`${WAVE_RELEASE_QUEUE}:${context.jobId}:next`),
        { singletonKey: data.waveId },
      );
    return result;
  });
}
